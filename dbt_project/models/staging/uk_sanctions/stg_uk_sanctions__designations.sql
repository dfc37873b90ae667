with source as (
    select * from {{ source('raw_uk_sanctions', 'designations') }}
),

renamed as (
    select
        -- the OFSI Group ID spans the retired ConList and the FCDO list, so history joins across both
        'UK-' || coalesce(cast(ofsi_group_id as varchar), unique_id) as source_record_id,
        unique_id,
        ofsi_group_id,
        un_reference_number,
        uk_sanctions_list_ref,
        regime,
        lower(designation_type) as designation_type,
        primary_name,
        date_designated,
        last_updated,
        sanctions_imposed,
        other_information,
        statement_of_reasons,
        feed as uk_feed,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
