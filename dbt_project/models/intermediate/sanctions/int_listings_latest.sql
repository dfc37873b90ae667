-- Each listing as of the latest snapshot that shows it, with everything that can join lists:
-- IMO numbers, UN reference numbers (carried by EU and UK records), registration and passport
-- numbers, birth years, names in every spelling. Input to entity resolution.
with latest as (
    select *
    from {{ ref('int_listings_observed') }}
    qualify snapshot_date = max(snapshot_date) over (partition by feed, source_record_id)
),

dprk_programs as (
    select authority, program_code from {{ ref('sanctions_programs') }} where is_dprk_program
),

ofac_fact_rows as (
    select * from {{ ref('stg_ofac_sdn__remark_facts') }}
    union all
    select * from {{ ref('stg_ofac_cons__remark_facts') }}
),

ofac_entries as (
    select * from {{ ref('stg_ofac_sdn__entries') }}
    union all
    select * from {{ ref('stg_ofac_cons__entries') }}
),

ofac_facts as (
    select
        f.source_record_id,
        f.snapshot_date,
        min(f.fact_value) filter (where f.fact_type = 'imo') as imo,
        min(f.fact_value) filter (where f.fact_type in ('imo', 'imo_company_number')) as any_imo,
        min(f.fact_value) filter (where f.fact_type = 'mmsi') as mmsi,
        list_sort(list(distinct f.fact_value) filter (where f.fact_type = 'registration_number')) as registration_numbers,
        list_sort(list(distinct f.fact_value) filter (where f.fact_type = 'passport')) as passports,
        list_sort(list(distinct f.fact_value) filter (where f.fact_type = 'tax_id')) as tax_ids,
        list_sort(list(distinct f.fact_value) filter (where f.fact_type = 'swift_bic')) as swift_bics,
        list_sort(list(distinct try_cast(regexp_extract(f.fact_value, '(\d{4})', 1) as integer))
            filter (where f.fact_type = 'dob' and regexp_matches(f.fact_value, '\d{4}'))) as birth_years,
        list_sort(list(distinct f.fact_value) filter (where f.fact_type = 'former_name')) as former_names
    from ofac_fact_rows as f
    group by all
),

ofac as (
    select
        l.*,
        cast(e.ent_num as varchar) as issuer_reference,
        case when l.party_type = 'vessel' then f.imo end as imo,
        case when l.party_type <> 'vessel' then f.any_imo end as imo_company_number,
        f.mmsi,
        cast(null as varchar) as un_reference_number,
        coalesce(f.registration_numbers, []::varchar[]) as registration_numbers,
        coalesce(f.passports, []::varchar[]) as passports,
        coalesce(f.tax_ids, []::varchar[]) as tax_ids,
        coalesce(f.swift_bics, []::varchar[]) as swift_bics,
        coalesce(f.birth_years, []::integer[]) as birth_years,
        coalesce(f.former_names, []::varchar[]) as former_names,
        e.vessel_flag,
        e.vessel_type,
        e.call_sign,
        e.gross_registered_tonnage,
        e.vessel_owner
    from latest as l
    inner join ofac_entries as e using (source_record_id, snapshot_date)
    left join ofac_facts as f using (source_record_id, snapshot_date)
    where l.feed in ('ofac_sdn', 'ofac_cons')
),

un_births as (
    select
        dataid,
        snapshot_date,
        list_sort(list(distinct y)) as birth_years
    from (
        select dataid, snapshot_date, unnest(
            case
                when birth_date is not null then [year(birth_date)]
                when birth_year is not null then [birth_year]
                when birth_year_from is not null then range(birth_year_from, coalesce(birth_year_to, birth_year_from) + 1)
                else []
            end
        ) as y
        from {{ ref('stg_un_sc__dates_of_birth') }}
    )
    group by all
),

un as (
    select
        l.*,
        cast(null as varchar) as imo,
        cast(null as varchar) as imo_company_number,
        cast(null as varchar) as mmsi,
        p.reference_number as issuer_reference,
        p.reference_number as un_reference_number,
        []::varchar[] as registration_numbers,
        []::varchar[] as passports,
        []::varchar[] as tax_ids,
        []::varchar[] as swift_bics,
        coalesce(b.birth_years, []::integer[]) as birth_years,
        []::varchar[] as former_names,
        cast(null as varchar) as vessel_flag,
        cast(null as varchar) as vessel_type,
        cast(null as varchar) as call_sign,
        cast(null as varchar) as gross_registered_tonnage,
        cast(null as varchar) as vessel_owner
    from latest as l
    inner join {{ ref('stg_un_sc__parties') }} as p using (source_record_id, snapshot_date)
    left join un_births as b on b.dataid = p.dataid and b.snapshot_date = p.snapshot_date
    where l.feed = 'un_sc'
),

