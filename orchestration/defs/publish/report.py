"""The static HTML report: headline marts as charts and tables, readable without any server.

Charts are rendered to inline SVG with matplotlib so the page works offline and from a file share.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass
class Section:
    title: str
    body: str


def _svg(fig) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    text = buffer.getvalue()
    return text[text.find("<svg") :]


def _table(rows: list[tuple], headers: list[str], limit: int = 25) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_fmt(v))}</td>" for v in row) + "</tr>" for row in rows[:limit]
    )
    more = f"<p class='note'>{len(rows) - limit:,} more rows in the warehouse.</p>" if len(rows) > limit else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _has(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, table]
        ).fetchone()[0]
    )


def trade_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "trade", "fct_trade_flows"):
        return None
    rows = con.execute(
        """
        select ref_year, dprk_flow, sum(primary_value_usd) / 1e6 as value_musd
        from trade.fct_trade_flows
        group by all order by 1, 2
        """
    ).fetchall()
    if not rows:
        return Section("DPRK trade seen through partners", "<p>No trade flows loaded.</p>")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    years = sorted({r[0] for r in rows})
    series = {flow: [next((r[2] for r in rows if r[0] == y and r[1] == flow), 0.0) for y in years] for flow in ("export", "import")}
    fig, ax = plt.subplots(figsize=(8, 3.2))
    width = 0.4
    ax.bar([y - width / 2 for y in years], series["export"], width, label="DPRK exports (partner imports)")
    ax.bar([y + width / 2 for y in years], series["import"], width, label="DPRK imports (partner exports)")
    ax.set_ylabel("USD million")
    ax.set_xticks(years)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    banned = con.execute(
        """
        select cast(f.ref_year as varchar) as year, c.hs6, c.description, f.dprk_flow, sum(f.primary_value_usd) as value_usd,
               c.export_ban_from, c.import_ban_from
        from trade.fct_trade_flows as f
        join trade.dim_commodities as c using (hs6)
        where (f.dprk_flow = 'export' and c.export_ban_from <= f.period_start)
           or (f.dprk_flow = 'import' and c.import_ban_from <= f.period_start)
        group by all order by value_usd desc
        """
    ).fetchall()
    body = _svg(fig) + "<h3>Flows in HS codes under a UN ban at the time</h3>" + _table(
        banned, ["year", "HS6", "description", "DPRK flow", "value USD", "export ban from", "import ban from"]
    )
    return Section("DPRK trade seen through partners", body)


def sanctions_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "sanctions", "fct_designations"):
        return None
    by_program = con.execute(
        """
        select authority, program, count(*) filter (where is_active) as active,
               count(*) filter (where not is_active) as delisted
        from sanctions.fct_designations
        where program like 'DPRK%' or program in ('NPWMD')
        group by all order by 1, 3 desc
        """
    ).fetchall()
    delisted = con.execute(
        """
        select d.authority, e.primary_name, d.program, d.valid_from, d.valid_to
        from sanctions.fct_designations as d join sanctions.dim_entities as e using (entity_id)
        where not d.is_active order by d.valid_to desc
        """
    ).fetchall()
    both = con.execute(
        """
        select count(*) filter (where len(listing_authorities) > 1),
               count(*) filter (where is_dprk_related)
        from sanctions.dim_entities
        """
    ).fetchone()
    body = (
        f"<p>{both[1]:,} DPRK-related parties and vessels; {both[0]:,} are listed by more than one authority.</p>"
        + _table(by_program, ["authority", "program", "active", "delisted"])
        + "<h3>Delistings observed</h3>"
        + _table(delisted, ["authority", "name", "program", "valid from", "delisted on"])
    )
    return Section("Designations", body)


def shipping_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "shipping", "fct_port_visits"):
        return None
    risk = con.execute(
        """
        select vessel_name, imo, strftime(month, '%Y-%m'), score, factors
        from shipping.mart_vessel_risk order by score desc, vessel_name limit 25
        """
    ).fetchall() if _has(con, "shipping", "mart_vessel_risk") else []
    visits = con.execute(
        """
        select v.port_name, v.port_role, count(*) as visits, count(distinct v.mmsi) as vessels,
               round(sum(v.duration_hours), 1) as hours, count(*) filter (where confidence = 4) as confident
        from shipping.fct_port_visits as v
        group by all order by visits desc
        """
    ).fetchall()
    encounters = con.execute(
        """
        select strftime(started_at, '%Y-%m-%d %H:%M'), hours, mmsi_a, mmsi_b, closest_m, latitude, longitude
        from shipping.fct_encounters order by started_at
        """
    ).fetchall() if _has(con, "shipping", "fct_encounters") else []
    gaps = con.execute(
        """
        select strftime(started_at, '%Y-%m-%d %H:%M'), mmsi, hours, tier, nearest_dprk_port_km, dprk_port_reachable, score
        from shipping.fct_ais_gaps order by score desc, hours desc
        """
    ).fetchall() if _has(con, "shipping", "fct_ais_gaps") else []
    body = (
        "<h3>Highest vessel risk (mart_vessel_risk; evidence in fct_vessel_risk_evidence)</h3>"
        + _table(risk, ["vessel", "IMO", "month", "score", "factors"])
        + "<h3>Ship-to-ship encounters</h3>"
        + _table(encounters, ["start (UTC)", "hours", "MMSI A", "MMSI B", "closest m", "lat", "lon"])
        + "<h3>Dark gaps</h3>"
        + _table(gaps, ["start (UTC)", "MMSI", "hours", "tier", "nearest DPRK port km", "DPRK port reachable", "score"])
        + "<h3>Port visits</h3>"
        + _table(visits, ["port", "role", "visits", "vessels", "hours in port", "confidence 4"])
    )
    return Section("Shipping", body)


def revenue_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "trade", "mart_dprk_revenue_monthly"):
        return None
    rows = con.execute(
        """
        select period_start, category, sum(earnings_fob_usd) / 1e6
        from trade.mart_dprk_revenue_monthly
        where freq_code = 'M'
        group by all order by 1
        """
    ).fetchall()
    if not rows:
        return Section("DPRK export earnings (monthly reporters)", "<p>No monthly trade loaded.</p>")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    months = sorted({r[0] for r in rows})
    fig, ax = plt.subplots(figsize=(9, 3.2))
    bottom = [0.0] * len(months)
    for category in ("allowed", "capped", "banned"):
        values = [next((r[2] for r in rows if r[0] == m and r[1] == category), 0.0) for m in months]
        ax.bar(months, values, width=25, bottom=bottom, label=category)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_ylabel("USD million (FOB)")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    yearly = con.execute(
        """
        select cast(year(period_start) as varchar), partner_name, category, sum(earnings_fob_usd), avg(yoy_change)
        from trade.mart_dprk_revenue_monthly group by all order by 1 desc, 4 desc
        """
    ).fetchall()
    body = _svg(fig) + "<h3>By year, partner and category</h3>" + _table(
        yearly, ["year", "partner", "category", "earnings USD (FOB)", "mean YoY change"], limit=30
    )
    return Section("DPRK export earnings (mart_dprk_revenue_monthly)", body)


def ledger_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "trade", "fct_petroleum_cap_ledger"):
        return None
    rows = con.execute(
        """
        select month, stream, ytd_bbl, cap_bbl from trade.fct_petroleum_cap_ledger
        where product = 'refined' order by month
        """
    ).fetchall()
    if not rows:
        return Section("Refined petroleum cap (UNSCR 2397)", "<p>No petroleum figures loaded.</p>")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 3.2))
    for stream in sorted({r[1] for r in rows}):
        points = [(r[0], r[2]) for r in rows if r[1] == stream]
        ax.plot([p[0] for p in points], [p[1] / 1e3 for p in points], label=stream.replace("_", " "))
    ax.axhline(rows[0][3] / 1e3, color="black", linestyle="--", linewidth=1, label="cap (500,000 bbl/year)")
    ax.set_ylabel("thousand bbl, year to date")
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    alerts = con.execute(
        """
        select cast(year(month) as varchar), stream, max(ytd_bbl), max(ytd_share_of_cap),
               arg_max(alert_level, month), max(ytd_months_with_data)
        from trade.fct_petroleum_cap_ledger where product = 'refined'
        group by all order by 1 desc, 2
        """
    ).fetchall()
    body = _svg(fig) + _table(alerts, ["year", "stream", "barrels", "share of cap", "alert", "months with data"])
    return Section("Refined petroleum cap (fct_petroleum_cap_ledger)", body)


def trade_signals_section(con: duckdb.DuckDBPyConnection) -> Section | None:
    if not _has(con, "trade", "fct_trade_unit_value_anomalies"):
        return None
    anomalies = con.execute(
        """
        select cast(ref_year as varchar), reporter_code, hs6, dprk_flow, unit_value_usd_per_kg,
               peer_median_usd_per_kg, robust_z, direction
        from trade.fct_trade_unit_value_anomalies where is_anomaly order by abs(robust_z) desc
        """
    ).fetchall()
    substitution = con.execute(
        """
        select cast(ref_year as varchar), reporter_code, dprk_flow, banned_heading, banned_value_year_before,
               banned_value, rising_heading, rising_value_year_before, rising_value, same_chapter
        from trade.fct_trade_substitution_signals order by ref_year, rise_share_of_fall desc
        """
    ).fetchall()
    coverage = con.execute(
        "select status, count(*) from trade.mart_trade_coverage group by 1 order by 1"
    ).fetchall()
    body = (
        "<h3>Unit-value anomalies</h3>"
        + _table(anomalies, ["year", "reporter", "HS6", "DPRK flow", "USD/kg", "peer median USD/kg", "robust z", "direction"])
        + "<h3>Substitution signals</h3>"
        + _table(substitution, ["year", "reporter", "DPRK flow", "banned heading", "before", "after",
                                "rising heading", "before", "after", "same chapter"])
        + "<h3>Coverage of reporter periods</h3>"
        + _table(coverage, ["status", "reporter-period-flows"])
    )
    return Section("Trade signals", body)


SECTION_BUILDERS = [sanctions_section, revenue_section, ledger_section, trade_section, trade_signals_section, shipping_section]


def write_report(build_db: Path, out_dir: Path, release: dict) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(build_db), read_only=True) as con:
        sections = [s for s in (build(con) for build in SECTION_BUILDERS) if s is not None]
    checks = release.get("checks", [])
    failed = [c for c in checks if not c["passed"]]
    checks_html = f"<p>{len(checks) - len(failed)} of {len(checks)} checks passed.</p>" + _table(
        [(c["asset"], c["check"], "pass" if c["passed"] else c["severity"], c["description"]) for c in failed or checks],
        ["asset", "check", "result", "detail"],
        limit=40,
    )
    counts = _table(sorted(release.get("row_counts", {}).items()), ["table", "rows"], limit=60)
    nav = "".join(f"<li><a href='#s{i}'>{html.escape(s.title)}</a></li>" for i, s in enumerate(sections))
    content = "".join(f"<section id='s{i}'><h2>{html.escape(s.title)}</h2>{s.body}</section>" for i, s in enumerate(sections))
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tumen report {html.escape(release.get('release_id', ''))}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #222; }}
table {{ border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }} .note {{ color: #666; font-size: 0.8rem; }} svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>Tumen: DPRK–Russia–China sanctions-evasion warehouse</h1>
<p class="note">Release {html.escape(release.get('release_id', ''))}, published {html.escape(str(release.get('published_at', '')))}
 from {html.escape(release.get('dataset', ''))} data. <a href="../data_docs/index.html">Data quality (Great Expectations Data Docs)</a></p>
<ul>{nav}<li><a href="#checks">Checks</a></li><li><a href="#counts">Row counts</a></li></ul>
{content}
<section id="checks"><h2>Checks</h2>{checks_html}</section>
<section id="counts"><h2>Row counts</h2>{counts}</section>
</body></html>
"""
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
