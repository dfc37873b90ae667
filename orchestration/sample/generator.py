"""Write Tumen's bundled sample (``data/sample/``): every source in its real publication format.

    generate(Path("data/sample"), seed=7)          # the committed sample
    generate(Path("/tmp/bench"), seed=7, scale=10)  # + ~10 million AIS rows as Parquet

Deterministic: the same seed writes byte-identical files (numpy ``Generator(PCG64)`` streams,
no wall-clock time, fixed float formatting, no unordered iteration). The README of the sample is
written from the same data (``scenarios.py``, ``world.py``), so documentation and data agree.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from orchestration.sample import (
    ais,
    comtrade,
    eu_fsf,
    ofac,
    ofac_cons,
    readme,
    scale as scale_mod,
    uk_sanctions,
    un,
)
from orchestration.sample.world import load_ports, load_trade_reference


def _rng(seed: int, stream: int) -> np.random.Generator:
    """One independent PCG64 stream per source, so editing one source leaves the others as they were."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, stream])))


def generate(out: Path, seed: int = 7, scale: float = 0.0, scale_csv: bool = False,
             verbose: bool = True) -> dict:
    """Write the whole sample under ``out``; return ``{"files": {relative path: rows}, ...}``.

    ``scale`` > 0 additionally writes about ``scale`` million AIS positions as daily Parquet files
    (``ais/AIS_2024_06_DD.parquet``; with ``scale_csv`` also as CSV) for benchmarks. Point ``out``
    at a scratch folder for that, not at the committed ``data/sample``.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    files: dict[str, int] = {}
    started = time.perf_counter()

    def emit(path: Path, rows: int) -> None:
        rel = path.relative_to(out).as_posix()
        files[rel] = rows
        if verbose:
            print(f"wrote {rel:<52} {rows:>10,} rows  {path.stat().st_size:>11,} bytes", flush=True)

    ports = load_ports()
    refs = load_trade_reference()
    may, june = ofac.write_ofac(out / "ofac_sdn", _rng(seed, 1), emit)
    un.write_un(out / "un_sc", _rng(seed, 2), emit)
    # The EU, UK and OFAC Consolidated files are typed-in data and fictional filler: they draw
    # nothing from the seed (see parties.py).
    eu_fsf.write_eu_fsf(out / "eu_fsf", emit)
    uk_sanctions.write_uk(out / "uk_sanctions", emit)
    ofac_cons.write_cons(out / "ofac_cons", emit)
    # A Comtrade extract carries no publication date: the folder dates the download, so the
    # sample lands the same snapshot whenever it is run.
    # China's trade with other partners (the unit-value peers) draws from its own stream 31.
    trade = comtrade.write_comtrade(out / "comtrade" / comtrade.EXTRACT_DATE, _rng(seed, 3), refs,
                                    emit, peer_rng=_rng(seed, 31))
    ais.write_ais(out / "ais", _rng(seed, 4), ports, emit)
    readme_path = out / "README.md"
    text = readme.render(dict(files), seed, ports, may, june, trade=trade)
    readme_path.write_text(text, encoding="utf-8", newline="\n")
    emit(readme_path, readme_path.read_text(encoding="utf-8").count("\n"))
    result: dict = {"files": files, "seed": seed}
    if scale > 0:
        t0 = time.perf_counter()
        info = scale_mod.write_scale(out / "ais", seed, scale, ports, emit, csv=scale_csv)
        dt = time.perf_counter() - t0
        result["scale"] = {k: v for k, v in info.items() if k != "files"}
        result["scale"]["seconds"] = dt
        if verbose:
            print(f"scale: {info['rows']:,} rows from {info['vessels']:,} vessels in {dt:.2f} s "
                  f"({info['rows'] / dt:,.0f} rows/s)", flush=True)
    result["seconds"] = time.perf_counter() - started
    return result
