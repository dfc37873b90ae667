"""Dagster assets for UN Comtrade: raw_comtrade.records (see README.md)."""
from orchestration.defs.sources.comtrade import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

comtrade_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
