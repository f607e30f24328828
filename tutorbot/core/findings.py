"""What ``examples`` and ``lint`` find in a loaded deck, and where it is in the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tutorbot.core.deck import Deck, YamlPath
from tutorbot.core.errors import Problem


@dataclass(frozen=True)
class Finding:
    path: YamlPath
    """Where in the deck, e.g. ``("questions", 2, "examples", 0)``."""
    message: str
    rule: str = ""
    """The lint rule's name; empty for an example that disagrees."""


def located(deck: Deck, findings: Iterable[Finding], *, prefix: str = "") -> list[Problem]:
    """``findings`` as problems with the deck's file and the line of each path."""
    return [
        Problem(deck.source or deck.id, deck.line_of(f.path), f"{prefix}{f.message}")
        for f in findings
    ]
