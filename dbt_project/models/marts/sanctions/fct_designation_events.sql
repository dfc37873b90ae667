-- What changed in each list snapshot: a listing is ADDED when the feed's previous snapshot did not
-- show it, AMENDED when it did with other content, DELISTED when the next snapshot drops it.
-- Everything in a feed's first snapshot is ADDED with is_baseline, since there is nothing before.
with listings as (
    select l.*, s.snapshot_seq, s.previous_snapshot_date, s.next_snapshot_date
    from {{ ref('int_listings_observed') }} as l
    inner join {{ ref('int_feed_snapshots') }} as s using (feed, snapshot_date)
),

with_neighbours as (
    select
        l.*,
        previous.record_hash as previous_hash,
        previous.programs as previous_programs,
        following.source_record_id is not null as in_next_snapshot
    from listings as l
    left join listings as previous
        on previous.feed = l.feed
        and previous.source_record_id = l.source_record_id
        and previous.snapshot_date = l.previous_snapshot_date
    left join listings as following
        on following.feed = l.feed
        and following.source_record_id = l.source_record_id
        and following.snapshot_date = l.next_snapshot_date
),

events as (
    select
        authority, feed, source_record_id, snapshot_date as event_date,
        'ADDED' as event_type, snapshot_seq = 1 as is_baseline,
        programs as programs_after, []::varchar[] as programs_before, primary_name
    from with_neighbours
    where previous_hash is null

    union all

    select
        authority, feed, source_record_id, snapshot_date,
        'AMENDED', false, programs, previous_programs, primary_name
    from with_neighbours
    where previous_hash is not null and previous_hash <> record_hash

    union all

    select
        authority, feed, source_record_id, next_snapshot_date,
        'DELISTED', false, []::varchar[], programs, primary_name
    from with_neighbours
    where next_snapshot_date is not null and not in_next_snapshot
),

resolved as (
    select authority, source_record_id, entity_id from {{ ref('int_entities_resolved') }}
)

select
    md5(concat_ws('|', e.feed, e.source_record_id, e.event_date, e.event_type)) as event_id,
    r.entity_id,
    e.authority,
    e.feed,
    e.source_record_id,
    e.event_date,
    e.event_type,
    e.is_baseline,
    e.primary_name,
    e.programs_before,
    e.programs_after
from events as e
left join resolved as r using (authority, source_record_id)
