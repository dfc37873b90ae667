-- Loitering: a transmitter below var('loitering_max_kn') kn for at least var('loitering_min_hours')
-- hours, at least var('event_min_port_distance_km') km from any port, without a silence of more
-- than two hours (a longer silence is a gap, reported on its own).
with marked as (
    select
        *,
        speed_knots < {{ var('loitering_max_kn') }} and coalesce(port_km, 1e9) >= {{ var('event_min_port_distance_km') }} as slow_at_sea,
        row_number() over (partition by mmsi, transmitter order by position_at) as seq
    from {{ ref('int_ais_port_proximity') }}
),

runs as (
    select
        *,
        seq - row_number() over (partition by mmsi, transmitter order by position_at) as run,
        sum(case when hours_since_previous > 2 then 1 else 0 end) over (
            partition by mmsi, transmitter order by position_at rows unbounded preceding
        ) as silence_break
    from marked
    where slow_at_sea
),

grouped as (
    select
        mmsi, transmitter, run, silence_break,
        min(position_at) as started_at,
        max(position_at) as ended_at,
        avg(latitude) as latitude,
        avg(longitude) as longitude,
        median(speed_knots) as median_speed_knots,
        min(port_km) as closest_port_km,
        count(*) as reports
    from runs
    group by all
)

select
    md5(concat_ws('|', mmsi, transmitter, started_at)) as loitering_id,
    mmsi,
    transmitter,
    started_at,
    ended_at,
    round(epoch(ended_at - started_at) / 3600.0, 2) as hours,
    round(latitude, 5) as latitude,
    round(longitude, 5) as longitude,
    round(median_speed_knots, 2) as median_speed_knots,
    reports
from grouped
where epoch(ended_at - started_at) / 3600.0 >= {{ var('loitering_min_hours') }}
