"""Update intake: every update is stored in the inbox before Telegram may forget it, read one
by one (an unreadable one is skipped, not re-fetched forever), and run to the end once.

- Polling: python-telegram-bot puts each fetched update into the application's queue and only
  then confirms the batch (the offset of the next getUpdates). ``InboxQueue.put`` stores the
  update (committed) first, so a kill at any moment leaves it either unconfirmed (Telegram
  hands it out again) or stored (the bot runs it at start-up): never lost.
- Webhook: the request is answered (200) once ``put`` returned, so after the commit.
- An update Telegram hands out again (unconfirmed when the bot was killed, or a webhook retry)
  is stored already: ``put`` drops it.
- At start-up ``requeue_unfinished`` runs again what was not finished. An answer runs again
  in full: marking and its feedback are idempotent per message (tutorbot/services/tutor.py,
  tutorbot/services/feedback_delivery.py). Anything else that had started may have had its
  effect and sent its reply: it is not run twice (abandoned, logged).
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import JSONDict, ODVInput
from telegram.ext import ExtBot, filters

from tutorbot.adapters.store.inbox import Inbox
from tutorbot.core.clock import Clock

logger = logging.getLogger(__name__)

ANSWER = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
KEEP_HANDLED = timedelta(days=2)
"""Handled updates are remembered this long (Telegram keeps an unconfirmed one a day)."""


class _Polling:
    def __init__(self) -> None:
        self.confirm: int | None = None
        """The offset that confirms every update fetched so far, readable or not."""


class IntakeBot(ExtBot[None]):
    """getUpdates read update by update: one python-telegram-bot cannot parse (e.g. from an
    older self-hosted Bot API server) is logged once with its id and skipped, and its offset
    is confirmed with the next request, so polling goes on."""

    __slots__ = ("_polling",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            self._polling = _Polling()

    async def _post(
        self,
        endpoint: str,
        data: JSONDict | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> Any:
        timeouts: dict[str, Any] = {
            "read_timeout": read_timeout,
            "write_timeout": write_timeout,
            "connect_timeout": connect_timeout,
            "pool_timeout": pool_timeout,
            "api_kwargs": api_kwargs,
        }
        if endpoint != "getUpdates":
            return await super()._post(endpoint, data, **timeouts)
        if data is not None and self._polling.confirm is not None:
            data = {**data, "offset": self._polling.confirm}
        fetched: list[JSONDict] = await super()._post(endpoint, data, **timeouts)
        if fetched:
            self._polling.confirm = int(fetched[-1]["update_id"]) + 1
        return [raw for raw in fetched if self._readable(raw)]

    def _readable(self, raw: JSONDict) -> bool:
        try:
            Update.de_json(raw, self)
        except Exception as exc:  # whatever the library raises on data it does not expect
            logger.warning(
                "update %s cannot be read, skipped: %s: %s",
                raw.get("update_id"),
                type(exc).__name__,
                exc,
            )
            return False
        return True


class InboxQueue(asyncio.Queue[object]):
    """The application's update queue; an update put in is stored in the inbox first."""

    def __init__(self, inbox: Inbox, clock: Clock) -> None:
        super().__init__()
        self.inbox = inbox
        self._clock = clock

    async def put(self, item: object) -> None:
        if isinstance(item, Update) and not self.inbox.receive(
            item.update_id, item.to_json(), self._clock()
        ):
            logger.info("update %d came again: it is handled once", item.update_id)
            return
        await super().put(item)

    def prune(self) -> int:
        """Forget updates handled long enough ago that Telegram cannot send them again."""
        return self.inbox.prune(self._clock() - KEEP_HANDLED)

    async def requeue_unfinished(self, bot: ExtBot[Any]) -> int:
        """At start-up: queue again the updates stored and not finished; returns how many."""
        self.prune()
        queued = 0
        for stored in self.inbox.unfinished():
            try:
                update = Update.de_json(json.loads(stored.body), bot)
            except Exception as exc:  # stored by another version of the library
                logger.warning("stored update %d cannot be read: %s", stored.update_id, exc)
                self.inbox.abandon(stored.update_id)
                continue
            if stored.state == "started" and not ANSWER.check_update(update):
                logger.warning(
                    "update %d was cut off while handled; not run twice", stored.update_id
                )
                self.inbox.abandon(stored.update_id)
                continue
            await super().put(update)
            queued += 1
        if queued:
            logger.info("%d update(s) received before a stop are handled now", queued)
        return queued
