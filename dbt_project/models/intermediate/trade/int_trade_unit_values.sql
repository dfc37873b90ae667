-- Annual unit values (USD per kg) of each reporter's trade per HS6 and partner, from the latest
-- version of every figure: the DPRK's flows and the same reporter's flows with everyone else.
with latest as (
    select *
    from {{ ref('stg_comtrade__records') }}
    where classification_code like 'H%'
      and length(cmd_code) = 6
      and flow_code in ('M', 'X')
      and partner_code not in (0)
    qualify row_number() over (
        partition by reporter_code, partner_code, coalesce(partner2_code, 0), freq_code, period, cmd_code, flow_code,
            coalesce(customs_code, ''), coalesce(transport_mode_code, 0)
        order by snapshot_date desc, source_file desc, source_record desc
    ) = 1
)

select
    reporter_code,
    ref_year,
    cmd_code as hs6,
    flow_code,
    partner_code,
    sum(primary_value_usd) as value_usd,
    sum(net_weight_kg) as net_weight_kg,
    sum(primary_value_usd) / nullif(sum(net_weight_kg), 0) as unit_value_usd_per_kg
from latest
group by all
having sum(net_weight_kg) > 0
