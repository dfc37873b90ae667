"""The sample's README, written by the generator from the same data it writes (never by hand)."""

from __future__ import annotations

from orchestration.sample import scenarios as sc
from orchestration.sample.ais import QUIRKS, dist_m
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


def render(files: dict[str, int], seed: int, ports: dict[str, Port], may, june) -> str:
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
        "generator too, from the same data (`orchestration/sample/world.py`, `scenarios.py`).")
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
    add("* **Public fact:** China's annual exports to and imports from the DPRK equal, to the "
        "dollar, the press-reported China customs figures in "
        "`dbt_project/seeds/ref_china_dprk_trade_annual.csv` (the generator reads that seed); HS "
        "codes, classification vintages and the UN ban dates behind the planted rows.")
    add("* **Invented:** every HS6 row, its value, quantity and weight, the monthly shape (drawn "
        "to follow the 2017 bans and the 2020-2022 border closure), and all Russia / India / "
        "Thailand values (plausible magnitudes, not their published figures).")
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


def _status(v) -> str:
    if v.key == "sunpromise5":
        return "fictional cover name broadcast with NAM SAN 8's public IMO; invented MMSI"
    return "fictional" if v.fictional else "public-record name/IMO, invented MMSI"


def _fmt(path: str) -> str:
    if path.startswith("ofac_sdn/"):
        return "OFAC legacy CSV (no header, CRLF, Ctrl-Z)"
    if path.startswith("un_sc/"):
        return "UN consolidated XML"
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
