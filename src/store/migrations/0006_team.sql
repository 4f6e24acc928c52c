-- Ceasefire Tracker, schema 6: this file's place on a team server.
--
-- A database that joins a team is one device there: it numbers the records made (or
-- brought in) here, 1, 2, 3..., and sends them in that order; it takes in the others'
-- records device by device, after the last number it has seen of each. The records
-- themselves stay in their own tables, unchanged; these tables only say how far the
-- exchange has gone. The password is never here: it is in the OS keyring.

-- The team this file belongs to: one row, or none before joining.
CREATE TABLE team (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    -- The server, as a PostgreSQL URL without a password.
    url          TEXT NOT NULL,
    user_name    TEXT NOT NULL,
    -- The certificate authority that signed the server's certificate, when one was given.
    ca_file      TEXT,
    -- The role the server gave the user (viewer, editor, admin), as last seen.
    role         TEXT NOT NULL DEFAULT '',
    -- This database's device id on the server.
    device       TEXT NOT NULL,
    -- The last number given to a record here, and the last one the server is known to hold.
    numbered     INTEGER NOT NULL DEFAULT 0,
    sent         INTEGER NOT NULL DEFAULT 0,
    joined_at    TEXT NOT NULL,
    -- The last sync that completed, and what it moved.
    synced_at    TEXT,
    last_pushed  INTEGER NOT NULL DEFAULT 0,
    last_pulled  INTEGER NOT NULL DEFAULT 0,
    CHECK (sent <= numbered)
);

-- For each record table, the highest row id already taken in: numbered to be sent, or
-- received from the server. Rows above it were written here since and wait to be numbered.
CREATE TABLE team_mark (
    table_name TEXT PRIMARY KEY,
    through_id INTEGER NOT NULL
) WITHOUT ROWID;

-- This device's records numbered and not yet known to be on the server.
CREATE TABLE team_outbox (
    seq        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     INTEGER NOT NULL
);

-- The last number received from each other device.
CREATE TABLE team_seen (
    device TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
) WITHOUT ROWID;
