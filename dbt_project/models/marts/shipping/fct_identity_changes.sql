-- How vessels change identity, from what they broadcast and what the lists say:
--   rename / reflag / mmsi_change: an IMO number seen under a new name, a new MMSI country (the
--     MMSI's Maritime Identification Digits) or a new MMSI, dated between the last report with
--     the old value and the first with the new one;
--   imo_mmsi_conflict: one MMSI broadcasting two valid IMO numbers, or one IMO broadcast by two
--     MMSIs at overlapping times;
--   flag_mismatch: a list gives the ship a flag that its MMSI's country contradicts.
with statics as (
    -- static reports carry their first and last report time per day and value
    select imo, mmsi, first_at, last_at, vessel_name, mmsi_flag_iso3
    from {{ ref('int_ais_static_reports') }}
    where imo_is_valid
),

spans as (
    -- each run of one value of an attribute for an IMO, in time order
    select imo, attribute, value, min(first_at) as first_at, max(last_at) as last_at
    from (
        select imo, first_at, last_at, 'name' as attribute, vessel_name as value from statics where vessel_name is not null
        union all
        select imo, first_at, last_at, 'flag', mmsi_flag_iso3 from statics where mmsi_flag_iso3 is not null
        union all
        select imo, first_at, last_at, 'mmsi', cast(mmsi as varchar) from statics
    )
    group by all
),

ordered as (
    select
        *,
        lag(value) over (partition by imo, attribute order by first_at) as previous_value,
        lag(last_at) over (partition by imo, attribute order by first_at) as previous_last_at
    from spans
),

transitions as (
    select
        imo,
        case attribute when 'name' then 'rename' when 'flag' then 'reflag' else 'mmsi_change' end as change_type,
        previous_value as value_before,
        value as value_after,
        previous_last_at as observed_before_at,
        first_at as observed_after_at,
        'AIS' as evidence_source,
        'IMO ' || imo || ' broadcast ' || attribute || ' ' || previous_value || ' until '
            || strftime(previous_last_at, '%Y-%m-%d %H:%M') || 'Z, then ' || value || ' from '
            || strftime(first_at, '%Y-%m-%d %H:%M') || 'Z' as evidence
    from ordered
    where previous_value is not null and previous_value <> value
),

mmsi_with_two_imos as (
    select
        min(imo) as imo,
        'imo_mmsi_conflict' as change_type,
        min(imo) as value_before,
        max(imo) as value_after,
        min(first_at) as observed_before_at,
        max(last_at) as observed_after_at,
        'AIS' as evidence_source,
        'MMSI ' || mmsi || ' broadcast IMO numbers ' || string_agg(distinct imo, ', ') as evidence
    from statics
    group by mmsi
    having count(distinct imo) > 1
),

mmsi_spans as (
    select imo, mmsi, min(first_at) as first_at, max(last_at) as last_at
    from statics
    group by all
),

imo_on_two_mmsis_at_once as (
    -- two MMSIs whose broadcasts of one IMO overlap in time: a clone, not a switch
    select
        a.imo,
        'imo_mmsi_conflict' as change_type,
        cast(a.mmsi as varchar) as value_before,
        cast(b.mmsi as varchar) as value_after,
        greatest(a.first_at, b.first_at) as observed_before_at,
        least(a.last_at, b.last_at) as observed_after_at,
        'AIS' as evidence_source,
        'IMO ' || a.imo || ' broadcast at the same time by MMSI ' || a.mmsi || ' and MMSI ' || b.mmsi
            || ' (' || strftime(greatest(a.first_at, b.first_at), '%Y-%m-%d %H:%M') || 'Z to '
            || strftime(least(a.last_at, b.last_at), '%Y-%m-%d %H:%M') || 'Z)' as evidence
    from mmsi_spans as a
    inner join mmsi_spans as b
        on b.imo = a.imo and b.mmsi > a.mmsi
        and a.first_at < b.last_at and b.first_at < a.last_at
),

listed_flags as (
    select
        v.imo,
        v.listed_flag,
        coalesce(a.iso3, c.iso3) as listed_flag_iso3
    from {{ ref('dim_vessels') }} as v
    left join {{ ref('country_name_aliases') }} as a on lower(a.alias) = lower(v.listed_flag)
    left join {{ ref('countries') }} as c on lower(c.name) = lower(v.listed_flag) or lower(c.official_name) = lower(v.listed_flag)
    where v.listed_flag is not null and v.imo is not null
),

broadcast_flags as (
    select imo, mmsi_flag_iso3, min(first_at) as first_at, max(last_at) as last_at
    from statics
    where mmsi_flag_iso3 is not null
    group by all
),

flag_mismatches as (
    select
        l.imo,
        'flag_mismatch' as change_type,
        l.listed_flag_iso3 as value_before,
        b.mmsi_flag_iso3 as value_after,
        b.first_at as observed_before_at,
        b.last_at as observed_after_at,
        'list vs AIS' as evidence_source,
        'listed flag ' || l.listed_flag || ' (' || l.listed_flag_iso3 || '), but the MMSI it broadcasts belongs to '
            || b.mmsi_flag_iso3 as evidence
    from listed_flags as l
    inner join broadcast_flags as b using (imo)
    where l.listed_flag_iso3 is not null and l.listed_flag_iso3 <> b.mmsi_flag_iso3
),

changes as (
    select * from transitions
    union all select * from mmsi_with_two_imos
    union all select * from imo_on_two_mmsis_at_once
    union all select * from flag_mismatches
)

select
    md5(concat_ws('|', imo, change_type, value_before, value_after, observed_after_at)) as identity_change_id,
    c.imo,
    v.vessel_id,
    c.change_type,
    c.value_before,
    c.value_after,
    c.observed_before_at,
    c.observed_after_at,
    c.evidence_source,
    c.evidence
from changes as c
left join {{ ref('dim_vessels') }} as v using (imo)
