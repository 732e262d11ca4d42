-- Seed 2's events table: every placement the log holds, stored once (its band and sequence number are its identity,
-- so a placement replayed from Kafka conflicts and is skipped), partitioned by day of placement.
CREATE TABLE pixel_events (
    band         integer     NOT NULL,
    seq          bigint      NOT NULL,
    x            integer     NOT NULL,
    y            integer     NOT NULL,
    color        smallint    NOT NULL,
    user_id      text        NOT NULL,
    edge         integer     NOT NULL,
    stamp        bigint      NOT NULL,
    placed_at    timestamptz NOT NULL,
    log_offset   bigint      NOT NULL,
    PRIMARY KEY (band, seq, placed_at)
) PARTITION BY RANGE (placed_at);

CREATE INDEX pixel_events_pixel ON pixel_events (x, y, stamp DESC);
CREATE INDEX pixel_events_stamp ON pixel_events (stamp);

-- Seed 2's snapshots: the canvas (palette indexes, zlib) with every placement stamped at most `stamp`, and the log
-- offset from which every placement stamped after it is found (a rebuild of Redis starts there).
CREATE TABLE snapshots (
    stamp        bigint PRIMARY KEY,
    taken_at     timestamptz NOT NULL,
    placements   bigint      NOT NULL,
    commit_point bigint      NOT NULL,
    log_offset   bigint      NOT NULL,
    canvas       bytea       NOT NULL
);

-- How far the history service has stored the log (one row per partition), committed with the events.
CREATE TABLE log_positions (
    log_partition integer PRIMARY KEY,
    next_offset   bigint  NOT NULL
);
