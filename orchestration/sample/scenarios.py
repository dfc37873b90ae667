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

# ---------------------------------------------------------------- Comtrade: unit values (U1-U3)
# ``comtrade_156_world_partners_annual.csv`` holds China's annual trade with twelve other partners
# in every HS6 code of its DPRK trade, so that each annual China-DPRK HS6 flow has a peer group:
# the same reporter, year, HS6 and flow with the other partners. The unit value (USD/kg) of the
# DPRK flow follows from its monthly values and weights; for the planted flows below the
# generator keeps the values (so the annual totals stay those of the reference seed) and sets the
# weights so that the annual unit value is ``ratio_to_peer_median`` times the peers' median.
# Robust z = (unit value - median) / (1.4826 x MAD) over the peers, as fct_trade_unit_value_anomalies
# computes it; every China-DPRK flow that is not planted here stays within |z| < 3.


@dataclass(frozen=True)
class UnitValuePlant:
    id: str
    reporter: int
    partner: int
    flow: str  # the reporter's flow: M = the DPRK's export, X = the DPRK's import
    year: int
    hs: str
    ratio_to_peer_median: float
    expect_flag: bool  # False for the decoy
    note: str


UNIT_VALUE_PLANTS: tuple[UnitValuePlant, ...] = (
    UnitValuePlant("U1", 156, 408, "M", 2019, "261390", 1 / 3, True,
                   "molybdenum ores imported from the DPRK at about a third of the peer median "
                   "(under-invoicing): robust z far below -3, must be flagged"),
    UnitValuePlant("U2", 156, 408, "X", 2023, "271019", 2.5, True,
                   "refined petroleum (other than light oils) exported to the DPRK at about 2.5 "
                   "times the peer median (over-invoicing, or tonnage under-declared under the "
                   "cap): robust z far above +3, must be flagged"),
    UnitValuePlant("U3", 156, 408, "M", 2022, "720221", 0.85, False,
                   "decoy: ferro-silicon imported from the DPRK 15 % below the peer median, "
                   "inside the peers' normal spread: must not be flagged"),
)

# ---------------------------------------------------------------- Comtrade: substitution (S-sub)
# After a ban, trade moves to a neighbouring, unbanned heading. The lines below are planted as
# fixed annual China-DPRK values (spread over the listed months by the flow's monthly shape) and
# taken out of the random product mix for those years; they are counted in the annual totals,
# which stay equal to the reference seed.


@dataclass(frozen=True)
class PinnedSeries:
    """One HS6 line of China's DPRK trade with a fixed annual value (USD) in one year."""

    hs: str
    flow: str
    year: int
    usd: int
    months: tuple[int, ...] = tuple(range(1, 13))


@dataclass(frozen=True)
class SubstitutionPlant:
    id: str
    reporter: int
    flow: str  # M: China's imports from the DPRK (the DPRK's exports)
    year: int  # the year the banned heading collapses and the unbanned one jumps (vs the year before)
    banned_heading: str
    rising_heading: str
    series: tuple[PinnedSeries, ...]
    note: str


_JAN_AUG = tuple(range(1, 9))

SUBSTITUTION_PLANTS: tuple[SubstitutionPlant, ...] = (
    SubstitutionPlant(
        "S-sub-a", 156, "M", 2018, "6203", "6704",
        (PinnedSeries("620342", "M", 2017, 120_000_000, _JAN_AUG),
         PinnedSeries("670420", "M", 2017, 20_400_000),
         PinnedSeries("670411", "M", 2017, 9_600_000),
         PinnedSeries("670420", "M", 2018, 48_600_000),
         PinnedSeries("670411", "M", 2018, 21_400_000)),
        "UNSCR 2375 bans DPRK textiles (HS 50-63) from 2017-09-11: men's cotton trousers (620342) "
        "trade to 2017-08 and in 2018 only as the planted residual T-b (2018-06); wigs and false "
        "eyelashes (6704, unbanned) more than double in 2018. Public record: DPRK wig and "
        "eyelash exports to China surged after the textile ban; the values here are invented."),
    SubstitutionPlant(
        "S-sub-b", 156, "M", 2018, "2701", "2704",
        tuple(PinnedSeries("270400", "M", year, usd) for year, usd in (
            (2017, 6_000_000), (2018, 75_000_000), (2019, 52_000_000), (2020, 9_500_000),
            (2021, 7_000_000), (2022, 16_000_000), (2023, 28_000_000), (2024, 21_000_000))),
        "neighbouring heading in one chapter: coal (2701) is banned by UNSCR 2371 from 2017-08-05 "
        "and falls to zero in 2018 (its 2017 trade is T-a1..T-a3); coke and semi-coke (2704, "
        "unbanned) rises from USD 6 M to 75 M. Invented: no public figure says the DPRK sold coke "
        "to China."),
)

