"""The README's map of the code ("Where things happen") names only things that exist."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
SECTION = re.compile(r"^### Where things happen\n(.*?)(?=^#|\Z)", re.M | re.S)
DOTTED = re.compile(r"`((?:bot|services|core|adapters)(?:\.\w+)+)`")


def map_names() -> list[str]:
    found = SECTION.search(README.read_text("utf-8"))
    assert found is not None, "README.md has no 'Where things happen' section"
    return sorted(set(DOTTED.findall(found.group(1))))


def resolve(name: str) -> object:
    """``tutorbot.<name>``: the longest importable module, then attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: ModuleType | object = importlib.import_module(
                "tutorbot." + ".".join(parts[:cut])
            )
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ModuleNotFoundError(name)


def test_the_map_names_the_path_of_an_answer_a_broadcast_and_a_daily_quiz() -> None:
    names = map_names()
    for essential in (
        "services.tutor.Tutor.answer",
        "core.marking.mark",
        "services.classroom.Classroom.broadcast",
        "services.daily_quiz.DailyQuiz.enqueue_due",
        "services.wiring.build_services",
    ):
        assert essential in names


@pytest.mark.parametrize("name", map_names())
def test_each_name_in_the_map_exists(name: str) -> None:
    assert resolve(name) is not None
