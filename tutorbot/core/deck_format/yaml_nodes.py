"""YAML text -> plain Python data plus the line every value came from.

PyYAML's node tree (``compose``) keeps a start mark on every node; walking it
ourselves gives both the data and a map from each path (``("questions", 2,
"pass")``) to its 1-based line, so that a schema error can point at the line a
teacher has to fix. Walking the nodes also lets us:

- reject duplicate mapping keys, which ``yaml.safe_load`` silently drops;
- keep every scalar as the text the teacher wrote: ``yes``/``no``/``on``,
  ``1.10`` or ``2024-01-01`` stay strings instead of turning into booleans,
  floats or dates. Only an empty plain scalar (``key:`` or ``~``/``null``)
  becomes ``None``; numbers are parsed later by the schema where one is wanted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from tutorbot.core.deck import YamlPath, line_of

MAX_DEPTH = 40
"""Deepest nesting of lists and mappings read (a deck needs 6): deeper is reported, not
followed, as PyYAML and the walker recurse once per level."""
NULLS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass(frozen=True)
class YamlIssue:
    line: int | None
    message: str


@dataclass
class ParsedYaml:
    data: object
    lines: dict[YamlPath, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)

    def line_of(self, path: YamlPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        return line_of(self.lines, path)


class _SelfReference(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def parse_yaml(text: str) -> ParsedYaml:
    """Parse one YAML document. Syntax errors come back as issues, never raised."""
    try:
        too_deep, line = _too_deep(text)
        if too_deep:
            message = f"lists and mappings nest more than {MAX_DEPTH} levels deep here"
            return ParsedYaml(None, issues=[YamlIssue(line, message)])
        loader = yaml.SafeLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return ParsedYaml(None, issues=[_syntax_issue(exc)])
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return ParsedYaml(
            None,
            issues=[
                YamlIssue(line, f"the file contains a character YAML cannot read: {exc.reason}")
            ],
        )
    except yaml.YAMLError as exc:
        return ParsedYaml(None, issues=[YamlIssue(None, f"YAML syntax error: {exc}")])
    if root is None:
        return ParsedYaml(None)
    parsed = ParsedYaml(None)
    try:
        parsed.data = _Walker(parsed).build(root, ())
    except _SelfReference as exc:
        parsed.data = None
        parsed.issues.append(
            YamlIssue(exc.line, "an alias (*name) refers to a value that contains it")
        )
    return parsed


def _too_deep(text: str) -> tuple[bool, int | None]:
    """Whether nesting goes deeper than ``MAX_DEPTH``, and the line where it first does; read
    event by event (PyYAML's parser, unlike its composer, does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return True, (mark.line + 1 if mark is not None else None)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False, None


def _syntax_issue(exc: yaml.MarkedYAMLError) -> YamlIssue:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    parts = [part for part in (exc.problem, exc.context) if part]
    context_mark, problem_mark = exc.context_mark, exc.problem_mark
    if exc.context and context_mark and problem_mark and context_mark.line != problem_mark.line:
        parts[-1] = f"{exc.context} on line {context_mark.line + 1}"
    detail = ("; ".join(parts) or "could not parse").replace(
        "'<stream end>'", "the end of the file"
    )
    hint = ""
    if "mapping values are not allowed" in detail:
        hint = " (a text value containing ': ' must be put in quotes)"
    elif "found character '\\t'" in detail:
        hint = " (indent with spaces, not tabs)"
    elif "expected <block end>" in detail or "did not find expected" in detail:
        hint = " (check this line's indentation: it must line up with the keys above it)"
    elif "expected a single document" in detail:
        hint = " (a deck file holds one deck: remove the extra '---')"
    return YamlIssue(line, f"YAML syntax error: {detail}{hint}")


class _Walker:
    def __init__(self, parsed: ParsedYaml) -> None:
        self.parsed = parsed
        self.built: dict[int, object] = {}
        self.in_progress: set[int] = set()

    def build(self, node: yaml.Node, path: YamlPath) -> object:
        key = id(node)
        if key in self.in_progress:
            raise _SelfReference(node.start_mark.line + 1)
        if key in self.built:  # an alias: share the value, its lines are recorded once
            return self.built[key]
        self.parsed.lines.setdefault(path, node.start_mark.line + 1)
        self.in_progress.add(key)
        try:
            value = self._build(node, path)
        finally:
            self.in_progress.discard(key)
        self.built[key] = value
        return value

    def _build(self, node: yaml.Node, path: YamlPath) -> object:
        if isinstance(node, yaml.ScalarNode):
            text: str = node.value
            if node.style is None and text in NULLS:
                return None
            return text
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, path)

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[object, object]:
        result: dict[object, object] = {}
        first_line: dict[object, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.parsed.issues.append(
                    YamlIssue(line, "a key must be a plain word, not a list or mapping")
                )
                continue
            key = key_node.value
            if key in first_line:
                self.parsed.issues.append(
                    YamlIssue(
                        line,
                        f"{describe_path(path)}: key {key!r} appears twice in the same "
                        f"mapping (first on line {first_line[key]})",
                    )
                )
                continue
            first_line[key] = line
            child = (*path, key)
            # Point at the key's line: for a block value the node starts on the next line.
            self.parsed.lines[child] = line
            result[key] = self.build(value_node, child)
        return result


def describe_path(path: YamlPath) -> str:
    """``("questions", 2, "key_points", 0)`` -> ``questions[3].key_points[1]`` (counting from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text or "top level"
