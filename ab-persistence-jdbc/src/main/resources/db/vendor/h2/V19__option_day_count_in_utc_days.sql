-- V12 filled option_day_count with cast(first_seen at time zone 'UTC' as date), which H2 computes in the JVM's time
-- zone: an H2 database upgraded to V12 on a machine not set to UTC counted the devices registered before it by
-- local days, not UTC days (found 2026-12-03, docs/decisions/0022-day-window-counters.md). Counted again from the
-- assignments, by UTC day from epoch seconds, on stripe 0; registrations since V12 wrote UTC days (from Java), so
-- the recount changes only what V12 wrote. H2 is one process: nothing registers while this runs.
delete from option_day_count;

insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)
select a.experiment_key, date '1970-01-01' + cast(floor(extract(epoch from d.first_seen) / 86400) as integer),
       a.option_value, 0, count(*)
from assignment a join device d on d.token = a.device_token
where a.option_value is not null
group by a.experiment_key, date '1970-01-01' + cast(floor(extract(epoch from d.first_seen) / 86400) as integer),
         a.option_value;
