"""Run settings shared by every asset: where data lives and which input mode this run uses."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.lib.paths import SAMPLE_DIR, DataPaths, resolve_data_dir

MODES = ("sample", "files", "live")


class TumenSettings(dg.ConfigurableResource):
    """How tonight's run gets its inputs.

    ``mode``: ``sample`` reads the bundled ``data/sample``; ``files`` reads ``source_dir`` (one
    sub-folder per source); ``live`` fetches from the publishers. ``sources`` limits which sources
    land new files (empty: all). ``data_dir`` empty means ``$TUMEN_DATA_DIR`` or ``./data``,
    resolved when the run starts, not when the code is imported.
    """

    data_dir: str = ""
    mode: str = "sample"
    source_dir: str = ""
    sources: list[str] = []

    def paths(self) -> DataPaths:
        return DataPaths(resolve_data_dir(self.data_dir or None)).ensure()

    @property
    def dataset(self) -> str:
        """Sample data and real data never share a warehouse."""
        return "sample" if self.mode == "sample" else "own"

    def selected(self, source: str) -> bool:
        return not self.sources or source in self.sources

    def input_folder(self, source: str) -> Path | None:
        if self.mode == "sample":
            return SAMPLE_DIR / source
        if self.mode == "files":
            return Path(self.source_dir).expanduser().resolve() / source
        return None
