-- The snapshots each authority has been observed in; a listing missing from a later snapshot
-- of the same authority was delisted on that snapshot's date.
with observed as (
    select distinct authority, snapshot_date
    from {{ ref('int_designations_observed') }}
)

select
    authority,
    snapshot_date,
    lead(snapshot_date) over (partition by authority order by snapshot_date) as next_snapshot_date
from observed
