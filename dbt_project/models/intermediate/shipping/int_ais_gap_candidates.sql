-- Silences of var('gap_tier_b_hours') or more between two reports of one transmitter. Found
-- without sorting every report: reports are first folded, per transmitter, into buckets as long
-- as the shortest gap sought (a hash aggregate). A silence that long cannot fit inside one
-- bucket, so it lies between the last report of one occupied bucket and the first of the next:
-- only the bucket rows are ordered. The result is exact, the same silences a report-by-report
-- scan finds.
with reports as (
    select
        p.mmsi,
        coalesce(t.transmitter, 0) as transmitter,
        p.position_at,
        p.latitude,
        p.longitude
    from {{ ref('int_ais_positions_cleaned') }} as p
    left join {{ ref('int_ais_transmitters') }} as t
        on t.mmsi = p.mmsi and t.position_at = p.position_at
        and t.latitude = p.latitude and t.longitude = p.longitude
),

buckets as (
    select
        mmsi,
        transmitter,
        cast(epoch(position_at) as bigint) // {{ var('gap_tier_b_hours') * 3600 }} as bucket,
        min(position_at) as first_at,
        max(position_at) as last_at,
        arg_min(struct_pack(latitude, longitude), position_at) as first_fix,
        arg_max(struct_pack(latitude, longitude), position_at) as last_fix
    from reports
    group by all
),

steps as (
    select
        mmsi,
        transmitter,
        first_at,
        first_fix.latitude as first_latitude,
        first_fix.longitude as first_longitude,
        lag(last_at) over w as previous_at,
        lag(last_fix) over w as previous_fix
    from buckets
    window w as (partition by mmsi, transmitter order by bucket)
),

located as (
    select
        *,
        previous_fix.latitude as previous_latitude,
        previous_fix.longitude as previous_longitude
    from steps
)

select
    md5(concat_ws('|', mmsi, transmitter, previous_at)) as gap_id,
    mmsi,
    transmitter,
    previous_at as started_at,
    first_at as ended_at,
    epoch(first_at - previous_at) / 3600.0 as hours,
    previous_latitude as start_latitude,
    previous_longitude as start_longitude,
    first_latitude as end_latitude,
    first_longitude as end_longitude,
    {{ haversine_km('previous_latitude', 'previous_longitude', 'first_latitude', 'first_longitude') }} as km,
    {{ haversine_km('previous_latitude', 'previous_longitude', 'first_latitude', 'first_longitude') }}
        / 1.852 / greatest(epoch(first_at - previous_at) / 3600.0, 1e-6) as implied_speed_kn
from located
where epoch(first_at - previous_at) >= {{ var('gap_tier_b_hours') }} * 3600
