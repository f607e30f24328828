"""How a teacher's broadcast (or push) is going: the counts of its messages by outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Counts:
    queued: int = 0
    sending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    unconfirmed: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.sending + self.done

    @property
    def done(self) -> int:
        return self.sent + self.blocked + self.failed + self.unconfirmed


@dataclass(frozen=True)
class BroadcastProgress:
    class_name: str
    kind: Literal["broadcast", "push"]
    counts: Counts
    done: bool
