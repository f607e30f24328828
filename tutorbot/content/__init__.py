"""Decks: the model, and loading and validating YAML files."""

from tutorbot.content.loading import deck_files, load_deck, load_decks
from tutorbot.content.model import Deck, KeyPoint, Misconception, Question

__all__ = ["Deck", "KeyPoint", "Misconception", "Question", "deck_files", "load_deck", "load_decks"]
