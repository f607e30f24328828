"""Settings: read once from the environment (and a ``.env`` file) in ``cli``, then passed down."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs

from tutorbot.core.errors import TutorError, quoted

TOKEN_PATTERN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class SettingsError(TutorError):
    """A setting is missing or malformed; the message names it and says what to set."""


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("tutorbot")) / "tutorbot.sqlite3"


BUNDLED_CONTENT = Path(__file__).parent / "bundled"
"""The bundled deck, installed with the package (a link to the repository's content/)."""


def default_content_dir() -> Path:
    """``./content`` when the current folder has one, else the bundled deck."""
    local = Path("content")
    return local if local.is_dir() else BUNDLED_CONTENT


@dataclass(frozen=True)
class Settings:
    db_path: Path = field(default_factory=default_db_path)
    content_dir: Path = field(default_factory=default_content_dir)
    """Decks: TUTORBOT_CONTENT (or ``--content``), else ./content, else the bundled deck."""
    token: str | None = None
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    teachers: frozenset[int] = frozenset()
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/London"))
    push_interval: float = 20.0
    """Seconds between the push job's runs (TUTORBOT_PUSH_INTERVAL; tests shorten it)."""
    llm_url: str | None = None
    """An OpenAI-compatible chat-completions URL ``tutorbot draft`` may ask; None: offline."""
    llm_model: str = "local"
    llm_timeout: float = 60.0

    def require_token(self) -> str:
        if not self.token:
            raise SettingsError(
                "TUTORBOT_TOKEN is not set: put the token @BotFather gave you in .env "
                "(see .env.example) or the environment"
            )
        if not TOKEN_PATTERN.match(self.token):
            raise SettingsError(
                "TUTORBOT_TOKEN does not look like a bot token (expected 123456:ABC-def...)"
            )
        return self.token


def redact(text: str, token: str | None) -> str:
    """``text`` with the bot token replaced by its public part (the bot's id), e.g. in an
    error the Bot API or the HTTP library wrote: a token in a log or terminal is a leak."""
    if not token:
        return text
    bot_id = token.split(":", 1)[0]
    return text.replace(token, f"{bot_id}:<token hidden>")


def load_settings(env: Mapping[str, str] | None = None, *, dotenv: Path | None = None) -> Settings:
    """Settings from ``env`` (default ``os.environ``) over those in ``dotenv`` (default ./.env)."""
    values: dict[str, str] = {}
    if env is None:
        from dotenv import dotenv_values

        path = dotenv if dotenv is not None else Path(".env")
        if path.is_file():
            values.update({k: v for k, v in dotenv_values(path).items() if v is not None})
        env = os.environ
    values.update(env)

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    defaults = Settings()
    return Settings(
        db_path=Path(get("TUTORBOT_DB") or defaults.db_path).expanduser(),
        content_dir=Path(get("TUTORBOT_CONTENT") or defaults.content_dir).expanduser(),
        token=get("TUTORBOT_TOKEN"),
        api_base_url=get("TUTORBOT_API_BASE_URL"),
        webhook_url=get("TUTORBOT_WEBHOOK_URL"),
        webhook_listen=get("TUTORBOT_WEBHOOK_LISTEN") or defaults.webhook_listen,
        webhook_port=_port(get("TUTORBOT_WEBHOOK_PORT"), defaults.webhook_port),
        webhook_secret=get("TUTORBOT_WEBHOOK_SECRET"),
        teachers=_teachers(get("TUTORBOT_TEACHERS")),
        timezone=_zone(get("TUTORBOT_TIMEZONE") or "Europe/London"),
        push_interval=_seconds(
            "TUTORBOT_PUSH_INTERVAL", get("TUTORBOT_PUSH_INTERVAL"), defaults.push_interval
        ),
        llm_url=get("TUTORBOT_LLM_URL"),
        llm_model=get("TUTORBOT_LLM_MODEL") or defaults.llm_model,
        llm_timeout=_seconds(
            "TUTORBOT_LLM_TIMEOUT", get("TUTORBOT_LLM_TIMEOUT"), defaults.llm_timeout
        ),
    )


def _seconds(name: str, raw: str | None, default: float) -> float:
    if raw is None:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = 0.0
    if not 0.1 <= seconds <= 3600:
        raise SettingsError(
            f"{name} must be a number of seconds from 0.1 to 3600, not {raw[:20]!r}"
        )
    return seconds


def _port(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"TUTORBOT_WEBHOOK_PORT must be a port number, not {raw!r}")
    return int(raw)


def _teachers(raw: str | None) -> frozenset[int]:
    if raw is None:
        return frozenset()
    ids = [part.strip() for part in raw.split(",") if part.strip()]
    # a user id is a positive number; negative ids are groups and channels
    bad = [part for part in ids if not (part.isascii() and part.isdigit() and int(part) > 0)]
    if bad:
        shown = ", ".join(quoted(part, 20) for part in bad[:5])
        raise SettingsError(
            "TUTORBOT_TEACHERS must be comma-separated Telegram user ids (positive numbers, "
            f"as @userinfobot shows them); not user ids: {shown}"
        )
    return frozenset(int(part) for part in ids)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(
            f"TUTORBOT_TIMEZONE {name!r} is not a known time zone (e.g. Europe/London)"
        ) from exc
