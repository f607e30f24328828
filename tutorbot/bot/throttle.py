"""The one throttle: every message the bot sends waits here for its slot in one ``Pacer``
(tutorbot/core/pacing.py): at most 30 a second overall, nothing during a 429's retry_after, and one
a second per chat in a teacher's chat (a broadcast's progress message, its edits and final
count). A student's chat gets replies at once (the pacer still counts them, so the delivery
worker's next message to that student keeps its distance).

The delivery worker (tutorbot/services/delivery.py) takes its slots from the same pacer before it
marks a message as sending; its requests (``delivery.SLOT_TAKEN``) then go out at once, so a
message is marked as sending only when its request leaves. Other requests (replies to
students, the teacher's final count) wait here, and are tried again after a 429.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from tutorbot.core.pacing import Pacer
from tutorbot.services.delivery import SLOT_TAKEN

logger = logging.getLogger(__name__)

AS_IT_LEAVES: ContextVar[Callable[[], None] | None] = ContextVar(
    "tutorbot_as_it_leaves", default=None
)
"""Called as each request made in this context leaves, after any wait for its slot: to
record a send (a feedback message) only once nothing stands between the record and the
request."""

MESSAGE_PREFIXES = ("send", "edit", "copy", "forward")
"""Bot API methods that put (or change) a message in a chat: the ones Telegram counts."""


class OneThrottle(BaseRateLimiter[None]):
    def __init__(
        self,
        pacer: Pacer | None,
        *,
        paced_chats: frozenset[int] = frozenset(),
        retries: int = 3,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.pacer = pacer
        """None: no limits (a local Bot API server, tests); requests still pass here."""
        self.paced_chats = paced_chats
        """Chats held to the per-chat interval (teachers')."""
        self._retries = retries
        self._mono = monotonic
        self._sleep = sleep

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | JSONDict | list[JSONDict]:
        chat = _chat_key(data) if _is_message(endpoint) else None
        paced_already = SLOT_TAKEN.get()
        for attempt in range(self._retries + 1):
            if chat is not None and not (paced_already and attempt == 0):
                await self.take(chat)
            leaving = AS_IT_LEAVES.get()
            if leaving is not None:
                leaving()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if self.pacer is not None:
                    self.pacer.pause(self._mono(), retry_seconds(exc.retry_after))
                if paced_already or attempt == self._retries:
                    raise  # the delivery worker queues it again itself
                logger.info("%s to %s: 429, trying again", endpoint, chat)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def take(self, chat: int) -> None:
        """Wait for the next slot of a message to ``chat`` and take it."""
        if self.pacer is None:
            return
        paced = chat if chat in self.paced_chats else None
        while True:
            now = self._mono()
            wait = self.pacer.earliest(paced, now) - now
            if wait <= 0:
                self.pacer.record(chat, now)
                return
            await self._sleep(wait)


def _is_message(endpoint: str) -> bool:
    return endpoint.startswith(MESSAGE_PREFIXES) and endpoint != "sendChatAction"


def _chat_key(data: dict[str, Any]) -> int | None:
    chat = data.get("chat_id")
    if chat is None:
        return None
    try:
        return int(chat)
    except (TypeError, ValueError):  # '@channelname'
        return hash(chat)


def retry_seconds(wait: float | timedelta) -> float:
    """A 429's ``retry_after`` in seconds (an int, or a timedelta with PTB_TIMEDELTA)."""
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
