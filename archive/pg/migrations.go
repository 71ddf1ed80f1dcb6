package pg

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// migrations are the schema's steps, applied in order at Open and
// recorded in schema_migrations. Never edit a step that has shipped: add
// one.
var migrations = []string{
	1: `
CREATE TABLE crawls (
	id          BIGSERIAL PRIMARY KEY,
	source      TEXT NOT NULL,
	base_url    TEXT NOT NULL,
	started_at  TIMESTAMPTZ NOT NULL,
	finished_at TIMESTAMPTZ,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
	report      TEXT
);
CREATE INDEX crawls_source ON crawls (source, id);
CREATE TABLE captures (
	id             BIGSERIAL PRIMARY KEY,
	crawl_id       BIGINT REFERENCES crawls(id),
	url            TEXT NOT NULL,
	method         TEXT,
	fetched_at     TIMESTAMPTZ NOT NULL,
	status         INTEGER NOT NULL,
	content_type   TEXT NOT NULL DEFAULT '',
	etag           TEXT NOT NULL DEFAULT '',
	last_modified  TEXT NOT NULL DEFAULT '',
	payload_digest TEXT NOT NULL,
	payload_length BIGINT NOT NULL,
	truncated      TEXT NOT NULL DEFAULT '',
	revisit_of     BIGINT REFERENCES captures(id),
	warc_file      TEXT NOT NULL,
	warc_offset    BIGINT NOT NULL,
	warc_length    BIGINT NOT NULL,
	warc_record_id TEXT NOT NULL,
	UNIQUE (warc_file, warc_offset)
);
CREATE INDEX captures_url ON captures (url, fetched_at);
CREATE INDEX captures_crawl ON captures (crawl_id, url);
CREATE TABLE fetch_errors (
	id       BIGSERIAL PRIMARY KEY,
	crawl_id BIGINT REFERENCES crawls(id),
	url      TEXT NOT NULL,
	at       TIMESTAMPTZ NOT NULL,
	kind     TEXT NOT NULL,
	message  TEXT NOT NULL
);
CREATE TABLE records (
	id             BIGINT PRIMARY KEY,
	url            TEXT NOT NULL,
	first_seen     TIMESTAMPTZ NOT NULL,
	last_seen      TIMESTAMPTZ NOT NULL,
	latest_version INTEGER NOT NULL
);
CREATE TABLE record_versions (
	id             BIGSERIAL PRIMARY KEY,
	record_id      BIGINT NOT NULL REFERENCES records(id),
	version        INTEGER NOT NULL,
	capture_id     BIGINT NOT NULL REFERENCES captures(id),
	parser_version TEXT NOT NULL,
	created_at     TIMESTAMPTZ NOT NULL,
	data           TEXT NOT NULL,
	changed_fields TEXT NOT NULL,
	UNIQUE (record_id, version)
);
CREATE INDEX record_versions_capture ON record_versions (capture_id);
CREATE TABLE links (
	url        TEXT PRIMARY KEY,
	first_seen TIMESTAMPTZ NOT NULL,
	active     BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE TABLE link_refs (
	url           TEXT NOT NULL REFERENCES links(url),
	record_id     BIGINT NOT NULL REFERENCES records(id),
	field         TEXT NOT NULL,
	source        TEXT NOT NULL,
	declared_gone BOOLEAN NOT NULL,
	PRIMARY KEY (url, record_id, field)
);
CREATE INDEX link_refs_record ON link_refs (record_id);
CREATE TABLE parse_failures (
	record_id      BIGINT PRIMARY KEY,
	url            TEXT NOT NULL,
	capture_id     BIGINT NOT NULL REFERENCES captures(id),
	crawl_id       BIGINT REFERENCES crawls(id),
	reason         TEXT NOT NULL,
	parser_version TEXT NOT NULL,
	first_failed   TIMESTAMPTZ NOT NULL,
	last_failed    TIMESTAMPTZ NOT NULL
);
CREATE TABLE frontier (
	crawl_id INTEGER NOT NULL REFERENCES crawls(id),
	key      TEXT NOT NULL,
	seq      BIGSERIAL,
	url      TEXT NOT NULL,
	state    TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed', 'excluded')),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (crawl_id, key)
);
CREATE INDEX frontier_state ON frontier (crawl_id, state, seq);
`,
	// Several nodes: who they are, leases on the shared frontier, one
	// politeness row per host (or domain, or address), the WARC files
	// each node writes, and captures whose file is not uploaded yet or
	// that lost a race for their URL.
	2: `
CREATE TABLE nodes (
	name        TEXT PRIMARY KEY,
	incarnation TEXT NOT NULL,
	started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
	last_seen   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE hosts (
	key           TEXT PRIMARY KEY,
	next_allowed  TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
	blocked_until TIMESTAMPTZ,
	delay_ms      BIGINT NOT NULL CHECK (delay_ms >= 0),
	max_in_flight INTEGER NOT NULL CHECK (max_in_flight >= 1)
);
CREATE SEQUENCE lease_ids;
ALTER TABLE frontier
	ADD COLUMN host          TEXT NOT NULL DEFAULT '',
	ADD COLUMN lease_owner   TEXT,
	ADD COLUMN lease_id      BIGINT,
	ADD COLUMN lease_expires TIMESTAMPTZ,
	ADD COLUMN attempts      INTEGER NOT NULL DEFAULT 0;
CREATE INDEX frontier_claim ON frontier (crawl_id, host, seq) WHERE state = 'queued';
CREATE INDEX frontier_leases ON frontier (lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX frontier_host_leases ON frontier (host) WHERE lease_owner IS NOT NULL;
CREATE TABLE warc_files (
	name       TEXT PRIMARY KEY,
	node       TEXT NOT NULL,
	state      TEXT NOT NULL CHECK (state IN ('open', 'pending', 'stored')),
	size       BIGINT NOT NULL DEFAULT 0,
	sha256     TEXT NOT NULL DEFAULT '',
	location   TEXT NOT NULL DEFAULT '',
	opened_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
	closed_at  TIMESTAMPTZ,
	stored_at  TIMESTAMPTZ
);
ALTER TABLE captures
	ADD COLUMN pending   BOOLEAN NOT NULL DEFAULT FALSE,
	ADD COLUMN duplicate BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX captures_pending ON captures (warc_file) WHERE pending;
`,
	// Times of the catalog as SQLite keeps them: sortable text, UTC, to
	// the nanosecond (archive.TimeFormat), so that an archive moved from
	// SQLite loses nothing; and the rest of its tables.
	3: `
ALTER TABLE crawls ALTER COLUMN started_at TYPE TEXT USING ` + textTime("started_at") + `,
	ALTER COLUMN finished_at TYPE TEXT USING ` + textTime("finished_at") + `;
ALTER TABLE captures ALTER COLUMN fetched_at TYPE TEXT USING ` + textTime("fetched_at") + `;
ALTER TABLE fetch_errors ALTER COLUMN at TYPE TEXT USING ` + textTime("at") + `;
ALTER TABLE records ALTER COLUMN first_seen TYPE TEXT USING ` + textTime("first_seen") + `,
	ALTER COLUMN last_seen TYPE TEXT USING ` + textTime("last_seen") + `;
ALTER TABLE record_versions ALTER COLUMN created_at TYPE TEXT USING ` + textTime("created_at") + `;
ALTER TABLE parse_failures ALTER COLUMN first_failed TYPE TEXT USING ` + textTime("first_failed") + `,
	ALTER COLUMN last_failed TYPE TEXT USING ` + textTime("last_failed") + `;
ALTER TABLE links ALTER COLUMN first_seen TYPE TEXT USING ` + textTime("first_seen") + `,
	ADD COLUMN state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	ADD COLUMN state_since       TEXT,
	ADD COLUMN fail_streak       INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN fail_since        TEXT,
	ADD COLUMN ok_streak         INTEGER NOT NULL DEFAULT 0,
	ADD COLUMN ok_since          TEXT,
	ADD COLUMN last_checked      TEXT,
	ADD COLUMN last_verdict      TEXT NOT NULL DEFAULT '',
	ADD COLUMN last_ok           TEXT,
	ADD COLUMN last_good_capture BIGINT REFERENCES captures(id),
	ADD COLUMN redirect_chain    TEXT NOT NULL DEFAULT '[]';
CREATE INDEX links_state ON links (state, url);
CREATE INDEX captures_digest ON captures (payload_digest);
CREATE TABLE link_checks (
	id         BIGSERIAL PRIMARY KEY,
	url        TEXT NOT NULL,
	checked_at TEXT NOT NULL,
	verdict    TEXT NOT NULL,
	status     INTEGER NOT NULL,
	method     TEXT NOT NULL,
	final_url  TEXT NOT NULL,
	chain      TEXT NOT NULL,
	error      TEXT NOT NULL,
	capture_id BIGINT REFERENCES captures(id),
	elapsed_ms BIGINT NOT NULL,
	state      TEXT CHECK (state IN ('up', 'suspect', 'down')),
	works      BOOLEAN
);
CREATE INDEX link_checks_url ON link_checks (url, checked_at);
CREATE INDEX link_checks_capture ON link_checks (capture_id);
CREATE TABLE site_links (
	url        TEXT NOT NULL REFERENCES links(url),
	source     TEXT NOT NULL,
	page_url   TEXT NOT NULL,
	first_seen TEXT NOT NULL,
	PRIMARY KEY (url, source, page_url)
);
CREATE TABLE parse_results (
	crawl_id   BIGINT NOT NULL REFERENCES crawls(id),
	record_id  BIGINT NOT NULL,
	url        TEXT NOT NULL,
	capture_id BIGINT REFERENCES captures(id),
	outcome    TEXT NOT NULL CHECK (outcome IN ('parsed', 'unchanged', 'unreadable')),
	via        TEXT NOT NULL CHECK (via IN ('fetched', 'not_modified')),
	fields     TEXT NOT NULL DEFAULT '[]',
	unknown    TEXT NOT NULL DEFAULT '[]',
	fuzzy      TEXT NOT NULL DEFAULT '[]',
	reason     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (crawl_id, record_id)
);
CREATE TABLE parse_drift (
	source         TEXT PRIMARY KEY,
	state          TEXT NOT NULL CHECK (state IN ('healthy', 'drift')),
	since          TEXT NOT NULL,
	since_crawl    BIGINT REFERENCES crawls(id),
	last_crawl     BIGINT REFERENCES crawls(id),
	baseline_crawl BIGINT REFERENCES crawls(id),
	findings       TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE alerts (
	id                BIGSERIAL PRIMARY KEY,
	kind              TEXT NOT NULL CHECK (kind IN ('down', 'up', 'drift', 'recovered')),
	url               TEXT NOT NULL,
	verdict           TEXT NOT NULL,
	since             TEXT NOT NULL,
	at                TEXT NOT NULL,
	last_good_capture BIGINT REFERENCES captures(id),
	delivered         TEXT NOT NULL DEFAULT '{}',
	source            TEXT NOT NULL DEFAULT '',
	detail            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_at ON alerts (at, id);
CREATE TABLE catalog (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	uuid TEXT NOT NULL
);
INSERT INTO catalog (id, uuid) VALUES (1, gen_random_uuid()::text);
`,
	// A node that stopped cleanly says so: it is not alive, whatever its
	// last heartbeat.
	4: `
ALTER TABLE nodes ADD COLUMN stopped_at TIMESTAMPTZ;
`,
	// Browsing the records (archivio serve): a summary of each record's
	// latest version, kept by a trigger (see summariesStep).
	5: summariesStep,
	// Link checks shared by the nodes: a run's links are queued in the
	// frontier of its crawls row (source "links"), and each check names
	// its run, so that a run is seen to have checked each link once.
	6: `
ALTER TABLE link_checks ADD COLUMN run_id BIGINT REFERENCES crawls(id);
CREATE INDEX link_checks_run ON link_checks (run_id, url) WHERE run_id IS NOT NULL;
`,
	// A shared crawl's page budget (--max-pages), counted over all nodes:
	// at most this many URLs are ever queued in its frontier, 0 for no
	// limit.
	7: `
ALTER TABLE crawls ADD COLUMN max_pages INTEGER NOT NULL DEFAULT 0 CHECK (max_pages >= 0);
`,
	// The requests of shared link checks in flight, one row each, per
	// politeness row: every request of a check (a GET after a HEAD, each
	// redirect hop, a snapshot's pages) is paced and counted over all
	// nodes, not only a link's first.
	8: `
CREATE TABLE host_requests (
	id      BIGSERIAL PRIMARY KEY,
	host    TEXT NOT NULL,
	owner   TEXT NOT NULL,
	expires TIMESTAMPTZ NOT NULL
);
CREATE INDEX host_requests_host ON host_requests (host, expires);
`,
	// A site source's crawl shared by the nodes: how many links from a
	// seed led to each URL, and the key of the page that led to it. Nodes
	// claim the shallowest queued URLs first, one depth after the other.
	9: `
ALTER TABLE frontier
	ADD COLUMN depth INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0),
	ADD COLUMN via   TEXT NOT NULL DEFAULT '';
CREATE INDEX frontier_depth ON frontier (crawl_id, depth) WHERE state = 'queued';
`,
	// Each alert's delivery, as on one machine (archive/alerts.go), and
	// the node process that claimed a pending alert to deliver it, until
	// claim_expires: a node starting re-sends the pending alerts no live
	// claim holds, so two nodes never re-send the same alert and one that
	// died while delivering holds its alerts only until its claim
	// expires. Alerts stored before are settled, never re-sent.
	10: `
ALTER TABLE alerts
	ADD COLUMN delivery      TEXT NOT NULL DEFAULT 'unknown'
		CHECK (delivery IN ('unknown', 'none', 'pending', 'delivered', 'failed')),
	ADD COLUMN attempts      INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
	ADD COLUMN claim_owner   TEXT,
	ADD COLUMN claim_expires TIMESTAMPTZ;
UPDATE alerts SET
	delivery = CASE WHEN delivered LIKE '%"error"%' THEN 'failed' WHEN delivered LIKE '%"ok"%' THEN 'delivered' ELSE 'unknown' END,
	attempts = CASE WHEN delivered = '{}' THEN 0 ELSE 1 END;
CREATE INDEX alerts_pending ON alerts (at, id) WHERE delivery = 'pending';
`,
	// The Wayback Machine copy a down alert named when it was raised, as
	// on one machine (archive/alerts.go).
	11: `
ALTER TABLE alerts ADD COLUMN wayback TEXT NOT NULL DEFAULT '';
`,
}

// textTime converts a TIMESTAMPTZ column to archive.TimeFormat's text.
func textTime(col string) string {
	return `to_char(` + col + ` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"000Z"')`
}

// lockMigrations is the advisory lock nodes take while migrating.
const lockMigrations = 0x61726368 // "arch"

// migrate applies the pending steps, one transaction each, under an
// advisory lock: nodes started together apply each step once.
func (s *Store) migrate(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockMigrations); err != nil {
			return fmt.Errorf("migrate: lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		var current int
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
			return fmt.Errorf("migrate: read version: %w", err)
		}
		if current > len(migrations)-1 {
			return fmt.Errorf("migrate: database is at version %d, newer than this archivio (%d): upgrade archivio", current, len(migrations)-1)
		}
		for v := current + 1; v < len(migrations); v++ {
			if _, err := tx.Exec(ctx, migrations[v]); err != nil {
				return fmt.Errorf("migrate to version %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, v); err != nil {
				return fmt.Errorf("migrate to version %d: %w", v, err)
			}
		}
		return nil
	})
}
