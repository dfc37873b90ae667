-- One row per listing (a record of one list), with the party it resolved to and why: what an
-- analyst opens to see how OFAC, the UN, the EU and the UK each write the same party.
with listings as (
    select * from {{ ref('int_entities_resolved') }}
),

active as (
    select authority, source_record_id, bool_or(is_active) as is_active
    from {{ ref('int_designation_intervals') }}
    group by all
)

select
    l.source_record_id as listing_id,
    l.entity_id,
    l.authority,
    l.feed,
    l.issuer_reference,
    l.party_type,
    l.primary_name,
    l.alias_names,
    l.former_names,
    l.programs,
    l.imo,
    l.imo_company_number,
    l.mmsi,
    l.un_reference_number,
    l.registration_numbers,
    l.passports,
    l.tax_ids,
    l.swift_bics,
    cast(l.birth_years as integer[]) as birth_years,
    l.issuer_listed_on,
    coalesce(a.is_active, false) as is_active,
    l.snapshot_date as last_snapshot,
    l.resolution_basis,
    l.resolution_reason
from listings as l
left join active as a using (authority, source_record_id)
