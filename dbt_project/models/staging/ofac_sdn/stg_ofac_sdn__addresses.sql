with source as (
    select * from {{ source('raw_ofac_sdn', 'addresses') }}
),

renamed as (
    select
        'OFAC-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        add_num as address_num,
        address,
        city_state_zip,
        country,
        add_remarks as address_remarks,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
