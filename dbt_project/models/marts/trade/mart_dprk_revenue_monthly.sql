-- What the DPRK earned, seen through its partners' imports: by month (monthly reporters) or year
-- (annual reporters), partner and sanctions category, with the change on the same period a year
-- earlier. banned = a full UN export ban covered the code for the period (fct_sanctioned_trade);
-- capped = a UN quantity cap applied (coal in 2017 under UNSCR 2321); allowed = neither.
with exports as (
    select
        *,
        case when freq_code = 'M' then last_day(period_start) else make_date(ref_year, 12, 31) end as period_end
    from {{ ref('fct_trade_flows') }}
    where dprk_flow = 'export'
),

banned as (
    select distinct trade_flow_id from {{ ref('fct_sanctioned_trade') }} where dprk_flow = 'export'
),

capped as (
    select distinct e.trade_flow_id
    from exports as e
    inner join {{ ref('un_hs_sanction_rules') }} as r
        on r.direction = 'dprk_export_cap'
        and starts_with(e.hs6, r.hs_prefix)
        and e.period_start >= r.effective_from
        and (r.effective_to is null or e.period_end <= r.effective_to)
),

categorised as (
    select
        e.*,
        case
            when b.trade_flow_id is not null then 'banned'
            when c.trade_flow_id is not null then 'capped'
            else 'allowed'
        end as category
    from exports as e
    left join banned as b using (trade_flow_id)
    left join capped as c using (trade_flow_id)
),

monthly as (
    select
        period_start,
        freq_code,
        reporter_code as partner_code,
        category,
        sum(value_fob_usd) as earnings_fob_usd,
        sum(value_cif_usd) as earnings_cif_usd,
        sum(net_weight_kg) as net_weight_kg,
        count(*) as hs6_lines
    from categorised
    group by all
)

select
    md5(concat_ws('|', m.period_start, m.freq_code, m.partner_code, m.category)) as revenue_id,
    m.period_start,
    m.freq_code,
    m.partner_code,
    c.name as partner_name,
    m.category,
    m.earnings_fob_usd,
    m.earnings_cif_usd,
    m.net_weight_kg,
    m.hs6_lines,
    prior.earnings_fob_usd as earnings_fob_usd_year_before,
    case
        when prior.earnings_fob_usd > 0 then m.earnings_fob_usd / prior.earnings_fob_usd - 1
    end as yoy_change
from monthly as m
left join monthly as prior
    on prior.partner_code = m.partner_code
    and prior.category = m.category
    and prior.freq_code = m.freq_code
    and prior.period_start = m.period_start - interval 1 year
left join {{ ref('dim_countries') }} as c on c.comtrade_code = m.partner_code
