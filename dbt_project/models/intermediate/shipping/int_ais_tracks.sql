-- Every cleaned report on its track: the MMSI, the transmitter (two ships can share an MMSI),
-- and where a segment starts. A segment ends where the implied speed from the previous report exceeds
-- var('ais_max_implied_speed_kn') or the silence exceeds var('ais_segment_gap_hours').
with positions as (
    -- only what the track arithmetic needs: every column carried through a window is sorted too
    select
        p.report_key,
        p.mmsi,
        p.position_at,
        p.latitude,
        p.longitude,
        p.speed_knots,
        coalesce(t.transmitter, 0) as transmitter
    from {{ ref('int_ais_positions_cleaned') }} as p
    left join {{ ref('int_ais_transmitters') }} as t
        on t.mmsi = p.mmsi and t.position_at = p.position_at
        and t.latitude = p.latitude and t.longitude = p.longitude
),

steps as (
    select
        *,
        lag(position_at) over w as previous_at,
        lag(latitude) over w as previous_latitude,
        lag(longitude) over w as previous_longitude,
        lag(speed_knots) over w as previous_speed_knots,
        lead(position_at) over w as next_at,
        lead(latitude) over w as next_latitude,
        lead(longitude) over w as next_longitude,
        epoch(position_at - lag(position_at) over w) / 3600.0 as hours_since_previous,
        {{ haversine_km('lag(latitude) over w', 'lag(longitude) over w', 'latitude', 'longitude') }} as km_from_previous
    from positions
    window w as (partition by mmsi, transmitter order by position_at)
),

breaks as (
    select
        *,
        km_from_previous / 1.852 / greatest(hours_since_previous, 1e-6) as implied_speed_kn,
        case
            when hours_since_previous is null then 1
            when hours_since_previous > {{ var('ais_segment_gap_hours') }} then 1
            when km_from_previous > 2
                and km_from_previous / 1.852 / greatest(hours_since_previous, 1e-6) > {{ var('ais_max_implied_speed_kn') }} then 1
            else 0
        end as starts_segment
    from steps
)

-- segments are numbered in fct_ais_positions, over these few columns: a second window here would
-- sort every step column again
select * from breaks
