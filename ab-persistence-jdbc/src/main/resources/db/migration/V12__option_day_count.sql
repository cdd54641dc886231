-- New devices per option and UTC day of their first_seen (when every assignment of a device happened, R2),
-- for the daily cumulative conversion (docs/decisions/0014-events-and-results-storage.md): kept by each
-- registration in its transaction, beside option_count and striped like it, so that the daily chart
-- reads a few rows per day instead of grouping all of an experiment's assignments. A row appears with
-- the first device of its day on its stripe. Left-out devices (R7) hold no value and count nowhere here,
-- as in option_count.
create table option_day_count (
    experiment_key varchar(64)  not null,
    first_day      date         not null,
    option_value   varchar(200) not null,
    stripe         smallint     not null check (stripe >= 0 and stripe < 16),
    devices        bigint       not null check (devices >= 0),
    primary key (experiment_key, first_day, option_value, stripe),
    foreign key (experiment_key, option_value) references experiment_option (experiment_key, option_value)
);

-- The devices registered before this version, on stripe 0 (readers add the stripes up).
insert into option_day_count (experiment_key, first_day, option_value, stripe, devices)
select a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value, 0, count(*)
from assignment a join device d on d.token = a.device_token
where a.option_value is not null
group by a.experiment_key, cast(d.first_seen at time zone 'UTC' as date), a.option_value;
