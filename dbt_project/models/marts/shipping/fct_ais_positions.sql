with positions as (
    select * from {{ ref('int_ais_tracks') }}
)

select
    md5(cast(mmsi as varchar) || '|' || cast(position_at as varchar) || '|' || cast(latitude as varchar) || '|' || cast(longitude as varchar)) as position_id,
    mmsi,
    transmitter,
    md5(concat_ws('|', mmsi, transmitter, segment_seq)) as segment_id,
    position_at,
    position_date,
    latitude,
    longitude,
    speed_knots,
    course_deg,
    heading_deg,
    nav_status,
    vessel_name,
    imo,
    imo_is_valid,
    call_sign,
    vessel_type,
    mmsi_flag_iso3,
    source_format,
    source_file,
    source_record
from positions
