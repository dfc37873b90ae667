-- Each listing's identity as of the latest snapshot that contains it, with the identifiers
-- that can join lists: IMO (OFAC Remarks), UN reference, and a normalised name.
with ofac_latest as (
    select *
    from {{ ref('stg_ofac_sdn__entries') }}
    qualify snapshot_date = max(snapshot_date) over (partition by source_record_id)
),

ofac_imo as (
    select source_record_id, snapshot_date, min(fact_value) as imo
    from {{ ref('stg_ofac_sdn__remark_facts') }}
    where fact_type = 'imo'
    group by all
),

-- shipowners and managers carry an IMO company number: an identifier, but not a ship's
ofac_company_imo as (
    select source_record_id, snapshot_date, min(fact_value) as imo_company_number
    from {{ ref('stg_ofac_sdn__remark_facts') }}
    where fact_type in ('imo', 'imo_company_number')
    group by all
),

ofac_mmsi as (
    select source_record_id, snapshot_date, min(fact_value) as mmsi
    from {{ ref('stg_ofac_sdn__remark_facts') }}
    where fact_type = 'mmsi'
    group by all
),

ofac as (
    select
        'OFAC' as authority,
        e.source_record_id,
        e.party_type,
        e.primary_name,
        {{ normalize_name('e.primary_name') }} as name_key,
        case when e.party_type = 'vessel' then i.imo end as imo,
        case when e.party_type <> 'vessel' then c.imo_company_number end as imo_company_number,
        m.mmsi,
        cast(null as varchar) as un_reference_number,
        e.programs,
        list_has_any(e.programs, ['DPRK', 'DPRK2', 'DPRK3', 'DPRK4', 'DPRK-NKSPEA']) as is_dprk_program,
        e.vessel_flag,
        e.vessel_type,
        e.call_sign,
        e.gross_registered_tonnage,
        e.vessel_owner,
        e.snapshot_date
    from ofac_latest as e
    left join ofac_imo as i using (source_record_id, snapshot_date)
    left join ofac_company_imo as c using (source_record_id, snapshot_date)
    left join ofac_mmsi as m using (source_record_id, snapshot_date)
),

un_latest as (
    select *
    from {{ ref('stg_un_sc__parties') }}
    qualify snapshot_date = max(snapshot_date) over (partition by source_record_id)
),

un as (
    select
        'UN' as authority,
        source_record_id,
        party_type,
        primary_name,
        {{ normalize_name('primary_name') }} as name_key,
        cast(null as varchar) as imo,
        cast(null as varchar) as imo_company_number,
        cast(null as varchar) as mmsi,
        reference_number as un_reference_number,
        [regime_code] as programs,
        regime_code = 'DPRK' as is_dprk_program,
        cast(null as varchar) as vessel_flag,
        cast(null as varchar) as vessel_type,
        cast(null as varchar) as call_sign,
        cast(null as varchar) as gross_registered_tonnage,
        cast(null as varchar) as vessel_owner,
        snapshot_date
    from un_latest
)

select * from ofac
union all
select * from un
