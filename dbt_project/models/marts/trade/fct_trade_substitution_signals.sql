-- Substitution: in the year a banned HS heading collapses in a partner's trade with the DPRK,
-- which unbanned headings of the same partner and direction jump? (After the 2017 textile ban,
-- DPRK wigs and eyelashes, HS 6704, rose in China's imports.) A signal needs the banned heading
-- to fall to var('substitution_banned_residual') of the year before, the unbanned one to grow by
-- var('substitution_growth_factor') and by at least var('substitution_min_share_of_drop') of the fall.
with flows_by_code as (
    select
        f.reporter_code,
        f.dprk_flow,
        f.ref_year,
        f.hs6,
        f.primary_value_usd,
        case f.dprk_flow when 'export' then c.export_ban_from else c.import_ban_from end as ban_from
    from {{ ref('fct_trade_flows') }} as f
    inner join {{ ref('dim_commodities') }} as c using (hs6)
),

flows as (
    select *, substr(hs6, 1, 4) as heading from flows_by_code
),

headings as (
    select
        reporter_code,
        dprk_flow,
        ref_year,
        heading,
        sum(primary_value_usd) as value_usd,
        -- banned for the year when a full ban covered any of its codes by the year's start
        bool_or(ban_from is not null and ban_from <= make_date(ref_year, 1, 1)) as banned_all_year,
        bool_or(ban_from is not null and ban_from <= make_date(ref_year, 12, 31)) as banned_during_year
    from flows
    group by all
),

ban_dates as (
    select reporter_code, dprk_flow, heading, min(ban_from) as first_ban
    from (select reporter_code, dprk_flow, substr(hs6, 1, 4) as heading, ban_from from flows_by_code)
    where ban_from is not null
    group by all
),

yoy as (
    select
        h.*,
        coalesce(p.value_usd, 0) as value_year_before
    from headings as h
    left join headings as p
        on p.reporter_code = h.reporter_code and p.dprk_flow = h.dprk_flow
        and p.heading = h.heading and p.ref_year = h.ref_year - 1
),

-- a banned heading that existed the year before can vanish entirely: rebuild its zero year
collapsed as (
    select p.reporter_code, p.dprk_flow, p.ref_year + 1 as ref_year, p.heading,
        coalesce(h.value_usd, 0) as value_usd, p.value_usd as value_year_before
    from headings as p
    left join headings as h
        on h.reporter_code = p.reporter_code and h.dprk_flow = p.dprk_flow
        and h.heading = p.heading and h.ref_year = p.ref_year + 1
    inner join ban_dates as b
        on b.reporter_code = p.reporter_code and b.dprk_flow = p.dprk_flow and b.heading = p.heading
    where p.value_usd > 0
      and b.first_ban <= make_date(p.ref_year + 1, 1, 1)
      and coalesce(h.value_usd, 0) <= {{ var('substitution_banned_residual') }} * p.value_usd
),

risers as (
    select *
    from yoy
    where not banned_during_year
      and value_year_before > 0
      and value_usd >= {{ var('substitution_growth_factor') }} * value_year_before
)

select
    md5(concat_ws('|', c.reporter_code, c.dprk_flow, c.ref_year, c.heading, r.heading)) as signal_id,
    c.reporter_code,
    c.dprk_flow,
    c.ref_year,
    c.heading as banned_heading,
    c.value_year_before as banned_value_year_before,
    c.value_usd as banned_value,
    r.heading as rising_heading,
    r.value_year_before as rising_value_year_before,
    r.value_usd as rising_value,
    (r.value_usd - r.value_year_before) / (c.value_year_before - c.value_usd) as rise_share_of_fall,
    substr(c.heading, 1, 2) = substr(r.heading, 1, 2) as same_chapter
from collapsed as c
inner join risers as r
    on r.reporter_code = c.reporter_code and r.dprk_flow = c.dprk_flow and r.ref_year = c.ref_year
where (r.value_usd - r.value_year_before) >= {{ var('substitution_min_share_of_drop') }} * (c.value_year_before - c.value_usd)
