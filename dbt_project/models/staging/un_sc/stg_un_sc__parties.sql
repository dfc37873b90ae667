with source as (
    select * from {{ source('raw_un_sc', 'parties') }}
),

renamed as (
    select
        'UN-' || reference_number as source_record_id,
        dataid,
        versionnum as version_num,
        party_type,
        un_list_type as regime_code,
        reference_number,
        first_name,
        second_name,
        third_name,
        fourth_name,
        full_name as primary_name,
        name_original_script,
        listed_on,
        comments,
        nationality as nationalities,
        designation as designations,
        title as titles,
        gender,
        submitted_by,
        last_day_updated as updated_on,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
