{#- OFAC publishes the SDN list and the Consolidated (non-SDN) list in one legacy format, parsed
    into identically shaped raw tables; both staging folders select through these macros so the
    two never drift apart. id_prefix keeps the lists' entity numbers apart. -#}

{% macro stg_ofac_entries(source_name, id_prefix) %}
with source as (
    select * from {{ source(source_name, 'sdn_entries') }}
),

renamed as (
    select
        '{{ id_prefix }}-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        sdn_name as primary_name,
        -- OFAC leaves the type of entities empty (the -0- null marker)
        coalesce(lower(sdn_type), 'entity') as party_type,
        programs,
        program_raw,
        title,
        call_sign,
        vess_type as vessel_type,
        tonnage,
        grt as gross_registered_tonnage,
        vess_flag as vessel_flag,
        vess_owner as vessel_owner,
        remarks,
        remarks_truncated,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
{% endmacro %}

{% macro stg_ofac_addresses(source_name, id_prefix) %}
with source as (
    select * from {{ source(source_name, 'addresses') }}
),

renamed as (
    select
        '{{ id_prefix }}-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        add_num as address_num,
        address,
        city_state_zip,
        country,
        add_remarks as address_remarks,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
{% endmacro %}

{% macro stg_ofac_aliases(source_name, id_prefix) %}
with source as (
    select * from {{ source(source_name, 'aliases') }}
),

renamed as (
    select
        '{{ id_prefix }}-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        alt_num as alias_num,
        lower(alt_type) as alias_type,
        alt_name as alias_name,
        alt_remarks as alias_remarks,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
{% endmacro %}

{% macro stg_ofac_remark_facts(source_name, id_prefix) %}
with source as (
    select * from {{ source(source_name, 'remark_facts') }}
),

renamed as (
    select
        '{{ id_prefix }}-' || cast(ent_num as varchar) as source_record_id,
        ent_num,
        fact as fact_type,
        value as fact_value,
        qualifier as fact_qualifier,
        _as_of as snapshot_date,
        _file as source_file,
        _record as source_record
    from source
)

select * from renamed
{% endmacro %}
