with source as (
    select * from {{ source('raw_ais', 'positions') }}
),

renamed as (
    select
        mmsi,
        ts as position_at,
        lat as latitude,
        lon as longitude,
        sog as speed_knots,
        cog as course_deg,
        heading as heading_deg,
        nav_status,
        vessel_name,
        imo as imo_raw,
        call_sign,
        vessel_type,
        length as length_m,
        width as width_m,
        draft as draft_m,
        cargo,
        transceiver_class,
        destination,
        source_format,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
