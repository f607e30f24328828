"""SemEval-2013 Task 7 (2-way): reading the question XML files, and the scores.

Layout read (as unzipped upstream): ``data/training/2way/<corpus>/*.xml`` and
``data/test/2way/<corpus>/<split>/*.xml``, one question per file.

Every reference answer is accepted, whatever its category. Beetle's carry one (BEST, GOOD,
MINIMAL, KEYWORD); KEYWORD ones are short ("a gap", "same") but they are answers the
human markers accepted: of the training and test student answers whose ``answerMatch``
names a KEYWORD reference, 23 of 27 are labelled correct (BEST: 1239 of 2153). SciEntsBank
references have no category. Each ``studentAnswer`` element is one instance (its ``count``
attribute is ignored, as in the task's own scoring).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

CORPORA = ("beetle", "sciEntsBank")
TRAINING = "training"
SPLITS = (TRAINING, "test-unseen-answers", "test-unseen-questions", "test-unseen-domains")


class DataError(Exception):
    """The data directory or one of its files can't be read as SemEval-2013 Task 7."""


@dataclass(frozen=True)
class Reference:
    id: str
    text: str
    category: str | None


@dataclass(frozen=True)
class StudentAnswer:
    id: str
    text: str
    correct: bool


@dataclass(frozen=True)
class SemevalQuestion:
    id: str
    text: str
    references: tuple[Reference, ...]
    answers: tuple[StudentAnswer, ...]

    @property
    def accepted(self) -> tuple[str, ...]:
        """Reference answer texts, the correct phrasings, without duplicates or blanks."""
        return tuple(dict.fromkeys(r.text for r in self.references if r.text))


def _text(element: ET.Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def parse_question(xml: str | bytes, source: str = "<string>") -> SemevalQuestion:
    """One question file's content."""
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise DataError(f"{source}: not XML ({exc})") from exc
    if root.tag != "question" or not root.get("id"):
        raise DataError(f"{source}: expected a <question id=...> root element")
    references = tuple(
        Reference(ref.get("id", ""), _text(ref), ref.get("category"))
        for ref in root.iterfind("referenceAnswers/referenceAnswer")
    )
    answers = []
    for answer in root.iterfind("studentAnswers/studentAnswer"):
        label = answer.get("accuracy")
        if label not in ("correct", "incorrect"):
            raise DataError(f"{source}: student answer {answer.get('id')} has accuracy={label!r}")
        answers.append(StudentAnswer(answer.get("id", ""), _text(answer), label == "correct"))
    question = SemevalQuestion(
        root.get("id", ""), _text(root.find("questionText")), references, tuple(answers)
    )
    if not question.accepted:
        raise DataError(f"{source}: question {question.id} has no usable reference answer")
    return question


def split_dir(root: Path, corpus: str, split: str) -> Path:
    data = root / "data" if (root / "data").is_dir() else root
    if split == TRAINING:
        return data / TRAINING / "2way" / corpus
    return data / "test" / "2way" / corpus / split


def load_split(directory: Path) -> list[SemevalQuestion]:
    return [
        parse_question(path.read_bytes(), str(path)) for path in sorted(directory.glob("*.xml"))
    ]


def load_all(
    root: Path, corpora: Sequence[str] = CORPORA, splits: Sequence[str] = SPLITS
) -> dict[tuple[str, str], list[SemevalQuestion]]:
    """(corpus, split) -> questions, for every pair present under ``root``."""
    if not root.is_dir():
        raise DataError(f"{root}: no such directory")
    found = {}
    for corpus in corpora:
        for split in splits:
            directory = split_dir(root, corpus, split)
            if directory.is_dir() and any(directory.glob("*.xml")):
                found[corpus, split] = load_split(directory)
    if not found:
        raise DataError(
            f"{root}: no SemEval-2013 2-way XML files under data/{{training,test}}/2way/"
        )
    return found


@dataclass(frozen=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    weighted_f1: float


def f1(gold: Sequence[bool], predicted: Sequence[bool], label: bool) -> float:
    """F1 of one label; 0 when the label is neither predicted nor present."""
    tp = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
    fp = sum(g != label and p == label for g, p in zip(gold, predicted, strict=True))
    fn = sum(g == label and p != label for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def scores(gold: Sequence[bool], predicted: Sequence[bool]) -> Scores:
    """Accuracy, and F1 averaged over the labels present in gold or predicted: plain (macro)
    and by gold support (weighted), as scikit-learn's ``f1_score`` computes them."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    n = len(gold)
    if not n:
        return Scores(0, 0.0, 0.0, 0.0)
    labels = set(gold) | set(predicted)
    per_label = {label: f1(gold, predicted, label) for label in labels}
    support = {label: sum(g == label for g in gold) for label in labels}
    return Scores(
        n=n,
        accuracy=sum(g == p for g, p in zip(gold, predicted, strict=True)) / n,
        macro_f1=sum(per_label.values()) / len(labels),
        weighted_f1=sum(per_label[label] * support[label] for label in per_label) / n,
    )
