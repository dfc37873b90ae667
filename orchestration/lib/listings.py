"""Turn warehouse rows into matcher inputs. Shared by the dbt Python models that resolve entities
and by `tumen screen`, so a listing means the same thing in both."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from orchestration.lib.matcher import Decision, Listing

# identifier kind (orchestration.lib.matcher) -> column of int_listings_latest / sanctions.dim_listings
IDENTIFIER_COLUMNS = {
    "imo": "imo",
    "un_reference": "un_reference_number",
    "imo_company_number": "imo_company_number",
    "registration": "registration_numbers",
    "passport": "passports",
    "tax_id": "tax_ids",
    "swift_bic": "swift_bics",
}


def _values(value) -> list:
    """A scalar, a list, a numpy array or a null, as a list of present values."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    try:
        items = list(value)
    except TypeError:
        return [] if value != value else [value]  # NaN is not equal to itself
    return [v for v in items if v is not None and v == v and v != ""]


def listing_from_row(row: Mapping) -> Listing:
    names = [row["primary_name"], *_values(row.get("alias_names")), *_values(row.get("former_names"))]
    identifiers = {
        kind: frozenset(str(v) for v in _values(row.get(column)))
        for kind, column in IDENTIFIER_COLUMNS.items()
    }
    return Listing(
        key=row["source_record_id"],
        authority=row["authority"],
        party_type=row["party_type"],
        names=tuple(dict.fromkeys(n for n in names if n)),
        identifiers={k: v for k, v in identifiers.items() if v},
        birth_years=frozenset(int(y) for y in _values(row.get("birth_years"))),
    )


def listings_from_rows(rows: Iterable[Mapping]) -> list[Listing]:
    return [listing_from_row(row) for row in rows]


def decisions_from_rows(rows: Iterable[Mapping], known_keys: set[str]) -> list[Decision]:
    """Analysts' rulings about listings that are loaded; a ruling about a listing no loaded list
    carries (yet) stays in the seed and applies once the listing arrives."""
    return [
        Decision(row["key_a"], row["key_b"], row["decision"])
        for row in rows
        if row["key_a"] in known_keys and row["key_b"] in known_keys
    ]
