-- Silences of var('gap_tier_b_hours') or more between two reports of one transmitter: every
-- candidate dark gap, before it is placed against the coast, the DPRK and known transfer areas.
select
    md5(concat_ws('|', mmsi, transmitter, previous_at)) as gap_id,
    mmsi,
    transmitter,
    previous_at as started_at,
    position_at as ended_at,
    hours_since_previous as hours,
    previous_latitude as start_latitude,
    previous_longitude as start_longitude,
    latitude as end_latitude,
    longitude as end_longitude,
    km_from_previous as km,
    km_from_previous / 1.852 / greatest(hours_since_previous, 1e-6) as implied_speed_kn
from {{ ref('int_ais_tracks') }}
where hours_since_previous >= {{ var('gap_tier_b_hours') }}
