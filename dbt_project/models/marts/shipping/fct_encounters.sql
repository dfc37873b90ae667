-- Ship-to-ship encounters for every vessel class: two transmitters within
-- var('encounter_max_distance_m') m of each other for at least var('encounter_min_hours') hours,
-- both at a median speed under var('encounter_max_median_kn') kn, at least
-- var('event_min_port_distance_km') km from any port. Candidate pairs come from 10-minute time
-- buckets and a 0.01-degree grid (each point meets only the points of its own and the eight
-- neighbouring cells in the same bucket), never from comparing all pairs.
with slow as (
    select t.mmsi, t.transmitter, t.position_at, t.latitude, t.longitude, t.speed_knots
    from {{ ref('int_ais_tracks') }} as t
    left join {{ ref('int_ais_port_proximity') }} as p using (report_key)
    where t.speed_knots < {{ var('encounter_max_median_kn') }} + 1
      and coalesce(p.port_km, 1e9) >= {{ var('event_min_port_distance_km') }}
),

buckets as (
    select
        mmsi,
        transmitter,
        time_bucket(interval 10 minute, position_at) as bucket,
        avg(latitude) as latitude,
        avg(longitude) as longitude,
        median(speed_knots) as speed_knots
    from slow
    group by all
),

cells as (
    select *, cast(floor(latitude * 100) as integer) as cell_lat, cast(floor(longitude * 100) as integer) as cell_lon
    from buckets
),

neighbourhoods as (
    select c.*, c.cell_lat + dy as near_lat, c.cell_lon + dx as near_lon
    from cells as c
    cross join range(-1, 2) as a(dy)
    cross join range(-1, 2) as b(dx)
),

close_pairs as (
    select
        a.mmsi as mmsi_a,
        a.transmitter as transmitter_a,
        b.mmsi as mmsi_b,
        b.transmitter as transmitter_b,
        a.bucket,
        (a.latitude + b.latitude) / 2 as latitude,
        (a.longitude + b.longitude) / 2 as longitude,
        a.speed_knots as speed_a,
        b.speed_knots as speed_b,
        1000 * {{ haversine_km('a.latitude', 'a.longitude', 'b.latitude', 'b.longitude') }} as metres
    from neighbourhoods as a
    inner join cells as b
        on b.bucket = a.bucket and b.cell_lat = a.near_lat and b.cell_lon = a.near_lon
    where a.mmsi < b.mmsi or (a.mmsi = b.mmsi and a.transmitter < b.transmitter)
),

within as (
    select *
    from close_pairs
    where metres <= {{ var('encounter_max_distance_m') }}
),

episodes as (
    select
        *,
        sum(case when coalesce(epoch(bucket - previous_bucket), 1e9) > 1800 then 1 else 0 end) over (
            partition by mmsi_a, transmitter_a, mmsi_b, transmitter_b order by bucket rows unbounded preceding
        ) as episode
    from (
        select *, lag(bucket) over (partition by mmsi_a, transmitter_a, mmsi_b, transmitter_b order by bucket) as previous_bucket
        from within
    )
),

grouped as (
    select
        mmsi_a, transmitter_a, mmsi_b, transmitter_b, episode,
        min(bucket) as started_at,
        max(bucket) + interval 10 minute as ended_at,
        avg(latitude) as latitude,
        avg(longitude) as longitude,
        min(metres) as closest_m,
        median(metres) as median_m,
        median(speed_a) as median_speed_a,
        median(speed_b) as median_speed_b,
        count(*) as close_buckets
    from episodes
    group by all
)

select
    md5(concat_ws('|', mmsi_a, transmitter_a, mmsi_b, transmitter_b, started_at)) as encounter_id,
    mmsi_a,
    transmitter_a,
    mmsi_b,
    transmitter_b,
    started_at,
    ended_at,
    round(epoch(ended_at - started_at) / 3600.0, 2) as hours,
    round(latitude, 5) as latitude,
    round(longitude, 5) as longitude,
    round(closest_m, 1) as closest_m,
    round(median_m, 1) as median_m,
    round(median_speed_a, 2) as median_speed_a_knots,
    round(median_speed_b, 2) as median_speed_b_knots,
    close_buckets
from grouped
where epoch(ended_at - started_at) / 3600.0 >= {{ var('encounter_min_hours') }}
  and median_speed_a < {{ var('encounter_max_median_kn') }}
  and median_speed_b < {{ var('encounter_max_median_kn') }}
