with source as (
    select * from {{ source('raw_uk_sanctions', 'names') }}
),

renamed as (
    select
        'UK-' || coalesce(cast(ofsi_group_id as varchar), unique_id) as source_record_id,
        unique_id,
        ofsi_group_id,
        name_type,
        full_name,
        title,
        non_latin_script_type,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
