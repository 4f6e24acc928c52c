-- Ceasefire Tracker, schema 5: joint proposals, the ceasefire's clock, conditions partly met,
-- violation reports and implementation.
--
-- - A proposal may have co-proposers beside the party that proposed it (joint mediators:
--   Qatar, Egypt and the United States), in the order given.
-- - A proposal may be phase N of a deal (`phase_of`, `phase`).
-- - An `extended` status may carry a new end date (`until`) or the days it adds (`by_days`).
-- - A condition's status may be `partially_met`.
-- - A violation report is an entry of its own kind: dated (or a period, to `until`),
--   reported by a party (`party`) or only a source, against a party (`against`), what
--   happened (`note`), an optional count with its unit, a place, and whether the accused
--   disputes it.
-- - An implementation entry says how far a condition was carried out (`level`, the Peace
--   Accords Matrix scale): separate from the condition's status in the talks.
-- Both are events, so that they are sourced, retracted and merged like any other entry.
-- - Each proposal's standing says when its clock ends on that day (`ends_on`), when it has
--   one: the list shows days left and what is overdue from it.
--
-- The event table is rebuilt for its new columns and checks, as schema 3 did.

CREATE TABLE co_proposer (
    proposal INTEGER NOT NULL REFERENCES proposal (id),
    party    INTEGER NOT NULL REFERENCES party (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (proposal, position)
) WITHOUT ROWID;
CREATE INDEX co_proposer_by_party ON co_proposer (party);

ALTER TABLE proposal ADD COLUMN phase_of INTEGER REFERENCES proposal (id) CHECK (phase_of IS NULL OR phase_of <> id);
ALTER TABLE proposal ADD COLUMN phase INTEGER CHECK ((phase IS NULL) = (phase_of IS NULL) AND (phase IS NULL OR phase > 0));
CREATE INDEX proposal_by_phase ON proposal (phase_of, phase) WHERE phase_of IS NOT NULL;

CREATE TABLE event_new (
    id                    INTEGER PRIMARY KEY,
    uuid                  TEXT NOT NULL,
    proposal              INTEGER NOT NULL REFERENCES proposal (id),
    kind                  TEXT NOT NULL CHECK (kind = 'status' OR kind = 'stance' OR kind = 'condition'
                                               OR kind = 'violation' OR kind = 'implementation'),
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
                              OR condition_status = 'partially_met' OR condition_status = 'met'
                              OR condition_status = 'dropped'),
    occurred_on           TEXT NOT NULL,
    occurred_on_precision TEXT NOT NULL CHECK (occurred_on_precision = 'day' OR occurred_on_precision = 'month'
                                               OR occurred_on_precision = 'year'),
    note                  TEXT NOT NULL DEFAULT '',
    recorded_at           TEXT NOT NULL,
    retracted_at          TEXT,
    retraction_reason     TEXT,
    recorded_by           TEXT NOT NULL DEFAULT '',
    canonical_party       INTEGER REFERENCES party (id),
    until                 TEXT,
    until_precision       TEXT CHECK (until_precision = 'day' OR until_precision = 'month'
                                      OR until_precision = 'year'),
    by_days               INTEGER CHECK (by_days IS NULL OR by_days > 0),
    against               INTEGER REFERENCES party (id),
    count                 INTEGER CHECK (count IS NULL OR count >= 0),
    unit                  TEXT,
    place                 TEXT,
    disputed              INTEGER NOT NULL DEFAULT 0 CHECK (disputed = 0 OR disputed = 1),
    level                 TEXT CHECK (level = 'not_started' OR level = 'minimal' OR level = 'intermediate'
                              OR level = 'full'),
    CHECK (
        (kind = 'status' AND status IS NOT NULL
            AND party IS NULL AND stance IS NULL AND role IS NULL
            AND condition IS NULL AND condition_status IS NULL)
        OR (kind = 'stance' AND party IS NOT NULL AND stance IS NOT NULL AND role IS NOT NULL
            AND status IS NULL AND condition IS NULL AND condition_status IS NULL)
        OR (kind = 'condition' AND condition IS NOT NULL AND condition_status IS NOT NULL
            AND status IS NULL AND party IS NULL AND stance IS NULL AND role IS NULL)
        OR (kind = 'violation' AND status IS NULL AND stance IS NULL AND role IS NULL
            AND condition IS NULL AND condition_status IS NULL)
        OR (kind = 'implementation' AND condition IS NOT NULL AND level IS NOT NULL
            AND status IS NULL AND party IS NULL AND stance IS NULL AND role IS NULL AND condition_status IS NULL)
    ),
    CHECK (kind = 'violation' OR (against IS NULL AND count IS NULL AND unit IS NULL AND place IS NULL
                                  AND disputed = 0)),
    CHECK ((count IS NULL) = (unit IS NULL)),
    CHECK (kind = 'implementation' OR level IS NULL),
    CHECK ((retracted_at IS NULL) = (retraction_reason IS NULL)),
    CHECK (retraction_reason IS NULL OR trim(retraction_reason) <> ''),
    CHECK ((until IS NULL) = (until_precision IS NULL)),
    CHECK ((until IS NULL AND by_days IS NULL) OR (status = 'extended' AND (until IS NULL OR by_days IS NULL))
           OR (kind = 'violation' AND by_days IS NULL))
);
INSERT INTO event_new (id, uuid, proposal, kind, status, party, stance, role, condition, condition_status,
                       occurred_on, occurred_on_precision, note, recorded_at, retracted_at, retraction_reason,
                       recorded_by, canonical_party)
    SELECT id, uuid, proposal, kind, status, party, stance, role, condition, condition_status,
           occurred_on, occurred_on_precision, note, recorded_at, retracted_at, retraction_reason,
           recorded_by, canonical_party
    FROM event;
