"""UN Comtrade v1 responses for the sample: China (156) monthly JSON with the DPRK, three annual
CSV files of other reporters with the DPRK, and China's annual trade with twelve other partners.

China's annual exports to and imports from the DPRK (partner 408) add up, to the dollar, to the
press-reported China customs figures in ``dbt_project/seeds/ref_china_dprk_trade_annual.csv``,
which this module reads. The HS6 mix and its monthly shape are invented to read like the real
trade (border closures 2020-2022, the 2017 bans); the planted rows in
``orchestration.sample.scenarios`` are added on top and counted in the totals: ``TRADE_PLANTS``
(single rows), ``SUBSTITUTION_PLANTS`` (fixed annual lines), ``PETROLEUM_MONTHS`` (refined
petroleum tonnage) and ``UNIT_VALUE_PLANTS`` (weights set against the peers' median unit value
in ``comtrade_156_world_partners_annual.csv``, whose invented prices are in ``comtrade_peers``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from statistics import NormalDist

import numpy as np

from orchestration.sample.comtrade_peers import (
    DPRK_FLOW_PARTNERS,
    OTHER_FLOW_PARTNERS,
    PEER_PARTNERS,
    PEER_PRICES,
    mad,
    median,
    robust_z,
)
from orchestration.sample.scenarios import (
    PETROLEUM_BBL_PER_TONNE,
    PETROLEUM_MONTHS,
    PETROLEUM_TONNES_RANGE,
    SUBSTITUTION_PLANTS,
    TRADE_PLANTS,
    UNIT_VALUE_PLANTS,
    PinnedSeries,
    UnitValuePlant,
)
from orchestration.sample.world import (
    CHINA_EXPORTS,
    CHINA_IMPORTS,
    CHINA_PETROLEUM,
    COAL,
    MONTH_PROFILE,
    OTHER_REPORTERS,
    PARTNER_DPRK,
    REPORTERS,
    UNIT_KG,
    UNIT_KWH,
    UNIT_U,
    YEARS,
    Product,
    TradeReference,
)

# Field order of a v1 JSON record (as the data/v1/get and public/v1/preview endpoints return it).
JSON_FIELDS = (
    "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode",
    "reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO",
    "partnerDesc", "partner2Code", "partner2ISO", "partner2Desc", "classificationCode",
    "classificationSearchCode", "isOriginalClassification", "cmdCode", "cmdDesc", "aggrLevel",
    "isLeaf", "isAggregate", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc",
    "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr",
    "altQty", "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt",
    "isGrossWgtEstimated", "fobvalue", "cifvalue", "primaryValue", "isReported",
    "legacyEstimationFlag",
)
# Column order of a v1 CSV download (same 47 names).
CSV_FIELDS = (
    "typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode",
    "reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO",
    "partnerDesc", "partner2Code", "partner2ISO", "partner2Desc", "classificationCode",
    "classificationSearchCode", "isOriginalClassification", "cmdCode", "cmdDesc", "aggrLevel",
    "isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc", "qtyUnitCode",
    "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode", "altQtyUnitAbbr", "altQty",
    "isAltQtyEstimated", "netWgt", "isNetWgtEstimated", "grossWgt", "isGrossWgtEstimated",
    "cifvalue", "fobvalue", "primaryValue", "legacyEstimationFlag", "isReported", "isAggregate",
)
assert sorted(JSON_FIELDS) == sorted(CSV_FIELDS) and len(JSON_FIELDS) == 47

FLOW_DESC = {"X": "Export", "M": "Import"}


def classification(year: int) -> str:
    return "H5" if year <= 2021 else "H6"


def _record(reporter: int, flow: str, year: int, month: int | None, hs: str, desc: str,
            value: int, qty_unit: tuple[int, str] | None, qty: int | None,
            net_wgt: int | None, partner: tuple[int, str, str] = PARTNER_DPRK) -> dict:
    iso3, rdesc = REPORTERS[reporter]
    pcode, piso, pdesc = partner
    total = hs == "TOTAL"
    period = f"{year}{month:02d}" if month else f"{year}"
    if total:
        unit_code, unit_abbr, qty_v, net_v, gross_v = -1, "N/A", 0, 0, 0
    else:
        unit_code, unit_abbr = qty_unit
        qty_v, net_v, gross_v = qty, net_wgt, None
    rec = {
        "typeCode": "C",
        "freqCode": "M" if month else "A",
        "refPeriodId": int(f"{year}{(month or 1):02d}01"),
        "refYear": year,
        "refMonth": month if month else 52,
        "period": period,
        "reporterCode": reporter,
        "reporterISO": iso3,
        "reporterDesc": rdesc,
        "flowCode": flow,
        "flowDesc": FLOW_DESC[flow],
        "partnerCode": pcode,
        "partnerISO": piso,
        "partnerDesc": pdesc,
        "partner2Code": 0,
        "partner2ISO": "W00",
        "partner2Desc": "World",
        "classificationCode": classification(year),
        "classificationSearchCode": "HS",
        "isOriginalClassification": True,
        "cmdCode": hs,
        "cmdDesc": "All Commodities" if total else desc,
        "aggrLevel": 0 if total else 6,
        "isLeaf": not total,
        "isAggregate": total,
        "customsCode": "C00",
        "customsDesc": "TOTAL CPC",
        "mosCode": "0",
        "motCode": 0,
        "motDesc": "TOTAL MOT",
        "qtyUnitCode": unit_code,
        "qtyUnitAbbr": unit_abbr,
        "qty": qty_v,
        "isQtyEstimated": False,
        "altQtyUnitCode": unit_code,
        "altQtyUnitAbbr": unit_abbr,
        "altQty": qty_v,
        "isAltQtyEstimated": False,
        "netWgt": net_v,
        "isNetWgtEstimated": total,
        "grossWgt": gross_v,
        "isGrossWgtEstimated": False,
        "fobvalue": value if flow == "X" else None,
        "cifvalue": value if flow == "M" else None,
        "primaryValue": value,
        "isReported": not total,
        "legacyEstimationFlag": 0,
    }
    return {k: rec[k] for k in JSON_FIELDS}


def _quantities(rng: np.random.Generator, unit: tuple[int, str], price: float, kg_per_unit: float,
                value: int) -> tuple[int | None, int | None]:
    """(qty, netWgt) for a value at a noisy unit price."""
    p = price * float(rng.lognormal(0.0, 0.08))
    if unit == UNIT_KG:
        kg = max(1, round(value / p))
        return kg, kg
    if unit == UNIT_U:
        n = max(1, round(value / p))
        return n, max(1, round(n * kg_per_unit * float(rng.lognormal(0.0, 0.05))))
    if unit == UNIT_KWH:
        return max(1, round(value / p)), None
    raise ValueError(unit)


def _split(rng: np.random.Generator, total: int, weights: list[float]) -> list[int]:
    """Split an integer total by weights; the parts add up exactly."""
    w = np.asarray(weights, dtype=float)
    raw = w / w.sum() * total
    parts = [int(x) for x in np.floor(raw)]
    parts[int(np.argmax(w))] += total - sum(parts)
    return parts


# A line of China's imports from the DPRK that world.py does not list: it trades only as the
# planted series of scenario S-sub-b (coal banned in 2017, coke rising in 2018).
COKE = Product("270400", "Coke and semi-coke of coal, of lignite or of peat, whether or not "
               "agglomerated; retort carbon", 0.25, (0,) * 8)


def _product_by_hs(hs: str) -> Product:
    for p in CHINA_EXPORTS + CHINA_IMPORTS + CHINA_PETROLEUM + (COAL, COKE):
        if p.hs == hs:
            return p
    raise KeyError(hs)


def _pinned_series(flow: str, year: int) -> list[PinnedSeries]:
    return [s for plant in SUBSTITUTION_PLANTS for s in plant.series
            if s.flow == flow and s.year == year]


_PETROLEUM_PINNED = {(p.year, p.month): p for p in PETROLEUM_MONTHS}


def _petroleum_rows(rng: np.random.Generator, year: int, month: int,
                    amount: int) -> list[tuple[Product, int, int]]:
    """China's refined-petroleum exports to the DPRK in one month: (product, USD, kg) for 271012
    and 271019. The tonnage is pinned (``PETROLEUM_MONTHS``) or drawn from
    ``PETROLEUM_TONNES_RANGE``; a drawn tonnage takes at most half of the month's exports."""
    lo, hi = PETROLEUM_TONNES_RANGE[year]
    drawn_t = float(rng.uniform(lo, hi))
    light_share = float(rng.uniform(0.38, 0.52))
    noise = rng.lognormal(0.0, 0.05, size=2)
    pinned = _PETROLEUM_PINNED.get((year, month))
    kg = pinned.customs_t * 1000 if pinned else round(drawn_t * 1000)
    light, other = CHINA_PETROLEUM
    if not pinned:
        full = kg * (light_share * light.price * noise[0] + (1 - light_share) * other.price * noise[1])
        if full > 0.5 * amount:
            kg = round(kg * 0.5 * amount / full)
    kg_light = round(kg * light_share)
    kg_other = kg - kg_light
    rows = [(light, round(kg_light * light.price * float(noise[0])), kg_light),
            (other, round(kg_other * other.price * float(noise[1])), kg_other)]
    if sum(v for _, v, _ in rows) >= 0.9 * amount:
        raise ValueError(f"refined petroleum of {year}-{month:02d} ({kg / 1000:,.0f} t) leaves "
                         f"too little of the month's USD {amount:,} exports for other lines")
    return rows


