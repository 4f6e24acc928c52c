-- Ceasefire Tracker, schema 2: where each proposal stood at the end of every day on which
-- something happened to it, as known now. Derived from `event` alone (the program
-- rebuilds a proposal's rows whenever one of its events is written or retracted), so that
-- the proposals list as of any date is one lookup per proposal.

CREATE TABLE standing (
    proposal               INTEGER NOT NULL REFERENCES proposal (id),
    day                    TEXT NOT NULL,
    status                 TEXT,
    status_since           TEXT,
    status_since_precision TEXT,
    supporters             INTEGER NOT NULL,
    conditional            INTEGER NOT NULL,
    opposed                INTEGER NOT NULL,
    open_conditions        INTEGER NOT NULL,
    last_change            TEXT NOT NULL,
    last_change_precision  TEXT NOT NULL,
    PRIMARY KEY (proposal, day)
) WITHOUT ROWID;

-- Each proposal's latest line in `standing`: the list as of today (or any date after the
-- latest event) reads this small table in the order of the proposals.
CREATE TABLE latest_standing (
    proposal               INTEGER PRIMARY KEY REFERENCES proposal (id),
    day                    TEXT NOT NULL,
    status                 TEXT,
    status_since           TEXT,
    status_since_precision TEXT,
    supporters             INTEGER NOT NULL,
    conditional            INTEGER NOT NULL,
    opposed                INTEGER NOT NULL,
    open_conditions        INTEGER NOT NULL,
    last_change            TEXT NOT NULL,
    last_change_precision  TEXT NOT NULL
);
