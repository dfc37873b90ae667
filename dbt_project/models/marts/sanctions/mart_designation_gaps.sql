-- The designation gap: for every resolved party and vessel, which loaded authorities list it
-- today and since when, and which loaded authorities do not. An authority whose list is not
-- loaded is neither "listing" nor "missing": the gap is only claimed where Tumen can see.
with active as (
    select entity_id, authority, min(valid_from) as since, list_sort(list(distinct program)) as programs
    from {{ ref('fct_designations') }}
    where is_active
    group by all
),

loaded as (
    select list_sort(list(distinct authority)) as authorities
    from {{ ref('int_feed_snapshots') }}
),

per_entity as (
    select
        entity_id,
        list_sort(list(authority)) as listing_authorities,
        min(since) filter (where authority = 'OFAC') as ofac_since,
        min(since) filter (where authority = 'UN') as un_since,
        min(since) filter (where authority = 'EU') as eu_since,
        min(since) filter (where authority = 'UK') as uk_since,
        min(since) as first_listed,
        list_sort(flatten(list(programs))) as programs
    from active
    group by entity_id
)

select
    e.entity_id,
    e.primary_name,
    e.entity_type,
    e.is_dprk_related,
    p.listing_authorities,
    list_filter(l.authorities, lambda a: not list_contains(p.listing_authorities, a)) as missing_authorities,
    l.authorities as loaded_authorities,
    len(p.listing_authorities) as authority_count,
    p.ofac_since,
    p.un_since,
    p.eu_since,
    p.uk_since,
    p.first_listed,
    p.programs,
    list_contains(p.listing_authorities, 'OFAC')
        and len(p.listing_authorities) = 1
        and len(l.authorities) > 1 as is_us_only
from per_entity as p
inner join {{ ref('dim_entities') }} as e using (entity_id)
cross join loaded as l
