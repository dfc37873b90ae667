{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='position_date',
    on_schema_change='sync_all_columns'
) }}
-- Positions an analysis can trust, built incrementally by day: a new day (or a reloaded one) is
-- rebuilt on its own, history is left alone. AIS "not available" sentinels become nulls, unusable
-- reports go to int_ais_positions_rejected, exact duplicates are kept once.
with days as (
    {{ ais_days_to_build() }}
),

positions as (
    select *
    from {{ ref('stg_ais__positions') }}
    where cast(position_at as date) in (select position_date from days)
      and {{ ais_rejection_reason() }} is null
),

flags as (
    select cast(mid as varchar) as mid, flag_iso3 from {{ ref('mmsi_mid_flags') }}
),

cleaned as (
    select distinct on (mmsi, position_at, latitude, longitude, speed_knots, course_deg, heading_deg)
        mmsi,
        position_at,
        latitude,
        longitude,
        case when speed_knots >= 102.2 then null else speed_knots end as speed_knots,
        case when course_deg >= 360 or course_deg < 0 then null else course_deg end as course_deg,
        case when heading_deg >= 360 or heading_deg < 0 then null else heading_deg end as heading_deg,
        nav_status,
        nullif(trim(vessel_name), '') as vessel_name,
        nullif(regexp_replace(upper(imo_raw), '^IMO', ''), '0000000') as imo,
        nullif(trim(call_sign), '') as call_sign,
        vessel_type,
        length_m,
        width_m,
        draft_m,
        transceiver_class,
        source_format,
        source_file,
        source_record
    from positions
    order by mmsi, position_at, latitude, longitude, speed_knots, course_deg, heading_deg, source_file, source_record
)

select
    c.*,
    {{ imo_is_valid('c.imo') }} as imo_is_valid,
    f.flag_iso3 as mmsi_flag_iso3,
    cast(c.position_at as date) as position_date,
    (select max(loaded_at) from {{ ref('stg_ais__snapshot_loads') }}) as batch_loaded_at
from cleaned as c
left join flags as f
    on f.mid = substr(cast(c.mmsi as varchar), 1, 3)
