-- How many placements pixel_events holds, kept by the history service in the transaction that stores them, so the
-- history's range is read from one row rather than counted over every partition.
CREATE TABLE history_totals (
    id         boolean PRIMARY KEY DEFAULT true CHECK (id),
    placements bigint  NOT NULL
);

-- Counted with writers held off, so a history service of the version before, still storing, is not miscounted.
LOCK TABLE pixel_events IN SHARE MODE;
INSERT INTO history_totals (id, placements) SELECT true, count(*) FROM pixel_events;
