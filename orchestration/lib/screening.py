"""Screen names (a customer file, a cargo manifest, a ship list) against the loaded sanctions lists.

``Screener(listings)`` builds the blocking index once; ``screen(rows)`` yields a
:class:`ScreenHit` for every listing a row matches, with the same normalisation and the same
score as :func:`orchestration.lib.matcher.score_pair` (an input row is scored as if it were a
listing of the party type it is compared with). Large inputs are cut into chunks and screened by
worker processes (one per core, forked so the index is shared rather than copied), and the hits
come back in input order.

A row's IMO number, when given, finds the vessel listing that carries it (score 1, basis
``identifier:imo``) and vetoes vessel listings with another IMO. Without one, a vessel's name
alone is weak evidence: such hits carry basis ``name:vessel`` and a score capped at
``matcher.VESSEL_NAME_CAP`` (0.80). They are reported when the name similarity itself reaches the
threshold, unless ``vessel_names=False``.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from itertools import islice
from typing import Iterable, Iterator, Mapping, Sequence

import pycountry

from orchestration.lib.matcher import (
    DEFAULT_THRESHOLD,
    Listing,
    NameIndex,
    Prepared,
    name_similarity,
    prepare,
    score_detail,
)
from orchestration.lib.names import normalise
from orchestration.lib.paths import DBT_PROJECT_DIR

__all__ = ["ScreenInput", "ScreenHit", "Screener", "country_iso3"]

PARTY_TYPES = ("individual", "entity", "vessel", "aircraft")
CHUNK_ROWS = 2_000
PARALLEL_FROM_ROWS = 10_000


@dataclass(frozen=True)
class ScreenInput:
    name: str
    imo: str | None = None
    country: str | None = None  # ISO2, ISO3 or a country name
    dob: date | datetime | int | str | None = None  # a date, a year, or text starting with the year
    kind: str | None = None  # optional: individual | entity | vessel | aircraft (else all)


@dataclass(frozen=True)
class ScreenHit:
    row: int  # position of the input row, from 0
    key: str  # the listing's key (OFAC-12345, UN-KPi.001, ...)
    name: str  # the listing's name that matched (its spelling, maybe an alias)
    score: float
    reason: str
    basis: str  # identifier:imo | name | name:vessel


# --------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _country_lookup() -> dict[str, str]:
    """Every ISO 3166 code and name pycountry knows, plus the names sanctions lists write that
    ISO does not (the country_name_aliases seed: 'Korea, North', 'DPRK', 'Burma', ...)."""
    lookup: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.alpha_2, country.alpha_3, country.name,
                     getattr(country, "official_name", None), getattr(country, "common_name", None)):
            if name:
                lookup[_country_key(name)] = country.alpha_3
    with open(DBT_PROJECT_DIR / "seeds" / "country_name_aliases.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lookup[_country_key(row["alias"])] = row["iso3"]
    return lookup


def _country_key(value: str) -> str:
    return " ".join(str(value).strip().lower().replace("’", "'").split())


def country_iso3(value: str | None) -> str | None:
    """ISO3 for an ISO2 / ISO3 code or a common name; None when unknown or empty."""
    if not value or not str(value).strip():
        return None
    text = _country_key(value)
    found = _country_lookup().get(text)
    if found:
        return found
    if re.fullmatch(r"[a-z]{3}", text):
        # user-assigned codes the lists use (XKX for Kosovo) are not in ISO 3166 but compare fine
        return text.upper()
    return None


def _birth_year(dob) -> int | None:
    if dob is None or dob == "":
        return None
    if isinstance(dob, (date, datetime)):
        return dob.year
    if isinstance(dob, int):
        return dob
    found = re.search(r"(1[89]\d\d|20\d\d)", str(dob))
    return int(found.group(1)) if found else None


def _as_input(row) -> ScreenInput:
    if isinstance(row, ScreenInput):
        return row
    if isinstance(row, str):
        return ScreenInput(name=row)
    if isinstance(row, Mapping):
        return ScreenInput(
            name=row.get("name") or "",
            imo=row.get("imo") or None,
            country=row.get("country") or None,
            dob=row.get("dob") or None,
            kind=row.get("kind") or None,
        )
    raise TypeError(f"cannot screen a {type(row).__name__}: give a ScreenInput, a mapping or a name")


# --------------------------------------------------------------------------------------------
# The screener
# --------------------------------------------------------------------------------------------

_WORKER: "Screener | None" = None


def _screen_chunk(chunk: list[tuple[int, ScreenInput]]) -> list[ScreenHit]:
    assert _WORKER is not None
    hits: list[ScreenHit] = []
    for number, row in chunk:
        hits.extend(_WORKER.screen_one(row, number))
    return hits


class Screener:
    """Screens input rows against ``listings``; the index is built once, here.

    ``threshold``: a hit needs at least this score (default: the matcher's). ``max_hits``: most
    hits reported per row, best first. ``workers``: processes for large inputs (default: the
    machine's cores; 1 screens in this process). ``vessel_names``: also report vessel name-only
    hits (basis ``name:vessel``, score capped at 0.80) when the name itself is alike enough.
    """

    def __init__(
        self,
        listings: Sequence[Listing],
        threshold: float = DEFAULT_THRESHOLD,
        max_hits: int = 10,
        workers: int | None = None,
        vessel_names: bool = True,
    ):
        self.threshold = threshold
        self.max_hits = max_hits
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.vessel_names = vessel_names
        self.prepared: list[Prepared] = [prepare(listing) for listing in listings]
        owners: list[int] = []
        names = []
        self.by_imo: dict[str, list[int]] = {}
        for i, p in enumerate(self.prepared):
            for n in p.names:
                owners.append(i)
                names.append(n)
            for imo in p.identifiers.get("imo", ()):
                self.by_imo.setdefault(imo, []).append(i)
        self.owners = owners
        self.index = NameIndex(names)
        self.kinds = sorted({p.party_type for p in self.prepared})

    def __len__(self) -> int:
        return len(self.prepared)

    # -- one row ------------------------------------------------------------------------------

    def _input_for(self, row: ScreenInput, party_type: str) -> Prepared:
        year = _birth_year(row.dob)
        iso3 = country_iso3(row.country)
        imo = re.sub(r"\D", "", row.imo or "")
        return Prepared(
            key="INPUT",
            authority="INPUT",
            party_type=party_type,
            names=(normalise(row.name, party_type),) if row.name and row.name.strip() else (),
            identifiers={"imo": frozenset({imo})} if imo and party_type == "vessel" else {},
            birth_years=frozenset({year}) if year and party_type == "individual" else frozenset(),
            countries=frozenset({iso3}) if iso3 else frozenset(),
        )

    def screen_one(self, row: ScreenInput, number: int = 0) -> list[ScreenHit]:
        """Every hit for one row, best first (at most ``max_hits``)."""
        row = _as_input(row)
        kinds = [row.kind.lower()] if row.kind else self.kinds
        inputs = {kind: self._input_for(row, kind) for kind in kinds}
        scored: dict[int, ScreenHit] = {}

        imo = re.sub(r"\D", "", row.imo or "")
        if imo and "vessel" in inputs:
            for i in self.by_imo.get(imo, ()):
                listing = self.prepared[i]
                scored[i] = ScreenHit(number, listing.key, listing.names[0].original if listing.names else "",
                                      1.0, f"same IMO {imo}", "identifier:imo")  # fmt: skip

        queries = {kind: prepared.names[0] for kind, prepared in inputs.items() if prepared.names}
        seen: set[int] = set(scored)
        if queries:
            for name_id in self.index.search(queries):
                i = self.owners[name_id]
                if i in seen:
                    continue
                seen.add(i)
                listing = self.prepared[i]
                query = inputs.get(listing.party_type)
                if query is None:
                    continue
                score, reason, basis, matched = score_detail(query, listing)
                if basis == "name:vessel":
                    if not self.vessel_names or not self._vessel_name_close(query, listing):
                        continue
                elif score < self.threshold or not basis.startswith(("name", "identifier")):
                    continue
                scored[i] = ScreenHit(number, listing.key, matched or "", score, reason, basis)
        hits = sorted(scored.values(), key=lambda h: (-h.score, h.key))
        return hits[: self.max_hits]

    def _vessel_name_close(self, query: Prepared, listing: Prepared) -> bool:
        best = max((name_similarity(x, y)[0] for x in query.names for y in listing.names), default=0.0)
        return best >= self.threshold and not (query.identifiers and listing.identifiers.get("imo"))

    # -- many rows ----------------------------------------------------------------------------

    def screen(self, rows: Iterable[ScreenInput | Mapping | str]) -> Iterator[ScreenHit]:
        """Hits for every row, in input order (row numbers from 0)."""
        numbered = enumerate(_as_input(r) for r in rows)
        first = list(islice(numbered, PARALLEL_FROM_ROWS))
        if self.workers <= 1 or len(first) < PARALLEL_FROM_ROWS or not _can_fork():
            for number, row in first:
                yield from self.screen_one(row, number)
            for number, row in numbered:
                yield from self.screen_one(row, number)
            return
        yield from self._screen_parallel(first, numbered)

    def _screen_parallel(self, first, rest) -> Iterator[ScreenHit]:
        global _WORKER

        def chunks():
            pending = list(first)
            while pending:
                yield pending[:CHUNK_ROWS]
                pending = pending[CHUNK_ROWS:]
            while True:
                block = list(islice(rest, CHUNK_ROWS))
                if not block:
                    return
                yield block

        _WORKER = self  # inherited by the forked workers: the index is shared, not pickled
        try:
            context = multiprocessing.get_context("fork")
            with context.Pool(self.workers) as pool:
                for hits in pool.imap(_screen_chunk, chunks()):
                    yield from hits
        finally:
            _WORKER = None


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
