"""China's trade with other partners, for unit-value comparison: the data behind
``comtrade/2025-03-01/comtrade_156_world_partners_annual.csv``.

For every HS6 code of the sample's China-DPRK trade, both flows, 2017-2024, China (reporter 156)
trades with some of twelve partners (Comtrade partner codes; never 0 "World"). Every value,
weight and quantity is **invented**; the unit values are set by hand to plausible magnitudes per
HS6 (``PEER_PRICES``), not taken from Comtrade. In the direction of the DPRK trade the partners'
median sits near the DPRK line's own price, with a tight spread for bulk commodities, so the
planted mis-invoicing (``scenarios.UNIT_VALUE_PLANTS``) stands out and nothing else does.

This module holds data and pure helpers only; ``comtrade.py`` writes the records.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

# Comtrade partner code, ISO3, partnerDesc as the v1 API spells it (USA is 842 and India 699 in
# Comtrade, not their M49 codes 840 and 356).
PEER_PARTNERS: tuple[tuple[int, str, str], ...] = (
    (410, "KOR", "Rep. of Korea"),
    (392, "JPN", "Japan"),
    (842, "USA", "USA"),
    (276, "DEU", "Germany"),
    (643, "RUS", "Russian Federation"),
    (704, "VNM", "Viet Nam"),
    (764, "THA", "Thailand"),
    (699, "IND", "India"),
    (76, "BRA", "Brazil"),
    (36, "AUS", "Australia"),
    (458, "MYS", "Malaysia"),
    (360, "IDN", "Indonesia"),
)

# How many of the twelve partners trade a line (every year, the same partners): in the direction
# of the DPRK trade enough for a robust median (fct_trade_unit_value_anomalies needs 5), in the
# other direction a few (keeps the sample small).
DPRK_FLOW_PARTNERS = (9, 11)
OTHER_FLOW_PARTNERS = (3, 4)


@dataclass(frozen=True)
class PeerPrice:
    """Invented peer unit values of one HS6 line (USD/kg; USD per 1000 kWh for electricity)."""

    hs: str
    uv: float  # the partners' median in the direction of the DPRK trade
    spread: float  # log-scale spread (sigma) of the partners' unit values around the median
    other: float  # the other direction's median, as a multiple of ``uv``
    import_usd: float  # China's typical annual imports from one partner (USD)
    export_usd: float  # China's typical annual exports to one partner (USD)
    label: str  # a short name for the README


def _p(hs, uv, spread, other, m, x, label) -> PeerPrice:
    return PeerPrice(hs, uv, spread, other, m, x, label)


PEER_PRICES: dict[str, PeerPrice] = {p.hs: p for p in (
    # China's exports to the DPRK: the peers are China's exports to the other partners.
    _p("150710", 0.98, 0.08, 0.95, 60e6, 8e6, "soya-bean oil"),
    _p("100630", 0.57, 0.09, 0.85, 90e6, 20e6, "rice"),
    _p("110100", 0.47, 0.09, 1.10, 3e6, 6e6, "wheat flour"),
    _p("170199", 0.64, 0.09, 0.80, 40e6, 5e6, "refined sugar"),
    _p("540752", 3.40, 0.14, 1.30, 4e6, 40e6, "polyester filament fabrics"),
    _p("551512", 3.20, 0.14, 1.30, 2e6, 15e6, "polyester staple fabrics"),
    _p("310210", 0.34, 0.10, 1.10, 1e6, 60e6, "urea"),
    _p("401120", 2.90, 0.12, 1.40, 5e6, 120e6, "bus and lorry tyres (about USD 150 a tyre)"),
    _p("390110", 1.22, 0.09, 1.05, 150e6, 20e6, "polyethylene"),
    _p("670300", 26.0, 0.18, 0.60, 20e6, 15e6, "human hair, worked"),
    _p("300490", 22.0, 0.25, 4.00, 400e6, 40e6, "medicaments"),
    _p("847989", 9.00, 0.22, 2.50, 300e6, 200e6, "machines n.e.c."),
    _p("850440", 13.0, 0.22, 1.60, 300e6, 400e6, "static converters"),
    _p("720851", 0.63, 0.09, 1.30, 20e6, 60e6, "hot-rolled steel plate"),
    _p("870323", 15.5, 0.18, 2.20, 1.5e9, 50e6, "cars 1500-3000 cc (about USD 22,000 a car)"),
    _p("271012", 0.90, 0.07, 1.05, 200e6, 150e6, "light oils (gasoline)"),
    _p("271019", 0.82, 0.07, 1.00, 250e6, 200e6, "other refined oils (diesel, fuel oil)"),
    # China's imports from the DPRK: the peers are China's imports from the other partners.
    _p("670420", 160.0, 0.20, 0.90, 5e6, 60e6, "wigs, eyelashes of human hair"),
    _p("670411", 44.0, 0.16, 0.70, 3e6, 150e6, "synthetic wigs"),
    _p("720221", 1.38, 0.10, 1.05, 40e6, 60e6, "ferro-silicon"),
    _p("261390", 15.8, 0.10, 1.10, 60e6, 5e6, "molybdenum ores"),
    _p("261100", 12.5, 0.10, 1.10, 20e6, 2e6, "tungsten ores"),
    _p("271600", 45.0, 0.10, 1.20, 30e6, 60e6, "electricity, USD per 1000 kWh (no weight)"),
    _p("910811", 380.0, 0.22, 1.40, 20e6, 40e6, "watch movements (about USD 2 each)"),
    _p("260111", 0.068, 0.08, 1.30, 1.5e9, 1e6, "iron ore"),
    _p("620342", 16.0, 0.18, 0.80, 6e6, 150e6, "men's cotton trousers"),
    _p("620462", 16.0, 0.18, 0.80, 8e6, 200e6, "women's cotton trousers"),
    _p("030743", 2.60, 0.14, 1.50, 40e6, 60e6, "frozen squid"),
    _p("260700", 1.70, 0.10, 1.10, 60e6, 1e6, "lead ores"),
    _p("500200", 48.0, 0.12, 1.05, 2e6, 10e6, "raw silk"),
    _p("270112", 0.090, 0.12, 1.30, 800e6, 10e6, "bituminous coal"),
    _p("270400", 0.27, 0.10, 1.10, 5e6, 60e6, "coke and semi-coke"),
)}


def median(values: list[float]) -> float:
    return float(statistics.median(values))


def mad(values: list[float]) -> float:
    """Median absolute deviation from the median."""
    m = median(values)
    return median([abs(v - m) for v in values])


def robust_z(x: float, peers: list[float]) -> float:
    """(x - median) / (1.4826 x MAD), as fct_trade_unit_value_anomalies computes it."""
    return (x - median(peers)) / (1.4826 * mad(peers))
