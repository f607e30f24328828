"""The deck file's schema (pydantic) and plain-English messages for its errors.

The models mirror the YAML keys exactly (``pass`` included); ``loading`` turns
a validated ``DeckSpec`` into the frozen model of ``tutorbot.core.deck``.
"""

from __future__ import annotations

import difflib
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import ErrorDetails

from tutorbot.core.deck import YamlPath
from tutorbot.core.deck_format.yaml_nodes import describe_path

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
ID_MAX_LENGTH = 64

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=ID_MAX_LENGTH, pattern=ID_PATTERN
    ),
]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPointSpec(_Spec):
    id: Id
    point: Text
    accept: Annotated[list[Text], Field(min_length=1)] | None = None
    evidence: Text | None = None


class MisconceptionSpec(_Spec):
    id: Id
    accept: Annotated[list[Text], Field(min_length=1)]
    correction: Text


class ExampleSpec(_Spec):
    answer: Text
    credit: list[Id] | None
    misconceptions: list[Id] | None = None


class QuestionSpec(_Spec):
    id: Id
    prompt: Text
    pass_mark: Annotated[int, Field(ge=1)] | None = Field(default=None, alias="pass")
    require: list[Id] | None = None
    hint: Text | None = None
    key_points: Annotated[list[KeyPointSpec], Field(min_length=1)]
    misconceptions: list[MisconceptionSpec] | None = None
    examples: list[ExampleSpec] | None = None


class DeckSpec(_Spec):
    id: Id | None = None
    title: Text
    subject: Text | None = None
    synonyms: dict[Text, Annotated[list[Text], Field(min_length=1)]] | None = None
    evidence: dict[Id, Text] | None = None
    questions: Annotated[list[QuestionSpec], Field(min_length=1)]


_SPEC_AT: dict[tuple[str, ...], type[BaseModel]] = {
    (): DeckSpec,
    ("questions",): QuestionSpec,
    ("questions", "key_points"): KeyPointSpec,
    ("questions", "misconceptions"): MisconceptionSpec,
    ("questions", "examples"): ExampleSpec,
}


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(path: YamlPath) -> type[BaseModel] | None:
    """Which spec describes the mapping at ``path`` (e.g. ``("questions", 0)``)."""
    names = tuple(part for part in path if isinstance(part, str))
    if len(path) != 2 * len(names):  # every name must be followed by an index
        return None
    return _SPEC_AT.get(names)


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    return type(value).__name__


EMPTY_ACCEPT = "must list at least one phrasing (or leave `accept` out to use the point itself)"
_TOO_SHORT = {
    "accept": EMPTY_ACCEPT,
    "key_points": "a question needs at least one key point",
    "questions": "a deck needs at least one question",
}
_TOO_SHORT_SYNONYMS = "must list at least one word or phrase that means the same"


def error_location(error: ErrorDetails) -> tuple[YamlPath, bool]:
    """The YAML path an error is about, and whether it is about a mapping key itself."""
    loc = error["loc"]
    if loc and loc[-1] == "[key]":
        return tuple(loc[:-1]), True
    return tuple(loc), False


def did_you_mean(message: str, typed: str, known: list[str]) -> str:
    """``message``, and the known name closest to ``typed`` when one is close."""
    close = difflib.get_close_matches(typed, known, n=1)
    return f"{message}; did you mean {close[0]!r}?" if close else message


def error_message(error: ErrorDetails) -> str:
    """One pydantic error as a sentence a teacher can act on."""
    path, is_key = error_location(error)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    where = describe_path(path)
    last = path[-1] if path else None

    if kind == "extra_forbidden":
        model = _model_at(path[:-1])
        allowed = allowed_keys(model) if model else []
        message = f"{describe_path(path[:-1])}: unknown key {last!r}"
        if allowed:
            message += f" (allowed: {', '.join(allowed)})"
            message = did_you_mean(message, str(last), allowed)
        return message
    if kind == "missing":
        return f"{describe_path(path[:-1])}: missing required key {last!r}"
    if is_key:
        where = f"{describe_path(path[:-1])}: key {last!r}"
        path = path[:-1]
    if kind in {"string_too_short"} or (kind == "string_type" and value is None):
        return f"{where}: must not be empty"
    if kind == "string_type":
        return f"{where}: must be text, not {_kind(value)}"
    if kind == "string_pattern_mismatch":
        return (
            f"{where}: {value!r} is not a valid id "
            "(use letters, digits, '-', '_' or '.', with no spaces)"
        )
    if kind == "string_too_long":
        return f"{where}: an id can be at most {ID_MAX_LENGTH} characters long"
    empty = _TOO_SHORT.get(str(last), "must not be empty")
    if last == "accept" and "misconceptions" in path:
        empty = "must list at least one phrasing of the misconception"
    if len(path) == 2 and path[0] == "synonyms":
        empty = _TOO_SHORT_SYNONYMS
    if kind == "too_short" or (kind == "list_type" and value is None):
        return f"{where}: {empty}"
    if kind == "list_type":
        return f"{where}: must be a list ('- item' lines, or [a, b]), not {_kind(value)}"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{where}: must be a mapping of keys (key: value lines), not {_kind(value)}"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{where}: must be a whole number, not {_kind(value)}"
    if kind == "greater_than_equal":
        return f"{where}: must be at least {ctx.get('ge')}, not {value}"
    return f"{where}: {error['msg']}"