eu_ids as (
    select
        source_record_id,
        snapshot_date,
        min(identification_number) filter (where identification_type = 'imo') as imo,
        list_sort(list(distinct identification_number) filter (where identification_type in ('regnumber', 'registration'))) as registration_numbers,
        list_sort(list(distinct identification_number) filter (where identification_type = 'passport')) as passports,
        list_sort(list(distinct identification_number) filter (where identification_type in ('fiscalcode', 'tax'))) as tax_ids,
        list_sort(list(distinct identification_number) filter (where identification_type in ('swiftbic', 'swift', 'bic'))) as swift_bics
    from {{ ref('stg_eu_fsf__identifications') }}
    group by all
),

eu_births as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct coalesce(year(birth_date), birth_year, birth_year_from))
            filter (where coalesce(year(birth_date), birth_year, birth_year_from) is not null)) as birth_years
    from {{ ref('stg_eu_fsf__birthdates') }}
    group by all
),

eu as (
    select
        l.*,
        cast(e.logical_id as varchar) as issuer_reference,
        case when l.party_type = 'vessel'
            then coalesce(i.imo, regexp_extract(concat_ws(' ', e.primary_name, e.remark), 'IMO[^0-9]{0,12}([0-9]{7})', 1))
        end as imo,
        cast(null as varchar) as imo_company_number,
        cast(null as varchar) as mmsi,
        e.un_reference_number,
        coalesce(i.registration_numbers, []::varchar[]) as registration_numbers,
        coalesce(i.passports, []::varchar[]) as passports,
        coalesce(i.tax_ids, []::varchar[]) as tax_ids,
        coalesce(i.swift_bics, []::varchar[]) as swift_bics,
        coalesce(b.birth_years, []::integer[]) as birth_years,
        []::varchar[] as former_names,
        cast(null as varchar) as vessel_flag,
        cast(null as varchar) as vessel_type,
        cast(null as varchar) as call_sign,
        cast(null as varchar) as gross_registered_tonnage,
        cast(null as varchar) as vessel_owner
    from latest as l
    inner join {{ ref('stg_eu_fsf__entities') }} as e using (source_record_id, snapshot_date)
    left join eu_ids as i using (source_record_id, snapshot_date)
    left join eu_births as b using (source_record_id, snapshot_date)
    where l.feed = 'eu_fsf'
),

uk_details as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct coalesce(year(birth_date), birth_year)) filter (where coalesce(year(birth_date), birth_year) is not null)) as birth_years,
        list_sort(list(distinct passport_number) filter (where passport_number is not null)) as passports
    from {{ ref('stg_uk_sanctions__individual_details') }}
    group by all
),

uk_ships as (
    select
        source_record_id,
        snapshot_date,
        min(imo) as imo,
        min(current_flag) as current_flag,
        min(vessel_type) as vessel_type,
        min(tonnage) as tonnage,
        min(current_owner_operator) as current_owner_operator
    from {{ ref('stg_uk_sanctions__ships') }}
    group by all
),

uk_refs as (
    select
        source_record_id,
        snapshot_date,
        min(un_reference_number) as un_reference_number,
        coalesce(min(unique_id), 'group ' || cast(min(ofsi_group_id) as varchar)) as issuer_reference
    from {{ ref('stg_uk_sanctions__designations') }}
    group by all
),

uk as (
    select
        l.*,
        r.issuer_reference,
        case when l.party_type = 'vessel' then s.imo end as imo,
        cast(null as varchar) as imo_company_number,
        cast(null as varchar) as mmsi,
        r.un_reference_number,
        []::varchar[] as registration_numbers,
        coalesce(d.passports, []::varchar[]) as passports,
        []::varchar[] as tax_ids,
        []::varchar[] as swift_bics,
        coalesce(d.birth_years, []::integer[]) as birth_years,
        []::varchar[] as former_names,
        s.current_flag as vessel_flag,
        s.vessel_type,
        cast(null as varchar) as call_sign,
        s.tonnage as gross_registered_tonnage,
        s.current_owner_operator as vessel_owner
    from latest as l
    left join uk_refs as r using (source_record_id, snapshot_date)
    left join uk_details as d using (source_record_id, snapshot_date)
    left join uk_ships as s using (source_record_id, snapshot_date)
    where l.feed = 'uk_sanctions'
),

unioned as (
    select * from ofac
    union all by name
    select * from un
    union all by name
    select * from eu
    union all by name
    select * from uk
)

select
    u.*,
    {{ normalize_name('u.primary_name') }} as name_key,
    exists (
        select 1 from dprk_programs as d
        where d.authority = u.authority and list_contains(u.programs, d.program_code)
    ) as is_dprk_program
from unioned as u
