-- Mirror statistics: the DPRK publishes nothing, so its exports are its partners' imports and its
-- imports are its partners' exports. The latest version of each published figure (earlier ones
-- stay in int_trade_flow_versions); HS6 leaves only, so aggregates are never added to their parts.
with latest as (
    select *
    from {{ ref('int_trade_flow_versions') }}
    where version = version_count
)

select
    reporter_code,
    partner_code,
    freq_code,
    case when freq_code = 'M' then make_date(ref_year, ref_month, 1) else make_date(ref_year, 1, 1) end as period_start,
    ref_year,
    case when freq_code = 'M' then ref_month end as ref_month,
    classification_code as hs_vintage,
    cmd_code as hs6,
    cmd_description,
    flow_code as reporter_flow_code,
    case when flow_code in ('M', 'RM') then 'export' else 'import' end as dprk_flow,
    primary_value_usd,
    -- partners value imports CIF and exports FOB; the other basis is estimated with a
    -- documented margin (var cif_fob_margin) unless the reporter published it
    case
        when flow_code in ('M', 'RM') then coalesce(cif_value_usd, primary_value_usd)
        else coalesce(cif_value_usd, primary_value_usd * (1 + {{ var('cif_fob_margin') }}))
    end as value_cif_usd,
    case
        when flow_code in ('M', 'RM') then coalesce(fob_value_usd, primary_value_usd / (1 + {{ var('cif_fob_margin') }}))
        else coalesce(fob_value_usd, primary_value_usd)
    end as value_fob_usd,
    net_weight_kg,
    qty,
    qty_unit,
    first_snapshot as snapshot_date,
    version,
    source_layout,
    first_file as source_file
from latest
