-- Bitemporal designations: valid time from the issuer where it publishes one (UN LISTED_ON),
-- otherwise the first snapshot that shows the listing (OFAC's CSV carries no listing date);
-- knowledge time is the first and last snapshot Tumen observed.
with observed as (
    select * from {{ ref('int_designations_observed') }}
),

snapshots as (
    select * from {{ ref('int_list_snapshots') }}
),

spans as (
    select
        authority,
        source_record_id,
        program,
        min(snapshot_date) as first_observed,
        max(snapshot_date) as last_observed,
        min(issuer_listed_on) as issuer_listed_on
    from observed
    group by all
),

resolved as (
    select authority, source_record_id, entity_id
    from {{ ref('int_entities_resolved') }}
)

select
    md5(s.authority || '|' || s.source_record_id || '|' || s.program) as designation_id,
    r.entity_id,
    s.authority,
    s.source_record_id,
    s.program,
    coalesce(s.issuer_listed_on, s.first_observed) as valid_from,
    case
        when s.issuer_listed_on is not null then 'issuer listing date'
        else 'first snapshot observed'
    end as valid_from_basis,
    n.next_snapshot_date as valid_to,
    s.first_observed,
    s.last_observed,
    n.next_snapshot_date is null as is_active
from spans as s
inner join snapshots as n
    on n.authority = s.authority and n.snapshot_date = s.last_observed
inner join resolved as r
    on r.authority = s.authority and r.source_record_id = s.source_record_id
