"""Where decks come from: TUTORBOT_CONTENT, else ./content, else the deck bundled in the package."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutorbot.config import BUNDLED_CONTENT, load_settings
from tutorbot.content import load_decks


def test_without_a_setting_or_a_content_folder_the_bundled_deck_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    settings = load_settings({})

    assert settings.content_dir == BUNDLED_CONTENT
    [deck] = load_decks([settings.content_dir])
    assert deck.id == "stalin-foreign-policy-1924-1929"


def test_a_content_folder_in_the_current_folder_comes_before_the_bundled_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)

    assert load_settings({}).content_dir == Path("content")


def test_tutorbot_content_overrides_both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)

    assert load_settings({"TUTORBOT_CONTENT": "~/decks"}).content_dir == Path.home() / "decks"


def test_the_bundled_deck_ships_with_its_notes() -> None:
    assert (BUNDLED_CONTENT / "notes" / "stalin-foreign-policy-1924-1929.txt").is_file()
