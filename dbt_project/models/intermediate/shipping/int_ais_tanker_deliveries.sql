-- Petroleum deliveries inferred from AIS: a tanker (AIS ship type 80-89, or listed as a tanker)
-- that stopped at a DPRK port. Each call counts var('ais_delivery_bbl_per_call') barrels: AIS
-- carries no cargo volume, so this is an estimate, kept as its own stream in the cap ledger.
with tankers as (
    select distinct p.mmsi
    from {{ ref('int_ais_static_reports') }} as p
    where try_cast(p.vessel_type as integer) between 80 and 89
       or p.vessel_type ilike '%tanker%'
    union
    select k.mmsi
    from {{ ref('int_vessel_keys') }} as k
    inner join {{ ref('dim_vessels') }} as v using (vessel_id)
    where v.vessel_type ilike '%tanker%'
)

select
    v.port_visit_id,
    v.mmsi,
    v.port_code,
    v.arrived_at,
    v.departed_at,
    cast(date_trunc('month', v.arrived_at) as date) as month,
    cast({{ var('ais_delivery_bbl_per_call') }} as double) as estimated_bbl
from {{ ref('fct_port_visits') }} as v
inner join tankers as t using (mmsi)
where v.port_role = 'dprk_port' and v.stopped
