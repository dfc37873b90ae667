"""Errors that name the file, the record and the reason, so an analyst can fix the input."""

from __future__ import annotations

from pathlib import Path


class SourceFormatError(ValueError):
    """A source file cannot be read without guessing.

    Raised instead of emitting ambiguous data: the whole snapshot is refused and nothing from it
    is published.
    """

    def __init__(self, file: str | Path, reason: str, record: str | int | None = None):
        self.file = str(file)
        self.record = record
        self.reason = reason
        where = f"{self.file}" + (f", record {record}" if record is not None else "")
        super().__init__(f"{where}: {reason}")


class TumenConfigError(RuntimeError):
    """The user asked for something that cannot work as configured (missing source, bad flag)."""
