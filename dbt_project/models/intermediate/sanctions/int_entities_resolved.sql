-- Which listings are the same real-world party. Deliberately conservative: vessels join on IMO,
-- listings carrying the same UN reference join on it; other parties join across authorities only
-- on a normalised name that is unique within each authority (two OFAC records named
-- "KIM, Yong Chol" are different people and stay apart).
with parties as (
    select * from {{ ref('int_listings_latest') }}
),

name_counts as (
    select authority, party_type, name_key, count(*) as listings
    from parties
    group by all
),

keyed as (
    select
        p.*,
        case
            when p.imo is not null then 'imo:' || p.imo
            when p.un_reference_number is not null then 'un:' || p.un_reference_number
            when n.listings = 1 and p.name_key is not null then 'name:' || p.party_type || ':' || p.name_key
            else 'record:' || p.source_record_id
        end as resolution_key,
        case
            when p.imo is not null then 'imo'
            when p.un_reference_number is not null then 'un_reference'
            when n.listings = 1 and p.name_key is not null then 'exact_name'
            else 'single_record'
        end as resolution_basis
    from parties as p
    left join name_counts as n using (authority, party_type, name_key)
)

select
    md5(resolution_key) as entity_id,
    *
from keyed
