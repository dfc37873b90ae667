-- Sentinels ("position not available") and non-ship stations are normal in AIS. Impossible
-- positions, times or speeds above 1 % of a day's reports mean a feed is broken or mis-mapped,
-- and analytics on that day would mislead: block publishing.
with per_day as (
    select position_date, count(*) as impossible
    from {{ ref('int_ais_positions_rejected') }}
    where reason like 'impossible%'
    group by position_date
),

totals as (
    select position_date, count(*) as kept
    from {{ ref('int_ais_positions_cleaned') }}
    group by position_date
)

select p.position_date, p.impossible, t.kept
from per_day as p
left join totals as t using (position_date)
where p.impossible > 0.01 * (p.impossible + coalesce(t.kept, 0))
