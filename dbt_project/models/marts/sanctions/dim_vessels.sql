-- Vessels keyed by IMO wherever one is known: designated vessels from the lists joined to what
-- the ships themselves broadcast on AIS. Vessels seen only on AIS without a valid IMO are keyed
-- by MMSI so they still appear.
with listed as (
    select
        entity_id,
        min(imo) as imo,
        arg_min(primary_name, authority) as listed_name,
        min(vessel_flag) as listed_flag,
        min(vessel_type) as listed_vessel_type,
        min(call_sign) as listed_call_sign,
        min(gross_registered_tonnage) as gross_registered_tonnage,
        min(vessel_owner) as listed_owner,
        min(mmsi) as listed_mmsi,
        list_sort(list(distinct authority)) as designating_authorities
    from {{ ref('int_entities_resolved') }}
    where party_type = 'vessel'
    group by entity_id
),

ais as (
    select
        mmsi,
        arg_max(vessel_name, position_at) filter (where vessel_name is not null) as ais_name,
        arg_max(imo, position_at) filter (where imo_is_valid) as imo,
        arg_max(call_sign, position_at) filter (where call_sign is not null) as ais_call_sign,
        arg_max(vessel_type, position_at) filter (where vessel_type is not null) as ais_vessel_type,
        min(mmsi_flag_iso3) as mmsi_flag_iso3,
        min(position_at) as first_seen_ais,
        max(position_at) as last_seen_ais
    from {{ ref('int_ais_positions_cleaned') }}
    group by mmsi
),

ais_by_key as (
    select
        coalesce('imo:' || imo, 'mmsi:' || cast(mmsi as varchar)) as vessel_key,
        imo,
        arg_max(ais_name, last_seen_ais) as ais_name,
        arg_max(ais_call_sign, last_seen_ais) as ais_call_sign,
        arg_max(ais_vessel_type, last_seen_ais) as ais_vessel_type,
        arg_max(mmsi_flag_iso3, last_seen_ais) as mmsi_flag_iso3,
        list_sort(list(cast(mmsi as varchar))) as mmsis,
        min(first_seen_ais) as first_seen_ais,
        max(last_seen_ais) as last_seen_ais
    from ais
    group by all
),

joined as (
    select
        coalesce(l.entity_id, md5(a.vessel_key)) as vessel_id,
        coalesce(l.imo, a.imo) as imo,
        coalesce(l.listed_name, a.ais_name) as vessel_name,
        l.listed_name,
        a.ais_name,
        l.listed_flag,
        a.mmsi_flag_iso3,
        coalesce(a.mmsis, case when l.listed_mmsi is not null then [l.listed_mmsi] end) as mmsis,
        coalesce(l.listed_call_sign, a.ais_call_sign) as call_sign,
        coalesce(l.listed_vessel_type, a.ais_vessel_type) as vessel_type,
        l.gross_registered_tonnage,
        l.listed_owner as owner,
        l.entity_id,
        l.entity_id is not null as is_designated,
        coalesce(l.designating_authorities, []::varchar[]) as designating_authorities,
        a.first_seen_ais,
        a.last_seen_ais
    from listed as l
    full outer join ais_by_key as a
        on a.imo = l.imo
)

select
    vessel_id,
    imo,
    {{ imo_is_valid('imo') }} as imo_is_valid,
    vessel_name,
    listed_name,
    ais_name,
    listed_flag,
    mmsi_flag_iso3,
    mmsis,
    call_sign,
    vessel_type,
    gross_registered_tonnage,
    owner,
    entity_id,
    is_designated,
    designating_authorities,
    first_seen_ais,
    last_seen_ais
from joined
