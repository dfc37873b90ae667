-- Positions an analysis can trust: AIS "not available" sentinels become nulls, reports without
-- a usable position or identity are dropped, and exact duplicate reports are kept once.
with positions as (
    select * from {{ ref('stg_ais__positions') }}
),

flags as (
    select cast(mid as varchar) as mid, flag_iso3 from {{ ref('mmsi_mid_flags') }}
),

cleaned as (
    select
        mmsi,
        position_at,
        latitude,
        longitude,
        case when speed_knots >= 102.2 or speed_knots < 0 then null else speed_knots end as speed_knots,
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
    where latitude between -90 and 90
      and longitude between -180 and 180
      -- a 9-digit MMSI starting 2-7 is a ship station; others are base stations, SAR aircraft, AtoN
      and mmsi between 200000000 and 799999999
),

deduplicated as (
    select *
    from cleaned
    qualify row_number() over (
        partition by mmsi, position_at, latitude, longitude, speed_knots, course_deg
        order by source_file, source_record
    ) = 1
)

select
    d.*,
    {{ imo_is_valid('d.imo') }} as imo_is_valid,
    f.flag_iso3 as mmsi_flag_iso3,
    cast(d.position_at as date) as position_date
from deduplicated as d
left join flags as f
    on f.mid = substr(cast(d.mmsi as varchar), 1, 3)
