-- Flows in HS codes the UN Security Council had banned when the flow happened. For each flow the
-- rule with the longest matching HS prefix wins among the bans of its direction in force for the
-- whole period (a month or year that straddles the ban date is not flagged: statistics cannot
-- split it). Bans with livelihood exemptions (UNSCR 2270) are left out unless
-- var('include_partial_bans') is set, since their legality turns on facts statistics do not show.
with flows as (
    select
        *,
        case when freq_code = 'M' then last_day(period_start) else make_date(ref_year, 12, 31) end as period_end
    from {{ ref('fct_trade_flows') }}
    where coalesce(primary_value_usd, 0) >= {{ var('sanctioned_trade_min_value_usd') }}
      and coalesce(net_weight_kg, 0) >= {{ var('sanctioned_trade_min_weight_kg') }}
),

rules as (
    select *
    from {{ ref('un_hs_sanction_rules') }}
    where direction in ('dprk_export_ban', 'dprk_import_ban')
      {% if not var('include_partial_bans') %}and scope = 'full'{% endif %}
),

candidates as (
    select
        f.*,
        r.rule_id,
        r.resolution,
        r.paragraph,
        r.measure,
        r.hs_prefix,
        r.direction,
        r.scope,
        r.effective_from,
        r.transition_until,
        r.hs_in_text,
        r.exemptions,
        row_number() over (
            partition by f.trade_flow_id
            order by length(r.hs_prefix) desc, r.effective_from desc, r.rule_id
        ) as preference
    from flows as f
    inner join rules as r
        on starts_with(f.hs6, r.hs_prefix)
        and r.direction = case f.dprk_flow when 'export' then 'dprk_export_ban' else 'dprk_import_ban' end
        and f.period_start >= r.effective_from
        and (r.effective_to is null or f.period_end <= r.effective_to)
)

select
    md5(trade_flow_id || '|' || rule_id) as sanctioned_flow_id,
    trade_flow_id,
    period_start,
    freq_code,
    reporter_code,
    partner_code,
    hs6,
    dprk_flow,
    reporter_flow_code,
    primary_value_usd,
    value_fob_usd,
    net_weight_kg,
    rule_id,
    'UNSCR ' || resolution as resolution,
    paragraph,
    measure,
    hs_prefix,
    scope as ban_scope,
    effective_from as ban_effective_from,
    coalesce(period_start <= transition_until, false) as in_transition_window,
    hs_in_text,
    exemptions
from candidates
where preference = 1
