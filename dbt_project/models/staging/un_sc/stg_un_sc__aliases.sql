with source as (
    select * from {{ source('raw_un_sc', 'aliases') }}
),

renamed as (
    select
        dataid,
        quality as alias_quality,
        alias_name,
        date_of_birth,
        city_of_birth,
        country_of_birth,
        note as alias_note,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
