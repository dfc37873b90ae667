"""Entity resolution across sanctions lists: which OFAC, UN, EU and UK listings are one party.

Why Python and not SQL (DESIGN.md §2): blocking, romanisation-aware name comparison and a
constrained union-find cannot be written readably in SQL. The dbt Python model that builds
``dim_entities`` calls :func:`resolve` and :func:`clusters`; analysts' rulings come in as
:class:`Decision` rows from a seed and always win.

Evidence, strongest first:

1. **Analyst rulings** (``Decision``): ``match`` joins two keys, ``no_match`` keeps them apart in
   every cluster, whatever else says.
2. **Shared identifiers** (same party type): IMO number, UN reference number (EU and UK records
   carry the UN's), registration number, passport, SWIFT/BIC... A shared value is a match with
   score 1. Two *different* IMO numbers, or two different UN references, veto any name match.
3. **Names**, only between different authorities (each list already de-duplicates itself) and
   the same party type. Vessel and aircraft names alone never resolve (names are reused and
   changed; an IMO number or an analyst is needed), so their name score is capped below the
   threshold. For individuals a known birth-year conflict (years more than one apart) vetoes the
   match; one year apart (circa dates, the UN and OFAC disagree on several) costs a little.
   Country conflicts lower the score.

Candidate pairs come from a blocking index (``NameIndex``): exact canonical forms, word pairs,
single words and a consonant-skeleton key, read rarest first within a per-name budget; all pairs
are never compared.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import chain, repeat
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from orchestration.lib.names import NormalName, normalise

__all__ = [
    "Listing",
    "Decision",
    "Match",
    "score_pair",
    "resolve",
    "clusters",
    "DEFAULT_THRESHOLD",
    "NameIndex",
    "Prepared",
    "prepare",
    "score_prepared",
    "score_detail",
    "match_strings",
]

# Tuned on one half of tests/fixtures/matching/labelled_pairs.csv (see the accuracy benchmark,
# which also reports the other half on its own).
DEFAULT_THRESHOLD = 0.85

# A vessel's or aircraft's name alone is weak: names are reused across fleets and changed often.
VESSEL_NAME_CAP = 0.80
# Identifier kinds one party can hold only one value of: two different values mean two parties.
EXCLUSIVE_IDENTIFIERS = frozenset({"imo", "un_reference"})
# Identifier kinds that join two listings when they share a value.
STRONG_IDENTIFIERS = frozenset(
    {"imo", "un_reference", "registration", "passport", "national_id", "swift_bic", "tax_id", "mmsi",
     "imo_company_number", "lei"}
)  # fmt: skip
# An identifier value shared by more listings than this is a placeholder ("N/A", "0000000"), not evidence.
MAX_IDENTIFIER_SHARE = 25

AUTHORITY_PATTERN = re.compile(r"^([A-Za-z]+)[-:_]")


@dataclass(frozen=True)
class Listing:
    key: str  # e.g. "OFAC-12345", "UN-KPi.001", "EU-13190", "UK-DPR0001"
    authority: str  # OFAC | UN | EU | UK
    party_type: str  # individual | entity | vessel | aircraft
    names: tuple[str, ...]  # primary name first, then aliases / other spellings / original script
    identifiers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    birth_years: frozenset[int] = frozenset()  # empty when unknown
    countries: frozenset[str] = frozenset()  # ISO3 where known

    def __hash__(self) -> int:  # identifiers is a Mapping, so the generated hash would fail
        return hash((self.key, self.authority, self.party_type, self.names))


@dataclass(frozen=True)
class Decision:
    """An analyst's ruling, kept in a dbt seed, that survives rebuilds."""

    key_a: str
    key_b: str
    decision: str  # "match" | "no_match"


@dataclass(frozen=True)
class Match:
    key_a: str
    key_b: str
    score: float
    basis: str  # identifier:<kind> | name | analyst
    reason: str


# --------------------------------------------------------------------------------------------
# Prepared listings: normalised once, compared many times
# --------------------------------------------------------------------------------------------


_DIGIT_IDENTIFIERS = frozenset({"imo", "mmsi", "imo_company_number"})


