-- Mis-invoicing signals: each DPRK flow's annual unit value (USD/kg) against the same reporter's
-- unit values for that HS6 and flow with its other partners, as a robust z-score
-- ((x - median) / (1.4826 x MAD)), which a few extreme partners cannot drag. Flagged at
-- |z| >= var('unit_value_z_threshold') with at least var('unit_value_min_partners') comparisons.
with values as (
    select * from {{ ref('int_trade_unit_values') }}
),

others as (
    select reporter_code, ref_year, hs6, flow_code, unit_value_usd_per_kg as uv
    from values
    where partner_code <> 408
),

medians as (
    select reporter_code, ref_year, hs6, flow_code, median(uv) as median_uv, count(*) as partners
    from others
    group by all
),

spread as (
    select o.reporter_code, o.ref_year, o.hs6, o.flow_code, median(abs(o.uv - m.median_uv)) as mad_uv
    from others as o
    inner join medians as m using (reporter_code, ref_year, hs6, flow_code)
    group by all
),

scored as (
    select
        d.reporter_code,
        d.ref_year,
        d.hs6,
        d.flow_code,
        d.value_usd,
        d.net_weight_kg,
        d.unit_value_usd_per_kg,
        m.median_uv,
        s.mad_uv,
        m.partners,
        case when s.mad_uv > 0 then (d.unit_value_usd_per_kg - m.median_uv) / (1.4826 * s.mad_uv) end as robust_z
    from values as d
    inner join medians as m using (reporter_code, ref_year, hs6, flow_code)
    inner join spread as s using (reporter_code, ref_year, hs6, flow_code)
    where d.partner_code = 408
)

select
    md5(concat_ws('|', reporter_code, ref_year, hs6, flow_code)) as anomaly_id,
    reporter_code,
    ref_year,
    hs6,
    flow_code as reporter_flow_code,
    case when flow_code = 'M' then 'export' else 'import' end as dprk_flow,
    value_usd,
    net_weight_kg,
    unit_value_usd_per_kg,
    median_uv as peer_median_usd_per_kg,
    mad_uv as peer_mad_usd_per_kg,
    partners as peer_partners,
    robust_z,
    coalesce(abs(robust_z) >= {{ var('unit_value_z_threshold') }} and partners >= {{ var('unit_value_min_partners') }}, false) as is_anomaly,
    case when robust_z < 0 then 'priced below peers' when robust_z > 0 then 'priced above peers' end as direction
from scored
