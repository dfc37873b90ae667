"""The sample's README, written by the generator from the same data it writes (never by hand)."""

from __future__ import annotations

from orchestration.sample import scenarios as sc
from orchestration.sample.ais import QUIRKS, dist_m
from orchestration.sample.comtrade import PEERS_FILE
from orchestration.sample.comtrade_peers import (
    DPRK_FLOW_PARTNERS,
    OTHER_FLOW_PARTNERS,
    PEER_PARTNERS,
    PEER_PRICES,
    median,
)
from orchestration.sample.ofac import REMARKS_LIMIT, remarks
from orchestration.sample.un import FILLERS as UN_FILLERS
from orchestration.sample.world import (
    AIS_VESSELS,
    DMA_TANKER,
    OFAC_ADDED_KEYS,
    OFAC_AMENDED_KEYS,
    OFAC_DELISTED_KEYS,
    OFAC_DPRK_ENTITIES,
    OFAC_DPRK_INDIVIDUALS,
    OFAC_DPRK_VESSELS,
    UN_DPRK_ENTITIES,
    UN_DPRK_INDIVIDUALS,
    Port,
)

DPRK_PROGRAMS = {"DPRK", "DPRK2", "DPRK3", "DPRK4", "DPRK-NKSPEA", "NPWMD"}


def _table(header: tuple[str, ...], rows) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c).replace("|", "/") for c in r) + " |" for r in rows]
    return "\n".join(out)