def _norm_identifier(value: str, kind: str = "") -> str:
    """Upper-case letters and digits only; IMO and MMSI numbers keep their digits ("IMO 9123456")."""
    text = str(value).upper()
    if kind in _DIGIT_IDENTIFIERS:
        return re.sub(r"\D", "", text)
    return re.sub(r"[^0-9A-Z]", "", text)


@dataclass(frozen=True, eq=False)
class Prepared:
    key: str
    authority: str
    party_type: str
    names: tuple[NormalName, ...]
    identifiers: Mapping[str, frozenset[str]]
    birth_years: frozenset[int]
    countries: frozenset[str]


def prepare(listing: Listing) -> Prepared:
    kind = (listing.party_type or "entity").lower()
    names = tuple(dict.fromkeys(normalise(n, kind) for n in listing.names if n and n.strip()))
    ids = {}
    for id_kind, values in (listing.identifiers or {}).items():
        cleaned = frozenset(v for v in (_norm_identifier(x, id_kind.lower()) for x in values or ()) if v)
        if cleaned:
            ids[id_kind.lower()] = cleaned
    return Prepared(
        key=listing.key,
        authority=(listing.authority or "").upper(),
        party_type=kind,
        names=names,
        identifiers=ids,
        birth_years=frozenset(int(y) for y in listing.birth_years or ()),
        countries=frozenset(c.upper() for c in listing.countries or ()),
    )


# --------------------------------------------------------------------------------------------
# Name similarity
# --------------------------------------------------------------------------------------------


