with source as (
    select * from {{ source('raw_uk_sanctions', 'ships') }}
),

renamed as (
    select
        'UK-' || coalesce(cast(ofsi_group_id as varchar), unique_id) as source_record_id,
        unique_id,
        ofsi_group_id,
        imo_number as imo,
        current_owner_operator,
        previous_owner_operator,
        current_flag,
        previous_flags,
        type_of_ship as vessel_type,
        tonnage,
        length as length_m,
        year_built,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