def render(files: dict[str, int], seed: int, ports: dict[str, Port], may, june,
           trade: dict | None = None) -> str:
    ofac_all = {p.key: (ent, p) for ent, p in may + june}
    n_dprk = sum(1 for _, p in may if set(p.programs) & DPRK_PROGRAMS and not p.fictional)
    n_fill = sum(1 for _, p in may if p.fictional)
    n_vessel = sum(1 for _, p in may if p.sdn_type == "vessel")
    long_ones = [(ent, p) for ent, p in may if len(remarks(p)) > REMARKS_LIMIT]
    ofac_by_key = {p.key: p for p in OFAC_DPRK_ENTITIES + OFAC_DPRK_INDIVIDUALS + OFAC_DPRK_VESSELS}
    un_dprk = UN_DPRK_INDIVIDUALS + UN_DPRK_ENTITIES
    both = [(u.ref.strip(), " ".join(n.strip() for n in u.names), ofac_by_key[u.ofac_key].name)
            for u in un_dprk if u.ofac_key]
    un_only = [f"{u.ref.strip()} {' '.join(n.strip() for n in u.names)}" for u in un_dprk
               if not u.ofac_key]
    linked = {u.ofac_key for u in un_dprk}
    ofac_only = [p.name for p in OFAC_DPRK_ENTITIES + OFAC_DPRK_INDIVIDUALS if p.key not in linked]

    L: list[str] = []
    add = L.append
    add("# Tumen bundled sample (`data/sample/`)")
    add("")
    add("This folder is Tumen's own small, offline sample of every input source, written in each "
        "publisher's real file format so that the parsers, the dbt models, the quality checks and "
        "the BI marts can run end to end without a network. **It is not a copy of any publication.** "
        "It mixes public facts typed in by hand (names of designated DPRK parties and vessels, UN "
        "reference numbers and listing dates, IMO numbers, port coordinates, China's annual trade "
        "totals) with invented rows and planted, documented scenarios. Do not use it as a source "
        "of facts about any real person, company or ship.")
    add("")
    add("## How it was made")
    add("")
    add(f"Written by `orchestration/sample/` with seed {seed}:")
    add("")
    add("```")
    add(f"tumen sample --out data/sample --seed {seed}")
    add(f"# equivalently: python -m orchestration.sample --out data/sample --seed {seed}")
    add("```")
    add("")
    add("The generator is deterministic (the same seed writes byte-identical files) and a unit test "
        "regenerates the sample and compares it byte for byte with this folder, so **never edit "
        "these files by hand**: change the generator and regenerate. This README is written by the "
        "generator too, from the same data (`orchestration/sample/world.py`, `parties.py`, "
        "`comtrade_peers.py`, "
        "`scenarios.py`).")
    add("")
    add("## Files")
    add("")
    add(_table(("file", "records", "format"), [
        (f"`{k}`", f"{v:,}", _fmt(k)) for k, v in sorted(files.items())]))
    add("")

    # ------------------------------------------------------------------------------------ OFAC
    add("## OFAC SDN (`ofac_sdn/2024-05-01/`, `ofac_sdn/2024-06-01/`)")
    add("")
    add("Legacy CSV exactly as OFAC publishes it: no header, CRLF, quoted text, bare numbers, the "
        "null marker `-0- ` (with its trailing space), programs joined as `NPWMD] [DPRK2`, "
        f"Remarks cut at {REMARKS_LIMIT:,} characters with the rest in `sdn_comments.csv`, and a "
        "Ctrl-Z (0x1A) as the last byte of every file.")
    add("")
    add(f"* {n_dprk} public-record parties under DPRK programs (DPRK, DPRK2, DPRK3, DPRK4, NPWMD) "
        f"plus the Russia-program vessel ANGARA and its owner M LEASING LLC, and {n_fill} fictional "
        f"filler records (RUSSIA-EO14024, IRAN, SDGT, CUBA) so that programs are mixed; "
        f"{n_vessel} vessels in all.")
    add("* **Public fact:** names as OFAC spells them, SDN type, vessel names and IMO numbers (every "
        "one passes the IMO check digit), vessel flags and `Linked To:` relations as published, "
        "dates of birth / titles / nationality of the listed individuals. Program tags follow the "
        "published list as of 2024.")
    add("* **Invented:** every `ent_num` (900001+), `Add_num` (910001+) and `alt_num` (920001+); "
        "MMSIs in Remarks (YU JONG 2 `445108000`; CHON MA SAN `445316000`, added in June), the "
        "call sign HMYJ2, MU DU BONG's tonnage and year of build, passport numbers (`99…`), some "
        "street-level addresses, and every record marked fictional (names generated from syllables; "
        "any likeness to a real party is accidental). The filler vessels KAVIR STAR and DARYAN "
        "PEARL and the aircraft EP-QXZ are fictional.")
    if long_ones:
        ent, p = long_ones[0]
        add(f"* Remarks longer than {REMARKS_LIMIT:,} characters: ent_num {ent} ({p.name}, fictional); "
            f"its tail is the row for {ent} in `sdn_comments.csv`.")
    add("")
    add("Planted differences between the two snapshots (these are **not real events**):")
    add("")
    rows = []
    for k in OFAC_DELISTED_KEYS:
        ent, p = ofac_all[k]
        rows.append(("delisted", ent, p.name, "/".join(p.programs),
                     "fictional filler" if p.fictional
                     else "public-record party; the delisting is planted"))
    for k in OFAC_ADDED_KEYS:
        ent, p = ofac_all[k]
        rows.append(("added", ent, p.name, "/".join(p.programs), "fictional filler"))
    for k in OFAC_AMENDED_KEYS:
        ent, p = ofac_all[k]
        rows.append(("amended", ent, p.name, "/".join(p.programs),
                     f"Remarks gain `MMSI {p.mmsi}` (the MMSI it uses in the AIS sample)"))
    add(_table(("change", "ent_num", "name", "program", "note"), rows))
    add("")

    # ------------------------------------------------------------------------------------ UN
    add("## UN Security Council consolidated list (`un_sc/consolidated_2024-05-15.xml`)")
    add("")
    add(f"The consolidated XML structure (CONSOLIDATED_LIST with dateGenerated, INDIVIDUALS / ENTITIES, "
        f"DATAID, VERSIONNUM, name parts, UN_LIST_TYPE, REFERENCE_NUMBER, LISTED_ON, COMMENTS1, "
        f"LIST_TYPE, LAST_DAY_UPDATED, aliases with QUALITY, addresses, dates of birth as DATE / "
        f"YEAR / FROM_YEAR-TO_YEAR, documents, SORT_KEY and the empty placeholder elements). "
        f"{len(UN_DPRK_INDIVIDUALS)} DPRK individuals (KPi) and {len(UN_DPRK_ENTITIES)} DPRK "
        f"entities (KPe), plus {len(UN_FILLERS)} fictional records of other regimes.")
    add("")
    add("* **Public fact:** DPRK names as the UN spells them, reference numbers and listing dates "
        "(checked against the published list), dates of birth where given.")
    add("* **Invented:** DATAIDs (9900001+), VERSIONNUM, dateGenerated, the COMMENTS1 wording (a "
        "short paraphrase), passport numbers (`99…`), and every other-regime record (reference "
        "numbers `.9NN`, e.g. QDi.901: no such listing exists).")
    add("* **Planted quirks:** reference numbers with a trailing space (`KPi.034 `, `KPe.023 `, "
        "`KPe.045 `, `QDi.906 `, `QDe.903 `); names padded with spaces (KPi.024 SECOND_NAME "
        "`' YONG CHOL'`, KPi.044 FIRST_NAME `'KIM '`, KPe.015 `'  TOSONG TECHNOLOGY TRADING "
        "CORPORATION'`, QDi.903 `' ADIL'`); empty placeholder elements (`<TYPE_OF_DATE/>`, "
        "`<VALUE/>`, `<INDIVIDUAL_DOCUMENT/>`, empty aliases and addresses); dates of birth as a "
        "date, a year (EXACT and APPROXIMATELY), a range (BETWEEN) and two alternative dates.")
    add("")
    add(f"The same real-world party on both lists ({len(both)}), spelled as each list spells it:")
    add("")
    add(_table(("UN reference", "UN name", "OFAC SDN_Name"), both))
    add("")
    add("Only on the UN list in this sample: " + "; ".join(un_only) + ".")
    add("")
    add("Only on the OFAC list in this sample (DPRK programs): " + "; ".join(ofac_only) + ".")
    add("")

    _lists_sections(add, may)

    # ------------------------------------------------------------------------------------ Comtrade
    add("## UN Comtrade (`comtrade/2025-03-01/`)")
    add("")
    add("One extract, dated by its folder (the download date): Comtrade files carry no "
        "publication date of their own.")
    add("")
    add("* `comtrade_156_408_monthly_YYYY.json`: API v1 responses (`{\"elapsedTime\", \"count\", "
        "\"data\", \"error\"}`, the 47 v1 fields in the API's order) for China (reporterCode 156) "
        "with the DPRK (partnerCode 408), monthly 2017-01 to 2024-12, flows M and X, HS6 rows "
        "(classificationCode H5 to 2021, H6 from 2022) and a TOTAL row per month and flow that "
        "equals the sum of its HS6 rows. netWgt in kg, qty in the commodity's unit.")
    add("* `comtrade_643_408_annual.csv` (Russia, 2017-2021: Russia stopped publishing partner "
        "detail after 2021), `comtrade_699_408_annual.csv` (India: Comtrade's reporter code "
        "is 699, not the M49 code 356), `comtrade_764_408_annual.csv` (Thailand): v1 CSV "
        "downloads with the v1 field names as header and a UTF-8 BOM.")
    add(f"* `{PEERS_FILE}`: China's annual trade 2017-2024 with twelve other partners ("
        + ", ".join(f"{code} {iso}" for code, iso, _ in PEER_PARTNERS)
        + "; never 0 World), v1 CSV with BOM, in every HS6 code of the China-DPRK files, both "
        f"flows: {DPRK_FLOW_PARTNERS[0]}-{DPRK_FLOW_PARTNERS[1]} partners in the direction of "
        f"the DPRK trade, {OTHER_FLOW_PARTNERS[0]}-{OTHER_FLOW_PARTNERS[1]} in the other, the same "
        "partners every year; netWgt in kg and qty in the line's unit (electricity: qty in "
        "1000 kWh, no weight). The peer group for unit values (below).")
    add("* **Public fact:** China's annual exports to and imports from the DPRK equal, to the "
        "dollar, the press-reported China customs figures in "
        "`dbt_project/seeds/ref_china_dprk_trade_annual.csv` (the generator reads that seed); HS "
        "codes, classification vintages, Comtrade partner codes and the UN ban dates behind the "
        "planted rows; China's 1718 Committee petroleum notifications (from the seed "
        "`un_1718_petroleum_notifications.csv`) that the pinned petroleum months follow.")
    add("* **Invented:** every HS6 row, its value, quantity and weight, the monthly shape (drawn "
        "to follow the 2017 bans and the 2020-2022 border closure), all Russia / India / "
        "Thailand values (plausible magnitudes, not their published figures), every value, "
        "weight and quantity of the peer file (unit values set by hand to plausible magnitudes, "
        "not taken from Comtrade), the coke line (270400), and the planted anomalies below.")
    add("")
    add("Planted trade rows (`fct_sanctioned_trade` must flag those marked *flag* and must not "
        "flag the pre-ban ones):")
    add("")
    add(_table(("id", "reporter", "flow", "period", "HS6", "USD", "expected"), [
        (pid, rep, flow, f"{y}-{m:02d}", hs, f"{usd:,}",
         "flag" if "must be flagged" in note
         else "no flag (before the UNSCR 2371 ban, inside the UNSCR 2321 coal cap)")
        for pid, rep, flow, y, m, hs, usd, note in sc.TRADE_PLANTS]))
    add("")
    add("Other lines of goods that were banned later also trade before their ban and must not be "
        "flagged: China's 2017 imports of trousers (620342, 620462) and raw silk (500200) to "
        "2017-08, iron ore (260111), squid (030743) and lead ore (260700) to 2017-07; China's 2017 "
        "exports of cars (870323), machinery (847989, 850440) and steel plate (720851) to "
        "2017-11. The 2017 coal and iron ore fall under UNSCR 2270's livelihood exemption and "
        "2321's coal cap (2.6 Mt, USD 231 M here, below the 7.5 Mt / USD 400.9 M cap). China's "
        "imports of ferro-silicon (720221) continue after 2017, as they did in reality; the rule "
        "seed maps 2371's \"iron\" to HS 7201 only, so they are not flagged. Refined petroleum "
        "(271012, 271019) is capped, not banned: it belongs in `fct_petroleum_cap_ledger`.")
    add("")
    if trade is not None:
        _trade_signal_sections(add, trade)

    # ------------------------------------------------------------------------------------ AIS
    add("## AIS (`ais/`)")
    add("")
    add("Seven days, 2024-06-03 to 2024-06-09 UTC, in the Korea Bay, Yellow Sea, Bohai, East Sea "
        "and Peter the Great Gulf: `AIS_2024_06_03.csv` ... `AIS_2024_06_07.csv` in the NOAA "
        "MarineCadastre classic layout (CRLF, `2024-06-03T00:00:01`, heading 511 = not available, "
        "IMO as `IMO8604917` / empty / `IMO0000000`), `ais-2024-06-08.csv` and "
        "`ais-2024-06-09.csv` in the 2024 NOAA layout (lower-case names, longitude before "
        "latitude, a space in timestamps, empty heading when not available), and one Danish "
        "Maritime Authority file `aisdk-2024-06-05.csv` (a fictional Russian tanker, ARKTIK VOLNA, "
        "MMSI 273356120, transiting the Great Belt; day-first dates; 91/181 = no position).")
    add("")
    add("Fixes every 2-5 minutes while moving and every 10 minutes when stationary, with metre-level "
        "position noise and small speed / course noise. Tracks follow hand-placed waypoints at sea "
        "(approximate; not navigationally checked). Port positions come from "
        "`dbt_project/seeds/ports.csv`.")
    add("")
    add("* **Public fact:** the names and IMO numbers of the designated vessels YU JONG 2, MU DU "
        "BONG, NAM SAN 8, EVER BRIGHT 88, CHON MA SAN (OFAC DPRK programs) and ANGARA "
        "(RUSSIA-EO14024), and the port coordinates.")
    add("* **Invented:** every position, time and track; every MMSI, call sign and dimension; every "
        "vessel marked fictional below (name, MMSI and IMO; fictional IMO numbers start with 4 and "
        "pass the check digit: no ship IMO number below 5000000 has been issued). None of these "
        "voyages happened.")
    add("")
    add(_table(("vessel", "MMSI", "IMO", "flag (by MID)", "type", "status"), [
        (v.name, v.mmsi, v.imo or "(none)", v.flag, {30: "fishing", 60: "passenger",
                                                     70: "cargo", 80: "tanker"}[v.vessel_type],
         _status(v)) for v in AIS_VESSELS + (DMA_TANKER,)]))
    add("")
    add("### Scenarios (planted) and decoys")
    add("")
    add("Times are UTC. *Expect* says whether the mart must show an event (decoys: must not).")
    add("")
    rows = []
    for s in sc.SCENARIOS:
        if s.kind == "trade":
            continue
        ves = "; ".join(f"{v.name} (MMSI {v.mmsi}, IMO {v.imo or 'none'}"
                        f"{', fictional' if v.fictional else ''})" for v in s.vessels)
        where = f"{s.where} ({s.lat:.4f}, {s.lon:.4f})" if s.lat is not None else s.where
        rows.append((s.id, s.title, ves, f"{s.start} → {s.end}", where, s.mart,
                     "event" if s.expect_event else "**no event**", s.detail))
    add(_table(("id", "what", "vessels", "when (UTC)", "where", "mart", "expect", "detail"), rows))
    add("")
    add("Port visits of S4 (berths inside a 3 km radius of the port coordinates): "
        + "; ".join(f"{sc.ref(k).name} at {port} {a} → {d}, berth "
                    f"{dist_m(berth, (ports[port].lat, ports[port].lon)) / 1000:.1f} km from the "
                    f"port coordinates" for k, port, berth, a, d in sc.S4_VISITS)
        + ". Other vessels also call at ports (Qingdao, Dalian, Yingkou, Qinhuangdao, Nakhodka, "
        "Zarubino, Vostochny, Nampo, Yantai): those visits are real events of the sample too.")
    add("")
    add("Data-quality quirks planted in the NOAA files (a cleaning step must drop or null them; "
        "none may create an event):")
    add("")
    kinds = {"duplicate": "exact duplicate row", "no_position": "LAT 91 / LON 181 (no position)",
             "sog_na": "an extra row with SOG 102.3 (not available)",
             "bad_mmsi": "an extra row with an unparseable MMSI"}
    add(_table(("file day", "vessel", "near (UTC)", "quirk"), [
        (q["day"], sc.ref(q["vessel"]).name, q["near"],
         kinds[q["kind"]] + (f" `{q['mmsi']}`" if q["kind"] == "bad_mmsi" else ""))
        for q in QUIRKS]))
    add("")
    add("Heading 511 (not available) appears throughout for vessels without a gyro feed; the DMA "
        "file has four rows at 91/181.")
    add("")
    add("## Benchmark scale (not committed)")
    add("")
    add("`generate(out, seed, scale=10)` (CLI: `--scale 10`, add `--csv` for CSV copies) also "
        "writes about 10 million AIS positions of thousands of fictional vessels as "
        "`ais/AIS_2024_06_DD.parquet` (NOAA classic column names, zstd), with a few planted "
        "encounters (on 2024-06-05) and dark gaps (on 2024-06-06). Write it to a scratch folder, "
        "never into `data/sample/`.")
    add("")
    return "\n".join(L)


