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

-- streamed twice (duplicate finder, then the rows) rather than materialised: at tens of
-- millions of wide reports a materialised CTE would spill to disk
positions as not materialized (
    select *
    from {{ ref('stg_ais__positions') }}
    where cast(position_at as date) in (select position_date from days)
      and {{ ais_rejection_reason() }} is null
),

flags as (
    select mid, flag_iso3 from {{ ref('mmsi_mid_flags') }}
),

hashed as not materialized (
    select
        -- a 64-bit hash of everything the report says: exact duplicates share it, and it is the
        -- report's key downstream
        hash(mmsi, position_at, latitude, longitude, speed_knots, course_deg, heading_deg, nav_status,
            vessel_name, imo_raw, call_sign, vessel_type, length_m, width_m, draft_m, transceiver_class) as report_key,
        *
    from positions
),

duplicated as (
    -- duplicates are rare: find them with a one-column hash aggregate and keep each one's first
    -- copy, instead of grouping every report on every column
    select report_key, min(struct_pack(source_file, source_record)) as keeper
    from hashed
    group by report_key
    having count(*) > 1
),

cleaned as (
    -- narrow on purpose: static data (names, IMO, call sign, type) repeats in every report and
    -- is kept once per day and value in int_ais_static_reports
    select
        h.report_key,
        h.mmsi,
        h.position_at,
        h.latitude,
        h.longitude,
        case when h.speed_knots >= 102.2 then null else h.speed_knots end as speed_knots,
        case when h.course_deg >= 360 or h.course_deg < 0 then null else h.course_deg end as course_deg,
        case when h.heading_deg >= 360 or h.heading_deg < 0 then null else h.heading_deg end as heading_deg,
        h.nav_status,
        h.source_format,
        h.source_file,
        h.source_record
    from hashed as h
    left join duplicated as d using (report_key)
    where d.report_key is null
       or (d.keeper.source_file = h.source_file and d.keeper.source_record = h.source_record)
)

select
    c.*,
    f.flag_iso3 as mmsi_flag_iso3,
    cast(c.position_at as date) as position_date,
    (select max(loaded_at) from {{ ref('stg_ais__snapshot_loads') }}) as batch_loaded_at
from cleaned as c
-- a ship station's first three digits are its Maritime Identification Digits
left join flags as f
    on f.mid = c.mmsi // 1000000
