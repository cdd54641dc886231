-- Windowed results count the devices assigned before the window's end from option_day_count (V12) for
-- whole days and from the devices of the end's own day, found by their first_seen (AssignedBefore),
-- instead of joining all of an experiment's assignments with their devices. One more index entry per
-- new device, appended at the index's right edge (first_seen is the registration's clock).
create index device_first_seen on device (first_seen);