def _usd_m(v: float) -> str:
    return f"{v / 1e6:,.1f} M"


def _uv(v: float) -> str:
    return f"{v:,.3f}" if v < 10 else f"{v:,.1f}"


def _range(values: list[float]) -> str:
    lo, hi = _uv(min(values)), _uv(max(values))
    return lo if lo == hi else f"{lo} - {hi}"


def _trade_signal_sections(add, trade: dict) -> None:
    """Unit values (U1-U3), substitution (S-sub) and the petroleum months, from the written data."""
    scored = trade["scored"]
    planted = {(u.year, u.flow, u.hs): u for u in sc.UNIT_VALUE_PLANTS}
    add("### Unit values against China's other partners (U1-U3)")
    add("")
    add(f"The unit value of an annual China-DPRK HS6 flow (sum of the monthly primaryValue / sum "
        f"of netWgt, USD/kg) is compared with China's unit values for the same HS6, flow and "
        f"year with the partners of `{PEERS_FILE}`: robust z = (unit value - median) / "
        "(1.4826 x MAD) over the partners, as `fct_trade_unit_value_anomalies` computes it "
        "(it flags |z| >= 3.5 with at least 5 partners by default). The planted flows keep their "
        "values (so the annual totals stay the seed's); their weights are set so that the "
        "unit value is the stated multiple of the peer median, split over the months in "
        "proportion to the weights they had. Reporter 156 (China), partner 408 (DPRK):")
    add("")
    rows = []
    for s in scored:
        u = planted.get((s["year"], s["flow"], s["hs"]))
        if u is None:
            continue
        rows.append((u.id, u.flow, u.year, u.hs, f"{s['value']:,}", f"{s['kg']:,}",
                     f"{s['uv']:.3f}", f"{s['median']:.3f}", f"{s['mad']:.3f}", s["peers"],
                     f"{s['uv'] / s['median']:.3f}", f"{s['z']:+.2f}",
                     "flag" if u.expect_flag else "**no flag** (decoy)", u.note))
    rows.sort()
    add(_table(("id", "flow", "year", "HS6", "USD", "netWgt kg", "USD/kg", "peer median",
                "peer MAD", "peers", "x median", "robust z", "expected", "note"), rows))
    add("")
    others = [s for s in scored if (s["year"], s["flow"], s["hs"]) not in planted]
    worst = max(others, key=lambda s: abs(s["z"]))
    add(f"Every other annual China-DPRK HS6 flow with a weight ({len(others)} of them) stays "
        f"within |z| <= {abs(worst['z']):.2f} (the largest: {worst['flow']} {worst['hs']} "
        f"{worst['year']}, z {worst['z']:+.2f}), so with the default threshold U1 and U2 are the "
        "only anomalies of the sample. Unit values of the peers (invented magnitudes, chosen by "
        "hand per HS6; the DPRK flows' own prices were already in the sample):")
    add("")
    peer_uv: dict[tuple[str, str], list[float]] = {}
    medians: dict[tuple[str, str, int], list[float]] = {}
    for r in trade["peers"]:
        if r["netWgt"]:
            uv = r["primaryValue"] / r["netWgt"]
        else:  # electricity: USD per 1000 kWh
            uv = r["primaryValue"] / r["qty"]
        peer_uv.setdefault((r["cmdCode"], r["flowCode"]), []).append(uv)
        medians.setdefault((r["cmdCode"], r["flowCode"], r["refYear"]), []).append(uv)
    dprk_flows = sorted({(s["hs"], s["flow"]) for s in scored}
                        | {("271600", "M")}, key=lambda k: (k[1], k[0]))
    rows = []
    for hs, flow in dprk_flows:
        meds = [median(v) for (h, f, _), v in medians.items() if (h, f) == (hs, flow)]
        own = [s["uv"] for s in scored if (s["hs"], s["flow"]) == (hs, flow)
               and (s["year"], s["flow"], s["hs"]) not in planted]
        unit = "USD/1000 kWh" if hs == "271600" else "USD/kg"
        rows.append((hs, PEER_PRICES[hs].label, flow, unit, _range(meds),
                     _range(peer_uv[(hs, flow)]), _range(own) if own else "(no weight)"))
    add(_table(("HS6", "line", "DPRK flow (China's)", "unit", "peer median (per year)",
                "peer range (all partners and years)", "DPRK flow, years not planted"), rows))
    add("")

    # ------------------------------------------------------------------ substitution
    add("### Substitution after a ban (S-sub)")
    add("")
    add("Planted as fixed annual China-DPRK lines (`SUBSTITUTION_PLANTS` in "
        "`orchestration/sample/scenarios.py`), counted in the annual totals. China's imports "
        "from the DPRK (flow M, the DPRK's exports), USD by HS heading:")
    add("")
    rows = []
    for item in trade["substitution"]:
        p, banned, rising = item["plant"], item["banned"], item["rising"]
        y0, y1 = p.year - 1, p.year
        fall = banned[y0] - banned[y1]
        rows.append((p.id, p.flow, p.banned_heading, _usd_m(banned[y0]), _usd_m(banned[y1]),
                     p.rising_heading, _usd_m(rising[y0]), _usd_m(rising[y1]),
                     f"{(rising[y1] / rising[y0] - 1) * 100:+.0f} %",
                     f"{(rising[y1] - rising[y0]) / fall:.2f}", p.note))
    add(_table(("id", "flow", "banned heading", "year before", "year", "unbanned heading",
                "year before", "year", "change", "rise / fall", "note"), rows))
    add("")
    lines = []
    for p in sc.SUBSTITUTION_PLANTS:
        for s in p.series:
            lines.append(f"{s.hs} {s.year} USD {s.usd:,}"
                         + (f" ({s.months[0]:02d}-{s.months[-1]:02d})" if len(s.months) < 12 else ""))
    add("Pinned lines: " + "; ".join(lines) + ". Year before = 2017, year = 2018 for both. "
        "The residual of 6203 in 2018 is the single row T-b (620342, 2018-06, flagged as "
        "sanctioned trade).")
    add("")
    hair = trade["hair_exports"]
    add("With the mart's default thresholds (banned heading at most 10 % of the year before, "
        "unbanned heading at least 2x and rising by at least 25 % of the fall) "
        "`fct_trade_substitution_signals` pairs 6704 and 2704 with the other headings that "
        "collapse in 2018 whenever the rise covers a quarter of their fall (iron ore 2601, lead "
        "ore 2607, squid 0307, raw silk 5002; not 6204, whose fall is larger), and shows one pattern "
        "that is **not planted**: China's exports to the DPRK of worked human hair (6703, the "
        f"wig makers' raw material, from the product mix) go from USD {_usd_m(hair[2017])} in "
        f"2017 to {_usd_m(hair[2018])} in 2018, paired with the 2397 bans on machinery (8479), "
        "steel (7208) and cars (8703).")
    add("")

    # ------------------------------------------------------------------ petroleum
    add("### Refined petroleum tonnage (cap ledger)")
    add("")
    add("China's exports to the DPRK of HS 271012 and 271019 carry netWgt (kg) in every month "
        f"2017-2024. The months below are pinned (tonnes of both codes together; converted at "
        f"{sc.PETROLEUM_BBL_PER_TONNE} bbl/t, the ratio of the 1718 Committee's own published "
        "pairs); the notified figures are China's notifications in "
        "`dbt_project/seeds/un_1718_petroleum_notifications.csv` (public, via the press). "
        "**P1 is the planted discrepancy.**")
    add("")
    rows, notes = [], {}
    for item in trade["petroleum"]:
        p = item["plant"]
        n = p.notified_bbl
        key = notes.setdefault(p.note, f"({chr(ord('a') + len(notes))})")
        rows.append((f"**{p.id}**" if n and item["customs_bbl"] > 2 * n else p.id,
                     f"{p.year}-{p.month:02d}", f"{item['customs_t']:,.0f}",
                     f"{item['customs_bbl']:,.0f}", f"{n:,}" if n else "-",
                     f"{item['customs_bbl'] / n:.2f}" if n else "-", key))
    add(_table(("id", "month", "customs t (271012 + 271019)", "customs bbl",
                "notified bbl (China, month)", "customs / notified", "note"), rows))
    add("")
    for note, key in notes.items():
        add(f"* {key} {note}.")
    add("")
    pinned = {(p.year, p.month) for p in sc.PETROLEUM_MONTHS}
    drawn = {y: r for y, r in sc.PETROLEUM_TONNES_RANGE.items()
             if any((y, m) not in pinned for m in range(1, 13))}
    capped = ", ".join(trade["petroleum_capped"]) or "none"
    add("Other months: an invented tonnage drawn per year ("
        + ", ".join(f"{y}: {lo:,}-{hi:,} t" for y, (lo, hi) in drawn.items())
        + f"), never more than half of the month's exports (held to half: {capped}), "
        "about 40-50 % light oils (271012). U2 lowers the 271019 weights of 2023 to about 40 % "
        "of the drawn tonnage. The "
        "2018-01..04 monthly notifications in the seed are China and Russia together, so the "
        "ledger shows customs below notified there (Russia's customs figures are annual and count "
        "in December). There are **no crude (2709) rows**: China's customs statistics have "
        "shown no crude exports to the DPRK since 2014 (the Dandong-Sinuiju pipeline deliveries "
        "are not reported), and the sample does not invent them.")
    add("")


