-- Ceasefire Tracker team server, schema 1.
--
-- The team's records in plain tables of the schema `tracker`, one table per kind of record
-- with the fields of the export document (docs/export-format.md), so that an analyst can
-- query them with SQL. Records name each other by uuid. Happened-dates are the first day
-- (`date`) and a precision (`day`, `month`, `year`); vocabulary words are their codes.
--
-- Every row also says which device (a desktop's database) sent it first and that device's
-- number for it (`seq`, counting 1, 2, 3... per device). A desktop receives each device's
-- rows after the last number it has seen, up to that device's last completed push
-- (`push`), never by a global serial, which could skip a row committed late.
--
-- Who may do what is PostgreSQL's own business: group roles `viewer` (read), `editor`
-- (read, and insert records signed with their own role's name: row-level security) and
-- `admin` (read, and insert records signed by anyone); members are login roles in those
-- groups. Nobody but the owner of the tables may update or delete a row.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'viewer') THEN
        CREATE ROLE viewer NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'editor') THEN
        CREATE ROLE editor NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'admin') THEN
        CREATE ROLE admin NOLOGIN;
    END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO viewer, editor, admin', current_database());
END
$$;

CREATE SCHEMA tracker;

-- The schema version of this server, one row per migration applied.
CREATE TABLE tracker.schema_version (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tracker.party (
    uuid        uuid PRIMARY KEY,
    name        text NOT NULL,
    kind        text NOT NULL,
    member_of   uuid,
    note        text NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

CREATE TABLE tracker.source (
    uuid                   uuid PRIMARY KEY,
    title                  text NOT NULL,
    outlet                 text NOT NULL,
    url                    text,
    published_on           date,
    published_on_precision text,
    recorded_at            timestamptz NOT NULL,
    recorded_by            text NOT NULL,
    device                 uuid NOT NULL,
    seq                    bigint NOT NULL,
    UNIQUE (device, seq)
);

CREATE TABLE tracker.proposal (
    uuid                  uuid PRIMARY KEY,
    title                 text NOT NULL,
    summary               text NOT NULL,
    full_text             text,
    proposed_by           uuid NOT NULL,
    co_proposers          uuid[] NOT NULL,
    proposed_on           date NOT NULL,
    proposed_on_precision text NOT NULL,
    kind                  text NOT NULL,
    scope                 text NOT NULL,
    duration_days         bigint,
    process               text NOT NULL,
    supersedes            uuid,
    phase_of              uuid,
    phase                 bigint,
    recorded_at           timestamptz NOT NULL,
    recorded_by           text NOT NULL,
    device                uuid NOT NULL,
    seq                   bigint NOT NULL,
    UNIQUE (device, seq)
);

CREATE TABLE tracker.condition (
    uuid        uuid PRIMARY KEY,
    proposal    uuid NOT NULL,
    raised_by   uuid NOT NULL,
    directed_at uuid,
    text        text NOT NULL,
    kind        text NOT NULL,
    category    text NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

-- Every kind of entry: `kind` says which columns are filled (status; stance: party,
-- stance, role; condition: condition, condition_status; violation: party (who reported
-- it), against, disputed, until, count, unit, place; implementation: condition, level).
-- An extended status may carry a new end (`until`) or days added (`by_days`).
CREATE TABLE tracker.event (
    uuid                  uuid PRIMARY KEY,
    proposal              uuid NOT NULL,
    kind                  text NOT NULL,
    status                text,
    party                 uuid,
    stance                text,
    role                  text,
    condition             uuid,
    condition_status      text,
    against               uuid,
    disputed              boolean NOT NULL,
    count                 bigint,
    unit                  text NOT NULL,
    place                 text NOT NULL,
    level                 text,
    until                 date,
    until_precision       text,
    by_days               bigint,
    occurred_on           date NOT NULL,
    occurred_on_precision text NOT NULL,
    note                  text NOT NULL,
    sources               uuid[] NOT NULL,
    recorded_at           timestamptz NOT NULL,
    recorded_by           text NOT NULL,
    device                uuid NOT NULL,
    seq                   bigint NOT NULL,
    UNIQUE (device, seq)
);

-- An event or a source taken back as entered in error.
CREATE TABLE tracker.retraction (
    uuid        uuid PRIMARY KEY,
    entry       uuid NOT NULL,
    reason      text NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

-- An edit of a party, source, proposal or condition (`table_name`).
CREATE TABLE tracker.revision (
    uuid        uuid PRIMARY KEY,
    table_name  text NOT NULL,
    record      uuid NOT NULL,
    earlier     jsonb NOT NULL,
    changed_to  jsonb NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

-- "These two parties (or sources, `table_name`) are the same".
CREATE TABLE tracker.link (
    uuid        uuid PRIMARY KEY,
    table_name  text NOT NULL,
    record      uuid NOT NULL,
    same_as     uuid NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

-- Where a proposal imported from a research dataset comes from ("pax", "ucdp", "ethprio"
-- and its id there), with what the dataset said of it.
CREATE TABLE tracker.origin (
    uuid        uuid PRIMARY KEY,
    proposal    uuid NOT NULL,
    dataset     text NOT NULL,
    origin_id   text NOT NULL,
    links       text[] NOT NULL,
    page_url    text,
    fingerprint text NOT NULL,
    said        jsonb NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL,
    device      uuid NOT NULL,
    seq         bigint NOT NULL,
    UNIQUE (device, seq)
);

-- Each completed push: a device's rows up to `through` are all in. Rows above a device's
-- last push belong to a push still under way (or cut off, and sent again by the next).
CREATE TABLE tracker.push (
    device    uuid NOT NULL,
    through   bigint NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    pushed_by text NOT NULL DEFAULT current_user,
    PRIMARY KEY (device, through)
);

GRANT USAGE ON SCHEMA tracker TO viewer, editor, admin;
GRANT SELECT ON ALL TABLES IN SCHEMA tracker TO viewer, editor, admin;
GRANT INSERT ON tracker.party, tracker.source, tracker.proposal, tracker.condition, tracker.event,
    tracker.retraction, tracker.revision, tracker.link, tracker.origin, tracker.push TO editor, admin;

ALTER TABLE tracker.party ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.source ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.proposal ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.condition ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.event ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.retraction ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.link ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.origin ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracker.push ENABLE ROW LEVEL SECURITY;

-- Everyone in the team reads everything; an editor inserts only records signed with their
-- own role's name (and pushes as themselves); an admin inserts anyone's.
CREATE POLICY team_reads ON tracker.party FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.party FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.party FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.source FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.source FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.source FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.proposal FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.proposal FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.proposal FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.condition FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.condition FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.condition FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.event FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.event FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.event FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.retraction FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.retraction FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.retraction FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.revision FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.revision FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.revision FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.link FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.link FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.link FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.origin FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY editor_signs ON tracker.origin FOR INSERT TO editor WITH CHECK (recorded_by = current_user);
CREATE POLICY admin_brings ON tracker.origin FOR INSERT TO admin WITH CHECK (true);
CREATE POLICY team_reads ON tracker.push FOR SELECT TO viewer, editor, admin USING (true);
CREATE POLICY members_push ON tracker.push FOR INSERT TO editor, admin WITH CHECK (pushed_by = current_user);