def _ratio(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0 if a and b else 0.0


def person_similarity(x: NormalName, y: NormalName) -> tuple[float, str]:
    """Two personal names: Korean names must agree syllable for syllable once canonical (in some
    rotation of their words); other names are compared with rapidfuzz over rotations and as word
    sets (a missing middle name or patronymic costs a little)."""
    rx, ry = x.rotations, y.rotations
    if set(rx) & set(ry):
        if rx[0] == ry[0]:
            how = "same name" if x.tokens == y.tokens else (
                "same name after Korean romanisation canonicalisation" if x.korean else "same name after folding"
            )
        else:
            how = "same name in another word order (surname first vs given name first)"
        return 1.0, how
    best = max(_ratio(a, b) for a in rx for b in ry)
    if x.korean and y.korean:
        if sorted(x.keys) == sorted(y.keys):
            return 0.80, "same Korean syllables but in another order within the given name"
        # Variant spellings are folded by the canonical syllables; what is left differs.
        return round(0.85 * best, 4), f"Korean names differ after canonicalisation ({_show(x)} vs {_show(y)})"
    sx, sy = set(x.keys), set(y.keys)
    common = sx & sy
    if len(common) >= 2 and (sx <= sy or sy <= sx):
        return max(0.92, best), "same name with a word more on one side (middle name or patronymic)"
    sort_score = fuzz.token_sort_ratio(x.sorted_key, y.sorted_key) / 100.0
    score = max(best, sort_score * 0.97)
    # Every word of the shorter name needs a counterpart: "Vasiliy Mikhaylovich SOIN" is not
    # "YUGIN, Vasiliy Mikhaylovich", however alike the rest.
    short, long_ = (x.keys, y.keys) if len(x.keys) <= len(y.keys) else (y.keys, x.keys)
    weakest = min(max(_ratio(w, v) for v in long_) for w in short) if short and long_ else 0.0
    if weakest < 0.75:
        return round(min(score, 0.75), 4), f"names similar ({score:.2f}) but a word has no counterpart"
    return round(score, 4), f"names similar ({score:.2f})"


def _show(n: NormalName) -> str:
    return "-".join(n.keys)


_LOW_DESCRIPTORS = frozenset(
    {"general", "group", "company", "corporation", "international", "united", "joint", "venture",
     "national", "state", "enterprise", "holdings", "trading", "korea", "china", "russia"}
)  # fmt: skip


def _weighted_overlap(a: frozenset[str], b: frozenset[str], one_empty: float) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return one_empty

    def weight(words: Iterable[str]) -> float:
        return sum(0.5 if w in _LOW_DESCRIPTORS else 1.0 for w in words)

    common = weight(a & b)
    wa, wb = weight(a), weight(b)
    containment = common / min(wa, wb)
    dice = 2 * common / (wa + wb)
    return 0.5 * containment + 0.5 * dice


_COMPATIBLE_FORMS = {frozenset({"CO", "CORP"}), frozenset({"CO", "LTD"}), frozenset({"CO", "LLC"})}


def org_similarity(x: NormalName, y: NormalName) -> tuple[float, str]:
    """Two organisation names: the proper-name words decide (70 %), trade words (20 %) and place
    words (10 %) confirm or contradict (different places cost a fifth more); two incompatible
    legal forms cost 0.02 (weak evidence: lists disagree on legal forms all the time)."""
    if x.compact == y.compact and x.compact:
        score, how = 1.0, "same name" if x.tokens == y.tokens else "same name after folding"
        if x.legal_form and y.legal_form and x.legal_form != y.legal_form:
            if frozenset({x.legal_form, y.legal_form}) not in _COMPATIBLE_FORMS:
                score -= 0.02
                how += f"; legal forms differ ({x.legal_form} vs {y.legal_form})"
        return score, how
    px, py = x.proper_compact, y.proper_compact
    reasons = []
    if px and py:
        proper = _ratio(px, py)
        if len(x.proper_keys) >= 2 and len(x.proper_keys) == len(y.proper_keys):
            proper = max(proper, _ratio(x.proper_sorted, y.proper_sorted))  # words in another order
        # Romanisation variants are already folded into Korean keys, so a letter still differing
        # between two Korean names is another syllable (Yongjin vs Pyongjin): it costs more.
        steep = 4.0 if x.korean and y.korean else 2.0
        p = max(0.0, 1.0 - steep * (1.0 - proper))
        sx, sy = set(x.proper_keys), set(y.proper_keys)
        if len(sx & sy) >= 2 and (sx <= sy or sy <= sx) and p < 0.85:
            p, proper = 0.85, max(proper, 0.85)  # "Strategic Rocket Force" inside "... of the Korean People's Army"
        d = _weighted_overlap(x.descriptors, y.descriptors, 0.75)
        g = _weighted_overlap(x.geo, y.geo, 0.9)
        score = 0.7 * p + 0.2 * d + 0.1 * g
        reasons.append("proper names agree" if proper == 1.0 else f"proper names {proper:.2f} alike")
        if d < 0.5:
            reasons.append("trade words differ")
        if g == 0.0:
            score *= 0.8  # Dandong X and Dalian X are two companies
            reasons.append(f"places differ ({', '.join(sorted(x.geo))} vs {', '.join(sorted(y.geo))})")
    elif not px and not py:
        # Nothing but trade and place words ("Korea Mining Development Trading", "Far Eastern
        # Bank"): all of them decide, the country word weighing least.
        d = _weighted_overlap(x.descriptors | x.geo, y.descriptors | y.geo, 0.0)
        score = d
        reasons.append(f"generic words only ({d:.2f} alike)")
    else:
        score = 0.3 * _ratio(x.compact, y.compact)
        reasons.append("only one name has a proper name")
    if x.numbers != y.numbers and (x.numbers or y.numbers):
        score *= 0.7
        reasons.append("numbers differ")
    if x.legal_form and y.legal_form and x.legal_form != y.legal_form:
        if frozenset({x.legal_form, y.legal_form}) not in _COMPATIBLE_FORMS:
            score -= 0.02
            reasons.append(f"legal forms differ ({x.legal_form} vs {y.legal_form})")
    if x.acronym and x.acronym == y.compact or y.acronym and y.acronym == x.compact:
        score = max(score, 0.80)
        reasons.append("one name is the other's acronym")
    return round(min(1.0, max(0.0, score)), 4), "; ".join(reasons)


def vessel_similarity(x: NormalName, y: NormalName) -> tuple[float, str]:
    if x.compact == y.compact:
        return 1.0, "same name"
    score = max(_ratio(x.compact, y.compact), fuzz.token_sort_ratio(x.sorted_key, y.sorted_key) / 100.0)
    if x.numbers != y.numbers:
        score *= 0.6
    return round(score, 4), f"names {score:.2f} alike"


def name_similarity(x: NormalName, y: NormalName) -> tuple[float, str]:
    if x.is_person:
        return person_similarity(x, y)
    if x.kind in ("vessel", "aircraft"):
        return vessel_similarity(x, y)
    return org_similarity(x, y)


# --------------------------------------------------------------------------------------------
# Pair score
# --------------------------------------------------------------------------------------------


def _shared_identifier(a: Prepared, b: Prepared) -> tuple[str, str] | None:
    for kind in sorted(set(a.identifiers) & set(b.identifiers)):
        if kind not in STRONG_IDENTIFIERS:
            continue
        if kind == "passport" and a.party_type != "individual":
            continue
        common = a.identifiers[kind] & b.identifiers[kind]
        if common:
            return kind, min(common)
    return None


def _identifier_conflict(a: Prepared, b: Prepared) -> tuple[str, str, str] | None:
    for kind in sorted(EXCLUSIVE_IDENTIFIERS & set(a.identifiers) & set(b.identifiers)):
        if not a.identifiers[kind] & b.identifiers[kind]:
            return kind, ",".join(sorted(a.identifiers[kind])), ",".join(sorted(b.identifiers[kind]))
    return None


_ID_LABEL = {"imo": "IMO", "un_reference": "UN reference", "swift_bic": "SWIFT/BIC", "mmsi": "MMSI"}


def best_name_pair(a: Prepared, b: Prepared) -> tuple[float, str, NormalName | None, NormalName | None]:
    best: tuple[float, str, NormalName | None, NormalName | None] = (0.0, "no names", None, None)
    for x in a.names:
        for y in b.names:
            score, how = name_similarity(x, y)
            if score > best[0]:
                best = (score, how, x, y)
                if score >= 1.0:
                    return best
    return best


def score_prepared(a: Prepared, b: Prepared) -> tuple[float, str, str]:
    """(score, reason, basis) for two prepared listings; see :func:`score_pair`."""
    score, reason, basis, _name = score_detail(a, b)
    return score, reason, basis


def score_detail(a: Prepared, b: Prepared) -> tuple[float, str, str, str | None]:
    """(score, reason, basis, the name of ``b`` that matched best) for two prepared listings."""
    if a.party_type != b.party_type:
        return 0.0, f"different party types ({a.party_type} vs {b.party_type})", "none", None
    primary = b.names[0].original if b.names else None
    shared = _shared_identifier(a, b)
    if shared:
        kind, value = shared
        label = _ID_LABEL.get(kind, kind.replace("_", " "))
        return 1.0, f"shared {label} {value}", f"identifier:{kind}", primary
    conflict = _identifier_conflict(a, b)
    if conflict:
        kind, va, vb = conflict
        return 0.0, f"different {_ID_LABEL.get(kind, kind)} numbers ({va} vs {vb})", "none", primary

    score, how, x, y = best_name_pair(a, b)
    if x is None or y is None:
        return 0.0, "no comparable names", "none", primary
    parts = [f"name {x.original!r} ~ {y.original!r}: {how}"]
    if a.party_type in ("vessel", "aircraft") and score > VESSEL_NAME_CAP:
        score = VESSEL_NAME_CAP
        parts.append(f"{a.party_type} name only (weak: an IMO number or an analyst is needed)")

    if a.party_type == "individual" and a.birth_years and b.birth_years:
        gap = min(abs(ya - yb) for ya in a.birth_years for yb in b.birth_years)
        shown = f"{_years(a.birth_years)} vs {_years(b.birth_years)}"
        if gap == 0:
            score = min(1.0, score + 0.03)
            parts.append(f"same birth year {_years(a.birth_years & b.birth_years)}")
        elif gap == 1:
            score -= 0.04
            parts.append(f"birth years one apart ({shown})")
        else:
            score = min(score, 0.2)
            parts.append(f"vetoed: birth years conflict ({shown})")

    if a.countries and b.countries:
        if a.countries & b.countries:
            score = min(1.0, score + 0.02)
            parts.append(f"country {', '.join(sorted(a.countries & b.countries))}")
        else:
            score -= 0.10
            parts.append(
                f"countries differ ({', '.join(sorted(a.countries))} vs {', '.join(sorted(b.countries))})"
            )
    basis = "name:vessel" if a.party_type in ("vessel", "aircraft") else "name"
    return round(max(0.0, min(1.0, score)), 4), "; ".join(parts), basis, y.original


def _years(years: Iterable[int]) -> str:
    years = sorted(years)
    if len(years) > 2 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}-{years[-1]}"
    return "/".join(str(y) for y in years)


