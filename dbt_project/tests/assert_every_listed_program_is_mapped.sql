-- A program code in a loaded list that the sanctions_programs seed does not map cannot be
-- counted under its regime (a new OFAC tag, say). Warn so an analyst adds it to the seed.
{{ config(severity='warn') }}
select authority, program_code
from {{ ref('dim_programs') }}
where seen_in_data and regime = 'UNMAPPED'
