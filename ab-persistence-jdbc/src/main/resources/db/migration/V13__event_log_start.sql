-- When this database began to keep events (issue 14): nothing was received before, so nothing before
-- it can have been dropped by the retention. Until the retention reaches past this instant the store
-- holds every event it ever got, and results may read any window (EventStore.eventsKeptSince).
create table event_log (
    started_at timestamp with time zone not null
);

insert into event_log (started_at) values (current_timestamp);
