{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='position_date',
    on_schema_change='append_new_columns'
) }}
-- Built by day like int_ais_positions_cleaned: a night rewrites the days it loaded and, because
-- segments are numbered along the whole track, every day after the earliest of them (a late
-- day renumbers the segments that follow it). Days before are left alone. A first build skips
-- the bookkeeping: at tens of millions of reports every extra pass over them shows.
with
{% if is_incremental() %}
first_day as (
    select min(position_date) as position_date
    from {{ ref('int_ais_positions_cleaned') }}
    where batch_loaded_at > (select coalesce(max(batch_loaded_at), timestamptz '1900-01-01') from {{ this }})
),

segments_before as (
    select t.mmsi, t.transmitter, sum(t.starts_segment) as segment_count
    from {{ ref('int_ais_tracks') }} as t
    where cast(t.position_at as date) < (select position_date from first_day)
    group by all
),
{% endif %}

segments as (
    -- numbered over four columns only: a window sorts everything it carries
    select
        t.report_key,
        t.transmitter,
        {% if is_incremental() %}coalesce(b.segment_count, 0) + {% endif %}sum(t.starts_segment) over (
            partition by t.mmsi, t.transmitter order by t.position_at rows unbounded preceding
        ) as segment_seq
    from {{ ref('int_ais_tracks') }} as t
    {% if is_incremental() %}
    left join segments_before as b on b.mmsi = t.mmsi and b.transmitter = t.transmitter
    where cast(t.position_at as date) >= (select position_date from first_day)
    {% endif %}
),

positions as (
    select p.*, s.transmitter, s.segment_seq
    from {{ ref('int_ais_positions_cleaned') }} as p
    inner join segments as s using (report_key)
)

select
    report_key as position_id,
    mmsi,
    transmitter,
    hash(mmsi, transmitter, segment_seq) as segment_id,
    position_at,
    position_date,
    latitude,
    longitude,
    speed_knots,
    course_deg,
    heading_deg,
    nav_status,
    mmsi_flag_iso3,
    source_format,
    source_file,
    source_record,
    batch_loaded_at
from positions
