-- MMSI-days whose reports jump impossibly and repeatedly (more than var('ais_shared_mmsi_min_jumps')
-- jumps beyond var('ais_max_implied_speed_kn') and over 2 km): the signature of two transmitters
-- sharing one MMSI. int_ais_transmitters separates them.
with steps as (
    select
        mmsi,
        position_date,
        position_at,
        {{ haversine_km('lag(latitude) over w', 'lag(longitude) over w', 'latitude', 'longitude') }} as km,
        epoch(position_at - lag(position_at) over w) as seconds
    from {{ ref('int_ais_positions_cleaned') }}
    window w as (partition by mmsi order by position_at)
)

select mmsi, position_date, count(*) as impossible_jumps
from steps
where km > 2
  and km / 1.852 / greatest(seconds / 3600.0, 1e-6) > {{ var('ais_max_implied_speed_kn') }}
group by all
having count(*) >= {{ var('ais_shared_mmsi_min_jumps') }}
