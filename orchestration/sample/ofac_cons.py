"""OFAC Consolidated (non-SDN) list for the sample: cons_prim.csv, cons_add.csv, cons_alt.csv,
cons_comments.csv, one snapshot (``ofac_cons/2024-06-01/``).

The legacy CSV layout of the SDN files (see ``ofac.py``): no header, CRLF, quoted text, bare
numbers, the null marker ``-0- ``, programs joined as ``UKRAINE-EO13662] [RUSSIA-EO14024``, Remarks
cut at 1,000 characters with the rest in cons_comments.csv, Ctrl-Z as the last byte. Every record
is fictional; three of them are the Russian filler entities also on the sample's EU and UK lists
(same tax and registration numbers, other spellings), so cross-list resolution has something to
find. Program tags follow the consolidated list's usage as public parsers describe it (SSI:
``UKRAINE-EO13662`` with or without ``RUSSIA-EO14024``; NS-MBS: ``RUSSIA-EO14024`` alone,
``CAATSA - RUSSIA``, ``HKAA``, ``BURMA-EO14014``; ``CAPTA``; ``CMIC-EO13959``; ``NS-PLC``); they
were not checked against a real cons_prim.csv.
"""

from __future__ import annotations

from pathlib import Path

from orchestration.sample import parties as P
from orchestration.sample.ofac import NULL, REMARKS_LIMIT, _finish, _q
from orchestration.sample.parties import ConsRecord, RuParty

ENT_NUM_BASE = 930001  # INVENTED
ADD_NUM_BASE = 940001  # INVENTED
ALT_NUM_BASE = 950001  # INVENTED
FILES = ("cons_prim.csv", "cons_add.csv", "cons_alt.csv", "cons_comments.csv")

_ESTABLISHED = {"ru:kedrstroi": "17 Sep 2009", "ru:yantarnaya": "05 Mar 2014",
                "ru:sokolbank": "21 Nov 1994"}


def _from_filler(r: RuParty) -> ConsRecord:
    program, directive = r.cons
    parts = [directive, f"Organization Established Date {_ESTABLISHED[r.key]}",
             f"Registration ID {r.ogrn} (Russia)", f"Tax ID No. {r.inn} (Russia)"]
    if r.alias:
        parts.append(f"a.k.a. '{r.alias}'")
    return ConsRecord(r.key, r.ofac_name, "", program, "; ".join(parts),
                      akas=(r.alias,) if r.alias else (), address=("", r.city, "Russia"))


def records() -> list[tuple[int, ConsRecord]]:
    """(ent_num, record) in file order: the filler shared with the EU and UK lists first."""
    shared = [_from_filler(r) for r in P.RUSSIA_FILLER if r.cons]
    return [(ENT_NUM_BASE + i, rec) for i, rec in enumerate(shared + list(P.CONS_OTHERS))]


def _remarks(rec: ConsRecord) -> str:
    text = rec.remarks
    return text if text.endswith(".") else text + "."


def write_cons(out: Path, emit) -> dict[str, int]:
    folder = out / P.CONS_DATE
    folder.mkdir(parents=True, exist_ok=True)
    prim, add, alt, comments = [], [], [], []
    add_num, alt_num = ADD_NUM_BASE, ALT_NUM_BASE
    for ent, rec in records():
        rem = _remarks(rec)
        if len(rem) > REMARKS_LIMIT:
            rem, rest = rem[:REMARKS_LIMIT], rem[REMARKS_LIMIT:]
            comments.append(f"{ent},{_q(rest)}")
        prim.append(",".join([str(ent), _q(rec.name), _q(rec.sdn_type), _q(rec.program)]
                             + [NULL] * 7 + [_q(rem)]))
        street, city, country = rec.address
        add.append(f"{ent},{add_num},{_q(street)},{_q(city)},{_q(country)},{NULL}")
        add_num += 1
        for aka in rec.akas:
            alt.append(f"{ent},{alt_num},{_q('aka')},{_q(aka)},{NULL}")
            alt_num += 1
    counts = {}
    for name, lines in zip(FILES, (prim, add, alt, comments)):
        (folder / name).write_bytes(_finish(lines))
        counts[name] = len(lines)
        emit(folder / name, len(lines))
    return counts
