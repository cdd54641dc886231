-- The daily upkeep folds the settled day-pair cells of stripes other than 0 onto stripe 0 (DayPairFolding, decision 22):
-- these indexes find them without reading the cells already folded, which are most of a long experiment's. Partial
-- indexes, which H2 has not: there this version counts option_day_count again by UTC days instead (V12 counted
-- H2's in the JVM's zone; PostgreSQL's were UTC days already).
create index day_pair_count_striped on day_pair_count (second_day) where stripe <> 0;
create index exposed_day_pair_count_striped on exposed_day_pair_count (second_day) where stripe <> 0;
