-- One row per listing per list snapshot, every list in one shape. A listing is one record of
-- one feed (OFAC-<ent_num>, UN-<reference>); record_hash covers everything the issuer published
-- about it, so a changed hash between two snapshots is an amendment.
with ofac_aliases as (
    select
        source_record_id,
        snapshot_date,
        list_sort(list(distinct alias_name)) as alias_names,
        md5(string_agg(concat_ws('~', alias_type, alias_name, alias_remarks), '|' order by alias_num)) as aliases_hash
    from {{ ref('stg_ofac_sdn__aliases') }}
    group by all
),

ofac_addresses as (
    select
        source_record_id,
        snapshot_date,
        md5(string_agg(concat_ws('~', address, city_state_zip, country, address_remarks), '|' order by address_num)) as addresses_hash
    from {{ ref('stg_ofac_sdn__addresses') }}
    group by all
),

ofac as (
    select
        'OFAC' as authority,
        'ofac_sdn' as feed,
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
    from {{ ref('stg_ofac_sdn__entries') }} as e
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
)

select * from ofac
union all
select * from un
