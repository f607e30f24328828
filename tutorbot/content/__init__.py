"""Decks: the model, and loading and validating YAML files."""

from tutorbot.content.model import Deck, KeyPoint, Misconception, Question

__all__ = ["Deck", "KeyPoint", "Misconception", "Question"]
