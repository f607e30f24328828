"""Delivery pacing: when may the next message go out, within Telegram's rate limits.

Pure: no clock and no I/O; times are seconds on any monotonic scale, passed in by the caller.

- At most ``overall`` messages in any window of ``window`` seconds (a sliding window, so the
  limit holds for every window, not only for aligned ones);
- spread evenly, one every ``window / overall`` seconds, with a little slack (``burst``) so
  that a sender woken late catches up instead of losing the time: no bursts of 30 at once,
  which would arrive at Telegram bunched by network jitter, and little in flight at a time;
- at most one message per ``per_chat_interval`` seconds to the same chat;
- after a 429 nothing is sent until its ``retry_after`` has passed.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RateLimits:
    overall: int = 30
    """Messages per ``window`` across all chats."""
    window: float = 1.0
    per_chat_interval: float = 1.0
    burst: int = 2
    """Messages that may go out back to back to catch up after a late wake-up."""
    margin: float = 0.02
    """Seconds added to the sliding window: requests reach Telegram with some jitter, and the
    limit is counted there."""

    def __post_init__(self) -> None:
        if (
            self.overall < 1
            or self.window <= 0
            or self.per_chat_interval < 0
            or self.burst < 1
            or self.margin < 0
        ):
            raise ValueError(f"rate limits must be positive: {self}")

    @property
    def interval(self) -> float:
        return self.window / self.overall


class Pacer:
    """Remembers recent sends and answers when the next one to a chat may go out."""

    def __init__(self, limits: RateLimits | None = None) -> None:
        self.limits = limits or RateLimits()
        self._recent: deque[float] = deque(maxlen=self.limits.overall)
        self._last_by_chat: dict[int, float] = {}
        self._paused_until = float("-inf")
        self._next_slot = float("-inf")
        """The even schedule's next slot; a sender may run up to ``burst - 1`` slots ahead."""

    def earliest(self, chat_id: int | None, now: float) -> float:
        """The first moment at or after ``now`` when a message to ``chat_id`` is allowed
        (None: by the overall limits only)."""
        limits = self.limits
        moment = max(
            now, self._paused_until, self._next_slot - (limits.burst - 1) * limits.interval
        )
        if len(self._recent) == self.limits.overall:
            moment = max(moment, self._recent[0] + limits.window + limits.margin)
        last = self._last_by_chat.get(chat_id) if chat_id is not None else None
        if last is not None:
            moment = max(moment, last + self.limits.per_chat_interval)
        return moment

    def chat_free_at(self, chat_id: int) -> float:
        """When the per-chat limit next allows a message to ``chat_id`` (-inf: now)."""
        last = self._last_by_chat.get(chat_id)
        return float("-inf") if last is None else last + self.limits.per_chat_interval

    def try_take(self, chat_id: int, now: float) -> bool:
        """Record a send to ``chat_id`` at ``now`` if the limits allow it; say whether they did."""
        if self.earliest(chat_id, now) > now:
            return False
        self.record(chat_id, now)
        return True

    def record(self, chat_id: int, at: float) -> None:
        """A message to ``chat_id`` went out at ``at`` (also for sends not planned here)."""
        self._recent.append(at)
        self._next_slot = max(self._next_slot, at) + self.limits.interval
        self._last_by_chat[chat_id] = at
        if len(self._last_by_chat) > 4 * self.limits.overall + 1024:
            self._forget_before(at - self.limits.per_chat_interval)

    def pause(self, now: float, retry_after: float) -> None:
        """Telegram answered 429: send nothing for ``retry_after`` seconds."""
        self._paused_until = max(self._paused_until, now + max(retry_after, 0.0))
        logger.info("delivery paused for %.1f s (429)", retry_after)

    @property
    def paused_until(self) -> float:
        return self._paused_until

    def _forget_before(self, moment: float) -> None:
        self._last_by_chat = {c: t for c, t in self._last_by_chat.items() if t > moment}
