with source as (
    select * from {{ source('raw_comtrade', 'releases') }}
),

renamed as (
    select
        reporterCode as reporter_code,
        period,
        freqCode as freq_code,
        classificationCode as classification_code,
        totalRecords as total_records,
        firstReleased as first_released_at,
        lastReleased as last_released_at,
        datasetChecksum as dataset_checksum,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
