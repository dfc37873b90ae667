-- Every listing with its identity attributes and the party it was resolved to.
select
    c.entity_id,
    c.cluster_key,
    c.resolution_basis,
    c.resolution_reason,
    l.*
from {{ ref('int_listings_latest') }} as l
inner join {{ ref('int_entity_clusters') }} as c using (source_record_id)
