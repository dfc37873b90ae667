"""Dagster assets for the UN Security Council consolidated list: raw_un_sc.* tables (see README.md)."""
from orchestration.defs.sources.un_sc import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

un_sc_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
