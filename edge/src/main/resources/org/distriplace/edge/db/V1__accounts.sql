-- Players' accounts and moderators' bans, shared by every edge (a node keeps them in its replicated log).
CREATE TABLE accounts (
    name          text PRIMARY KEY,
    password_hash text   NOT NULL,
    created_at    bigint NOT NULL
);

CREATE TABLE bans (
    name      text PRIMARY KEY,
    banned_by text   NOT NULL,
    reason    text   NOT NULL,
    banned_at bigint NOT NULL
);

-- Every change, in order: its id is the entry's sequence, and edges reload when the newest id moves.
CREATE TABLE account_changes (
    id     bigserial PRIMARY KEY,
    kind   text   NOT NULL,
    name   text   NOT NULL,
    detail text   NOT NULL,
    actor  text   NOT NULL,
    at     bigint NOT NULL
);
