"""Parse OFAC's Consolidated (non-SDN) list into raw tables: the legacy CSV files (cons_prim.csv,
cons_add.csv, cons_alt.csv, cons_comments.csv) or CONSOLIDATED.XML.

OFAC publishes this list in exactly the layouts of the SDN list (same CSV columns and quirks, same
XML schema and namespace), so every reading, checking and Remarks-mining function is ofac_sdn's;
this module only says how the files are named. See README.md beside this file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow as pa

from orchestration.defs.sources.ofac_sdn import parse as sdn
from orchestration.lib.raw_tables import ParsedSnapshot

SOURCE = "ofac_cons"
DOMAIN = "sanctions"

CONS_FILES = sdn.OfacFiles(
    source=SOURCE,
    primary="cons_prim",
    add="cons_add",
    alt="cons_alt",
    comments="cons_comments",
    xml="cons_xml",
    csv_prefixes=(
        ("cons_prim", "cons_prim"),
        ("cons_add", "cons_add"),
        ("cons_alt", "cons_alt"),
        ("cons_comments", "cons_comments"),
    ),
    xml_prefix="cons",
    primary_file="cons_prim.csv",
    xml_file="CONSOLIDATED.XML",
)
ROLES = CONS_FILES.roles

_DESCRIPTIONS = {
    "sdn_entries": "One row per Consolidated (non-SDN) list record as published (cons_prim.csv, or sdnEntry of "
    "CONSOLIDATED.XML); remarks include the cons_comments.csv continuation",
    "addresses": "One row per record of cons_add.csv, or address of CONSOLIDATED.XML",
    "aliases": "One row per record of cons_alt.csv, or strong aka of CONSOLIDATED.XML (a.k.a. / f.k.a. / n.k.a.)",
    "comments": "One row per record of cons_comments.csv (the part of Remarks beyond 1,000 characters)",
    "remark_facts": "Facts mined from the full Remarks of each record (IMO, MMSI, DOB, Linked To, ...); see the "
    "fact list in the ofac_sdn README",
}
# The same schemas as raw_ofac_sdn, so staging can treat the two lists alike.
RAW_TABLES: dict[str, tuple[pa.Schema, str]] = {
    name: (schema, _DESCRIPTIONS[name]) for name, (schema, _) in sdn.RAW_TABLES.items()
}


def classify(path: Path) -> str | None:
    return sdn.classify_file(path, CONS_FILES)


def publisher_as_of(path: Path, role: str) -> date | None:
    return sdn.publisher_date(path, role, CONS_FILES)


def parse_snapshot(paths_by_role: dict[str, list[Path]]) -> ParsedSnapshot:
    return sdn.parse_ofac_snapshot(paths_by_role, CONS_FILES)