def score_pair(a: Listing, b: Listing) -> tuple[float, str]:
    """How likely two listings are the same party, 0..1, and a reason a person can read.

    Identifiers first (a shared IMO / UN reference / registration gives 1.0; different IMO or UN
    references give 0.0), then the best pair of names, then birth years (a conflict vetoes) and
    countries (a conflict lowers). Authorities are not looked at here: :func:`resolve` only
    compares names across authorities.
    """
    score, reason, _basis = score_prepared(prepare(a), prepare(b))
    return score, reason


# --------------------------------------------------------------------------------------------
# Blocking
# --------------------------------------------------------------------------------------------

_VOWELS = re.compile(r"[aeiouy]")


def blocking_keys(n: NormalName) -> list[str]:
    """Keys under which a name is filed: exact canonical forms (any word rotation), word pairs,
    single words and consonant skeletons of longer words. Rarer keys are read first."""
    keys = [f"c:{r}" for r in n.rotations if r]
    if n.proper_compact and n.proper_compact != n.compact:
        keys.append(f"c:{n.proper_compact}")
    words = sorted(set(n.keys))
    if len(words) > 8:
        words = sorted(words, key=len, reverse=True)[:8]
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            keys.append(f"p:{a}|{b}")
    for w in words:
        keys.append(f"t:{w}")
        if len(w) >= 5 and not w.isdigit():
            keys.append(f"f:{_VOWELS.sub('', w)}")
    if n.acronym:
        keys.append(f"c:{n.acronym}")
    return keys


