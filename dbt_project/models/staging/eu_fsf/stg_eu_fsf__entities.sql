with source as (
    select * from {{ source('raw_eu_fsf', 'entities') }}
),

renamed as (
    select
        'EU-' || cast(logical_id as varchar) as source_record_id,
        logical_id,
        eu_reference_number,
        nullif(trim(united_nation_id), '') as un_reference_number,
        lower(subject_type) as subject_type,
        designation_date,
        designation_details,
        programme as programme_codes,
        primary_name,
        remark,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
