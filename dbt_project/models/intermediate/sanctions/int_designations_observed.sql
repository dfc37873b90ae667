-- One row per authority x listing x program x list snapshot: what each snapshot said.
with ofac as (
    select
        'OFAC' as authority,
        source_record_id,
        party_type,
        primary_name,
        unnest(programs) as program,
        snapshot_date,
        cast(null as date) as issuer_listed_on
    from {{ ref('stg_ofac_sdn__entries') }}
),

un as (
    select
        'UN' as authority,
        source_record_id,
        party_type,
        primary_name,
        regime_code as program,
        snapshot_date,
        listed_on as issuer_listed_on
    from {{ ref('stg_un_sc__parties') }}
)

select * from ofac
union all
select * from un
