"""tutorbot: a Telegram revision tutor."""

__version__ = "0.1.0"
