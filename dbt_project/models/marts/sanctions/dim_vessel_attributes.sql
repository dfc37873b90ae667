-- Vessel attributes with validity intervals: each value a source stated for an IMO number, from
-- the first to the last time it stated it, and when the source first stated something else
-- (valid_to). "former" rows are previous values a source lists (f.k.a., previous flags and
-- owners); their own dates are unknown, so the interval is when the source said so.
with observed as (
    select * from {{ ref('int_vessel_attributes_observed') }}
),

spans as (
    select
        imo, source, attribute, value, status,
        min(observed_on) as first_observed,
        max(observed_on) as last_observed
    from observed
    group by all
),

latest as (
    select imo, source, attribute, max(observed_on) as latest_observed
    from observed
    group by all
),

vessels as (
    select imo, vessel_id from {{ ref('dim_vessels') }} where imo is not null
)

select
    md5(concat_ws('|', s.imo, s.source, s.attribute, s.value, s.status)) as vessel_attribute_id,
    v.vessel_id,
    s.imo,
    s.attribute,
    s.value,
    s.status,
    s.source,
    s.first_observed as valid_from,
    (
        select min(o.observed_on)
        from observed as o
        where o.imo = s.imo and o.source = s.source and o.attribute = s.attribute
          and o.status = s.status and o.observed_on > s.last_observed
    ) as valid_to,
    s.first_observed,
    s.last_observed,
    s.last_observed = l.latest_observed as is_current
from spans as s
inner join latest as l using (imo, source, attribute)
left join vessels as v using (imo)
