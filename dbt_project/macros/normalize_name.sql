{#- Upper-case, strip punctuation and collapse spaces: the key for exact name matching. -#}
{% macro normalize_name(name) -%}
    nullif(trim(regexp_replace(regexp_replace(upper(strip_accents({{ name }})), '[^A-Z0-9 ]', ' ', 'g'), '\s+', ' ', 'g')), '')
{%- endmacro %}
