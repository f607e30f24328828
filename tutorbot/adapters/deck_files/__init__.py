"""Decks: the model, and loading and validating YAML files."""

from tutorbot.adapters.deck_files.loading import deck_files, load_deck, load_decks
from tutorbot.core.deck import Deck, KeyPoint, Misconception, Question

__all__ = ["Deck", "KeyPoint", "Misconception", "Question", "deck_files", "load_deck", "load_decks"]
