-- Ports spread over the 0.1-degree grid cells around them (5 x 5 cells: at least 17 km in every
-- direction at these latitudes), so positions find nearby ports with an equality join on the
-- cell instead of comparing every position with every port.
select
    p.port_code,
    p.port_name,
    p.port_role,
    p.country_iso3,
    p.latitude as port_latitude,
    p.longitude as port_longitude,
    cast(floor(p.latitude * 10) as integer) + dy as cell_lat,
    cast(floor(p.longitude * 10) as integer) + dx as cell_lon
from {{ ref('ports') }} as p
cross join range(-2, 3) as a(dy)
cross join range(-2, 3) as b(dx)
