-- Links dated by the snapshots that state them: first/last observed, and the first snapshot
-- that no longer states a link closes it.
with observed as (
    select * from {{ ref('int_links_observed') }}
),

spans as (
    select
        authority, feed, source_record_id, link_type, to_name,
        max(to_source_record_id) as to_source_record_id,
        min(snapshot_date) as first_observed,
        max(snapshot_date) as last_observed
    from observed
    group by all
),

snapshots as (
    select * from {{ ref('int_feed_snapshots') }}
),

resolved as (
    select authority, source_record_id, entity_id from {{ ref('int_entities_resolved') }}
)

select
    md5(concat_ws('|', s.feed, s.source_record_id, s.link_type, s.to_name)) as link_id,
    f.entity_id as from_entity_id,
    t.entity_id as to_entity_id,
    s.to_name,
    s.link_type,
    s.authority,
    s.feed,
    s.source_record_id,
    s.first_observed as valid_from,
    n.next_snapshot_date as valid_to,
    s.first_observed,
    s.last_observed,
    n.next_snapshot_date is null as is_current
from spans as s
inner join snapshots as n on n.feed = s.feed and n.snapshot_date = s.last_observed
inner join resolved as f on f.authority = s.authority and f.source_record_id = s.source_record_id
left join resolved as t on t.authority = s.authority and t.source_record_id = s.to_source_record_id
