-- What a window of whole days reads from day_pair_count in a long experiment (decision 22), without a server:
-- a 365-day experiment with 3 options and every cell on all 16 stripes, then after the daily upkeep's fold of the
-- settled cells (second day more than 32 days old) onto one stripe (DayPairFolding, decision 22), timed too. The query is the one
-- DayWindowFigures sends, prepared. Run on a scratch database:
--   createdb abkit_cells && psql -d abkit_cells -f bench/sql/day-pair-reads.sql && dropdb abkit_cells
-- Recorded in docs/performance.md, "Windows from day-pair counters" (each window twice; read the second).
\set ON_ERROR_STOP on
create table day_pair_count (
    experiment_key varchar(64) not null, metric varchar(64) not null, second_day date not null,
    first_day date not null, option_value varchar(200) not null, stripe smallint not null, devices bigint not null,
    valued bigint not null, total double precision not null, product double precision not null,
    primary key (experiment_key, metric, second_day, first_day, option_value, stripe));
insert into day_pair_count
select 'long', 'purchase', date '2026-01-01' + e, date '2026-01-01' + d, o, s, 1, 1, 1.5, 2.25
from generate_series(0, 364) e, generate_series(0, 364) d, unnest(array['a', 'b', 'c']) o, generate_series(0, 15) s
where d <= e;
vacuum analyze day_pair_count;
select count(*) as cells, pg_size_pretty(pg_total_relation_size('day_pair_count')) as size from day_pair_count;

prepare window_of_days(date, date) as
select option_value,
       sum(case when (first_day = second_day or first_day < $1) then devices else 0 end),
       sum(case when first_day = second_day then valued else 0 end),
       sum(case when first_day = second_day then total else 0 end),
       sum(case when first_day = second_day then product when first_day >= $1 then 2 * product else 0 end)
from day_pair_count where experiment_key = 'long' and metric = 'purchase' and second_day >= $1 and second_day < $2
group by option_value;

\timing on
\echo every stripe: the whole year, the last 30 days, one day, the last quarter
execute window_of_days('2026-01-01', '2027-01-01');
execute window_of_days('2026-01-01', '2027-01-01');
execute window_of_days('2026-12-01', '2026-12-31');
execute window_of_days('2026-12-01', '2026-12-31');
execute window_of_days('2026-12-30', '2026-12-31');
execute window_of_days('2026-12-30', '2026-12-31');
execute window_of_days('2026-10-01', '2027-01-01');
execute window_of_days('2026-10-01', '2027-01-01');
\timing off

-- DayPairFolding's statement on PostgreSQL (settled: second day more than 32 days before 2026-12-31), timed.
\timing on
with folded as (
  delete from day_pair_count where second_day < date '2026-12-31' - 32 and stripe <> 0
  returning experiment_key, metric, second_day, first_day, option_value, devices, valued, total, product)
insert into day_pair_count as c (experiment_key, metric, second_day, first_day, option_value, stripe, devices, valued,
                                 total, product)
select experiment_key, metric, second_day, first_day, option_value, 0, sum(devices), sum(valued), sum(total),
       sum(product)
from folded group by experiment_key, metric, second_day, first_day, option_value
on conflict (experiment_key, metric, second_day, first_day, option_value, stripe) do update
set devices = c.devices + excluded.devices, valued = c.valued + excluded.valued, total = c.total + excluded.total,
    product = c.product + excluded.product;
\timing off
vacuum full analyze day_pair_count;
select count(*) as cells, pg_size_pretty(pg_total_relation_size('day_pair_count')) as size from day_pair_count;

\timing on
\echo old cells folded: the same windows
execute window_of_days('2026-01-01', '2027-01-01');
execute window_of_days('2026-01-01', '2027-01-01');
execute window_of_days('2026-12-01', '2026-12-31');
execute window_of_days('2026-12-01', '2026-12-31');
execute window_of_days('2026-12-30', '2026-12-31');
execute window_of_days('2026-12-30', '2026-12-31');
execute window_of_days('2026-10-01', '2027-01-01');
execute window_of_days('2026-10-01', '2027-01-01');
