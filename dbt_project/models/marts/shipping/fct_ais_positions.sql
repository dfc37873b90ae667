with segments as (
    -- numbered over four columns only: a window sorts everything it carries
    select
        report_key,
        transmitter,
        sum(starts_segment) over (
            partition by mmsi, transmitter order by position_at rows unbounded preceding
        ) as segment_seq
    from {{ ref('int_ais_tracks') }}
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
    source_record
from positions
