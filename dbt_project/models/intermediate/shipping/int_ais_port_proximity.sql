-- Every report with the nearest port within 17 km (null beyond): the basis of port visits,
-- and of the "away from ports" rule of encounters and loitering.
with positions as (
    select
        report_key, mmsi, transmitter, position_at, latitude, longitude, speed_knots, hours_since_previous,
        cast(floor(latitude * 10) as integer) as cell_lat,
        cast(floor(longitude * 10) as integer) as cell_lon
    from {{ ref('int_ais_tracks') }}
),

candidates as (
    select
        p.report_key,
        c.port_code,
        {{ haversine_km('p.latitude', 'p.longitude', 'c.port_latitude', 'c.port_longitude') }} as km
    from positions as p
    inner join {{ ref('int_port_cells') }} as c using (cell_lat, cell_lon)
),

nearest as (
    select report_key, arg_min(port_code, km) as port_code, min(km) as port_km
    from candidates
    group by all
)

select p.report_key, p.mmsi, p.transmitter, p.position_at, p.latitude, p.longitude, p.speed_knots,
    p.hours_since_previous, n.port_code, n.port_km
from positions as p
left join nearest as n using (report_key)
