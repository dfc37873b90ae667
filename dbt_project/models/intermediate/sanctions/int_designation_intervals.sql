-- SCD2 history of each designation (listing x program): one row per unbroken run of snapshots
-- that show it. A listing that is delisted and later relisted has two intervals.
with observed as (
    select
        l.authority,
        l.feed,
        l.source_record_id,
        unnest(l.programs) as program,
        l.issuer_listed_on,
        l.snapshot_date
    from {{ ref('int_listings_observed') }} as l
),

sequenced as (
    select
        o.*,
        s.snapshot_seq,
        -- consecutive snapshots share an island number (gaps-and-islands)
        s.snapshot_seq - row_number() over (
            partition by o.feed, o.source_record_id, o.program order by s.snapshot_seq
        ) as island
    from observed as o
    inner join {{ ref('int_feed_snapshots') }} as s using (feed, snapshot_date)
),

islands as (
    select
        authority,
        feed,
        source_record_id,
        program,
        island,
        min(snapshot_date) as first_observed,
        max(snapshot_date) as last_observed,
        max(snapshot_seq) as last_seq,
        arg_min(issuer_listed_on, snapshot_seq) as issuer_listed_on
    from sequenced
    group by all
),

closed as (
    select
        i.*,
        after.snapshot_date as delisted_snapshot,
        lag(after.snapshot_date) over (
            partition by i.feed, i.source_record_id, i.program order by i.first_observed
        ) as previous_delisted_snapshot
    from islands as i
    left join {{ ref('int_feed_snapshots') }} as after
        on after.feed = i.feed and after.snapshot_seq = i.last_seq + 1
)

select
    md5(concat_ws('|', feed, source_record_id, program, first_observed)) as designation_id,
    authority,
    feed,
    source_record_id,
    program,
    -- valid time: the issuer's date when it publishes one and it belongs to this interval,
    -- otherwise the first snapshot that showed the designation (OFAC publishes no date)
    case
        when issuer_listed_on is not null
            and (previous_delisted_snapshot is null or issuer_listed_on >= previous_delisted_snapshot)
            then issuer_listed_on
        else first_observed
    end as valid_from,
    case
        when issuer_listed_on is not null
            and (previous_delisted_snapshot is null or issuer_listed_on >= previous_delisted_snapshot)
            then 'issuer date'
        else 'first snapshot showing it'
    end as valid_from_basis,
    delisted_snapshot as valid_to,
    case when delisted_snapshot is not null then 'first snapshot without it' end as valid_to_basis,
    first_observed,
    last_observed,
    delisted_snapshot is null as is_active
from closed