def china_year(rng: np.random.Generator, year: int, ref: TradeReference) -> list[dict]:
    """All records (HS6 + TOTAL, both flows, 12 months) of China's DPRK trade in one year."""
    yi = YEARS.index(year)
    records: list[dict] = []
    for flow, annual, products in (("X", ref.china_exports_usd, CHINA_EXPORTS),
                                   ("M", ref.china_imports_usd, CHINA_IMPORTS)):
        plants = [p for p in TRADE_PLANTS if p[1] == 156 and p[2] == flow and p[3] == year]
        pinned = _pinned_series(flow, year)
        pinned_hs = {s.hs for s in pinned}
        assert not {(p[4], p[5]) for p in plants} & {(m, s.hs) for s in pinned for m in s.months}
        remaining = annual - sum(p[6] for p in plants) - sum(s.usd for s in pinned)
        shape = np.asarray(MONTH_PROFILE[(flow, year)], dtype=float)
        shape = shape * rng.lognormal(0.0, 0.12, size=12)
        months = _split(rng, remaining, list(shape))
        # planted annual lines, spread over their months like the flow itself
        pinned_by_month: dict[int, list[tuple[Product, int]]] = {}
        for s in pinned:
            for m, usd in zip(s.months, _split(rng, s.usd, [shape[m - 1] for m in s.months])):
                pinned_by_month.setdefault(m, []).append((_product_by_hs(s.hs), usd))
        for m in range(1, 13):
            amount = months[m - 1]
            rows: list[tuple[Product, int, int | None]] = []
            if flow == "X":  # refined petroleum: every month, netWgt in kg (the cap ledger)
                rows += _petroleum_rows(rng, year, m, amount)
                amount -= sum(v for _, v, _ in rows)
            active = [p for p in products if p.weights[yi] > 0 and p.hs not in pinned_hs
                      and (year != 2017 or m <= p.last_month_2017)]
            chosen = [p for p in active if p.core or rng.random() < 0.5]
            if amount < 3_000_000:  # a near-closed border: only the main lines trade
                chosen = sorted(chosen, key=lambda p: -p.weights[yi])[:3]
            weights = [p.weights[yi] * float(rng.lognormal(0.0, 0.3)) for p in chosen]
            rows += [(p, v, None) for p, v in zip(chosen, _split(rng, amount, weights))]
            for pid, _rep, _flow, _y, pm, hs, usd, _note in plants:
                if pm == m:
                    rows.append((_product_by_hs(hs), usd, None))
            rows += [(prod, usd, None) for prod, usd in pinned_by_month.get(m, [])]
            month_records = []
            for prod, value, kg in rows:
                if value <= 0:
                    continue
                if kg is None:
                    qty, net = _quantities(rng, prod.unit, prod.price, prod.kg_per_unit, value)
                else:
                    qty, net = kg, kg
                month_records.append(_record(156, flow, year, m, prod.hs, prod.desc, value,
                                             prod.unit, qty, net))
            total = sum(r["primaryValue"] for r in month_records)
            month_records.append(_record(156, flow, year, m, "TOTAL", "", total, None, None, None))
            records += month_records
    records.sort(key=lambda r: (r["refPeriodId"], r["flowCode"], r["cmdCode"]))
    return records


