-- Every point of mart_vessel_risk, with the row behind it: one row per vessel, month, factor and
-- event (points from the vessel_risk_weights seed).
with weights as (
    select * from {{ ref('vessel_risk_weights') }}
),

keys as (
    select * from {{ ref('int_vessel_keys') }}
),

vessels as (
    select * from {{ ref('dim_vessels') }}
),

active_months as (
    select distinct k.vessel_id, cast(date_trunc('month', p.position_at) as date) as month
    from {{ ref('int_ais_positions_cleaned') }} as p
    inner join keys as k using (mmsi)
),

designated as (
    select
        m.vessel_id, m.month, 'designated' as factor,
        'sanctions.fct_designations' as event_table,
        min(d.designation_id) as event_id,
        'designated by ' || string_agg(distinct d.authority, ', ') || ' (' || string_agg(distinct d.program, ', ') || ')' as detail
    from active_months as m
    inner join vessels as v using (vessel_id)
    inner join {{ ref('fct_designations') }} as d on d.entity_id = v.entity_id
    where d.valid_from <= last_day(m.month) and (d.valid_to is null or d.valid_to > m.month)
    group by all
),

port_calls as (
    select
        k.vessel_id, cast(date_trunc('month', v.arrived_at) as date) as month, 'dprk_port_call' as factor,
        'shipping.fct_port_visits' as event_table, v.port_visit_id as event_id,
        'call at ' || v.port_name || ' ' || strftime(v.arrived_at, '%Y-%m-%d') || ' (' || v.duration_hours || ' h, confidence ' || v.confidence || ')' as detail
    from {{ ref('fct_port_visits') }} as v
    inner join keys as k using (mmsi)
    where v.port_role = 'dprk_port'
),

gaps as (
    select
        k.vessel_id, cast(date_trunc('month', g.started_at) as date) as month, 'tier_b_gap' as factor,
        'shipping.fct_ais_gaps' as event_table, g.gap_id as event_id,
        g.hours || ' h dark from ' || strftime(g.started_at, '%Y-%m-%d %H:%M') || 'Z, ' || g.nearest_dprk_port_km
            || ' km from the nearest DPRK port' as detail
    from {{ ref('fct_ais_gaps') }} as g
    inner join keys as k using (mmsi)
    where g.is_tier_b
),

encounter_sides as (
    select encounter_id, started_at, hours, mmsi_a as mmsi, mmsi_b as counterpart from {{ ref('fct_encounters') }}
    union all
    select encounter_id, started_at, hours, mmsi_b, mmsi_a from {{ ref('fct_encounters') }}
),

encounters as (
    select
        k.vessel_id, cast(date_trunc('month', e.started_at) as date) as month, 'encounter_designated_or_dprk' as factor,
        'shipping.fct_encounters' as event_table, e.encounter_id as event_id,
        e.hours || ' h alongside MMSI ' || e.counterpart
            || case when cv.is_designated then ' (designated: ' || cv.vessel_name || ')' else ' (DPRK MMSI)' end as detail
    from encounter_sides as e
    inner join keys as k using (mmsi)
    left join keys as ck on ck.mmsi = e.counterpart
    left join vessels as cv on cv.vessel_id = ck.vessel_id
    where coalesce(cv.is_designated, false) or cast(e.counterpart as varchar) like '445%'
),

identity as (
    select
        c.vessel_id, cast(date_trunc('month', c.observed_after_at) as date) as month, 'identity_change' as factor,
        'shipping.fct_identity_changes' as event_table, c.identity_change_id as event_id,
        c.change_type || ': ' || c.evidence as detail
    from {{ ref('fct_identity_changes') }} as c
    where c.vessel_id is not null
),

risky_flags as (
    select
        vessel_id, month, 'high_risk_flag' as factor,
        'shipping.fct_ais_positions' as event_table, 'mmsi:' || mmsi as event_id,
        'broadcasts MMSI ' || mmsi || ' of ' || flag_iso3 || ' (' || reason || ')' as detail
    from (
        select distinct k.vessel_id, cast(date_trunc('month', p.position_at) as date) as month, p.mmsi,
            f.flag_iso3, f.reason
        from {{ ref('int_ais_positions_cleaned') }} as p
        inner join keys as k using (mmsi)
        inner join {{ ref('high_risk_flags') }} as f on f.flag_iso3 = p.mmsi_flag_iso3
    )
),

evidence as (
    select * from designated
    union all select * from port_calls
    union all select * from gaps
    union all select * from encounters
    union all select * from identity
    union all select * from risky_flags
)

select
    md5(concat_ws('|', e.vessel_id, e.month, e.factor, e.event_id)) as evidence_id,
    e.vessel_id,
    e.month,
    e.factor,
    w.points,
    e.event_table,
    e.event_id,
    e.detail
from evidence as e
inner join weights as w using (factor)
