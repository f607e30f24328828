"""How long a message may be: Telegram's limit, which the console keeps too, so that both
front ends show the same."""

MESSAGE_LENGTH = 4096
"""The most characters (UTF-16 code units) one message holds."""
