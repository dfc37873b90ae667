"""The planted scenarios of the bundled sample, as data.

The AIS and Comtrade generators build their planted events from the constants below, the sample
README's scenario table is written from ``SCENARIOS``, and tests assert against the same records,
so the three cannot drift apart. Times are UTC. Every counterpart vessel that is not on the public
record is fictional (see ``orchestration.sample.world.AIS_VESSELS``: ``fictional=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from orchestration.sample.world import AIS_VESSELS

# The AIS week of the sample.
AIS_DAYS = ("2024-06-03", "2024-06-04", "2024-06-05", "2024-06-06", "2024-06-07", "2024-06-08",
            "2024-06-09")
AIS_T0 = datetime(2024, 6, 3, tzinfo=timezone.utc)
NOAA_2024_LAYOUT_DAYS = ("2024-06-08", "2024-06-09")  # written as ais-2024-06-DD.csv
DMA_DAY = "2024-06-05"


def t(iso: str) -> int:
    """Seconds since 2024-06-03T00:00:00Z for an ISO time 'YYYY-MM-DDTHH:MM:SS' (UTC)."""
    dt = datetime.fromisoformat(iso).replace(tzinfo=timezone.utc)
    return int((dt - AIS_T0).total_seconds())


def iso(seconds: int) -> str:
    return datetime.fromtimestamp(AIS_T0.timestamp() + seconds, tz=timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S")


@dataclass(frozen=True)
class VesselRef:
    name: str
    mmsi: int
    imo: int | None
    fictional: bool


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    kind: str  # encounter | gap | port_visit | identity_change | loitering | trade | designation
    vessels: tuple[VesselRef, ...]
    start: str  # ISO UTC (or YYYY-MM for trade)
    end: str
    where: str
    lat: float | None
    lon: float | None
    mart: str
    expect_event: bool  # False for decoys
    detail: str


# ---------------------------------------------------------------- AIS scenario constants
S1_POINT = (38.8000, 123.9000)  # open Korea Bay, > 100 km from any port in ports.csv
S1_CLOSE_START = "2024-06-05T01:20:00"
S1_CLOSE_END = "2024-06-05T04:35:00"
S1_SEPARATION_M = 70.0

S2_GAPS = (
    # (dark from, dark until, (lat, lon) last fix, (lat, lon) first fix)
    ("2024-06-03T08:12:00", "2024-06-03T18:12:00", (38.6600, 125.0800), (38.6400, 125.0200)),
    ("2024-06-04T14:00:00", "2024-06-05T04:00:00", (35.6500, 123.5500), (35.2500, 123.7500)),
)

S3_BERTH_RAJIN = (42.2440, 130.3045)
S3_BERTH_VOSTOCHNY = (42.7345, 133.0760)
S3_STOPS = (
    ("Rajin", "2024-06-03T00:00:00", "2024-06-03T15:00:00"),
    ("Vostochny", "2024-06-04T03:00:00", "2024-06-05T06:00:00"),
    ("Rajin", "2024-06-05T18:00:00", "2024-06-06T10:00:00"),
)

S4_VISITS = (
    # (vessel key, port, berth (lat, lon), arrive, depart)
    ("khanaltai8", "Nampo", (38.7385, 125.3745), "2024-06-06T07:30:00", "2024-06-07T05:00:00"),
    ("hualin16", "Dalian", (38.9365, 121.6690), "2024-06-07T08:00:00", "2024-06-08T00:00:00"),
    ("bluecamellia", "Longkou", (37.6560, 120.3050), "2024-06-08T08:30:00", "2024-06-09T02:00:00"),
    ("zolotoyrog5", "Vladivostok", (43.1060, 131.8985), "2024-06-04T09:00:00",
     "2024-06-05T03:00:00"),
)

S5_SWITCH_LAST_OLD = "2024-06-06T09:30:00"  # last fix as SUN PROMISE 5 / 667001437
S5_SWITCH_FIRST_NEW = "2024-06-06T09:55:00"  # first fix as NAM SAN 8 / 445563000

S6_DRIFT_START = "2024-06-07T08:40:00"
S6_DRIFT_END = "2024-06-07T15:10:00"
S6_POINT = (38.3500, 124.0500)
S6_DRIFT_KN = 0.8
S6_DRIFT_COURSE = 135.0

D1_PASS_TIME = "2024-06-04T10:00:00"
D1_PASS_POINT = (37.2000, 123.0000)
D1_OFFSET_DEG_LON = 0.0036  # about 320 m at this latitude
D1_SPEED_KN = 12.0

D2_BERTHS = ((38.92700, 121.64200), (38.92735, 121.64200))  # about 39 m apart, inside Dalian
D2_START = "2024-06-05T08:00:00"
D2_END = "2024-06-06T04:00:00"

D3_ANCHOR = (38.7260, 125.3730)  # about 1.2 km from the Nampo coordinates in ports.csv
D3_START = "2024-06-03T00:00:00"
D3_END = "2024-06-05T06:00:00"

D4_START = "2024-06-04T00:00:00"
D4_END = "2024-06-06T00:00:00"
D4_INTERVAL_S = 180

# ---------------------------------------------------------------- Comtrade planted rows
TRADE_PLANTS = (
    # id, reporter, flow, year, month, hs, USD, note
    ("T-a1", 156, "M", 2017, 1, "270112", 121_400_000,
     "coal imports before UNSCR 2371 (2017-08-05): legitimate"),
    ("T-a2", 156, "M", 2017, 2, "270112", 86_300_000,
     "coal imports before UNSCR 2371 (2017-08-05): legitimate"),
    ("T-a3", 156, "M", 2017, 3, "270112", 23_150_000,
     "coal imports before UNSCR 2371 (2017-08-05): legitimate"),
    ("T-a4", 156, "M", 2019, 3, "270112", 1_846_000,
     "coal imports after UNSCR 2371 (2017-08-05): must be flagged"),
    ("T-b", 156, "M", 2018, 6, "620342", 784_000,
     "textile (trousers) imports after UNSCR 2375 (2017-09-11): must be flagged"),
    ("T-c", 156, "X", 2019, 11, "870323", 1_204_000,
     "passenger-car exports to the DPRK after UNSCR 2397 (2017-12-22): must be flagged"),
)

# ---------------------------------------------------------------- vessel references
_V = {v.key: VesselRef(v.name, v.mmsi, v.imo, v.fictional) for v in AIS_VESSELS}


def ref(key: str) -> VesselRef:
    return _V[key]


def _gap_text() -> str:
    parts = []
    for start, end, a, b in S2_GAPS:
        parts.append(f"{start}Z→{end}Z, last fix {a[0]:.4f},{a[1]:.4f}, "
                     f"first fix {b[0]:.4f},{b[1]:.4f}")
    return "; ".join(parts)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("S1", "Ship-to-ship transfer in the open Korea Bay", "encounter",
             (_V["yujong2"], _V["sealumina3"]), S1_CLOSE_START, S1_CLOSE_END,
             "open Korea Bay, > 100 km from the nearest port in ports.csv", *S1_POINT,
             "fct_encounters", True,
             f"both within {S1_SEPARATION_M:.0f} m of each other (< 300 m) at SOG < 1 kn for "
             "3 h 15 min, "
             "drifting together SW at about 0.45 kn; YU JONG 2 came from Nampo and returns there, "
             "SEA LUMINA 3 (fictional, Togo flag) came from and leaves to the south"),
    Scenario("S2a", "Dark gap near Nampo (10 h)", "gap", (_V["mudubong"],),
             S2_GAPS[0][0], S2_GAPS[0][1], "Taedong estuary approaches, both ends < 40 km from Nampo",
             *S2_GAPS[0][2], "fct_ais_gaps", True, _gap_text().split("; ")[0]),
    Scenario("S2b", "Dark gap far offshore (14 h)", "gap", (_V["mudubong"],),
             S2_GAPS[1][0], S2_GAPS[1][1], "central Yellow Sea, > 60 nm from any coast",
             *S2_GAPS[1][2], "fct_ais_gaps", True,
             _gap_text().split("; ")[1] + "; implied speed about 2 kn while dark"),
    Scenario("S3", "Rajin - Vostochny - Rajin shuttle", "port_visit", (_V["angara"],),
             S3_STOPS[0][1], S3_STOPS[2][2], "Rajin (KPNJN) and Vostochny (RUVYP)",
             *S3_BERTH_RAJIN, "fct_port_visits", True,
             "stops at SOG < 0.2 kn within 1.5 km of the port coordinates: "
             + "; ".join(f"{p} {a}Z→{b}Z" for p, a, b in S3_STOPS)),
    *(Scenario(f"S4{chr(ord('a') + i)}", f"Port visit at {port}", "port_visit", (_V[key],),
               arrive, depart, f"{port}, berth inside the 3 km port radius", *berth,
               "fct_port_visits", True,
               "enters the 3 km radius, stops, leaves again (fictional vessel)")
      for i, (key, port, berth, arrive, depart) in enumerate(S4_VISITS)),
    Scenario("S5a", "Identity change: same IMO, new name and MMSI (new flag MID)",
             "identity_change", (_V["sunpromise5"], _V["namsan8"]), S5_SWITCH_LAST_OLD,
             S5_SWITCH_FIRST_NEW, "Yellow Sea west of the Ongjin peninsula", 37.85, 123.55,
             "fct_identity_changes", True,
             "IMO 8122347 (NAM SAN 8, OFAC DPRK4) broadcasts as SUN PROMISE 5 with a Sierra Leone "
             "MMSI (667) until 09:30Z, then as NAM SAN 8 with a DPRK MMSI (445) from 09:55Z, and "
             "sails on to Nampo (SUN PROMISE 5 is a fictional cover name)"),
    Scenario("S5b", "DPRK MMSI on a vessel OFAC lists under another flag", "identity_change",
             (_V["everbright88"],), "2024-06-03T16:00:00", "2024-06-05T02:00:00",
             "Korea Bay to Nampo", 38.7420, 125.3950, "fct_identity_changes / dim_vessels", True,
             "EVER BRIGHT 88 (IMO 8914934): OFAC Vess_flag Sierra Leone, AIS MMSI 445672000 (DPRK)"),
    Scenario("S6", "Loitering at sea", "loitering", (_V["chonmasan"],), S6_DRIFT_START,
             S6_DRIFT_END, "Korea Bay, > 20 km from any port, no other vessel within 20 km",
             *S6_POINT, "fct_loitering", True,
             f"drifts at about {S6_DRIFT_KN} kn (< 1.5 kn) course {S6_DRIFT_COURSE:.0f} for 6 h 30 min"),
    Scenario("D1", "Decoy: fast passing", "encounter", (_V["pacificorchid7"], _V["jinshun9"]),
             D1_PASS_TIME, D1_PASS_TIME, "Yellow Sea east of the Shandong peninsula", *D1_PASS_POINT,
             "fct_encounters", False,
             "nearly reciprocal courses at 12 kn, closest fixes about 320 m apart at the same second: "
             "no encounter"),
    Scenario("D2", "Decoy: moored side by side in port", "encounter",
             (_V["dalianxing2"], _V["hongyun5"]), D2_START, D2_END, "inside Dalian port",
             *D2_BERTHS[0], "fct_encounters / fct_loitering", False,
             "about 39 m apart at SOG 0 for 20 h inside the Dalian port radius: port visits only, "
             "no encounter, no loitering"),
    Scenario("D3", "Decoy: anchored next to Nampo", "loitering", (_V["songrim7"],), D3_START,
             D3_END, "about 1.2 km from the Nampo coordinates", *D3_ANCHOR, "fct_loitering", False,
             "at anchor for 54 h inside the port radius: a port visit, not loitering "
             "(fictional vessel)"),
    Scenario("D4", "Decoy: regular ferry, no gaps", "gap", (_V["bohaijade"],), D4_START, D4_END,
             "Dalian - Yantai ferry route", 38.9300, 121.6580, "fct_ais_gaps", False,
             f"a fix every {D4_INTERVAL_S} s (+/- 3 s) for 48 h, in port and at sea: no gap"),
    *(Scenario(pid, "Planted trade flow", "trade", (), f"{year}-{month:02d}", f"{year}-{month:02d}",
               f"reporter {rep}, partner 408, flow {flow}, HS {hs}", None, None,
               "fct_sanctioned_trade", "must be flagged" in note, f"USD {usd:,}: {note}")
      for pid, rep, flow, year, month, hs, usd, note in TRADE_PLANTS),
)


def by_id(sid: str) -> Scenario:
    for s in SCENARIOS:
        if s.id == sid:
            return s
    raise KeyError(sid)


# ---------------------------------------------------------------- designation gaps (G1-G5)
# Which authority lists a party, keyed exactly as each list keys it: OFAC ent_num (SDN file),
# UN reference, EU logicalId, UK Unique ID (and the IMO number for vessels). The OFAC ent_num is
# that of the committed sample (seed 7: ent_nums are a permutation drawn from the seed); the
# other keys do not depend on the seed. mart_designation_gaps should show each party with exactly
# ``listed_by`` among the authorities loaded.

from orchestration.sample import parties as _lists  # noqa: E402
from orchestration.sample.world import (  # noqa: E402
    OFAC_DPRK_ENTITIES,
    OFAC_DPRK_INDIVIDUALS,
    OFAC_DPRK_VESSELS,
)

GAP_SEED = 7
AUTHORITIES = ("OFAC", "UN", "EU", "UK")


@dataclass(frozen=True)
class GapParty:
    label: str
    kind: str  # individual | entity | vessel
    listed_by: tuple[str, ...]
    names: tuple[tuple[str, str], ...]  # (authority, the name as that list writes it)
    ofac_key: str = ""  # world.OfacParty.key
    ofac_ent_num: int | None = None  # in the committed sample (seed 7)
    un_reference: str | None = None
    eu_logical_id: int | None = None
    uk_unique_id: str | None = None
    imo: int | None = None
    birth_year: int | None = None
    fictional: bool = False


@dataclass(frozen=True)
class DesignationGap:
    id: str
    title: str
    parties: tuple[GapParty, ...]
    one_entity_per_party: bool  # G5: the two parties must stay two entities
    detail: str

    @property
    def not_listed_by(self) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(a for a in AUTHORITIES if a not in p.listed_by) for p in self.parties)


_OFAC = {p.key: p for p in OFAC_DPRK_ENTITIES + OFAC_DPRK_INDIVIDUALS + OFAC_DPRK_VESSELS}
# ent_num of these OFAC records in the committed sample (seed 7); a unit test checks them
# against the generated sdn.csv.
GAP_OFAC_ENT_NUMS = {"paek_changho": 900014, "gudzon": 900114, "namsan8": 900180,
                     "kim_yongchol": 900148}


def _person(key: str, listed_by: tuple[str, ...], label: str) -> GapParty:
    p = _lists.party(key)
    eu_name = _lists.eu_person_name(p)[1]
    uk_name = f"{_lists.uk_person_name1(p)} {p.surname}"
    names = []
    if "OFAC" in listed_by:
        names.append(("OFAC", _OFAC[p.ofac_key].name))
    if "UN" in listed_by:
        names.append(("UN", f"{p.surname} {p.given}"))
    if "EU" in listed_by:
        names.append(("EU", eu_name))
    if "UK" in listed_by:
        names.append(("UK", uk_name))
    return GapParty(
        label, "individual", listed_by, tuple(names),
        ofac_key=p.ofac_key if "OFAC" in listed_by else "",
        ofac_ent_num=GAP_OFAC_ENT_NUMS.get(p.ofac_key) if "OFAC" in listed_by else None,
        un_reference=p.un_reference or None,
        eu_logical_id=_lists.eu_logical_id(key) if "EU" in listed_by else None,
        uk_unique_id=_lists.uk_unique_id(key) if "UK" in listed_by else None,
        birth_year=int(p.births[0].value[:4]) if p.births else None, fictional=p.fictional)


_NAMSAN8 = _lists.party("imo:8122347")

DESIGNATION_GAPS: tuple[DesignationGap, ...] = (
    DesignationGap(
        "G1", "One DPRK individual on all four lists, spelled four ways",
        (_person("un:KPi.006", ("OFAC", "UN", "EU", "UK"), "PAEK Chang-Ho"),), True,
        "UN KPi.006 (listed 2013-01-22, public record). The EU and UK records carry the UN "
        "reference; OFAC's does not, so OFAC joins the others on name, date of birth "
        "(1964-06-18) and the passport number 990064118 (invented, the same in all four files)."),
    DesignationGap(
        "G2", "A front company listed by OFAC only",
        (GapParty("GUDZON SHIPPING CO LLC", "entity", ("OFAC",),
                  (("OFAC", _OFAC["gudzon"].name),), ofac_key="gudzon",
                  ofac_ent_num=GAP_OFAC_ENT_NUMS["gudzon"]),), True,
        "Russian shipping company designated by OFAC (DPRK4, 2018, public record). Not on the UN "
        "list (checked against the UN consolidated list of 2025-04-19); not on the sample's EU and "
        "UK lists (their real lists were not checked). is_us_only."),
    DesignationGap(
        "G3", "A DPRK tanker listed by the UK and OFAC, not by the EU",
        (GapParty("NAM SAN 8", "vessel", ("OFAC", "UK"),
                  (("OFAC", _NAMSAN8.name), ("UK", _NAMSAN8.name)), ofac_key="namsan8",
                  ofac_ent_num=GAP_OFAC_ENT_NUMS["namsan8"],
                  uk_unique_id=_lists.uk_unique_id("imo:8122347"), imo=8122347),), True,
        "IMO 8122347 (public record; OFAC links it to HAPJANGGANG SHIPPING CORP). Joined on the IMO "
        "number: OFAC Remarks 'Vessel Registration Identification IMO 8122347', UK IMONumber "
        "'IMO8122347'. The EU file of the sample leaves it out (planted: whether the real EU list "
        "carries it was not checked). The UN consolidated list carries no vessels. Also the vessel "
        "of AIS scenario S5a."),
    DesignationGap(
        "G4", "A DPRK individual listed by the UN, EU and UK, not by OFAC",
        (_person("un:KPi.003", ("UN", "EU", "UK"), "HWANG Sok-Hwa"),), True,
        "UN KPi.003 (listed 2009-07-16). Public record: no SDN record of that name or its UN alias "
        "HWANG SOK HA in OFAC's sdn.csv of 2024-05-03 (checked)."),
    DesignationGap(
        "G5", "Two people, nearly one name: must not be merged",
        (_person("un:KPi.024", ("OFAC", "UN", "EU", "UK"), "KIM Yong Chol, born 1962"),
         _person("uk:kim_yongchol_1975", ("UK",), "KIM Yong-Chol, born 1975 (fictional)")),
        False,
        "KIM YONG CHOL (UN KPi.024, KOMID representative, born 1962-02-18, public record; the real UN "
        "list gives 'Kim Yong-Chol' as an alias) and KIM Yong-Chol (UK-only listing, born 1975-03-14, "
        "fictional). Same surname, same given name up to a hyphen; different birth years and "
        "keys: two entities."),
)


def gap(gid: str) -> DesignationGap:
    for g in DESIGNATION_GAPS:
        if g.id == gid:
            return g
    raise KeyError(gid)
