with source as (
    select * from {{ source('raw_ofac_sdn', 'aliases') }}
),

renamed as (
    select
        'OFAC-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        alt_num as alias_num,
        lower(alt_type) as alias_type,
        alt_name as alias_name,
        alt_remarks as alias_remarks,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
