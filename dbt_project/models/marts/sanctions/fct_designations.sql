-- Bitemporal designations: one row per entity x authority x program x interval (SCD2).
with intervals as (
    select * from {{ ref('int_designation_intervals') }}
),

resolved as (
    select authority, source_record_id, entity_id from {{ ref('int_entities_resolved') }}
),

programs as (
    select authority, program_code, program_id, regime from {{ ref('dim_programs') }}
)

select
    i.designation_id,
    r.entity_id,
    i.authority,
    i.feed,
    i.source_record_id,
    i.program,
    p.program_id,
    p.regime,
    i.valid_from,
    i.valid_from_basis,
    i.valid_to,
    i.valid_to_basis,
    i.first_observed,
    i.last_observed,
    i.is_active
from intervals as i
inner join resolved as r using (authority, source_record_id)
inner join programs as p on p.authority = i.authority and p.program_code = i.program
