"""The clock the services are given: a function returning now, an aware UTC datetime."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]
"""Returns now, an aware UTC datetime."""
