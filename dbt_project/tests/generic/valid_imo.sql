{#- Fails on IMO numbers whose check digit is wrong; nulls pass (a vessel may have no IMO). -#}
{% test valid_imo(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null and not {{ imo_is_valid(column_name) }}
{% endtest %}
