-- Ceasefire Tracker, schema 4: every change a record, so that two analysts' files merge
-- by set union.
--
-- - Every record says who recorded it (`recorded_by`, the analyst's name; empty for what
--   was recorded before names were kept).
-- - A retraction is a record of its own (`retraction`), naming the entry it takes back by
--   uuid; the same entry may be retracted on two machines. An event's `retracted_at` and
--   `retraction_reason` are kept as a copy of its earliest retraction, for the views.
-- - An edit is a revision record holding the values before (`earlier`, as its analyst saw
--   them) and after (`changed_to`); a field's current value is the one of the latest
--   revision by (recorded time, uuid). The record's row holds the current values.
-- - Parties with the same name, and sources with the same link, are one: a party's
--   `canonical` names the party it is one with (NULL: itself), and so does a source's. A
--   person may also say that two differently named parties or sources are the same: a
--   recorded link (`party_link`, `source_link`). Names are unique among canonical parties,
--   which the program keeps.
-- - A stance event keeps the party it was recorded for (`party`) and, for the views, the
--   canonical party of it (`canonical_party`), which a merge moves.

CREATE TABLE party_new (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (trim(name) <> ''),
    kind        TEXT NOT NULL
                CHECK (kind = 'state' OR kind = 'person' OR kind = 'organization' OR kind = 'armed_group'
                       OR kind = 'coalition' OR kind = 'other'),
    member_of   INTEGER REFERENCES party (id) CHECK (member_of IS NULL OR member_of <> id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    canonical   INTEGER REFERENCES party (id) CHECK (canonical IS NULL OR canonical <> id)
);
INSERT INTO party_new (id, uuid, name, kind, member_of, note, recorded_at)
    SELECT id, uuid, name, kind, member_of, note, recorded_at FROM party;
DROP TABLE party;
ALTER TABLE party_new RENAME TO party;
CREATE INDEX party_by_name ON party (name);
CREATE INDEX party_by_canonical ON party (canonical) WHERE canonical IS NOT NULL;

ALTER TABLE source ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE source ADD COLUMN canonical INTEGER REFERENCES source (id);
ALTER TABLE source ADD COLUMN retracted_at TEXT;
ALTER TABLE source ADD COLUMN retraction_reason TEXT;
ALTER TABLE proposal ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE condition ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE event ADD COLUMN canonical_party INTEGER REFERENCES party (id);
UPDATE event SET canonical_party = party WHERE kind = 'stance';
DROP INDEX event_by_party;
CREATE INDEX event_by_party ON event (proposal, canonical_party, occurred_on, recorded_at, id)
    WHERE kind = 'stance';

CREATE TABLE revision_new (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    table_name  TEXT NOT NULL
                CHECK (table_name = 'party' OR table_name = 'proposal' OR table_name = 'condition'
                       OR table_name = 'source'),
    row_id      INTEGER NOT NULL,
    earlier     TEXT NOT NULL CHECK (json_valid(earlier)),
    changed_to  TEXT NOT NULL CHECK (json_valid(changed_to)),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
-- The values after each revision are filled in by the program from the chain.
INSERT INTO revision_new (id, uuid, table_name, row_id, earlier, changed_to, recorded_at)
    SELECT id, uuid, table_name, row_id, earlier, '{}', changed_at FROM revision;
DROP TABLE revision;
ALTER TABLE revision_new RENAME TO revision;
CREATE INDEX revision_by_row ON revision (table_name, row_id, recorded_at, uuid);

CREATE TABLE retraction (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    -- The uuid of the event or source retracted.
    entry       TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (trim(reason) <> ''),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX retraction_by_entry ON retraction (entry, recorded_at, uuid);

CREATE TABLE party_link (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    record      INTEGER NOT NULL REFERENCES party (id),
    same_as     INTEGER NOT NULL REFERENCES party (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    CHECK (record <> same_as)
);
CREATE INDEX party_link_by_record ON party_link (record);

CREATE TABLE source_link (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    record      INTEGER NOT NULL REFERENCES source (id),
    same_as     INTEGER NOT NULL REFERENCES source (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT '',
    CHECK (record <> same_as)
);
CREATE INDEX source_link_by_record ON source_link (record);
