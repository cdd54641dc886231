-- Coverage (issue 13, R7, docs/decisions/0013-coverage.md): the share of eligible new devices an
-- experiment enrols, as a plan over its slots: "from_slot:hundredths_of_a_percent" steps joined by ','
-- (dev.abkit.core.model.CoveragePlan; written and read by CoverageColumns), the first from slot 0, a
-- later one for each change made while it ran. Every experiment so far enrolled every eligible device.
alter table experiment add column coverage_plan varchar not null default '0:10000';
alter table experiment alter column coverage_plan drop default;

-- A device that the coverage left out holds its slot like an enrolled one, in a row without a value:
-- the slots of an experiment stay exactly 0 .. n-1, which the lost-slot check counts on. (A null
-- value is not checked by the foreign key to experiment_option, on PostgreSQL and H2 alike.)
alter table assignment alter column option_value drop not null;

-- Left-out devices per experiment for the statistics, striped like option_count.
create table left_out_count (
    experiment_key varchar(64) not null references experiment (experiment_key),
    stripe         smallint    not null check (stripe >= 0 and stripe < 16),
    devices        bigint      not null check (devices >= 0),
    primary key (experiment_key, stripe)
);

insert into left_out_count (experiment_key, stripe, devices)
select e.experiment_key, d.stripe, 0
from experiment e cross join device_count d;