# ---------------------------------------------------------------- Comtrade: refined petroleum tonnage
# China's customs exports to the DPRK of HS 271012 + 271019 carry netWgt (kg) every month. The
# months below are pinned (tonnes, 271012 and 271019 together); the other months draw their
# tonnage from PETROLEUM_TONNES_RANGE (invented), at most half of the month's exports. The
# notified figures are China's 1718 Committee notifications as typed into
# dbt_project/seeds/un_1718_petroleum_notifications.csv (public, via the press); converted at
# 8.33 bbl/t, the ratio of the Committee's own published pairs. No crude (2709) customs rows:
# China's customs statistics have shown no crude exports to the DPRK since 2014 (the Dandong-Sinuiju
# pipeline deliveries are not reported), and the sample does not invent any.

PETROLEUM_BBL_PER_TONNE = 8.33


@dataclass(frozen=True)
class PetroleumMonth:
    id: str
    year: int
    month: int
    customs_t: int  # netWgt of 271012 + 271019 in the month, tonnes
    notified_bbl: int | None  # China's notification for the month (seed, granularity 'month')
    note: str


def _pm(year: int, month: int, tonnes: int, note: str, notified: int | None = None,
        pid: str = "") -> PetroleumMonth:
    return PetroleumMonth(pid or f"P-{year}-{month:02d}", year, month, tonnes, notified, note)


_JAN_APR_2018 = "China notified 4,470 t for 2018-01..04 (seed, period total); split like the " \
                "published China+Russia monthly figures (570, 3,275, 4,337, 438 t)"
_H1_2021 = "2021-01..08 China notified 38,334 bbl (4,602 t, seed, period total); the months " \
           "not quoted share what the quoted ones leave"
_Q4_2021 = "2021 China notified 91,909 bbl (11,033 t, seed, annual total); October-December " \
           "share what January-September leave"
_2024 = "China's notifications for 2024-01..08 total 153,400 bbl (168,679 all states as of " \
        "2024-12-04 less Russia's 15,279 in January; seed): 18,415 t over eight months"

PETROLEUM_MONTHS: tuple[PetroleumMonth, ...] = (
    _pm(2018, 1, 296, _JAN_APR_2018), _pm(2018, 2, 1_698, _JAN_APR_2018),
    _pm(2018, 3, 2_249, _JAN_APR_2018), _pm(2018, 4, 227, _JAN_APR_2018),
    _pm(2020, 7, 1_498, "matches China's notification (12,479 bbl)", 12_479),
    _pm(2021, 1, 240, _H1_2021), _pm(2021, 2, 180, _H1_2021), _pm(2021, 3, 420, _H1_2021),
    _pm(2021, 4, 260, _H1_2021), _pm(2021, 5, 380, _H1_2021),
    _pm(2021, 6, 1_288, "matches China's notification (10,725 bbl, published as 1,288 t)", 10_725),
    _pm(2021, 7, 424, _H1_2021),
    _pm(2021, 8, 1_410, "matches China's notification (11,745 bbl, published as 1,410 t)", 11_745),
    _pm(2021, 9, 5_039, "matches China's notification (41,973 bbl, the largest of 2021)", 41_973),
    _pm(2021, 10, 430, _Q4_2021), _pm(2021, 11, 470, _Q4_2021), _pm(2021, 12, 492, _Q4_2021),
    _pm(2022, 1, 6_480, "PLANTED discrepancy: customs tonnage x 8.33 = 53,978 bbl, about five "
        "times China's notification for the month (10,822 bbl)", 10_822, pid="P1"),
    _pm(2022, 2, 756, "matches China's notification (6,295 bbl)", 6_295),
    _pm(2024, 1, 2_150, _2024), _pm(2024, 2, 2_080, _2024), _pm(2024, 3, 2_420, _2024),
    _pm(2024, 4, 2_310, _2024), _pm(2024, 5, 2_460, _2024), _pm(2024, 6, 2_270, _2024),
    _pm(2024, 7, 2_395, _2024), _pm(2024, 8, 2_330, _2024),
)

# Tonnes a month (271012 + 271019) for the months not pinned above: invented, of the order of
# the notified months (about 1,000-1,500 t in the months of 2021 the press quoted; 2,300 t a
# month in 2024).
PETROLEUM_TONNES_RANGE: dict[int, tuple[int, int]] = {
    2017: (1_000, 2_200), 2018: (700, 1_400), 2019: (800, 1_500), 2020: (600, 1_500),
    2021: (250, 500),  # every month of 2021 is pinned: drawn but unused
    2022: (700, 1_500), 2023: (800, 1_600), 2024: (1_500, 2_500),
}

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
