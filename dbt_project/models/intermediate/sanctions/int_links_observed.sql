-- Who is tied to whom, as each list snapshot states it: OFAC "Linked To:" remarks and vessel
-- owners, UK ships' current and previous owners/operators, and UN individuals whose designation
-- names a UN-listed entity ("Director of Namchongang Trading Corporation": acting_for). The target is written as a name; it is resolved to the listing of that name in the
-- same list snapshot when exactly one listing carries it.
with ofac_facts as (
    select *, 'ofac_sdn' as feed from {{ ref('stg_ofac_sdn__remark_facts') }}
    union all
    select *, 'ofac_cons' as feed from {{ ref('stg_ofac_cons__remark_facts') }}
),

ofac_entries as (
    select *, 'ofac_sdn' as feed from {{ ref('stg_ofac_sdn__entries') }}
    union all
    select *, 'ofac_cons' as feed from {{ ref('stg_ofac_cons__entries') }}
),

links as (
    select
        'OFAC' as authority,
        feed,
        source_record_id,
        'linked_to' as link_type,
        fact_value as to_name,
        snapshot_date
    from ofac_facts
    where fact_type = 'linked_to'

    union all

    select
        'OFAC', feed, source_record_id, 'owner', vessel_owner, snapshot_date
    from ofac_entries
    where party_type = 'vessel' and vessel_owner is not null

    union all

    -- a UN individual's role naming a listed entity: only whole listed names, at least two words,
    -- so "Director of KOMID" links while a generic word never does
    select distinct 'UN', 'un_sc', i.source_record_id, 'acting_for', e.primary_name, i.snapshot_date
    from (
        select source_record_id, snapshot_date, unnest(designations) as role
        from {{ ref('stg_un_sc__parties') }}
        where party_type = 'individual'
    ) as i
    inner join {{ ref('stg_un_sc__parties') }} as e
        on e.snapshot_date = i.snapshot_date
        and e.party_type = 'entity'
        and len(string_split(trim(e.primary_name), ' ')) >= 2
        and contains(upper(i.role), upper(trim(e.primary_name)))

    union all

    select 'UK', 'uk_sanctions', source_record_id, 'owner_operator', current_owner_operator, snapshot_date
    from {{ ref('stg_uk_sanctions__ships') }}
    where current_owner_operator is not null

    union all

    select 'UK', 'uk_sanctions', source_record_id, 'previous_owner_operator', previous_owner_operator, snapshot_date
    from {{ ref('stg_uk_sanctions__ships') }}
    where previous_owner_operator is not null
),

names as (
    select feed, snapshot_date, {{ normalize_name('primary_name') }} as name_key, min(source_record_id) as to_source_record_id, count(*) as listings
    from {{ ref('int_listings_observed') }}
    group by all
)

select
    l.authority,
    l.feed,
    l.source_record_id,
    l.link_type,
    l.to_name,
    case when n.listings = 1 then n.to_source_record_id end as to_source_record_id,
    l.snapshot_date
from links as l
left join names as n
    on n.feed = l.feed
    and n.snapshot_date = l.snapshot_date
    and n.name_key = {{ normalize_name('l.to_name') }}
