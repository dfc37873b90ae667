-- One row per listing per list snapshot, every list in one shape. A listing is one record of
-- one feed (OFAC-<ent_num>, UN-<reference>); record_hash covers everything the issuer published
-- about it, so a changed hash between two snapshots is an amendment.
with ofac_entries as (
    select *, 'ofac_sdn' as feed from {{ ref('stg_ofac_sdn__entries') }}
    union all
    select *, 'ofac_cons' as feed from {{ ref('stg_ofac_cons__entries') }}
),

ofac_alias_rows as (
    select * from {{ ref('stg_ofac_sdn__aliases') }}
    union all
    select * from {{ ref('stg_ofac_cons__aliases') }}
),

ofac_address_rows as (
    select * from {{ ref('stg_ofac_sdn__addresses') }}
    union all
    select * from {{ ref('stg_ofac_cons__addresses') }}
),

ofac_aliases as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct alias_name)) as alias_names,
        md5(string_agg(concat_ws('~', alias_type, alias_name, alias_remarks), '|' order by alias_num)) as aliases_hash
    from ofac_alias_rows
    group by all
),

ofac_addresses as (
    select
        source_record_id,
        snapshot_date,
        md5(string_agg(concat_ws('~', address, city_state_zip, country, address_remarks), '|' order by address_num)) as addresses_hash
    from ofac_address_rows
    group by all
),

ofac as (
    select
        'OFAC' as authority,
        e.feed,
        e.source_record_id,
        e.party_type,
        e.primary_name,
        coalesce(a.alias_names, []::varchar[]) as alias_names,
        e.programs,
        cast(null as date) as issuer_listed_on,
        md5(concat_ws('|',
            e.primary_name, e.party_type, array_to_string(e.programs, ','), e.title, e.call_sign,
            e.vessel_type, e.tonnage, e.gross_registered_tonnage, e.vessel_flag, e.vessel_owner,
            e.remarks, a.aliases_hash, ad.addresses_hash
        )) as record_hash,
        e.snapshot_date
    from ofac_entries as e
    left join ofac_aliases as a using (source_record_id, snapshot_date)
    left join ofac_addresses as ad using (source_record_id, snapshot_date)
),

un_aliases as (
    select
        dataid,
        snapshot_date,
        list_sort(list(distinct alias_name) filter (where alias_name is not null)) as alias_names,
        md5(string_agg(concat_ws('~', alias_quality, alias_name, date_of_birth, alias_note), '|' order by alias_name, alias_quality)) as aliases_hash
    from {{ ref('stg_un_sc__aliases') }}
    group by all
),

un_births as (
    select
        dataid,
        snapshot_date,
        md5(string_agg(concat_ws('~', date_kind, birth_date, birth_year, birth_year_from, birth_year_to), '|'
            order by date_kind, birth_date, birth_year, birth_year_from)) as births_hash
    from {{ ref('stg_un_sc__dates_of_birth') }}
    group by all
),

un as (
    select
        'UN' as authority,
        'un_sc' as feed,
        p.source_record_id,
        p.party_type,
        p.primary_name,
        coalesce(a.alias_names, []::varchar[]) as alias_names,
        [p.regime_code] as programs,
        p.listed_on as issuer_listed_on,
        md5(concat_ws('|',
            p.primary_name, p.party_type, p.regime_code, p.name_original_script, p.listed_on, p.comments,
            array_to_string(p.nationalities, ','), array_to_string(p.designations, ','),
            array_to_string(p.titles, ','), p.gender, a.aliases_hash, b.births_hash
        )) as record_hash,
        p.snapshot_date
    from {{ ref('stg_un_sc__parties') }} as p
    left join un_aliases as a using (dataid, snapshot_date)
    left join un_births as b using (dataid, snapshot_date)
),

eu_aliases as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct whole_name) filter (where whole_name is not null)) as alias_names,
        md5(string_agg(concat_ws('~', whole_name, name_language, role_title, is_strong), '|'
            order by whole_name, name_language)) as aliases_hash
    from {{ ref('stg_eu_fsf__name_aliases') }}
    group by all
),

