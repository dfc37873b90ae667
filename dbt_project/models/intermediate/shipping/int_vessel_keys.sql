-- Which vessel (dim_vessels) each MMSI belongs to, so events keyed by MMSI reach the vessel.
select mmsi, min(vessel_id) as vessel_id
from (
    select try_cast(unnest(mmsis) as bigint) as mmsi, vessel_id
    from {{ ref('dim_vessels') }}
)
where mmsi is not null
group by mmsi
