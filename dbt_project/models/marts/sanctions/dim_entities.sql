with listings as (
    select * from {{ ref('int_entities_resolved') }}
),

entities as (
    select
        entity_id,
        -- prefer the UN spelling when the UN lists the party: it is the issuer of record
        arg_min(primary_name, case authority when 'UN' then 0 else 1 end) as primary_name,
        arg_min(party_type, case authority when 'UN' then 1 else 0 end) as entity_type,
        min(imo) as imo,
        min(imo_company_number) as imo_company_number,
        min(mmsi) as mmsi,
        min(un_reference_number) as un_reference_number,
        list_sort(list(distinct authority)) as listing_authorities,
        list_sort(list(source_record_id)) as source_record_ids,
        bool_or(is_dprk_program) as is_dprk_related,
        min(resolution_basis) as resolution_basis,
        max(snapshot_date) as last_seen_snapshot
    from listings
    group by entity_id
)

select * from entities
