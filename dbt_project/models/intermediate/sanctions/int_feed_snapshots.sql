-- Each feed's snapshots in order. A listing missing from the next snapshot of its own feed was
-- delisted as of that snapshot; other feeds' calendars say nothing about it.
with snapshots as (
    select distinct authority, feed, snapshot_date
    from {{ ref('int_listings_observed') }}
)

select
    authority,
    feed,
    snapshot_date,
    row_number() over (partition by feed order by snapshot_date) as snapshot_seq,
    lag(snapshot_date) over (partition by feed order by snapshot_date) as previous_snapshot_date,
    lead(snapshot_date) over (partition by feed order by snapshot_date) as next_snapshot_date
from snapshots