def match_strings(n: NormalName) -> tuple[str, ...]:
    """Strings a quick rapidfuzz screen compares before the full score: a person's name in every
    rotation of its words and as a sorted word list; an organisation's proper-name words as
    written and sorted (its whole name when it has no proper name)."""
    if n.is_person:
        return tuple(dict.fromkeys((*n.rotations, n.sorted_key)))
    if n.proper_compact:
        return tuple(dict.fromkeys((n.proper_compact, n.proper_sorted)))
    return (n.compact,) if n.compact else ()


# A candidate whose match strings are all less alike than this (rapidfuzz ratio, 0-100) to the
# query's cannot reach the threshold; tests/unit/test_matching.py checks that no labelled pair
# scoring above the threshold is dropped by it.
PREFILTER_CUTOFF = 75.0


class NameIndex:
    """Inverted index of blocking keys over a list of names, with a rapidfuzz prefilter.

    ``candidates(keys)`` reads the postings of the rarest keys first until ``budget`` names are
    collected; ``search(name)`` then keeps the candidates whose match strings are at least
    ``PREFILTER_CUTOFF`` alike to the query's (rapidfuzz ``process.extract`` in C), so the full
    score is computed for a handful of names only.
    """

    def __init__(self, names: Sequence[NormalName], budget: int = 250):
        self.names = names
        self.budget = budget
        postings: dict[str, list[int]] = defaultdict(list)
        for i, n in enumerate(names):
            for k in dict.fromkeys(blocking_keys(n)):
                postings[k].append(i)
        self.postings = dict(postings)
        self.strings = [match_strings(n) for n in names]
        self.kinds = [n.kind for n in names]

    def candidates(self, keys: Iterable[str]) -> set[int]:
        """Name ids sharing a key, rarest keys first, until the budget is spent."""
        found = []
        for k in dict.fromkeys(keys):
            posting = self.postings.get(k)
            if posting:
                found.append((len(posting), k, posting))
        found.sort(key=lambda f: (f[0], f[1]))
        out: set[int] = set()
        for size, _k, posting in found:
            if out and len(out) + size > self.budget:
                break
            out.update(posting[: self.budget])
        return out

    def search(self, queries: Mapping[str, NormalName], cutoff: float = PREFILTER_CUTOFF) -> list[int]:
        """Name ids that may match: ``queries`` holds one written name normalised for each party
        type to look at; a candidate is only compared with the form for its own type."""
        keys: list[str] = []
        for q in dict.fromkeys(queries.values()):
            keys.extend(blocking_keys(q))
        found = self.candidates(keys)
        if not found:
            return []
        kinds = self.kinds
        strings = self.strings
        keep: set[int] = set()
        for kind, query in queries.items():
            ids = [i for i in found if kinds[i] == kind]
            if not ids:
                continue
            choices = list(chain.from_iterable(strings[i] for i in ids))
            owners = list(chain.from_iterable(repeat(i, len(strings[i])) for i in ids))
            for text in match_strings(query):
                for _choice, _score, position in process.extract(
                    text, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
                ):
                    keep.add(owners[position])
        return sorted(keep)


