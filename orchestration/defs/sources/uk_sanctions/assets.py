"""Dagster assets for the UK sanctions lists (FCDO, legacy OFSI ConList): raw_uk_sanctions.* (see README.md)."""
from orchestration.defs.sources.uk_sanctions import fetch, parse
from orchestration.lib.source_assets import SourceModules, build_source_assets

uk_sanctions_raw_tables = build_source_assets(SourceModules(parse=parse, fetch=fetch))
