-- Loitering: a transmitter below var('loitering_max_kn') kn for at least var('loitering_min_hours')
-- hours, at least var('event_min_port_distance_km') km from any port, without a silence of more
-- than two hours (a longer silence is a gap, reported on its own).
with slow_at_sea as (
    select t.report_key, t.mmsi, t.transmitter, t.position_at, t.latitude, t.longitude, t.speed_knots,
        t.previous_at, t.hours_since_previous
    from {{ ref('int_ais_tracks') }} as t
    left join {{ ref('int_ais_port_proximity') }} as p using (report_key)
    where t.speed_knots < {{ var('loitering_max_kn') }}
      and coalesce(p.port_km, 1e9) >= {{ var('event_min_port_distance_km') }}
),

breaks as (
    select
        *,
        -- a run goes on while each report's predecessor on the track is itself slow at sea (its
        -- predecessor within this subset is the track's predecessor) and no silence exceeds 2 h
        case
            when lag(position_at) over (partition by mmsi, transmitter order by position_at) is distinct from previous_at
                or hours_since_previous > 2 then 1
            else 0
        end as starts_run
    from slow_at_sea
),

runs as (
    select
        *,
        sum(starts_run) over (partition by mmsi, transmitter order by position_at rows unbounded preceding) as run
    from breaks
),

grouped as (
    select
        mmsi, transmitter, run,
        min(position_at) as started_at,
        max(position_at) as ended_at,
        avg(latitude) as latitude,
        avg(longitude) as longitude,
        median(speed_knots) as median_speed_knots,
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
