with source as (
    select * from {{ source('raw_un_sc', 'dates_of_birth') }}
),

renamed as (
    select
        dataid,
        type_of_date as date_kind,
        date as birth_date,
        year as birth_year,
        from_year as birth_year_from,
        to_year as birth_year_to,
        note as birth_note,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
