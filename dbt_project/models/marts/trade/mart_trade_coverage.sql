-- Which reporters have published which months (or years) of their trade with the DPRK, and
-- whether what landed is complete: the HS6 lines must add up to the reporter's TOTAL line within
-- var('coverage_tolerance'). A partial period blocks publishing (tests/assert_no_partially_loaded_period.sql).
select
    md5(concat_ws('|', reporter_code, freq_code, period, flow_code)) as coverage_id,
    c.reporter_code,
    n.name as reporter_name,
    c.freq_code,
    c.period,
    c.ref_year,
    c.flow_code,
    c.total_usd,
    c.hs6_sum_usd,
    c.hs6_lines,
    case when c.total_usd > 0 then c.hs6_sum_usd / c.total_usd end as hs6_share_of_total,
    case
        when c.total_usd is null then 'no_total_line'
        when c.total_usd = 0 and coalesce(c.hs6_sum_usd, 0) = 0 then 'complete'
        when abs(coalesce(c.hs6_sum_usd, 0) - c.total_usd) <= {{ var('coverage_tolerance') }} * c.total_usd then 'complete'
        else 'partial'
    end as status,
    c.latest_snapshot
from {{ ref('int_trade_coverage') }} as c
left join {{ ref('dim_countries') }} as n on n.comtrade_code = c.reporter_code
