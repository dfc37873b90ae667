with flows as (
    select * from {{ ref('int_trade_flows_oriented') }}
)

select
    md5(concat_ws('|', reporter_code, partner_code, freq_code, period_start, hs_vintage, hs6, reporter_flow_code)) as trade_flow_id,
    period_start,
    freq_code,
    ref_year,
    ref_month,
    reporter_code,
    partner_code,
    hs6,
    hs_vintage,
    reporter_flow_code,
    dprk_flow,
    primary_value_usd,
    value_cif_usd,
    value_fob_usd,
    net_weight_kg,
    qty,
    qty_unit,
    snapshot_date,
    version,
    version > 1 as is_revised,
    source_layout
from flows
