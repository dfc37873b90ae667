-- Reports within about 17 km of a port, with the nearest port and how far the report before
-- and after it lay from that port: enough to see entries and exits without ordering every
-- report again. Positions and ports meet on 0.1-degree grid cells (an equality join).
with candidates as (
    select
        t.report_key,
        c.port_code,
        {{ haversine_km('t.latitude', 't.longitude', 'c.port_latitude', 'c.port_longitude') }} as km,
        {{ haversine_km('t.previous_latitude', 't.previous_longitude', 'c.port_latitude', 'c.port_longitude') }} as previous_km,
        {{ haversine_km('t.next_latitude', 't.next_longitude', 'c.port_latitude', 'c.port_longitude') }} as next_km
    from {{ ref('int_ais_tracks') }} as t
    inner join {{ ref('int_port_cells') }} as c
        on c.cell_lat = cast(floor(t.latitude * 10) as integer)
        and c.cell_lon = cast(floor(t.longitude * 10) as integer)
),

nearest as (
    select
        report_key,
        arg_min(port_code, km) as port_code,
        min(km) as port_km,
        arg_min(previous_km, km) as previous_port_km,
        arg_min(next_km, km) as next_port_km
    from candidates
    group by report_key
)

select
    t.report_key,
    t.mmsi,
    t.transmitter,
    t.position_at,
    t.latitude,
    t.longitude,
    t.speed_knots,
    t.hours_since_previous,
    t.previous_at,
    t.next_at,
    n.port_code,
    n.port_km,
    n.previous_port_km,
    n.next_port_km
from nearest as n
inner join {{ ref('int_ais_tracks') }} as t using (report_key)
