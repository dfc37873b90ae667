"""Dagster assets for OFAC Consolidated (non-SDN): raw_ofac_cons.* tables (see README.md)."""
from orchestration.defs.sources.ofac_cons import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

ofac_cons_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
