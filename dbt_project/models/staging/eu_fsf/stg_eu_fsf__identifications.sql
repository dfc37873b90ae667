with source as (
    select * from {{ source('raw_eu_fsf', 'identifications') }}
),

renamed as (
    select
        'EU-' || cast(logical_id as varchar) as source_record_id,
        logical_id,
        lower(identification_type_code) as identification_type,
        identification_type_description,
        number as identification_number,
        nullif(country_iso2, '00') as country_iso2,
        issued_by,
        latin_number,
        remark as identification_remark,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
