-- The UNSCR 2397 petroleum caps, month by month: refined products 500,000 bbl and crude
-- 4,000,000 bbl per calendar year, counted from each evidence stream separately so analysts
-- see where they disagree: what states notified to the 1718 Committee, and what customs
-- statistics show (HS 2710 refined, 2709 crude, tonnes converted at var('refined_bbl_per_tonne') /
-- var('crude_bbl_per_tonne')), and tanker calls at DPRK ports seen on AIS
-- (var('ais_delivery_bbl_per_call') each). A month a stream says nothing about stays null, not zero.
with notified as (
    select
        date_trunc('month', period_start) as month,
        product,
        'notified_1718' as stream,
        sum(case unit when 't' then quantity * {{ var('refined_bbl_per_tonne') }} else quantity end) as quantity_bbl,
        sum(case unit when 't' then quantity else quantity / {{ var('refined_bbl_per_tonne') }} end) as quantity_tonnes,
        false as from_annual_data
    from {{ ref('un_1718_petroleum_notifications') }}
    where granularity = 'month'
    group by all
),

customs as (
    select
        -- annual reporters' figures count towards the year's total in December
        case when freq_code = 'M' then period_start else make_date(ref_year, 12, 1) end as month,
        case when hs6 like '2710%' then 'refined' else 'crude' end as product,
        'customs_statistics' as stream,
        sum(net_weight_kg / 1000.0 * case when hs6 like '2710%' then {{ var('refined_bbl_per_tonne') }} else {{ var('crude_bbl_per_tonne') }} end) as quantity_bbl,
        sum(net_weight_kg / 1000.0) as quantity_tonnes,
        bool_or(freq_code = 'A') as from_annual_data
    from {{ ref('fct_trade_flows') }}
    where dprk_flow = 'import'
      and (hs6 like '2710%' or hs6 like '2709%')
      and period_start >= date '2018-01-01'
    group by all
),

ais_inferred as (
    select
        month,
        'refined' as product,
        'ais_inferred' as stream,
        sum(estimated_bbl) as quantity_bbl,
        sum(estimated_bbl) / {{ var('refined_bbl_per_tonne') }} as quantity_tonnes,
        false as from_annual_data
    from {{ ref('int_ais_tanker_deliveries') }}
    group by all
),

observations as (
    select * from notified
    union all
    select * from customs
    union all
    select * from ais_inferred
),

bounds as (
    select product, stream, min(month) as first_month, max(month) as last_month
    from observations
    group by all
),

grid as (
    select b.product, b.stream, cast(m.month as date) as month
    from bounds as b,
        lateral (select unnest(generate_series(date_trunc('year', b.first_month), b.last_month, interval 1 month)) as month) as m
),

filled as (
    select
        g.month,
        g.product,
        g.stream,
        o.quantity_bbl,
        o.quantity_tonnes,
        coalesce(o.from_annual_data, false) as from_annual_data,
        case g.product when 'refined' then {{ var('refined_cap_bbl') }} else {{ var('crude_cap_bbl') }} end as cap_bbl
    from grid as g
    left join observations as o using (month, product, stream)
),

running as (
    select
        *,
        sum(coalesce(quantity_bbl, 0)) over (
            partition by product, stream, year(month) order by month
            rows between unbounded preceding and current row
        ) as ytd_bbl,
        sum(coalesce(quantity_bbl, 0)) over (
            partition by product, stream order by month
            rows between 11 preceding and current row
        ) as rolling_12m_bbl,
        count(quantity_bbl) over (
            partition by product, stream, year(month) order by month
            rows between unbounded preceding and current row
        ) as ytd_months_with_data
    from filled
)

select
    md5(concat_ws('|', month, product, stream)) as ledger_id,
    month,
    product,
    stream,
    quantity_bbl,
    quantity_tonnes,
    from_annual_data,
    ytd_bbl,
    rolling_12m_bbl,
    cast(cap_bbl as double) as cap_bbl,
    ytd_bbl / cap_bbl as ytd_share_of_cap,
    rolling_12m_bbl / cap_bbl as rolling_12m_share_of_cap,
    case
        when ytd_months_with_data = 0 then 'no data'
        when ytd_bbl >= cap_bbl then 'breach (100 %)'
        when ytd_bbl >= 0.75 * cap_bbl then 'warning (75 %)'
        when ytd_bbl >= 0.5 * cap_bbl then 'watch (50 %)'
        else 'below 50 %'
    end as alert_level,
    ytd_months_with_data
from running
