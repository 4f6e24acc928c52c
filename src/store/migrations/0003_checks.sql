-- Ceasefire Tracker, schema 3: the same tables and constraints, written so that SQLite
-- checks them cheaply.
--
-- A CHECK of the form `kind IN ('a', 'b', 'c')` (more than two words) makes SQLite build a
-- temporary b-tree of the words on every execution of an INSERT: six of them for each
-- event, which made writing an event several times slower than writing its row. The same
-- words compared one by one (`kind = 'a' OR kind = 'b' ...`) accept and refuse exactly the
-- same values without it.
--
-- An event's uuid is kept unique by a named index rather than a UNIQUE column, so that an
-- import into an empty event table can build it once after the rows, like the others.
--
-- Each table is rebuilt as SQLite documents for changing constraints: a new table, the rows
-- copied with their ids, the old one dropped, the new one renamed, its indexes made again.
-- The program runs this with foreign keys off and checks them before it commits.

CREATE TABLE party_new (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    kind        TEXT NOT NULL
                CHECK (kind = 'state' OR kind = 'person' OR kind = 'organization' OR kind = 'armed_group'
                       OR kind = 'coalition' OR kind = 'other'),
    member_of   INTEGER REFERENCES party (id) CHECK (member_of IS NULL OR member_of <> id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
INSERT INTO party_new SELECT * FROM party;
DROP TABLE party;
ALTER TABLE party_new RENAME TO party;

CREATE TABLE source_new (
    id                     INTEGER PRIMARY KEY,
    uuid                   TEXT NOT NULL UNIQUE,
    title                  TEXT NOT NULL CHECK (trim(title) <> ''),
    outlet                 TEXT NOT NULL DEFAULT '',
    url                    TEXT,
    published_on           TEXT,
    published_on_precision TEXT CHECK (published_on_precision = 'day' OR published_on_precision = 'month'
                                       OR published_on_precision = 'year'),
    recorded_at            TEXT NOT NULL,
    CHECK ((published_on IS NULL) = (published_on_precision IS NULL))
);
INSERT INTO source_new SELECT * FROM source;
DROP TABLE source;
ALTER TABLE source_new RENAME TO source;
CREATE INDEX source_by_url ON source (url);
CREATE INDEX source_by_title ON source (title);

CREATE TABLE proposal_new (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    title                 TEXT NOT NULL CHECK (trim(title) <> ''),
    summary               TEXT NOT NULL DEFAULT '',
    full_text             TEXT,
    proposed_by           INTEGER NOT NULL REFERENCES party (id),
    proposed_on           TEXT NOT NULL,
    proposed_on_precision TEXT NOT NULL CHECK (proposed_on_precision = 'day' OR proposed_on_precision = 'month'
                                               OR proposed_on_precision = 'year'),
    kind                  TEXT NOT NULL
                          CHECK (kind = 'general' OR kind = 'partial' OR kind = 'humanitarian_pause'
                                 OR kind = 'definitive'),
    scope                 TEXT NOT NULL DEFAULT '',
    duration_days         INTEGER CHECK (duration_days IS NULL OR duration_days > 0),
    process               TEXT NOT NULL DEFAULT '',
    supersedes            INTEGER REFERENCES proposal (id) CHECK (supersedes IS NULL OR supersedes <> id),
    recorded_at           TEXT NOT NULL
);
INSERT INTO proposal_new SELECT * FROM proposal;
DROP TABLE proposal;
ALTER TABLE proposal_new RENAME TO proposal;
CREATE INDEX proposal_by_title ON proposal (title);
CREATE INDEX proposal_by_supersedes ON proposal (supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE condition_new (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    proposal    INTEGER NOT NULL REFERENCES proposal (id),
    raised_by   INTEGER NOT NULL REFERENCES party (id),
    directed_at INTEGER REFERENCES party (id),
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    kind        TEXT NOT NULL CHECK (kind = 'precondition' OR kind = 'demand' OR kind = 'red_line'),
    category    TEXT NOT NULL
                CHECK (category = 'security_guarantees' OR category = 'peacekeeping' OR category = 'territory'
                       OR category = 'military_limits' OR category = 'arms_supplies' OR category = 'sanctions'
                       OR category = 'prisoners' OR category = 'monitoring' OR category = 'humanitarian'
                       OR category = 'political_status' OR category = 'other'),
    recorded_at TEXT NOT NULL
);
INSERT INTO condition_new SELECT * FROM condition;
DROP TABLE condition;
ALTER TABLE condition_new RENAME TO condition;
CREATE INDEX condition_by_proposal ON condition (proposal);

CREATE TABLE event_new (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL,
    proposal              INTEGER NOT NULL REFERENCES proposal (id),
    kind                  TEXT NOT NULL CHECK (kind = 'status' OR kind = 'stance' OR kind = 'condition'),
    status                TEXT CHECK (status = 'floated' OR status = 'under_negotiation'
                              OR status = 'partially_accepted' OR status = 'agreed' OR status = 'in_effect'
                              OR status = 'extended' OR status = 'violated' OR status = 'collapsed'
                              OR status = 'expired' OR status = 'superseded' OR status = 'rejected'
                              OR status = 'withdrawn' OR status = 'unclear'),
    party                 INTEGER REFERENCES party (id),
    stance                TEXT CHECK (stance = 'proposer' OR stance = 'supports'
                              OR stance = 'supports_with_conditions' OR stance = 'agrees_in_principle'
                              OR stance = 'no_position' OR stance = 'opposes' OR stance = 'rejects'
                              OR stance = 'withdrew_support'),
    role                  TEXT CHECK (role = 'party' OR role = 'mediator' OR role = 'guarantor'
                              OR role = 'observer' OR role = 'third_party'),
    condition             INTEGER REFERENCES condition (id),
    condition_status      TEXT CHECK (condition_status = 'raised' OR condition_status = 'under_negotiation'
                              OR condition_status = 'accepted' OR condition_status = 'rejected'
                              OR condition_status = 'met' OR condition_status = 'dropped'),
    occurred_on           TEXT NOT NULL,
    occurred_on_precision TEXT NOT NULL CHECK (occurred_on_precision = 'day' OR occurred_on_precision = 'month'
                                               OR occurred_on_precision = 'year'),
    note                  TEXT NOT NULL DEFAULT '',
    recorded_at           TEXT NOT NULL,
    retracted_at          TEXT,
    retraction_reason     TEXT,
    CHECK (
        (kind = 'status' AND status IS NOT NULL
            AND party IS NULL AND stance IS NULL AND role IS NULL
            AND condition IS NULL AND condition_status IS NULL)
        OR (kind = 'stance' AND party IS NOT NULL AND stance IS NOT NULL AND role IS NOT NULL
            AND status IS NULL AND condition IS NULL AND condition_status IS NULL)
        OR (kind = 'condition' AND condition IS NOT NULL AND condition_status IS NOT NULL
            AND status IS NULL AND party IS NULL AND stance IS NULL AND role IS NULL)
    ),
    CHECK ((retracted_at IS NULL) = (retraction_reason IS NULL)),
    CHECK (retraction_reason IS NULL OR trim(retraction_reason) <> '')
);
INSERT INTO event_new SELECT * FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE UNIQUE INDEX event_by_uuid ON event (uuid);
-- The hot path: the latest event of each kind per proposal, party or condition as of a date.
CREATE INDEX event_by_proposal ON event (proposal, kind, occurred_on, recorded_at, id);
CREATE INDEX event_by_party ON event (proposal, party, occurred_on, recorded_at, id) WHERE kind = 'stance';
CREATE INDEX event_by_condition ON event (condition, occurred_on, recorded_at, id) WHERE kind = 'condition';
CREATE INDEX event_by_date ON event (occurred_on);

CREATE TABLE revision_new (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    table_name TEXT NOT NULL CHECK (table_name = 'party' OR table_name = 'proposal' OR table_name = 'condition'),
    row_id     INTEGER NOT NULL,
    earlier    TEXT NOT NULL CHECK (json_valid(earlier)),
    changed_at TEXT NOT NULL
);
INSERT INTO revision_new SELECT * FROM revision;
DROP TABLE revision;
ALTER TABLE revision_new RENAME TO revision;
CREATE INDEX revision_by_row ON revision (table_name, row_id);
