with source as (
    select * from {{ source('raw_eu_fsf', 'regulations') }}
),

renamed as (
    select
        'EU-' || cast(logical_id as varchar) as source_record_id,
        logical_id,
        regulation_type,
        organisation_type,
        publication_date,
        entry_into_force_date,
        number_title,
        programme as programme_code,
        publication_url,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
