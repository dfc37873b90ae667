-- Every version of every figure, so a revision never erases what was published before.
select
    md5(natural_key || '|' || cast(version as varchar)) as trade_flow_version_id,
    natural_key,
    version,
    version = version_count as is_latest,
    reporter_code,
    partner_code,
    freq_code,
    period,
    classification_code as hs_vintage,
    cmd_code as hs6,
    flow_code as reporter_flow_code,
    primary_value_usd,
    net_weight_kg,
    qty,
    first_snapshot,
    last_snapshot,
    released_at,
    first_file
from {{ ref('int_trade_flow_versions') }}
