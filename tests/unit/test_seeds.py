"""Seeds typed in from public facts stay consistent with their sources and with each other."""

import csv

import pycountry

from tests.conftest import REPO_ROOT

SEEDS = REPO_ROOT / "dbt_project" / "seeds"


def rows(name):
    with open(SEEDS / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_countries_match_iso_3166():
    seeded = {r["iso3"]: r for r in rows("countries.csv") if r["m49_code"]}
    for country in pycountry.countries:
        assert seeded[country.alpha_3]["iso2"] == country.alpha_2
        assert int(seeded[country.alpha_3]["m49_code"]) == int(country.numeric)
    assert seeded["PRK"]["comtrade_code"] == "408"


def test_every_mid_flag_is_a_country():
    iso3 = {r["iso3"] for r in rows("countries.csv")}
    flags = rows("mmsi_mid_flags.csv")
    assert {r["flag_iso3"] for r in flags} <= iso3
    assert {r["mid"]: r["flag_iso3"] for r in flags}["445"] == "PRK"
    assert len({r["mid"] for r in flags}) == len(flags)


def test_ports_are_in_their_region():
    for port in rows("ports.csv"):
        lat, lon = float(port["latitude"]), float(port["longitude"])
        if port["port_role"] == "dprk_port":
            assert 37.5 < lat < 43 and 124 < lon < 131, port
        if port["port_role"] == "russia_far_east":
            assert 42 < lat < 50 and 130 < lon < 143, port


def test_sanction_rules_are_well_formed():
    rules = rows("un_hs_sanction_rules.csv")
    assert len({r["rule_id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["hs_prefix"].isdigit() and len(rule["hs_prefix"]) in (2, 4, 6), rule
        assert rule["resolution"] in {"1718", "2270", "2321", "2371", "2375", "2397"}, rule
        if rule["direction"].endswith("_cap"):
            assert float(rule["cap_amount"]) > 0 and rule["cap_unit"] in {"bbl", "t"}, rule
