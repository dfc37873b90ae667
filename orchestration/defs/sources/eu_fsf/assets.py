"""Dagster assets for the EU Financial Sanctions Files: raw_eu_fsf.* tables (see README.md)."""
from orchestration.defs.sources.eu_fsf import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

eu_fsf_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
