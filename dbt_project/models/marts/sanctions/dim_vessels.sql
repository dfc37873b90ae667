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
        arg_max(vessel_name, last_at) filter (where vessel_name is not null) as ais_name,
        arg_max(imo, last_at) filter (where imo_is_valid) as imo,
        arg_max(call_sign, last_at) filter (where call_sign is not null) as ais_call_sign,
        arg_max(vessel_type, last_at) filter (where vessel_type is not null) as ais_vessel_type,
        min(mmsi_flag_iso3) as mmsi_flag_iso3,
        min(first_at) as first_seen_ais,
        max(last_at) as last_seen_ais
    from {{ ref('int_ais_static_reports') }}
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
),

history as (
    -- a name is former when a source lists it as such, or when no source states it any more
    select
        imo,
        list_sort(list(distinct value) filter (
            where attribute = 'name' and (status = 'former' or value_last < attribute_last)
        )) as former_names,
        list_sort(list(distinct value) filter (where attribute = 'flag')) as flags_stated,
        list_sort(list(distinct value) filter (where attribute = 'owner')) as owners_stated
    from (
        select
            o.*,
            max(o.observed_on) over (partition by o.imo, o.source, o.attribute, o.value) as value_last,
            max(o.observed_on) over (partition by o.imo, o.source, o.attribute) as attribute_last
        from {{ ref('int_vessel_attributes_observed') }} as o
    )
    group by imo
),

select
    j.vessel_id,
    j.imo,
    {{ imo_is_valid('j.imo') }} as imo_is_valid,
    j.vessel_name,
    j.listed_name,
    j.ais_name,
    coalesce(h.former_names, []::varchar[]) as former_names,
    j.listed_flag,
    j.mmsi_flag_iso3,
    coalesce(h.flags_stated, []::varchar[]) as flags_stated,
    j.mmsis,
    j.call_sign,
    j.vessel_type,
    j.gross_registered_tonnage,
    j.owner,
    coalesce(h.owners_stated, []::varchar[]) as owners_stated,
    j.entity_id,
    j.is_designated,
    j.designating_authorities,
    j.first_seen_ais,
    j.last_seen_ais
from joined as j
left join history as h using (imo)