DROP TABLE event;
ALTER TABLE event_new RENAME TO event;
CREATE UNIQUE INDEX event_by_uuid ON event (uuid);
CREATE INDEX event_by_proposal ON event (proposal, kind, occurred_on, recorded_at, id);
CREATE INDEX event_by_party ON event (proposal, canonical_party, occurred_on, recorded_at, id) WHERE kind = 'stance';
CREATE INDEX event_by_condition ON event (condition, occurred_on, recorded_at, id) WHERE kind = 'condition';
CREATE INDEX event_by_implementation ON event (condition, occurred_on, recorded_at, id) WHERE kind = 'implementation';
CREATE INDEX event_by_violation ON event (proposal, occurred_on) WHERE kind = 'violation';
CREATE INDEX event_by_date ON event (occurred_on);

-- Where an imported proposal comes from: a research dataset and its id there ("PA-X 1364"),
-- the other datasets' records it names, its publisher's page, a fingerprint of what the
-- dataset said and the proposal's fields as it gave them, so that a newer release updates
-- only what changed in the dataset, and never a field the analyst corrected that the
-- dataset left as it was. A record like any other.
CREATE TABLE origin (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    proposal    INTEGER NOT NULL REFERENCES proposal (id),
    dataset     TEXT NOT NULL CHECK (dataset = 'pax' OR dataset = 'ucdp' OR dataset = 'ethprio'),
    origin_id   TEXT NOT NULL CHECK (trim(origin_id) <> ''),
    links       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(links)),
    page_url    TEXT,
    fingerprint TEXT NOT NULL,
    said        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(said)),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX origin_by_id ON origin (dataset, origin_id);
CREATE INDEX origin_by_proposal ON origin (proposal);

ALTER TABLE standing ADD COLUMN ends_on TEXT;
ALTER TABLE standing ADD COLUMN ends_on_precision TEXT;
ALTER TABLE latest_standing ADD COLUMN ends_on TEXT;
ALTER TABLE latest_standing ADD COLUMN ends_on_precision TEXT;
