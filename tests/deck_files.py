"""Small deck files for the upload tests: a valid deck, its update, broken ones."""

from __future__ import annotations

VOLCANOES = """\
id: volcanoes
title: Volcanoes
subject: Geography
questions:
  - id: magma
    prompt: What is magma?
    key_points:
      - id: molten
        point: Molten rock below the surface
        accept: [molten rock, melted rock]
    examples:
      - answer: it is molten rock
        credit: [molten]
      - answer: a kind of cloud
        credit: []
  - id: lava
    prompt: What is lava?
    key_points:
      - id: erupted
        point: Magma that reaches the surface
        accept: [reaches the surface, comes out of the volcano]
"""

VOLCANOES_UPDATED = """\
id: volcanoes
title: Volcanoes and plates
subject: Geography
questions:
  - id: magma
    prompt: What is magma?
    key_points:
      - id: molten
        point: Molten rock below the surface
        accept: [molten rock, melted rock]
  - id: plates
    prompt: What moves the plates?
    key_points:
      - id: convection
        point: Convection currents in the mantle
        accept: [convection currents]
"""

TWO_PROBLEMS = """\
id: broken
title: Broken
colour: red
questions:
  - id: one
    prompt: First?
    key_points:
      - id: a
        point: The answer
        accept: [the answer]
  - id: two
    prompt: Second?
    pass: lots
    key_points:
      - id: b
        point: Another answer
"""

EXAMPLE_DISAGREES = """\
id: disagrees
title: Disagrees
questions:
  - id: one
    prompt: First?
    key_points:
      - id: a
        point: The answer
        accept: [the answer]
    examples:
      - answer: something else entirely
        credit: [a]
"""

BOMB = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
    + ["title: *i", "questions: []"]
)
"""The "billion laughs": nine lines that expand to 10^9 values."""


def many_questions(count: int) -> str:
    questions = "".join(
        f"  - id: q{i}\n    prompt: Question {i}?\n    key_points:\n"
        f"      - id: p\n        point: Point {i}\n"
        for i in range(count)
    )
    return f"id: many\ntitle: Many\nquestions:\n{questions}"
