"""UN Comtrade v1 responses for the sample: China (156) monthly JSON and three annual CSV files.

China's annual exports to and imports from the DPRK (partner 408) add up, to the dollar, to the
press-reported China customs figures in ``dbt_project/seeds/ref_china_dprk_trade_annual.csv``,
which this module reads. The HS6 mix and its monthly shape are invented to read like the real
trade (border closures 2020-2022, the 2017 bans); the planted rows in
``orchestration.sample.scenarios.TRADE_PLANTS`` are added on top and counted in the totals.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np

from orchestration.sample.scenarios import TRADE_PLANTS
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
            net_wgt: int | None) -> dict:
    iso3, rdesc = REPORTERS[reporter]
    pcode, piso, pdesc = PARTNER_DPRK
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


def _product_by_hs(hs: str) -> Product:
    for p in CHINA_EXPORTS + CHINA_IMPORTS + CHINA_PETROLEUM + (COAL,):
        if p.hs == hs:
            return p
    raise KeyError(hs)


def china_year(rng: np.random.Generator, year: int, ref: TradeReference) -> list[dict]:
    """All records (HS6 + TOTAL, both flows, 12 months) of China's DPRK trade in one year."""
    yi = YEARS.index(year)
    records: list[dict] = []
    for flow, annual, products in (("X", ref.china_exports_usd, CHINA_EXPORTS),
                                   ("M", ref.china_imports_usd, CHINA_IMPORTS)):
        plants = [p for p in TRADE_PLANTS if p[1] == 156 and p[2] == flow and p[3] == year]
        remaining = annual - sum(p[6] for p in plants)
        shape = np.asarray(MONTH_PROFILE[(flow, year)], dtype=float)
        shape = shape * rng.lognormal(0.0, 0.12, size=12)
        months = _split(rng, remaining, list(shape))
        for m in range(1, 13):
            amount = months[m - 1]
            rows: list[tuple[Product, int]] = []
            if flow == "X":  # refined petroleum: small, reported most months
                for prod in CHINA_PETROLEUM:
                    v = min(int(rng.uniform(120_000, 650_000)), int(0.25 * amount))
                    if v >= 20_000:
                        rows.append((prod, v))
                        amount -= v
            active = [p for p in products if p.weights[yi] > 0
                      and (year != 2017 or m <= p.last_month_2017)]
            chosen = [p for p in active if p.core or rng.random() < 0.5]
            if amount < 3_000_000:  # a near-closed border: only the main lines trade
                chosen = sorted(chosen, key=lambda p: -p.weights[yi])[:3]
            weights = [p.weights[yi] * float(rng.lognormal(0.0, 0.3)) for p in chosen]
            rows += list(zip(chosen, _split(rng, amount, weights)))
            for pid, _rep, _flow, _y, pm, hs, usd, _note in plants:
                if pm == m:
                    rows.append((_product_by_hs(hs), usd))
            month_records = []
            for prod, value in rows:
                if value <= 0:
                    continue
                qty, net = _quantities(rng, prod.unit, prod.price, prod.kg_per_unit, value)
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


def write_comtrade(out: Path, rng: np.random.Generator, refs: dict[int, TradeReference],
                   emit) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for year in YEARS:
        data = china_year(rng, year, refs[year])
        body = {"elapsedTime": f"{float(rng.uniform(0.3, 2.9)):.2f} secs", "count": len(data),
                "data": data, "error": ""}
        name = f"comtrade_156_408_monthly_{year}.json"
        (out / name).write_bytes(json.dumps(body, separators=(",", ":"), ensure_ascii=False)
                                 .encode("utf-8"))
        counts[name] = len(data)
        emit(out / name, len(data))
    for reporter in (643, 699, 764):
        data = other_reporter(rng, reporter)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(CSV_FIELDS)
        for r in data:
            w.writerow([_csv_value(r[k]) for k in CSV_FIELDS])
        name = f"comtrade_{reporter}_408_annual.csv"
        (out / name).write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))
        counts[name] = len(data)
        emit(out / name, len(data))
    return counts
