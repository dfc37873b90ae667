-- Every published version of every DPRK-partner HS6 figure. Reporters revise their statistics;
-- a revised value is a new version of the same natural key (first seen in a later snapshot),
-- never an overwrite, so what an analyst saw last year can still be reproduced.
with records as (
    select
        *,
        md5(concat_ws('|', primary_value_usd, cif_value_usd, fob_value_usd, net_weight_kg, qty, qty_unit_code)) as value_hash
    from {{ ref('stg_comtrade__records') }}
    where partner_code = 408
      and reporter_code <> 408
      and classification_code like 'H%'
      and length(cmd_code) = 6
      and flow_code in ('M', 'X', 'RM', 'RX')
),

keyed as (
    select
        *,
        md5(concat_ws('|', reporter_code, partner_code, coalesce(partner2_code, 0), freq_code, period,
            classification_code, cmd_code, flow_code, coalesce(customs_code, ''), coalesce(transport_mode_code, 0))) as natural_key
    from records
),

versions as (
    select
        natural_key,
        value_hash,
        min(snapshot_date) as first_snapshot,
        max(snapshot_date) as last_snapshot,
        arg_min(source_file, snapshot_date) as first_file,
        -- any row of the version: the values are identical by construction
        arg_min(struct_pack(
            reporter_code, partner_code, freq_code, ref_year, ref_month, period, classification_code,
            cmd_code, cmd_description, flow_code, primary_value_usd, cif_value_usd, fob_value_usd,
            net_weight_kg, qty, qty_unit, source_layout
        ), snapshot_date) as v
    from keyed
    group by natural_key, value_hash
),

releases as (
    select reporter_code, period, freq_code, snapshot_date, max(last_released_at) as last_released_at
    from {{ ref('stg_comtrade__releases') }}
    group by all
),

released as (
    -- the publisher's release in force when the version was seen: its revision stamp
    select ver.natural_key, ver.value_hash, max(r.last_released_at) as released_at
    from versions as ver
    inner join releases as r
        on r.reporter_code = ver.v.reporter_code and r.period = ver.v.period and r.freq_code = ver.v.freq_code
        and r.snapshot_date <= ver.first_snapshot
    group by all
)

select
    natural_key,
    value_hash,
    row_number() over (partition by natural_key order by first_snapshot, value_hash) as version,
    count(*) over (partition by natural_key) as version_count,
    first_snapshot,
    last_snapshot,
    first_file,
    r.released_at,
    v.*
from versions
left join released as r using (natural_key, value_hash)
