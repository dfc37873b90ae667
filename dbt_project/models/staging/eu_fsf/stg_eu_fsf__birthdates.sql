with source as (
    select * from {{ source('raw_eu_fsf', 'birthdates') }}
),

renamed as (
    select
        'EU-' || cast(logical_id as varchar) as source_record_id,
        logical_id,
        birthdate as birth_date,
        year as birth_year,
        month as birth_month,
        day as birth_day,
        circa as is_circa,
        year_range_from as birth_year_from,
        year_range_to as birth_year_to,
        city as birth_city,
        nullif(country_iso2, '00') as birth_country_iso2,
        place as birth_place,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
