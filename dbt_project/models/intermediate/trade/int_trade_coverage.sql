-- Which reporter published which period of its trade with the DPRK, and whether the HS6 lines
-- that landed add up to the reporter's own TOTAL line.
with latest as (
    select *
    from {{ ref('stg_comtrade__records') }}
    where partner_code = 408
      and classification_code like 'H%'
      and flow_code in ('M', 'X', 'RM', 'RX')
      and (cmd_code = 'TOTAL' or length(cmd_code) = 6)
    qualify row_number() over (
        partition by reporter_code, freq_code, period, flow_code, cmd_code,
            coalesce(customs_code, ''), coalesce(transport_mode_code, 0), coalesce(partner2_code, 0)
        order by snapshot_date desc, source_file desc, source_record desc
    ) = 1
)

select
    reporter_code,
    freq_code,
    period,
    min(ref_year) as ref_year,
    flow_code,
    max(primary_value_usd) filter (where cmd_code = 'TOTAL') as total_usd,
    sum(primary_value_usd) filter (where cmd_code <> 'TOTAL') as hs6_sum_usd,
    count(*) filter (where cmd_code <> 'TOTAL') as hs6_lines,
    max(snapshot_date) as latest_snapshot
from latest
group by all
