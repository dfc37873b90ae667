-- Port visits by the Global Fishing Watch rules: a vessel enters a port when it comes within
-- var('port_entry_km') of it and leaves only beyond var('port_exit_km') (the band between keeps
-- the state it had, so a ship at anchor on the edge does not bounce in and out); within a visit
-- a stop starts below var('port_stop_kn') and ends above var('port_restart_kn'); a silence of
-- more than var('port_gap_hours') inside the port counts like a stop (the AIS switched off at
-- the berth). Confidence: 4 = entry, stop or gap, exit all observed; 3 = stop or gap with entry
-- or exit missing; 2 = entry and exit without a stop (passing through); 1 = seen only inside.
with zoned as (
    select
        *,
        case
            when port_km <= {{ var('port_entry_km') }} then 'in'
            when port_km <= {{ var('port_exit_km') }} then 'band'
            else 'out'
        end as zone,
        -- where the report before lay relative to this port: outside the exit radius (or unknown)
        coalesce(previous_port_km > {{ var('port_exit_km') }}, true) as came_from_outside
    from {{ ref('int_ais_port_proximity') }}
),

decided as (
    select
        *,
        -- the last report outside the band decides what a report in the band means
        last_value(case when zone <> 'band' then zone || ':' || port_code end ignore nulls) over (
            partition by mmsi, transmitter order by position_at rows between unbounded preceding and 1 preceding
        ) as last_decisive,
        lag(position_at) over (partition by mmsi, transmitter order by position_at) as previous_near_at
    from zoned
),

flagged as (
    select
        *,
        zone = 'in' or (zone = 'band' and last_decisive = 'in:' || port_code and not came_from_outside) as in_port
    from decided
),

visit_rows as (
    select
        *,
        case
            -- the report before this one was outside the port (or not near any port at all)
            when came_from_outside then 1
            when lag(in_port) over w and lag(port_code) over w = port_code
                and lag(position_at) over w = previous_at then 0
            else 1
        end as starts_visit
    from flagged
    window w as (partition by mmsi, transmitter order by position_at)
    qualify in_port
),

numbered as (
    select
        *,
        sum(starts_visit) over (partition by mmsi, transmitter order by position_at rows unbounded preceding) as visit_seq
    from visit_rows
),

stops as (
    select
        *,
        -- stop hysteresis: below the stop speed starts a stop, above the restart speed ends it
        last_value(case
            when speed_knots < {{ var('port_stop_kn') }} then 'stopped'
            when speed_knots > {{ var('port_restart_kn') }} then 'moving'
        end ignore nulls) over (
            partition by mmsi, transmitter, visit_seq order by position_at rows unbounded preceding
        ) = 'stopped' as is_stopped,
        -- a silence inside the port counts when both reports around it are in this visit
        case when hours_since_previous > {{ var('port_gap_hours') }} and starts_visit = 0 then hours_since_previous end as in_port_gap_hours,
        coalesce(next_port_km > {{ var('port_exit_km') }}, false) as leaves_after
    from numbered
),

visits as (
    select
        mmsi,
        transmitter,
        visit_seq,
        any_value(port_code) as port_code,
        min(position_at) as arrived_at,
        max(position_at) as departed_at,
        count(*) as reports,
        min(speed_knots) as min_speed_knots,
        min(port_km) as closest_km,
        bool_or(is_stopped) as stopped,
        max(in_port_gap_hours) as longest_in_port_gap_hours,
        -- entry: the report before the visit exists (and was outside); exit: the one after does
        arg_min(previous_at is not null, position_at) as entry_observed,
        arg_max(next_at is not null and leaves_after, position_at) as exit_observed
    from stops
    group by all
)

select
    md5(concat_ws('|', v.mmsi, v.transmitter, v.port_code, v.arrived_at)) as port_visit_id,
    v.mmsi,
    v.transmitter,
    v.port_code,
    p.port_name,
    p.country_iso3 as port_country_iso3,
    p.port_role,
    v.arrived_at,
    v.departed_at,
    round(epoch(v.departed_at - v.arrived_at) / 3600.0, 2) as duration_hours,
    v.reports,
    v.min_speed_knots,
    coalesce(v.stopped, false) as stopped,
    v.longest_in_port_gap_hours,
    v.entry_observed,
    v.exit_observed,
    case
        when v.entry_observed and v.exit_observed and (v.stopped or v.longest_in_port_gap_hours is not null) then 4
        when (v.stopped or v.longest_in_port_gap_hours is not null) then 3
        when v.entry_observed and v.exit_observed then 2
        else 1
    end as confidence,
    round(v.closest_km, 3) as closest_km
from visits as v
inner join {{ ref('ports') }} as p using (port_code)
