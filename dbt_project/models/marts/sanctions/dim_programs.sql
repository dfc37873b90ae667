-- Every program code seen in a loaded list or known to the seed, with its normalised regime.
with seen as (
    select distinct authority, program from {{ ref('int_designation_intervals') }}
),

seed as (
    select * from {{ ref('sanctions_programs') }}
),

codes as (
    select authority, program_code from seed
    union
    select authority, program from seen
)

select
    md5(c.authority || '|' || c.program_code) as program_id,
    c.authority,
    c.program_code,
    s.program_name,
    coalesce(s.regime, 'UNMAPPED') as regime,
    coalesce(s.is_dprk_program, false) as is_dprk_program,
    exists (select 1 from seen where seen.authority = c.authority and seen.program = c.program_code) as seen_in_data
from codes as c
left join seed as s using (authority, program_code)