eu_regulations as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct programme_code) filter (where programme_code is not null)) as programmes,
        md5(string_agg(concat_ws('~', regulation_type, number_title, publication_date, programme_code), '|'
            order by publication_date, number_title)) as regulations_hash
    from {{ ref('stg_eu_fsf__regulations') }}
    group by all
),

eu_identifications as (
    select
        source_record_id,
        snapshot_date,
        bool_or(identification_type = 'imo') as has_imo,
        md5(string_agg(concat_ws('~', identification_type, identification_number, country_iso2), '|'
            order by identification_type, identification_number)) as identifications_hash
    from {{ ref('stg_eu_fsf__identifications') }}
    group by all
),

eu as (
    select
        'EU' as authority,
        'eu_fsf' as feed,
        e.source_record_id,
        -- the EU files ships as enterprises: an IMO number (identification or in the text) marks one
        case
            when e.subject_type = 'person' then 'individual'
            when coalesce(i.has_imo, false)
                or regexp_matches(concat_ws(' ', e.primary_name, e.remark), 'IMO[^0-9]{0,12}[0-9]{7}') then 'vessel'
            else 'entity'
        end as party_type,
        e.primary_name,
        coalesce(a.alias_names, []::varchar[]) as alias_names,
        coalesce(nullif(r.programmes, []::varchar[]), string_split(e.programme_codes, ';')) as programs,
        e.designation_date as issuer_listed_on,
        md5(concat_ws('|',
            e.primary_name, e.subject_type, e.eu_reference_number, e.un_reference_number, e.designation_date,
            e.designation_details, e.remark, a.aliases_hash, r.regulations_hash, i.identifications_hash
        )) as record_hash,
        e.snapshot_date
    from {{ ref('stg_eu_fsf__entities') }} as e
    left join eu_aliases as a using (source_record_id, snapshot_date)
    left join eu_regulations as r using (source_record_id, snapshot_date)
    left join eu_identifications as i using (source_record_id, snapshot_date)
),

uk_designations as (
    -- a ConList and an FCDO file can land for the same date: the FCDO list is the current record
    select *
    from {{ ref('stg_uk_sanctions__designations') }}
    qualify row_number() over (
        partition by source_record_id, snapshot_date
        order by case uk_feed when 'fcdo' then 0 else 1 end, source_file, source_record
    ) = 1
),

uk_names as (
    select
        source_record_id,
        snapshot_date,
        min(full_name) filter (where name_type = 'primary') as primary_from_names,
        list_sort(list(distinct full_name) filter (where name_type <> 'primary' and full_name is not null)) as alias_names,
        md5(string_agg(concat_ws('~', name_type, full_name), '|' order by name_type, full_name)) as names_hash
    from {{ ref('stg_uk_sanctions__names') }}
    group by all
),

uk_ships as (
    select
        source_record_id,
        snapshot_date,
        md5(string_agg(concat_ws('~', imo, current_owner_operator, previous_owner_operator, current_flag,
            array_to_string(previous_flags, ',')), '|' order by imo)) as ships_hash
    from {{ ref('stg_uk_sanctions__ships') }}
    group by all
),

uk as (
    select
        'UK' as authority,
        'uk_sanctions' as feed,
        d.source_record_id,
        case
            when d.designation_type = 'ship' or s.ships_hash is not null then 'vessel'
            when d.designation_type = 'individual' then 'individual'
            else 'entity'
        end as party_type,
        coalesce(d.primary_name, n.primary_from_names, n.alias_names[1]) as primary_name,
        coalesce(n.alias_names, []::varchar[]) as alias_names,
        [d.regime] as programs,
        d.date_designated as issuer_listed_on,
        md5(concat_ws('|',
            d.primary_name, d.designation_type, d.regime, d.un_reference_number, d.date_designated,
            d.sanctions_imposed, d.other_information, n.names_hash, s.ships_hash
        )) as record_hash,
        d.snapshot_date
    from uk_designations as d
    left join uk_names as n using (source_record_id, snapshot_date)
    left join uk_ships as s using (source_record_id, snapshot_date)
)

select * from ofac
union all
select * from un
union all
select * from eu
union all
select * from uk
