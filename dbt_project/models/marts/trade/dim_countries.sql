with countries as (
    select * from {{ ref('countries') }}
),

mids as (
    select flag_iso3, list_sort(list(cast(mid as varchar))) as mmsi_mids
    from {{ ref('mmsi_mid_flags') }}
    group by flag_iso3
)

select
    c.iso3,
    c.iso2,
    c.m49_code,
    c.comtrade_code,
    c.name,
    c.official_name,
    coalesce(m.mmsi_mids, []::varchar[]) as mmsi_mids,
    c.iso3 = 'PRK' as is_dprk
from countries as c
left join mids as m on m.flag_iso3 = c.iso3
