with positions as (
    select p.*, t.transmitter, t.segment_seq
    from {{ ref('int_ais_positions_cleaned') }} as p
    inner join {{ ref('int_ais_tracks') }} as t using (report_key)
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
