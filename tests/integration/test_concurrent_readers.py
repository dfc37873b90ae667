"""A second process reads the published warehouse while a new run publishes: it always sees a
whole release, never an error or a half-built file. Re-running a night is idempotent."""

import subprocess
import sys
import time

from tests.integration.conftest import query, tumen

READER = r"""
import sys, time, duckdb, pathlib
db, stop, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
reads, errors, releases = 0, [], set()
held = duckdb.connect(db, read_only=True)          # a BI session that stays open across the swap
held_before = held.execute("select run_id from meta.release").fetchone()[0]
while not stop.exists():
    try:
        with duckdb.connect(db, read_only=True) as con:
            run_id, = con.execute("select run_id from meta.release").fetchone()
            n, = con.execute("select count(*) from sanctions.dim_entities").fetchone()
            counted, = con.execute("select row_count from meta.table_counts where table_name = 'sanctions.dim_entities'").fetchone()
            assert n == counted, (n, counted)
            releases.add(run_id)
            reads += 1
    except Exception as error:
        errors.append(repr(error))
    time.sleep(0.05)
held_after = held.execute("select run_id from meta.release").fetchone()[0]
out.write_text(f"{reads}\n{len(errors)}\n{len(releases)}\n{held_before == held_after}\n" + "\n".join(errors[:5]))
"""


def test_reader_sees_whole_releases_while_a_run_publishes(sample_run, tmp_path):
    db = sample_run / "published" / "tumen.duckdb"
    counts_before = dict(query(db, "select table_name, row_count from meta.table_counts"))
    stop, out = tmp_path / "stop", tmp_path / "reader.txt"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop), str(out)])
    try:
        time.sleep(1)
        rerun = tumen("run", data_dir=sample_run)
    finally:
        stop.touch()
        reader.wait(timeout=60)
    assert rerun.returncode == 0, rerun.stdout[-3000:]
    reads, errors, releases, held_stable, *messages = out.read_text().split("\n")
    assert int(errors) == 0, messages
    assert int(reads) > 10
    assert int(releases) in (1, 2)
    assert held_stable == "True"

    # idempotent: nothing new landed or loaded, same rows in every table
    assert "new file(s)" not in rerun.stdout and "] loaded " not in rerun.stdout
    assert dict(query(db, "select table_name, row_count from meta.table_counts")) == counts_before
