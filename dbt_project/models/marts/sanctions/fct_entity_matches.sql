-- The matcher's evidence, pair by pair: which listings it judged to be one party and why.
-- An analyst who disagrees adds a row to the resolution_decisions seed.
select
    md5(m.key_a || '|' || m.key_b) as match_id,
    m.key_a as listing_a,
    m.key_b as listing_b,
    a.entity_id,
    cast(m.score as double) as score,
    m.basis,
    m.reason,
    a.entity_id = b.entity_id as used_in_resolution
from {{ ref('int_entity_matches') }} as m
inner join {{ ref('int_entity_clusters') }} as a on a.source_record_id = m.key_a
inner join {{ ref('int_entity_clusters') }} as b on b.source_record_id = m.key_b
