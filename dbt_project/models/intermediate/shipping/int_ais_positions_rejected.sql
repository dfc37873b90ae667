{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='position_date',
    on_schema_change='sync_all_columns'
) }}
-- Reports that cannot be used, with the reason, by day (the quarantine of the AIS cleaning step):
-- "not available" sentinels and non-ship stations are expected; impossible positions, times and
-- speeds are counted by assert_ais_impossible_reports_are_rare.
with days as (
    {{ ais_days_to_build() }}
)

select
    mmsi,
    position_at,
    cast(position_at as date) as position_date,
    latitude,
    longitude,
    speed_knots,
    {{ ais_rejection_reason() }} as reason,
    source_format,
    source_file,
    source_record,
    (select max(loaded_at) from {{ ref('stg_ais__snapshot_loads') }}) as batch_loaded_at
from {{ ref('stg_ais__positions') }}
where cast(position_at as date) in (select position_date from days)
  and {{ ais_rejection_reason() }} is not null
