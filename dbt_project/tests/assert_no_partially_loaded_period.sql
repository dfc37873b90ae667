-- A month whose HS6 lines do not add up to the reporter's own TOTAL was only partly loaded (a
-- download cut short, a page missing): publishing it would understate trade for that month and
-- every total built on it. Blocks publishing until the period is re-fetched or its tolerance
-- (var coverage_tolerance) is widened on purpose.
select reporter_code, freq_code, period, flow_code, total_usd, hs6_sum_usd, hs6_share_of_total
from {{ ref('mart_trade_coverage') }}
where status = 'partial'