# --------------------------------------------------------------------------------------------
# Resolve and cluster
# --------------------------------------------------------------------------------------------


def _identifier_matches(prepared: Sequence[Prepared]) -> dict[tuple[str, str], Match]:
    index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(prepared):
        for kind, values in p.identifiers.items():
            if kind not in STRONG_IDENTIFIERS:
                continue
            if kind == "passport" and p.party_type != "individual":
                continue
            for value in values:
                index[(p.party_type, kind, value)].append(i)
    out: dict[tuple[str, str], Match] = {}
    for (_ptype, kind, value), members in sorted(index.items()):
        if len(members) < 2 or len(members) > MAX_IDENTIFIER_SHARE:
            continue
        for i, ia in enumerate(members):
            for ib in members[i + 1 :]:
                a, b = prepared[ia], prepared[ib]
                pair = tuple(sorted((a.key, b.key)))
                if pair in out or a.key == b.key:
                    continue
                label = _ID_LABEL.get(kind, kind.replace("_", " "))
                out[pair] = Match(pair[0], pair[1], 1.0, f"identifier:{kind}", f"shared {label} {value}")
    return out


_RESOLVE_STATE = None
# Below this many listings resolve() stays in one process (forking costs more than it saves).
PARALLEL_FROM_LISTINGS = 5_000


def _resolve_span(span: tuple[int, int]) -> list[tuple[tuple[str, str], float, str]]:
    """Name matches found from names[start:end] (run in a forked worker or in process)."""
    prepared, owners, names, index, threshold = _RESOLVE_STATE
    found = []
    seen: set[tuple[int, int]] = set()
    for ni in range(*span):
        n = names[ni]
        ia = owners[ni]
        a = prepared[ia]
        for nj in index.search({n.kind: n}):
            ib = owners[nj]
            if ib <= ia or (ia, ib) in seen:
                continue
            b = prepared[ib]
            if b.authority == a.authority or b.party_type != a.party_type:
                continue
            seen.add((ia, ib))
            if set(a.identifiers) & set(b.identifiers) & STRONG_IDENTIFIERS and _shared_identifier(a, b):
                continue  # already an identifier match
            score, reason, basis = score_prepared(a, b)
            if basis == "name" and score >= threshold:
                found.append((tuple(sorted((a.key, b.key))), score, reason))
    return found


def resolve(
    listings: Sequence[Listing],
    decisions: Sequence[Decision] = (),
    threshold: float = DEFAULT_THRESHOLD,
    workers: int | None = None,
) -> list[Match]:
    """Every pair of listings that are the same party, with its evidence.

    Shared identifiers (any authorities, same party type), then names (different authorities,
    same party type, not vessels or aircraft) at or above ``threshold``, then analysts' rulings:
    ``match`` adds a pair (basis ``analyst``), ``no_match`` removes it. Sorted by keys.
    Feed the result to :func:`clusters`. ``workers``: processes for the name comparisons of
    large inputs (default: the machine's cores; forked, so nothing is pickled but the results).
    """
    prepared = [prepare(l) for l in listings]
    out = _identifier_matches(prepared)

    owners: list[int] = []
    names: list[NormalName] = []
    for i, p in enumerate(prepared):
        if p.party_type in ("vessel", "aircraft"):
            continue
        for n in p.names:
            owners.append(i)
            names.append(n)
    index = NameIndex(names)
    global _RESOLVE_STATE
    _RESOLVE_STATE = (prepared, owners, names, index, threshold)
    try:
        spans = [(start, min(start + 4000, len(names))) for start in range(0, len(names), 4000)]
        workers = workers if workers is not None else (os.cpu_count() or 1)
        if workers > 1 and len(listings) >= PARALLEL_FROM_LISTINGS and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                found = pool.map(_resolve_span, spans)
        else:
            found = [_resolve_span(span) for span in spans]
    finally:
        _RESOLVE_STATE = None
    for block in found:
        for pair, score, reason in block:
            if pair not in out:
                out[pair] = Match(pair[0], pair[1], score, "name", reason)

    for d in decisions:
        pair = tuple(sorted((d.key_a, d.key_b)))
        if d.decision == "no_match":
            out.pop(pair, None)
        elif d.decision == "match":
            out[pair] = Match(pair[0], pair[1], 1.0, "analyst", "analyst ruled match")
        else:
            raise ValueError(f"decision for {pair} is {d.decision!r}, expected 'match' or 'no_match'")
    return [out[p] for p in sorted(out)]


