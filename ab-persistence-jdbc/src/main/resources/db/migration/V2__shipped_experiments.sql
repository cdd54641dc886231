-- R5: a fresh install already runs button_color and price, created here before any device can
-- arrive. Keys, options, weights, creation instants and seeds are exactly those of
-- dev.abkit.core.model.ShippedExperiments (seeds 0x5EED0001 and 0x5EED0002); a contract test
-- holds the migrated database to them.

insert into experiment (id, experiment_key, status, created_at, seed)
values (nextval('experiment_id_seq'), 'button_color', 'RUNNING', timestamp with time zone '2026-01-01 00:00:00+00', 1592590337);
insert into experiment (id, experiment_key, status, created_at, seed)
values (nextval('experiment_id_seq'), 'price', 'RUNNING', timestamp with time zone '2026-01-01 00:00:01+00', 1592590338);

insert into experiment_option (experiment_key, position, option_value, weight)
values ('button_color', 0, '#FF0000', 33.3),
       ('button_color', 1, '#00FF00', 33.3),
       ('button_color', 2, '#0000FF', 33.3),
       ('price', 0, '10', 75),
       ('price', 1, '20', 10),
       ('price', 2, '50', 5),
       ('price', 3, '5', 10);

-- One slot sequence per experiment, named by its id (JdbcExperiments creates the same for new
-- ones): the first device enrolled takes slot 0.
create sequence experiment_slot_1 start with 0 minvalue 0 increment by 1 cache 1;
create sequence experiment_slot_2 start with 0 minvalue 0 increment by 1 cache 1;

insert into option_count (experiment_key, option_value, stripe, devices)
select o.experiment_key, o.option_value, d.stripe, 0
from experiment_option o cross join device_count d;
