-- HS6 codes with the UN Security Council measures that cover them: the longest HS prefix in
-- the rulebook wins for each direction (a heading rule beats a chapter rule).
with codes as (
    select hs6, arg_max(cmd_description, snapshot_date) as description, max(hs_vintage) as latest_hs_vintage
    from {{ ref('int_trade_flows_oriented') }}
    group by hs6
),

rules as (
    select * from {{ ref('un_hs_sanction_rules') }}
),

matches as (
    select
        c.hs6,
        r.*,
        rank() over (partition by c.hs6, r.direction order by length(r.hs_prefix) desc) as prefix_rank
    from codes as c
    inner join rules as r on starts_with(c.hs6, r.hs_prefix)
),

best as (
    select
        hs6,
        list(rule_id order by effective_from) filter (where direction = 'dprk_export_ban') as export_ban_rules,
        min(effective_from) filter (where direction = 'dprk_export_ban' and scope = 'full') as export_ban_from,
        list(rule_id order by effective_from) filter (where direction = 'dprk_import_ban') as import_ban_rules,
        min(effective_from) filter (where direction = 'dprk_import_ban' and scope = 'full') as import_ban_from,
        list(rule_id order by effective_from) filter (where direction in ('dprk_import_cap', 'dprk_export_cap')) as cap_rules
    from matches
    where prefix_rank = 1
    group by hs6
)

select
    c.hs6,
    c.description,
    substr(c.hs6, 1, 2) as hs_chapter,
    substr(c.hs6, 1, 4) as hs_heading,
    c.latest_hs_vintage,
    coalesce(b.export_ban_rules, []::varchar[]) as export_ban_rules,
    b.export_ban_from,
    coalesce(b.import_ban_rules, []::varchar[]) as import_ban_rules,
    b.import_ban_from,
    coalesce(b.cap_rules, []::varchar[]) as cap_rules
from codes as c
left join best as b using (hs6)