def _authority_of(key: str, authorities: Mapping[str, str] | None) -> str:
    if authorities and key in authorities:
        return authorities[key]
    found = AUTHORITY_PATTERN.match(key)
    return found.group(1).upper() if found else key


def clusters(
    keys: Iterable[str],
    matches: Iterable[Match],
    decisions: Iterable[Decision] = (),
    authorities: Mapping[str, str] | None = None,
    lists: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Key → cluster id (the smallest key of its cluster), by union-find over ``matches``.

    Links are taken strongest first (analyst, identifier, then names by score) and a link is
    refused when it would put two keys an analyst ruled ``no_match`` in one cluster, or, for a
    name link, two listings of the same authority in one cluster (each list already de-duplicates
    itself, so that would chain two different parties through a third list). The authority of a
    key is ``authorities[key]`` or the prefix before the first "-" (``OFAC-12345`` → OFAC).
    ``lists`` (key → the list it comes from) keeps two records of one list apart whatever the
    evidence short of an analyst: a list never names one party twice, and two of its records
    sharing a tax or registration number are a parent and its branch, not one party.
    """
    decisions = list(decisions)
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    forbidden: dict[str, set[str]] = {}
    auths: dict[str, set[str]] = {}
    sources: dict[str, set[str]] = {}

    def add(key: str) -> None:
        if key not in parent:
            parent[key] = key
            members[key] = {key}
            forbidden[key] = set()
            auths[key] = {_authority_of(key, authorities)}
            sources[key] = {lists[key]} if lists and key in lists else set()

    def find(key: str) -> str:
        root = key
        while parent[root] != root:
            root = parent[root]
        while parent[key] != root:
            parent[key], key = root, parent[key]
        return root

    for k in keys:
        add(k)
    links = list(matches)
    for d in decisions:
        add(d.key_a)
        add(d.key_b)
        if d.decision == "no_match":
            forbidden[d.key_a].add(d.key_b)
            forbidden[d.key_b].add(d.key_a)
        elif d.decision == "match":
            links.append(Match(*sorted((d.key_a, d.key_b)), 1.0, "analyst", "analyst ruled match"))
    rank = {"analyst": 0}
    links.sort(key=lambda m: (rank.get(m.basis, 1 if m.basis.startswith("identifier") else 2), -m.score,
                              m.key_a, m.key_b))  # fmt: skip
    for m in links:
        add(m.key_a)
        add(m.key_b)
        ra, rb = find(m.key_a), find(m.key_b)
        if ra == rb:
            continue
        if forbidden[ra] & members[rb]:
            continue
        if m.basis == "name" and auths[ra] & auths[rb]:
            continue
        if m.basis != "analyst" and sources[ra] & sources[rb]:
            continue
        if len(members[ra]) < len(members[rb]):
            ra, rb = rb, ra
        parent[rb] = ra
        members[ra] |= members.pop(rb)
        forbidden[ra] |= forbidden.pop(rb)
        auths[ra] |= auths.pop(rb)
        sources[ra] |= sources.pop(rb)
    smallest = {root: min(group) for root, group in members.items()}
    return {k: smallest[find(k)] for k in sorted(parent)}
