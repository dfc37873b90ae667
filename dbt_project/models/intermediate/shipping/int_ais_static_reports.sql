{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key='position_date',
    on_schema_change='sync_all_columns'
) }}
-- What each transmitter said about itself (name, IMO, call sign, type, size), once per day and
-- value, with the first and last report that said it: static data repeats in every report, so
-- keeping it here keeps the position tables narrow. Built incrementally by day.
with days as (
    {{ ais_days_to_build() }}
),

statics as (
    select
        mmsi,
        cast(position_at as date) as position_date,
        nullif(trim(vessel_name), '') as vessel_name,
        -- NOAA writes IMO9221322 and IMO0000000 for none
        nullif(case when starts_with(upper(imo_raw), 'IMO') then substr(imo_raw, 4) else imo_raw end, '0000000') as imo,
        nullif(trim(call_sign), '') as call_sign,
        vessel_type,
        length_m,
        width_m,
        draft_m,
        transceiver_class,
        min(position_at) as first_at,
        max(position_at) as last_at,
        count(*) as reports
    from {{ ref('stg_ais__positions') }}
    where cast(position_at as date) in (select position_date from days)
      and {{ ais_rejection_reason() }} is null
    group by all
),

imo_checks as (
    select imo, {{ imo_is_valid('imo') }} as imo_is_valid
    from (select distinct imo from statics where imo is not null)
)

select
    s.*,
    coalesce(i.imo_is_valid, false) as imo_is_valid,
    f.flag_iso3 as mmsi_flag_iso3,
    (select max(loaded_at) from {{ ref('stg_ais__snapshot_loads') }}) as batch_loaded_at
from statics as s
left join imo_checks as i using (imo)
left join {{ ref('mmsi_mid_flags') }} as f on f.mid = s.mmsi // 1000000
