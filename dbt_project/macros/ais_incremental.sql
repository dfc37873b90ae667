{#- The days of AIS positions an incremental run must (re)build: every day that has a position in
    a snapshot loaded since the model last ran. Rebuilding whole days (delete+insert on
    position_date) keeps late reports from another day's file and reloads idempotent. -#}
{% macro ais_days_to_build() %}
    {% if is_incremental() %}
    select distinct cast(position_at as date) as position_date
    from {{ ref('stg_ais__positions') }}
    where snapshot_date in (
        select snapshot_date from {{ ref('stg_ais__snapshot_loads') }}
        where loaded_at > (select coalesce(max(batch_loaded_at), timestamptz '1900-01-01') from {{ this }})
    )
    {% else %}
    select distinct cast(position_at as date) as position_date from {{ ref('stg_ais__positions') }}
    {% endif %}
{% endmacro %}

{#- Why a report cannot be used, or null when it can: shared by the cleaned and rejected models. -#}
{% macro ais_rejection_reason() %}
    case
        when latitude = 91 or longitude = 181 then 'position not available (91/181)'
        when latitude not between -90 and 90 or longitude not between -180 and 180 then 'impossible position'
        when position_at < timestamptz '2000-01-01' or cast(position_at as date) > snapshot_date + 2 then 'impossible time'
        when speed_knots > 102.3 or speed_knots < 0 then 'impossible speed'
        -- 9-digit MMSIs starting 2-7 are ship stations; others are base stations, aids to navigation, SAR aircraft
        when mmsi not between 200000000 and 799999999 then 'not a ship station MMSI'
    end
{% endmacro %}