def _status(v) -> str:
    if v.key == "sunpromise5":
        return "fictional cover name broadcast with NAM SAN 8's public IMO; invented MMSI"
    return "fictional" if v.fictional else "public-record name/IMO, invented MMSI"


def _fmt(path: str) -> str:
    if path.startswith("ofac_sdn/"):
        return "OFAC legacy CSV (no header, CRLF, Ctrl-Z)"
    if path.startswith("un_sc/"):
        return "UN consolidated XML"
    if path.startswith("eu_fsf/"):
        return "EU FSF 1.1 XML"
    if path.startswith("uk_sanctions/") and path.endswith(".csv"):
        return "OFSI ConList CSV, 2020 layout (Windows-1252)"
    if path.startswith("uk_sanctions/"):
        return "FCDO UK Sanctions List XML"
    if path.startswith("ofac_cons/"):
        return "OFAC legacy CSV (no header, CRLF, Ctrl-Z)"
    if path.endswith(".json"):
        return "Comtrade API v1 JSON"
    if path.startswith("comtrade/"):
        return "Comtrade v1 CSV (UTF-8 BOM)"
    if "aisdk" in path:
        return "DMA AIS CSV"
    if path.startswith("ais/ais-"):
        return "NOAA AIS CSV, 2024 layout"
    if path.startswith("ais/"):
        return "NOAA AIS CSV, classic layout"
    return ""


