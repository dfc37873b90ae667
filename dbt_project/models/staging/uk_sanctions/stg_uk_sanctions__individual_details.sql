with source as (
    select * from {{ source('raw_uk_sanctions', 'individual_details') }}
),

renamed as (
    select
        'UK-' || coalesce(cast(ofsi_group_id as varchar), unique_id) as source_record_id,
        unique_id,
        ofsi_group_id,
        dob_text,
        dob as birth_date,
        dob_year as birth_year,
        town_of_birth,
        country_of_birth,
        nationality,
        passport_number,
        national_id,
        position,
        gender,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
