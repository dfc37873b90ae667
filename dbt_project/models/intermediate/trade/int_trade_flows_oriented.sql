-- Mirror statistics: the DPRK publishes nothing, so its exports are its partners' imports and its
-- imports are its partners' exports. Only the latest landed version of each published figure is
-- kept; HS6 leaves only, so aggregates are never added to their own parts.
with records as (
    select * from {{ ref('stg_comtrade__records') }}
    where partner_code = 408
      and reporter_code <> 408
      and classification_code like 'H%'
      and length(cmd_code) = 6
      and flow_code in ('M', 'X', 'RM', 'RX')
),

latest as (
    select *
    from records
    qualify row_number() over (
        partition by reporter_code, partner_code, coalesce(partner2_code, 0), freq_code, period,
            classification_code, cmd_code, flow_code, coalesce(customs_code, ''), coalesce(transport_mode_code, 0)
        order by snapshot_date desc, source_file desc, source_record desc
    ) = 1
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
    snapshot_date,
    source_layout,
    source_file,
    source_record
from latest
