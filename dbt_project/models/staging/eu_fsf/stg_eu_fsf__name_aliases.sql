with source as (
    select * from {{ source('raw_eu_fsf', 'name_aliases') }}
),

renamed as (
    select
        'EU-' || cast(logical_id as varchar) as source_record_id,
        logical_id,
        whole_name,
        first_name,
        middle_name,
        last_name,
        name_language,
        function as role_title,
        gender,
        title,
        is_strong,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
