-- A documented, weighted risk score per vessel and month: the sum of the points in
-- fct_vessel_risk_evidence, each of which names the event behind it.
with evidence as (
    select * from {{ ref('fct_vessel_risk_evidence') }}
)

select
    md5(e.vessel_id || '|' || cast(e.month as varchar)) as vessel_risk_id,
    e.vessel_id,
    v.imo,
    v.vessel_name,
    v.is_designated,
    e.month,
    cast(sum(e.points) as bigint) as score,
    list_sort(list(distinct e.factor)) as factors,
    count(*) as evidence_rows,
    cast(sum(e.points) filter (where e.factor = 'designated') as bigint) as designated_points,
    cast(sum(e.points) filter (where e.factor = 'dprk_port_call') as bigint) as dprk_port_call_points,
    cast(sum(e.points) filter (where e.factor = 'tier_b_gap') as bigint) as tier_b_gap_points,
    cast(sum(e.points) filter (where e.factor = 'encounter_designated_or_dprk') as bigint) as encounter_points,
    cast(sum(e.points) filter (where e.factor = 'identity_change') as bigint) as identity_change_points,
    cast(sum(e.points) filter (where e.factor = 'high_risk_flag') as bigint) as high_risk_flag_points
from evidence as e
left join {{ ref('dim_vessels') }} as v using (vessel_id)
group by all
