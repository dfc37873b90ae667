"""Dagster assets for OFAC SDN: raw_ofac_sdn.* tables (see README.md)."""
from orchestration.defs.sources.ofac_sdn import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

ofac_sdn_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
