with source as (
    select * from {{ source('raw_ofac_sdn', 'remark_facts') }}
),

renamed as (
    select
        'OFAC-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        fact as fact_type,
        value as fact_value,
        qualifier as fact_qualifier,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
