with source as (
    select * from {{ source('raw_comtrade', 'records') }}
),

renamed as (
    select
        typeCode as type_code,
        freqCode as freq_code,
        refPeriodId as ref_period_id,
        refYear as ref_year,
        refMonth as ref_month,
        period,
        reporterCode as reporter_code,
        reporterISO as reporter_iso3,
        reporterDesc as reporter_name,
        flowCode as flow_code,
        flowDesc as flow_name,
        partnerCode as partner_code,
        partnerISO as partner_iso3,
        partnerDesc as partner_name,
        partner2Code as partner2_code,
        classificationCode as classification_code,
        cmdCode as cmd_code,
        cmdDesc as cmd_description,
        aggrLevel as aggregation_level,
        isLeaf as is_leaf,
        customsCode as customs_code,
        motCode as transport_mode_code,
        qtyUnitCode as qty_unit_code,
        qtyUnitAbbr as qty_unit,
        qty,
        netWgt as net_weight_kg,
        grossWgt as gross_weight_kg,
        cifvalue as cif_value_usd,
        fobvalue as fob_value_usd,
        primaryValue as primary_value_usd,
        isAggregate as is_aggregate,
        source_layout,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
