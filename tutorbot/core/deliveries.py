"""Messages to students and how they went: the delivery queue's values, a teacher's broadcast
(or push) and the counts of its messages by outcome, and the state of a feedback send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


Kind = Literal["text", "question", "quiz"]


Status = Literal["queued", "sending", "sent", "blocked", "failed", "unconfirmed"]


@dataclass(frozen=True)
class NewMessage:
    key: str
    """Unique per message: enqueueing the same key twice adds nothing."""
    student_id: int
    kind: Kind
    text: str | None = None
    deck_id: str | None = None
    question_id: str | None = None
    broadcast_id: int | None = None
    status: Status = "queued"


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    key: str
    student_id: int
    kind: Kind
    text: str | None
    deck_id: str | None
    question_id: str | None
    broadcast_id: int | None
    status: Status
    tries: int


@dataclass(frozen=True)
class Broadcast:
    id: int
    teacher_id: int
    class_name: str
    kind: Literal["broadcast", "push"]
    progress_message_id: int | None
    created_at: datetime
    finished_at: datetime | None


SendState = Literal["sending", "resending"]