def other_reporter(rng: np.random.Generator, reporter: int) -> list[dict]:
    spec = OTHER_REPORTERS[reporter]
    records: list[dict] = []
    for i, year in enumerate(spec["years"]):
        for flow in ("X", "M"):
            total = int(spec[f"totals_{flow}"][i])
            lines = spec[flow]
            weights = [ln.share * float(rng.lognormal(0.0, 0.2)) for ln in lines]
            recs = []
            values = _split(rng, total, weights)
            for ln, value in zip(lines, values):
                if value <= 0:
                    continue
                qty, net = _quantities(rng, ln.unit, ln.price, ln.kg_per_unit, value)
                recs.append(_record(reporter, flow, year, None, ln.hs, ln.desc, value, ln.unit,
                                    qty, net))
            recs.append(_record(reporter, flow, year, None, "TOTAL", "",
                                sum(r["primaryValue"] for r in recs), None, None, None))
            records += recs
    records.sort(key=lambda r: (r["refPeriodId"], r["flowCode"], r["cmdCode"]))
    return records


def _csv_value(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    return str(v)


# The sample's extract was "downloaded" once China's 2024 annual figures were out.
EXTRACT_DATE = "2025-03-01"
PEERS_FILE = "comtrade_156_world_partners_annual.csv"


def _normal_quantiles(n: int) -> np.ndarray:
    return np.asarray([NormalDist().inv_cdf((k + 0.5) / n) for k in range(n)])


def peer_records(rng: np.random.Generator, lines: dict[str, set[str]]) -> list[dict]:
    """China's annual trade with the peer partners in every HS6 of its DPRK trade, both flows.

    ``lines`` maps each HS6 to the flows (M, X) it has with the DPRK. In those flows at least
    ``DPRK_FLOW_PARTNERS[0]`` partners trade every year, their unit values spread around
    ``PeerPrice.uv`` by fixed partner offsets (normal quantiles x spread, shuffled) and a little
    yearly noise; the other flow has a few partners at ``uv x other``.
    """
    n_all = len(PEER_PARTNERS)
    records: list[dict] = []
    for hs in sorted(lines):
        prod, pp = _product_by_hs(hs), PEER_PRICES[hs]
        year_factor = rng.lognormal(0.0, 0.03, size=len(YEARS))
        for flow in ("M", "X"):
            if flow in lines[hs]:
                n = int(rng.integers(DPRK_FLOW_PARTNERS[0], DPRK_FLOW_PARTNERS[1] + 1))
                base = pp.uv
            else:
                n = int(rng.integers(OTHER_FLOW_PARTNERS[0], OTHER_FLOW_PARTNERS[1] + 1))
                base = pp.uv * pp.other
            chosen = sorted(int(i) for i in rng.choice(n_all, size=n, replace=False))
            offsets = rng.permutation(_normal_quantiles(n)) * pp.spread
            size = (pp.import_usd if flow == "M" else pp.export_usd) * rng.lognormal(0.0, 0.8, n)
            for yi, year in enumerate(YEARS):
                for k, i in enumerate(chosen):
                    uv = base * year_factor[yi] * float(np.exp(offsets[k] + rng.normal(0.0, 0.01)))
                    value = max(1_000, round(size[k] * float(rng.lognormal(0.0, 0.15))))
                    if prod.unit == UNIT_KWH:
                        qty, net = max(1, round(value / uv)), None
                    elif prod.unit == UNIT_U:
                        net = max(1, round(value / uv))
                        qty = max(1, round(net / prod.kg_per_unit * float(rng.lognormal(0.0, 0.04))))
                    else:
                        qty = net = max(1, round(value / uv))
                    records.append(_record(156, flow, year, None, hs, prod.desc, value, prod.unit,
                                           qty, net, partner=PEER_PARTNERS[i]))
    records.sort(key=lambda r: (r["refYear"], r["flowCode"], r["cmdCode"], r["partnerCode"]))
    return records


def _annual_dprk(records: list[dict]) -> dict[tuple[str, str], tuple[int, int]]:
    """(flow, HS6) -> (USD, kg) of one year's China-DPRK monthly records (lines with a weight)."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for r in records:
        if r["cmdCode"] != "TOTAL" and r["netWgt"]:
            v, kg = out.get((r["flowCode"], r["cmdCode"]), (0, 0))
            out[(r["flowCode"], r["cmdCode"])] = (v + r["primaryValue"], kg + r["netWgt"])
    return out


def _peer_unit_values(peers: list[dict]) -> dict[tuple[int, str, str], list[float]]:
    """(year, flow, HS6) -> the peer partners' annual unit values (USD/kg)."""
    out: dict[tuple[int, str, str], list[float]] = {}
    for r in peers:
        if r["netWgt"]:
            out.setdefault((r["refYear"], r["flowCode"], r["cmdCode"]), []).append(
                r["primaryValue"] / r["netWgt"])
    return out


def _reprice(records: list[dict], plant: UnitValuePlant, peer_median: float) -> None:
    """Set the weights of a planted annual flow so that its unit value is ratio x the peer median.

    The values stay (the annual totals are the seed's); the annual weight is split over the
    months in proportion to the weights they had, so the monthly unit values keep their noise.
    """
    rows = [r for r in records if r["flowCode"] == plant.flow and r["cmdCode"] == plant.hs]
    if not rows or any(r["qtyUnitCode"] != UNIT_KG[0] for r in rows):
        raise ValueError(f"{plant.id}: no monthly {plant.hs} rows in kg in {plant.year}")
    value = sum(r["primaryValue"] for r in rows)
    target_kg = round(value / (plant.ratio_to_peer_median * peer_median))
    for r, kg in zip(rows, _split(None, target_kg, [r["netWgt"] for r in rows])):
        r["qty"] = r["altQty"] = r["netWgt"] = kg


def _write_csv(path: Path, data: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_FIELDS)
    for r in data:
        w.writerow([_csv_value(r[k]) for k in CSV_FIELDS])
    path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))


