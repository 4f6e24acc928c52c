-- Ceasefire Tracker, schema 1.
--
-- Happened-dates are the ISO first day (2025-03-01) plus a precision (day, month, year).
-- Recorded and retracted times are UTC text of fixed width (2025-03-13T09:30:00.000000Z),
-- so that they compare and sort as text. Vocabulary words are stored as their codes.
-- Nothing is ever deleted: an event entered in error is retracted, an edited record keeps
-- its earlier values in `revision`.

CREATE TABLE party (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE CHECK (trim(name) <> ''),
    kind        TEXT NOT NULL
                CHECK (kind IN ('state', 'person', 'organization', 'armed_group', 'coalition', 'other')),
    member_of   INTEGER REFERENCES party (id) CHECK (member_of IS NULL OR member_of <> id),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);

CREATE TABLE source (
    id                     INTEGER PRIMARY KEY,
    uuid                   TEXT NOT NULL UNIQUE,
    title                  TEXT NOT NULL CHECK (trim(title) <> ''),
    outlet                 TEXT NOT NULL DEFAULT '',
    url                    TEXT,
    published_on           TEXT,
    published_on_precision TEXT CHECK (published_on_precision IN ('day', 'month', 'year')),
    recorded_at            TEXT NOT NULL,
    CHECK ((published_on IS NULL) = (published_on_precision IS NULL))
);

CREATE INDEX source_by_url ON source (url);
CREATE INDEX source_by_title ON source (title);

CREATE TABLE proposal (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    title                 TEXT NOT NULL CHECK (trim(title) <> ''),
    summary               TEXT NOT NULL DEFAULT '',
    full_text             TEXT,
    proposed_by           INTEGER NOT NULL REFERENCES party (id),
    proposed_on           TEXT NOT NULL,
    proposed_on_precision TEXT NOT NULL CHECK (proposed_on_precision IN ('day', 'month', 'year')),
    kind                  TEXT NOT NULL
                          CHECK (kind IN ('general', 'partial', 'humanitarian_pause', 'definitive')),
    scope                 TEXT NOT NULL DEFAULT '',
    duration_days         INTEGER CHECK (duration_days IS NULL OR duration_days > 0),
    process               TEXT NOT NULL DEFAULT '',
    supersedes            INTEGER REFERENCES proposal (id) CHECK (supersedes IS NULL OR supersedes <> id),
    recorded_at           TEXT NOT NULL
);

CREATE INDEX proposal_by_title ON proposal (title);
CREATE INDEX proposal_by_supersedes ON proposal (supersedes) WHERE supersedes IS NOT NULL;

CREATE TABLE condition (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    proposal    INTEGER NOT NULL REFERENCES proposal (id),
    raised_by   INTEGER NOT NULL REFERENCES party (id),
    directed_at INTEGER REFERENCES party (id),
    text        TEXT NOT NULL CHECK (trim(text) <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('precondition', 'demand', 'red_line')),
    category    TEXT NOT NULL CHECK (category IN ('security_guarantees', 'peacekeeping', 'territory',
                    'military_limits', 'arms_supplies', 'sanctions', 'prisoners', 'monitoring',
                    'humanitarian', 'political_status', 'other')),
    recorded_at TEXT NOT NULL
);

CREATE INDEX condition_by_proposal ON condition (proposal);

-- Status, stance and condition events share one table, so that an event's id names it
-- whatever its kind (retraction takes one id). `kind` says which columns are filled.
CREATE TABLE event (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL UNIQUE,
    proposal              INTEGER NOT NULL REFERENCES proposal (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('status', 'stance', 'condition')),
    status                TEXT CHECK (status IN ('floated', 'under_negotiation', 'partially_accepted',
                              'agreed', 'in_effect', 'extended', 'violated', 'collapsed', 'expired',
                              'superseded', 'rejected', 'withdrawn', 'unclear')),
    party                 INTEGER REFERENCES party (id),
    stance                TEXT CHECK (stance IN ('proposer', 'supports', 'supports_with_conditions',
                              'agrees_in_principle', 'no_position', 'opposes', 'rejects',
                              'withdrew_support')),
    role                  TEXT CHECK (role IN ('party', 'mediator', 'guarantor', 'observer', 'third_party')),
    condition             INTEGER REFERENCES condition (id),
    condition_status      TEXT CHECK (condition_status IN ('raised', 'under_negotiation', 'accepted',
                              'rejected', 'met', 'dropped')),
    occurred_on           TEXT NOT NULL,
    occurred_on_precision TEXT NOT NULL CHECK (occurred_on_precision IN ('day', 'month', 'year')),
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

-- The hot path: the latest event of each kind per proposal, party or condition as of a date.
CREATE INDEX event_by_proposal ON event (proposal, kind, occurred_on, recorded_at, id);
CREATE INDEX event_by_party ON event (proposal, party, occurred_on, recorded_at, id) WHERE kind = 'stance';
CREATE INDEX event_by_condition ON event (condition, occurred_on, recorded_at, id) WHERE kind = 'condition';
CREATE INDEX event_by_date ON event (occurred_on);

CREATE TABLE event_source (
    event  INTEGER NOT NULL REFERENCES event (id),
    source INTEGER NOT NULL REFERENCES source (id),
    PRIMARY KEY (event, source)
) WITHOUT ROWID;

CREATE INDEX event_source_by_source ON event_source (source);

-- The earlier values of an edited party, proposal or condition (`table_name`, `row_id`),
-- as a JSON object in which other records are named by their uuid.
CREATE TABLE revision (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    table_name TEXT NOT NULL CHECK (table_name IN ('party', 'proposal', 'condition')),
    row_id     INTEGER NOT NULL,
    earlier    TEXT NOT NULL CHECK (json_valid(earlier)),
    changed_at TEXT NOT NULL
);

CREATE INDEX revision_by_row ON revision (table_name, row_id);
