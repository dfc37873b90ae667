"""Run settings shared by every asset: where data lives and which input mode this run uses."""

from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from orchestration.lib.paths import SAMPLE_DIR, DataPaths, resolve_data_dir

MODES = ("sample", "files", "live")


class TumenSettings(dg.ConfigurableResource):
    """How tonight's run gets its inputs.

    ``mode``: ``sample`` reads the bundled ``data/sample``; ``files`` reads ``source_dir`` (one
    sub-folder per source); ``live`` fetches from the publishers. ``sources`` limits which sources
    land new files (empty: all). Empty values fall back, when the run starts (never at import),
    to ``$TUMEN_DATA_DIR`` (else ``./data``), ``$TUMEN_MODE`` (else ``sample``) and
    ``$TUMEN_SOURCE_DIR``: that is how a scheduled run under ``dagster dev`` or the daemon is
    pointed at live or dropped files.
    """

    data_dir: str = ""
    mode: str = ""
    source_dir: str = ""
    sources: list[str] = []

    @property
    def run_mode(self) -> str:
        mode = self.mode or os.environ.get("TUMEN_MODE") or "sample"
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
        return mode

    @property
    def run_source_dir(self) -> str:
        return self.source_dir or os.environ.get("TUMEN_SOURCE_DIR", "")

    def paths(self) -> DataPaths:
        return DataPaths(resolve_data_dir(self.data_dir or None)).ensure()

    @property
    def dataset(self) -> str:
        """Sample data and real data never share a warehouse."""
        return "sample" if self.run_mode == "sample" else "own"

    def selected(self, source: str) -> bool:
        return not self.sources or source in self.sources

    def input_folder(self, source: str) -> Path | None:
        if self.run_mode == "sample":
            return SAMPLE_DIR / source
        if self.run_mode == "files":
            if not self.run_source_dir:
                raise ValueError("mode 'files' needs source_dir (or $TUMEN_SOURCE_DIR)")
            return Path(self.run_source_dir).expanduser().resolve() / source
        return None
