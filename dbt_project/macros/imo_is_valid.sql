{#- IMO ship numbers carry a check digit: the first six digits weighted 7..2, summed, mod 10. -#}
{% macro imo_is_valid(imo) -%}
    coalesce(
        regexp_full_match({{ imo }}, '[0-9]{7}')
        and (
            try_cast(substr({{ imo }}, 1, 1) as integer) * 7
            + try_cast(substr({{ imo }}, 2, 1) as integer) * 6
            + try_cast(substr({{ imo }}, 3, 1) as integer) * 5
            + try_cast(substr({{ imo }}, 4, 1) as integer) * 4
            + try_cast(substr({{ imo }}, 5, 1) as integer) * 3
            + try_cast(substr({{ imo }}, 6, 1) as integer) * 2
        ) % 10 = try_cast(substr({{ imo }}, 7, 1) as integer),
        false
    )
{%- endmacro %}
