with source as (
    select * from {{ source('raw_meta', 'loads') }}
),

renamed as (
    select
        as_of as snapshot_date,
        loaded_at,
        rows_loaded,
        rows_quarantined
    from source
    where source = 'ais'
)

select * from renamed
