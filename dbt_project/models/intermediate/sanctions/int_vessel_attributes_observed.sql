-- What each source says about a vessel (keyed by IMO number), and when it said it: the lists in
-- each snapshot (name, former names, flag, previous flags, MMSI, call sign, type, tonnage, owner)
-- and AIS each day the ship broadcast (name, MMSI, call sign, flag implied by the MMSI, type).
with ofac_entries as (
    select *, 'ofac_sdn' as feed from {{ ref('stg_ofac_sdn__entries') }}
    union all
    select *, 'ofac_cons' as feed from {{ ref('stg_ofac_cons__entries') }}
),

ofac_facts as (
    select * from {{ ref('stg_ofac_sdn__remark_facts') }}
    union all
    select * from {{ ref('stg_ofac_cons__remark_facts') }}
),

ofac_vessels as (
    select e.*, f.fact_value as imo
    from ofac_entries as e
    inner join ofac_facts as f
        on f.source_record_id = e.source_record_id and f.snapshot_date = e.snapshot_date and f.fact_type = 'imo'
    where e.party_type = 'vessel'
),

ofac as (
    select imo, 'OFAC' as source, feed, attribute, value, status, snapshot_date as observed_on
    from ofac_vessels
    cross join lateral (
        values
            ('name', primary_name, 'current'),
            ('flag', vessel_flag, 'current'),
            ('call_sign', call_sign, 'current'),
            ('vessel_type', vessel_type, 'current'),
            ('tonnage', coalesce(gross_registered_tonnage, tonnage), 'current'),
            ('owner', vessel_owner, 'current')
    ) as a(attribute, value, status)
    where value is not null

    union all

    select v.imo, 'OFAC', v.feed,
        case f.fact_type
            when 'former_name' then 'name'
            when 'former_vessel_flag' then 'flag'
            when 'mmsi' then 'mmsi'
            when 'vessel_year_of_build' then 'year_built'
        end,
        f.fact_value,
        case when f.fact_type like 'former%' then 'former' else 'current' end,
        v.snapshot_date
    from ofac_vessels as v
    inner join ofac_facts as f
        on f.source_record_id = v.source_record_id and f.snapshot_date = v.snapshot_date
    where f.fact_type in ('former_name', 'former_vessel_flag', 'mmsi', 'vessel_year_of_build')
),

uk_ships as (
    select s.*, d.primary_name
    from {{ ref('stg_uk_sanctions__ships') }} as s
    left join {{ ref('stg_uk_sanctions__designations') }} as d using (source_record_id, snapshot_date, source_file)
    where s.imo is not null
),

uk as (
    select imo, 'UK' as source, 'uk_sanctions' as feed, attribute, value, status, snapshot_date as observed_on
    from uk_ships
    cross join lateral (
        values
            ('name', primary_name, 'current'),
            ('flag', current_flag, 'current'),
            ('vessel_type', vessel_type, 'current'),
            ('tonnage', tonnage, 'current'),
            ('owner', current_owner_operator, 'current'),
            ('owner', previous_owner_operator, 'former'),
            ('year_built', year_built, 'current')
    ) as a(attribute, value, status)
    where value is not null

    union all

    select imo, 'UK', 'uk_sanctions', 'flag', unnest(previous_flags), 'former', snapshot_date
    from uk_ships
),

eu as (
    select
        l.imo, 'EU' as source, 'eu_fsf' as feed, 'name' as attribute, o.primary_name as value,
        'current' as status, o.snapshot_date as observed_on
    from {{ ref('int_listings_observed') }} as o
    inner join {{ ref('int_listings_latest') }} as l using (feed, source_record_id)
    where o.feed = 'eu_fsf' and l.party_type = 'vessel' and l.imo is not null
),

ais_daily as (
    select
        imo,
        position_date,
        arg_max(vessel_name, last_at) filter (where vessel_name is not null) as name,
        arg_max(cast(mmsi as varchar), last_at) as mmsi,
        arg_max(call_sign, last_at) filter (where call_sign is not null) as call_sign,
        arg_max(mmsi_flag_iso3, last_at) filter (where mmsi_flag_iso3 is not null) as flag,
        arg_max(vessel_type, last_at) filter (where vessel_type is not null) as vessel_type
    from {{ ref('int_ais_static_reports') }}
    where imo_is_valid
    group by all
),

ais as (
    select imo, 'AIS' as source, 'ais' as feed, attribute, value, 'current' as status, position_date as observed_on
    from ais_daily
    cross join lateral (
        values ('name', name), ('mmsi', mmsi), ('call_sign', call_sign), ('flag', flag), ('vessel_type', vessel_type)
    ) as a(attribute, value)
    where value is not null
)

select distinct imo, source, feed, attribute, trim(value) as value, status, observed_on
from (
    select * from ofac
    union all select * from uk
    union all select * from eu
    union all select * from ais
)
where imo is not null and trim(value) <> ''
