"""Dagster assets for AIS positions: raw_ais.positions (see README.md)."""
from orchestration.defs.sources.ais import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

ais_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
