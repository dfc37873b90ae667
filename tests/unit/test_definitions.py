"""The Dagster code location: what `dagster dev` shows and the nightly job runs."""

import dagster as dg
import pytest

from orchestration.definitions import defs


@pytest.fixture(scope="module")
def definitions() -> dg.Definitions:
    return defs()


def test_asset_keys_are_schema_and_table(definitions):
    keys = {k.to_user_string() for k in definitions.resolve_asset_graph().get_all_asset_keys()}
    assert {
        "raw_ofac_sdn/sdn_entries", "raw_un_sc/parties", "raw_comtrade/records", "raw_ais/positions",
        "staging/stg_ofac_sdn__entries", "intermediate/int_entities_resolved",
        "sanctions/dim_entities", "sanctions/fct_designations", "sanctions/dim_vessels",
        "trade/dim_countries", "trade/dim_commodities", "trade/fct_trade_flows",
        "shipping/fct_ais_positions", "shipping/fct_port_visits", "reference/ports", "published/warehouse",
    } <= keys
    assert all(len(dg.AssetKey.from_user_string(k).path) == 2 for k in keys)


def test_groups_by_source_and_domain(definitions):
    graph = definitions.resolve_asset_graph()
    group = {k.to_user_string(): graph.get(k).group_name for k in graph.get_all_asset_keys()}
    assert group["raw_ofac_sdn/sdn_entries"] == group["staging/stg_ofac_sdn__entries"] == "ofac_sdn"
    assert group["raw_ais/positions"] == group["staging/stg_ais__positions"] == "ais"
    assert group["sanctions/dim_entities"] == group["intermediate/int_entities_resolved"] == "sanctions"
    assert group["trade/fct_trade_flows"] == "trade"
    assert group["shipping/fct_port_visits"] == "shipping"


def test_every_suite_and_raw_source_has_a_blocking_check(definitions):
    checks = {
        (key.asset_key.to_user_string(), key.name): spec
        for checks_def in definitions.asset_checks
        for key, spec in zip(checks_def.check_keys, checks_def.check_specs)
    }
    assert checks[("raw_un_sc/parties", "great_expectations")].blocking
    assert checks[("sanctions/dim_entities", "great_expectations")].blocking
    assert checks[("raw_ais/positions", "quarantine")].blocking


def test_nightly_job_and_schedule_at_two_utc(definitions):
    job = definitions.resolve_job_def("nightly")
    assert job.executor_def is dg.in_process_executor
    schedule = definitions.resolve_schedule_def("nightly_schedule")
    assert schedule.cron_schedule == "0 2 * * *"
    assert schedule.execution_timezone == "UTC"


def test_schedule_is_configurable_without_reading_the_environment_at_import(monkeypatch):
    monkeypatch.setenv("TUMEN_NIGHTLY_CRON", "30 4 * * *")
    assert defs().resolve_schedule_def("nightly_schedule").cron_schedule == "30 4 * * *"