def _heading_values(china: dict[int, list[dict]], flow: str, heading: str) -> dict[int, int]:
    return {year: sum(r["primaryValue"] for r in recs if r["flowCode"] == flow
                      and r["cmdCode"] != "TOTAL" and r["cmdCode"].startswith(heading))
            for year, recs in china.items()}


def write_comtrade(out: Path, rng: np.random.Generator, refs: dict[int, TradeReference],
                   emit, peer_rng: np.random.Generator) -> dict:
    """Write the Comtrade files; return the facts the README prints about them.

    ``rng`` draws the China-DPRK and other reporters' files (as before the peer file existed);
    ``peer_rng`` draws the peer file, so each can change without reshuffling the other.
    """
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    china = {year: china_year(rng, year, refs[year]) for year in YEARS}
    others = {reporter: other_reporter(rng, reporter) for reporter in (643, 699, 764)}

    # China's trade with the other partners, in every HS6 of its DPRK trade
    lines: dict[str, set[str]] = {}
    for recs in china.values():
        for r in recs:
            if r["cmdCode"] != "TOTAL":
                lines.setdefault(r["cmdCode"], set()).add(r["flowCode"])
    peers = peer_records(peer_rng, lines)
    peer_uv = _peer_unit_values(peers)

    # planted unit values: the weights of the DPRK flow against the peers' median
    for plant in UNIT_VALUE_PLANTS:
        assert plant.reporter == 156 and plant.partner == 408
        _reprice(china[plant.year], plant, median(peer_uv[(plant.year, plant.flow, plant.hs)]))

    # what the README prints: every annual China-DPRK flow against its peers
    scored = []
    for year in YEARS:
        for (flow, hs), (value, kg) in sorted(_annual_dprk(china[year]).items()):
            uvs = peer_uv[(year, flow, hs)]
            scored.append({"year": year, "flow": flow, "hs": hs, "value": value, "kg": kg,
                           "uv": value / kg, "median": median(uvs), "mad": mad(uvs),
                           "peers": len(uvs), "z": robust_z(value / kg, uvs)})
    # months whose drawn tonnage was held to half of the month's exports
    pinned_months = {(p.year, p.month) for p in PETROLEUM_MONTHS}
    capped = []
    for year in YEARS:
        for m in range(1, 13):
            rows = [r for r in china[year] if r["refMonth"] == m and r["flowCode"] == "X"]
            oil = sum(r["primaryValue"] for r in rows if r["cmdCode"] in ("271012", "271019"))
            total = next(r["primaryValue"] for r in rows if r["cmdCode"] == "TOTAL")
            if (year, m) not in pinned_months and abs(oil - total / 2) <= 2:
                capped.append(f"{year}-{m:02d}")
    petroleum = []
    for p in PETROLEUM_MONTHS:
        kg = sum(r["netWgt"] for r in china[p.year] if r["period"] == f"{p.year}{p.month:02d}"
                 and r["flowCode"] == "X" and r["cmdCode"] in ("271012", "271019"))
        petroleum.append({"plant": p, "customs_t": kg / 1000,
                          "customs_bbl": kg / 1000 * PETROLEUM_BBL_PER_TONNE})
    substitution = [{"plant": s,
                     "banned": _heading_values(china, s.flow, s.banned_heading),
                     "rising": _heading_values(china, s.flow, s.rising_heading)}
                    for s in SUBSTITUTION_PLANTS]

    for year in YEARS:
        data = china[year]
        body = {"elapsedTime": f"{float(rng.uniform(0.3, 2.9)):.2f} secs", "count": len(data),
                "data": data, "error": ""}
        name = f"comtrade_156_408_monthly_{year}.json"
        (out / name).write_bytes(json.dumps(body, separators=(",", ":"), ensure_ascii=False)
                                 .encode("utf-8"))
        counts[name] = len(data)
        emit(out / name, len(data))
    for reporter, data in others.items():
        name = f"comtrade_{reporter}_408_annual.csv"
        _write_csv(out / name, data)
        counts[name] = len(data)
        emit(out / name, len(data))
    _write_csv(out / PEERS_FILE, peers)
    counts[PEERS_FILE] = len(peers)
    emit(out / PEERS_FILE, len(peers))
    return {"counts": counts, "scored": scored, "petroleum": petroleum, "petroleum_capped": capped,
            "substitution": substitution, "peers": peers,
            # not planted: China's exports of worked human hair (the wig makers' raw material)
            "hair_exports": _heading_values(china, "X", "6703")}
