"""``tutorbot backup PATH``: a consistent copy of the database, safe while the bot runs.

SQLite's online backup API copies the pages under a read transaction, so the copy is the
database as it was at one moment even while the bot writes. The copy is written beside the
target, checked, made a single self-contained file (no -wal beside it) and only then moved
over the target: a backup interrupted half-way leaves the previous one in place.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from tutorbot.adapters.store.db import DamagedDatabase, StoreError, connect, integrity_problem

logger = logging.getLogger(__name__)


def backup(source: Path, target: Path) -> int:
    """Copy the database at ``source`` to ``target`` (replacing it); returns its size in
    bytes. The source is read, never migrated: a backup taken before an upgrade is the
    database as the older tutorbot left it."""
    if not source.is_file():
        raise StoreError(source, "there is no database there to back up (check TUTORBOT_DB)")
    if target.is_dir():
        raise StoreError(target, "that is a folder: give the backup a file name")
    if target.exists() and target.resolve() == source.resolve():
        raise StoreError(target, "that is the database itself: choose another file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(target, f"cannot write there: {exc.strerror or exc}") from exc
    partial = target.with_name(f".{target.name}.partial")
    _remove(partial)
    try:
        connection = connect(source)
    except sqlite3.Error as exc:
        raise StoreError(source, exc) from exc
    try:
        problem = integrity_problem(connection)
        if problem is not None:
            raise DamagedDatabase(source, problem)
        copy = sqlite3.connect(partial, isolation_level=None)
        try:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            problem = integrity_problem(copy)
        finally:
            copy.close()
    except sqlite3.Error as exc:
        _remove(partial)
        raise StoreError(target, f"the copy could not be written: {exc}") from exc
    except BaseException:
        _remove(partial)
        raise
    finally:
        connection.close()
    if problem is not None:
        _remove(partial)
        raise StoreError(target, f"the copy did not check out ({problem}); nothing written")
    try:
        os.replace(partial, target)
    except OSError as exc:
        _remove(partial)
        raise StoreError(target, f"cannot write there: {exc.strerror or exc}") from exc
    logger.info("backed up %s to %s", source, target)
    return target.stat().st_size


def _remove(path: Path) -> None:
    for leftover in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
