-- Dark gaps. Tier A is comparable to Global Fishing Watch: at least var('gap_tier_a_hours') hours
-- with both ends more than var('gap_tier_a_min_shore_nm') nm from shore. Tier B is tuned to the
-- DPRK, where GFW's offshore rule would miss everything: at least var('gap_tier_b_hours') hours
-- with either end within var('gap_near_dprk_nm') nm of a DPRK port, inside a known transfer area,
-- or within var('gap_near_rfe_port_km') km of a Russian Far East port.
-- dprk_port_reachable: going to the nearest DPRK port and on to where the ship reappeared fits in
-- the silence at var('gap_max_transit_kn'). The score (0-5) adds one point each for tier A, tier B,
-- a reachable DPRK port (two points) and a ship that barely moved (implied speed under 3 kn).
with gaps as (
    select g.*, s.start_shore_nm, s.end_shore_nm
    from {{ ref('int_ais_gap_candidates') }} as g
    inner join {{ ref('int_ais_gap_shore') }} as s using (gap_id)
),

ports as (
    select * from {{ ref('ports') }}
),

dprk as (
    select
        g.gap_id,
        min({{ haversine_km('g.start_latitude', 'g.start_longitude', 'p.latitude', 'p.longitude') }}) as start_dprk_km,
        min({{ haversine_km('g.end_latitude', 'g.end_longitude', 'p.latitude', 'p.longitude') }}) as end_dprk_km,
        min(
            {{ haversine_km('g.start_latitude', 'g.start_longitude', 'p.latitude', 'p.longitude') }}
            + {{ haversine_km('p.latitude', 'p.longitude', 'g.end_latitude', 'g.end_longitude') }}
        ) as via_dprk_port_km
    from gaps as g
    cross join ports as p
    where p.port_role = 'dprk_port'
    group by g.gap_id
),

rfe as (
    select
        g.gap_id,
        min(least(
            {{ haversine_km('g.start_latitude', 'g.start_longitude', 'p.latitude', 'p.longitude') }},
            {{ haversine_km('g.end_latitude', 'g.end_longitude', 'p.latitude', 'p.longitude') }}
        )) as rfe_port_km
    from gaps as g
    cross join ports as p
    where p.port_role = 'russia_far_east'
    group by g.gap_id
),

areas as (
    select
        g.gap_id,
        list_sort(list(distinct a.area_code)) as transfer_areas
    from gaps as g
    cross join {{ ref('transfer_areas') }} as a
    where {{ haversine_km('g.start_latitude', 'g.start_longitude', 'a.latitude', 'a.longitude') }} <= a.radius_km
       or {{ haversine_km('g.end_latitude', 'g.end_longitude', 'a.latitude', 'a.longitude') }} <= a.radius_km
    group by g.gap_id
),

classified as (
    select
        g.*,
        d.start_dprk_km,
        d.end_dprk_km,
        r.rfe_port_km,
        coalesce(a.transfer_areas, []::varchar[]) as transfer_areas,
        least(d.start_dprk_km, d.end_dprk_km) <= {{ var('gap_near_dprk_nm') }} * 1.852 as near_dprk_coast,
        d.via_dprk_port_km / 1.852 / greatest(g.hours, 1e-6) <= {{ var('gap_max_transit_kn') }} as dprk_port_reachable,
        g.hours >= {{ var('gap_tier_a_hours') }}
            and g.start_shore_nm > {{ var('gap_tier_a_min_shore_nm') }}
            and g.end_shore_nm > {{ var('gap_tier_a_min_shore_nm') }} as is_tier_a
    from gaps as g
    inner join dprk as d using (gap_id)
    left join rfe as r using (gap_id)
    left join areas as a using (gap_id)
),

tiered as (
    select
        *,
        hours >= {{ var('gap_tier_b_hours') }}
            and (near_dprk_coast or len(transfer_areas) > 0 or coalesce(rfe_port_km <= {{ var('gap_near_rfe_port_km') }}, false)) as is_tier_b
    from classified
)

select
    gap_id,
    mmsi,
    transmitter,
    started_at,
    ended_at,
    round(hours, 2) as hours,
    start_latitude,
    start_longitude,
    end_latitude,
    end_longitude,
    round(km, 3) as km,
    round(implied_speed_kn, 2) as implied_speed_kn,
    round(start_shore_nm, 1) as start_shore_nm,
    round(end_shore_nm, 1) as end_shore_nm,
    round(least(start_dprk_km, end_dprk_km), 1) as nearest_dprk_port_km,
    round(rfe_port_km, 1) as nearest_rfe_port_km,
    transfer_areas,
    near_dprk_coast,
    dprk_port_reachable,
    is_tier_a,
    is_tier_b,
    case when is_tier_a and is_tier_b then 'A+B' when is_tier_a then 'A' else 'B' end as tier,
    cast(is_tier_a as integer) + cast(is_tier_b as integer) + 2 * cast(dprk_port_reachable as integer)
        + cast(implied_speed_kn < 3 as integer) as score
from tiered
where is_tier_a or is_tier_b