# ------------------------------------------------------------------------------------------------
# EU, UK and OFAC Consolidated files, and the designation-gap scenarios
# ------------------------------------------------------------------------------------------------


def _lists_sections(add, may) -> None:
    from orchestration.sample import eu_fsf, ofac_cons, uk_sanctions
    from orchestration.sample import parties as P

    ent_by_key = {p.key: ent for ent, p in may}
    n_ind = sum(1 for p in P.UN_DERIVED if p.kind == "person")
    n_ent = sum(1 for p in P.UN_DERIVED if p.kind == "entity")
    ru_eu = [r for r in P.RUSSIA_FILLER if r.eu]
    may_keys = eu_fsf.snapshot_keys(P.EU_DATES[0])
    june_keys = eu_fsf.snapshot_keys(P.EU_DATES[1])

    def eu_name(key: str) -> str:
        if key.startswith("ru:"):
            return P.ru_party(key).eu_name
        p = P.party(key)
        if p.kind == "person":
            return P.eu_person_name(p)[1]
        return p.name if p.kind == "vessel" else P.title_name(p.name)

    add(f"## EU Financial Sanctions Files (`eu_fsf/{P.EU_DATES[0]}/`, `eu_fsf/{P.EU_DATES[1]}/`)")
    add("")
    add(f"`{eu_fsf.FILE_NAME}` in the FSF 1.1 XML layout the `eu_fsf` parser reads: root `export` "
        f"in the namespace `{eu_fsf.NAMESPACE}` with `generationDate` (Brussels time, the same "
        "calendar day as the folder) and `globalFileId`; one `sanctionEntity` per listing "
        "(`logicalId`, `euReferenceNumber`, `unitedNationId`, `designationDate`) with `remark`, "
        "`regulation` (+ `publicationUrl`), `subjectType` person/enterprise, multilingual "
        "`nameAlias` (`strong`, `nameLanguage`), `citizenship`, `birthdate`, `identification` "
        "(passport, imo, regnumber, fiscalcode) and `address`. UTF-8, LF.")
    add("")
    add(f"* {len(may_keys)} listings in each snapshot: {n_ind} DPRK persons and {n_ent} DPRK "
        f"enterprises transposed from the UN list (every DPRK record of the sample's UN file, "
        f"`unitedNationId` = its UN reference), {len(P.EU_VESSEL_KEYS)} DPRK vessels filed as "
        f"enterprises, {len(P.EU_AUTONOMOUS)} EU-autonomous DPRK listings (fictional) and "
        f"{len(ru_eu)} Russian filler listings under the UKR/RUS programmes (fictional); the "
        "June snapshot adds one fictional PRK listing.")
    add("* Names are written the EU way: persons given name first and family name in capitals "
        "(`Yong Chol KIM`, `firstName`/`lastName` filled), enterprises in title case with the UN "
        "aliases, translations (DE/FR) for a few enterprises and Cyrillic renderings (RU) for a "
        "few persons.")
    add("* **Public fact:** the UN-derived parties (names, UN references, UN listing dates used "
        "as `designationDate`, dates of birth, aliases, addresses as in the sample's UN file); the "
        "vessels' names and IMO numbers and the party OFAC links each to; the base acts cited in "
        "`regulation` (Council Regulation (EU) 2017/1509, OJ L 224, 31.8.2017, programme PRK; "
        "(EU) No 269/2014, OJ L 78, 17.3.2014, UKR; (EU) No 833/2014, OJ L 229, 31.7.2014, RUS) "
        "and the programme codes.")
    add("* **Invented:** every `logicalId` (81001+, children `logicalId`×100+n), "
        "`euReferenceNumber`, `globalFileId` and `generationDate` time; the vessels' designation "
        f"date ({P.VESSEL_DATE}); whether the FSF writes the UN date or its own transposition date "
        "as `designationDate` was not checked; `entryIntoForceDate` is left empty and the amending "
        "acts that actually carried each listing are not named; the translations and "
        "transliterations; every EU-autonomous DPRK listing and every Russian filler listing "
        "(names, dates, tax and registration numbers `99…`).")
    def who(keys) -> str:
        return ", ".join(f"{P.party(k).un_reference} {eu_name(k)}" for k in keys)

    add("* **Planted quirks:** `unitedNationId` with a trailing space where the UN file has one "
        f"(`KPi.034 `, `KPe.023 `, `KPe.045 `); an empty `designationDate` "
        f"({who(eu_fsf.EMPTY_DESIGNATION_DATE)}); a birth country `00`/`UNKNOWN` "
        f"({who(eu_fsf.UNKNOWN_BIRTH_COUNTRY)}); weak aliases (`strong=\"false\"`, "
        "'Low quality alias.'); an empty placeholder `nameAlias` "
        f"({who(eu_fsf.EMPTY_ALIAS_PLACEHOLDER)}); a vessel whose IMO number is only in its "
        f"remark (KUM UN SAN 3); NAM SAN 8 is **not** on the EU list (scenario G3).")
    add("")
    add(f"Planted differences between the two snapshots ({P.EU_DATES[0]} → {P.EU_DATES[1]}; "
        "**not real events**):")
    add("")
    rows = [("delisted", P.eu_logical_id(P.EU_DELISTED_KEY), eu_name(P.EU_DELISTED_KEY),
             "PRK", "fictional EU-autonomous listing"),
            ("amended", P.eu_logical_id(P.EU_AMENDED_KEY), eu_name(P.EU_AMENDED_KEY), "PRK",
             f"gains the alias `{P.EU_AMENDED_ALIAS}` (a former name the UN list gives; its "
             "addition in June is planted)"),
            ("added", P.eu_logical_id(P.EU_ADDED_KEY), P.title_name(P.EU_ADDED_PARTY.name), "PRK",
             f"fictional (designationDate {P.AUTONOMOUS_DATES[P.EU_ADDED_KEY]})")]
    add(_table(("change", "logicalId", "name", "programme", "note"), rows))
    assert set(may_keys) ^ set(june_keys) == {P.EU_DELISTED_KEY, P.EU_ADDED_KEY}
    add("")

    # ------------------------------------------------------------------------------------ UK
    recs = uk_sanctions.records()
    conlist = [r for r in recs if r.conlist]
    fcdo = [r for r in recs if r.fcdo]
    n_dprk_c = sum(1 for r in conlist if r.regime_conlist == uk_sanctions.REGIME_DPRK_CONLIST)
    n_dprk_f = sum(1 for r in fcdo if r.regime_fcdo == uk_sanctions.REGIME_DPRK_FCDO)
    add(f"## UK sanctions lists (`uk_sanctions/{P.CONLIST_DATE}/{uk_sanctions.CONLIST_FILE}`, "
        f"`uk_sanctions/{P.FCDO_DATE}/{uk_sanctions.FCDO_FILE}`)")
    add("")
    add(f"* **OFSI ConList, {P.CONLIST_DATE}** ({len(conlist)} groups: {n_dprk_c} under "
        f"`{uk_sanctions.REGIME_DPRK_CONLIST}`, {len(conlist) - n_dprk_c} fictional under "
        f"`{uk_sanctions.REGIME_UKRAINE_CONLIST}`; {len(uk_sanctions.conlist_rows())} rows) in the "
        "2020 layout of the real excerpt (`../shared/realdata/sanctions_uk/`, read for its layout "
        "only, no row copied): **Windows-1252** bytes, LF, a header that opens with an empty cell "
        "(30 header cells over 29-field rows), one row per name × date of birth × address (`Prime "
        "Alias` / `AKA`), rows sorted by name so a group's rows are scattered, no `Last Updated` "
        "line (the date is the folder's).")
    add(f"* **FCDO UK Sanctions List, {P.FCDO_DATE}** ({len(fcdo)} designations: {n_dprk_f} "
        f"DPRK `DPR0001`…, {len(fcdo) - n_dprk_f} Russia `RUS0001`…): `Designations` / "
        "`DateGenerated` / `Designation` with `UniqueID`, `OFSIGroupID` (the ConList Group ID of "
        "the same party), `UNReferenceNumber`, `Names` (Primary Name, Primary Name Variation, "
        "Alias with strength), `NonLatinNames` (Cyrillic for the Russian filler), `RegimeName`, "
        "`IndividualEntityShip`, `DesignationSource` (UN/UK), `SanctionsImposed`, "
        "`IndividualDetails`, `ShipDetails`. UTF-8, CRLF.")
    add("* Every UN-derived DPRK party of the sample is on both UK files (the UK transposes every "
        "UN listing), as are five DPRK ships, the EU-autonomous listings the UK carried over "
        f"(those designated before 2020: {len(P.UK_HERITAGE_KEYS)}, fictional) and "
        f"{len(P.UK_ONLY)} UK-only DPRK listings (fictional, designated 2022-2023).")
    add("* **Public fact:** as for the EU file (UN-derived names, references, dates, aliases); the "
        "ships' names and IMO numbers; each ship's current owner/operator = the party OFAC links "
        "it to in sdn.csv of 2024-05-03 (HAPJANGGANG SHIPPING CORP for NAM SAN 8, KOREA ACHIM "
        "SHIPPING CO for CHON MA SAN, …); the regime names (the 2019 DPRK and Russia regulations).")
    add("* **Invented:** Unique IDs, OFSI Group IDs (98001+ DPRK, 99001+ Russia), `DateDesignated` "
        "of UN-derived records (set to the UN listing date), `LastUpdated` (2020-12-31 or the "
        f"designation date), the ships' `DateDesignated` ({P.VESSEL_DATE}) and "
        "`DesignationSource` (UN), previous owners and previous flags, `SanctionsImposed` wording, Other Information and statements of reasons "
        "(one generic sentence), every fictional listing. `00` date parts and the ConList wording "
        "follow the excerpt's layout, not its content.")
    add("* **Planted quirks:** ConList: `00/00/1938` for a bare year of birth; UN references "
        "inside Other Information as `UN Ref KPi.001.`, `UN REF:KPe.004.`, `UN Ref.KPI.024.`, "
        "`UN REF: KPi.049`; ships as Group Type `Entity` with `IMO: 8660313.` in Other Information "
        "(no Ship group type before 2022); RYU JIN (KPi.027) written with his name parts in the "
        "wrong columns (Name 6 `JIN`, Name 1 `Ryu`, as `IL, Kim Kyong` in the real excerpt); "
        "curly apostrophes and quotes (`My’ong`, `Ky’ong`, `“People´s Militia”`) as single "
        "Windows-1252 bytes. FCDO: `UNReferenceNumber` `KPI.034` (upper-case I) and `KPe.023 ` "
        "(trailing space); year-only dates of birth as `dd/mm/1938`; a `Primary Name Variation` "
        "for KPi.006.")
    add("")
    add("Ships in the FCDO file:")
    add("")
    ship_rows = []
    for r in fcdo:
        if r.kind != "Ship":
            continue
        prev_owner, prev_flags = r.ship_history
        ship_rows.append((r.unique_id, r.group_id, r.names[0].name6, r.imo, r.owner, prev_owner,
                          "North Korea", ", ".join(prev_flags),
                          "not on the EU list (G3)" if f"imo:{r.imo}" not in P.EU_VESSEL_KEYS
                          else "also on the EU list"))
    add(_table(("Unique ID", "Group ID", "ship", "IMO", "current owner/operator",
                "previous owner/operator (invented)", "flag", "previous flags (invented)", "EU"),
               ship_rows))
    add("")
    gone = [r for r in conlist if not r.fcdo]
    new = [r for r in fcdo if not r.conlist]
    add(f"Between the ConList of {P.CONLIST_DATE} and the FCDO list of {P.FCDO_DATE} "
        "(planted, **not real events**):")
    add("")
    add(_table(("change", "Group ID", "name", "regime (2020)", "note"),
               [("gone (delisted)", r.group_id, f"{r.names[0].name1} {r.names[0].name6}".strip(),
                 r.regime_conlist, "fictional") for r in gone]
               + [("new", r.group_id, f"{r.names[0].name1} {r.names[0].name6}".strip(),
                   r.regime_fcdo, f"{r.unique_id}, designated {r.designated}") for r in new]))
    add("")
    add("Every other group of the ConList is in the FCDO list under the same Group ID.")
    add("")

    # ------------------------------------------------------------------------------------ cons
    cons = ofac_cons.records()
    add(f"## OFAC Consolidated (non-SDN) list (`ofac_cons/{P.CONS_DATE}/`)")
    add("")
    add("`cons_prim.csv`, `cons_add.csv`, `cons_alt.csv`, `cons_comments.csv` in the SDN files' "
        "legacy layout (no header, CRLF, `-0- `, `] [`, Remarks cut at 1,000 characters with the "
        f"rest in `cons_comments.csv`, Ctrl-Z). {len(cons)} records, **all fictional**, ent_num "
        f"{ofac_cons.ENT_NUM_BASE}+ (invented; the SDN sample uses 900001+). Program tags follow "
        "the consolidated list's usage as public parsers describe it (SSI `UKRAINE-EO13662` with "
        "or without `RUSSIA-EO14024`, NS-MBS `RUSSIA-EO14024` alone / `CAATSA - RUSSIA` / `HKAA` / "
        "`BURMA-EO14014`, `CAPTA`, `CMIC-EO13959`, `NS-PLC`); not checked against a real "
        "cons_prim.csv.")
    add("")
    ru = {r.key: r for r in P.RUSSIA_FILLER}
    add(_table(("ent_num", "name", "program", "also on"), [
        (ent, rec.name, rec.program,
         (f"EU logicalId {P.eu_logical_id(rec.key)}, UK {P.uk_unique_id(rec.key)} (same tax and "
          f"registration numbers)") if rec.key in ru else "")
        for ent, rec in cons]))
    add("")

    # ------------------------------------------------------------------------------------ gaps
    add("## Designation-gap scenarios")
    add("")
    add("Parties planted so that `mart_designation_gaps` has known answers, with the exact key "
        "each list uses (`orchestration/sample/scenarios.py`: `DESIGNATION_GAPS`). The OFAC "
        "ent_num is this sample's (seed-dependent); the other keys do not depend on the seed.")
    add("")
    from orchestration.sample import scenarios as scs

    rows = []
    for g in scs.DESIGNATION_GAPS:
        for gp, missing in zip(g.parties, g.not_listed_by):
            ent = ent_by_key.get(gp.ofac_key) if gp.ofac_key else None
            rows.append((g.id, g.title, gp.label, ", ".join(gp.listed_by),
                         ", ".join(missing) or "-", ent or "-", gp.un_reference or "-",
                         gp.eu_logical_id or "-", gp.uk_unique_id or "-", gp.imo or "-",
                         "; ".join(f"{a}: `{n}`" for a, n in gp.names), g.detail))
    add(_table(("id", "what", "party", "listed by", "not listed by", "OFAC ent_num", "UN ref",
                "EU logicalId", "UK Unique ID", "IMO", "names as written", "detail"), rows))
    add("")
    add("G5 must resolve to **two** entities; each other row to one entity. The sample's OFAC "
        "file holds only part of the real SDN list, so other UN-listed parties also look "
        "\"not listed by OFAC\" here; only G4 is checked against the real sdn.csv.")
    add("")
