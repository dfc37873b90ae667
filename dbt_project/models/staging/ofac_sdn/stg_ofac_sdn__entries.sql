with source as (
    select * from {{ source('raw_ofac_sdn', 'sdn_entries') }}
),

renamed as (
    select
        'OFAC-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        sdn_name as primary_name,
        -- OFAC leaves the type of entities empty (the -0- null marker)
        coalesce(lower(sdn_type), 'entity') as party_type,
        programs,
        program_raw,
        title,
        call_sign,
        vess_type as vessel_type,
        tonnage,
        grt as gross_registered_tonnage,
        vess_flag as vessel_flag,
        vess_owner as vessel_owner,
        remarks,
        remarks_truncated,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
