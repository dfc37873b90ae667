-- Simple geofence port visits: consecutive reports within the port radius belong to one visit
-- unless the vessel leaves the radius or goes silent for more than 4 hours.
with positions as (
    select mmsi, position_at, latitude, longitude, speed_knots
    from {{ ref('int_ais_positions_cleaned') }}
),

ports as (
    select * from {{ ref('ports') }}
),

in_port as (
    select
        p.mmsi,
        p.position_at,
        p.speed_knots,
        po.port_code,
        {{ haversine_km('p.latitude', 'p.longitude', 'po.latitude', 'po.longitude') }} as distance_km
    from positions as p
    inner join ports as po
        -- cheap bounding box first (0.05 deg ~ 5.5 km of latitude) before the exact distance
        on abs(p.latitude - po.latitude) < 0.05
        and abs(p.longitude - po.longitude) < 0.05 / greatest(cos(radians(po.latitude)), 0.1)
),

tagged as (
    select *
    from in_port
    where distance_km <= {{ var('port_radius_km') }}
),

sequenced as (
    select
        t.*,
        -- a report starts a new visit when the previous report of the vessel was elsewhere or long ago
        case
            when lag(t.port_code) over w is distinct from t.port_code then 1
            when t.position_at - lag(t.position_at) over w > interval 4 hour then 1
            else 0
        end as starts_visit
    from tagged as t
    window w as (partition by t.mmsi order by t.position_at)
),

numbered as (
    select *, sum(starts_visit) over (partition by mmsi order by position_at) as visit_seq
    from sequenced
),

visits as (
    select
        mmsi,
        port_code,
        visit_seq,
        min(position_at) as arrived_at,
        max(position_at) as departed_at,
        count(*) as reports,
        min(speed_knots) as min_speed_knots,
        min(distance_km) as closest_km
    from numbered
    group by all
)

select
    md5(cast(v.mmsi as varchar) || '|' || v.port_code || '|' || cast(v.arrived_at as varchar)) as port_visit_id,
    v.mmsi,
    v.port_code,
    po.port_name,
    po.country_iso3 as port_country_iso3,
    po.port_role,
    v.arrived_at,
    v.departed_at,
    round(epoch(v.departed_at - v.arrived_at) / 3600.0, 2) as duration_hours,
    v.reports,
    v.min_speed_knots,
    coalesce(v.min_speed_knots < 0.5, false) as stopped,
    round(v.closest_km, 3) as closest_km
from visits as v
inner join ports as po using (port_code)
