package archive

// migrations are the database's schema steps, applied in order at Open and
// recorded in schema_migrations. Never edit a step that has shipped: add
// one.
var migrations = []string{
	1: `
CREATE TABLE crawls (
	id          INTEGER PRIMARY KEY,
	source      TEXT NOT NULL,
	base_url    TEXT NOT NULL,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	status      TEXT NOT NULL CHECK (status IN ('running', 'done', 'interrupted', 'failed')),
	report      TEXT
);
CREATE TABLE captures (
	id             INTEGER PRIMARY KEY,
	crawl_id       INTEGER REFERENCES crawls(id),
	url            TEXT NOT NULL,
	fetched_at     TEXT NOT NULL,
	status         INTEGER NOT NULL,
	content_type   TEXT NOT NULL DEFAULT '',
	etag           TEXT NOT NULL DEFAULT '',
	last_modified  TEXT NOT NULL DEFAULT '',
	payload_digest TEXT NOT NULL,
	payload_length INTEGER NOT NULL,
	truncated      TEXT NOT NULL DEFAULT '',
	revisit_of     INTEGER REFERENCES captures(id),
	warc_file      TEXT NOT NULL,
	warc_offset    INTEGER NOT NULL,
	warc_length    INTEGER NOT NULL,
	warc_record_id TEXT NOT NULL,
	UNIQUE (warc_file, warc_offset)
);
CREATE INDEX captures_url ON captures (url, fetched_at);
CREATE INDEX captures_digest ON captures (payload_digest);
CREATE INDEX captures_crawl ON captures (crawl_id);
CREATE TABLE fetch_errors (
	id         INTEGER PRIMARY KEY,
	crawl_id   INTEGER REFERENCES crawls(id),
	url        TEXT NOT NULL,
	at         TEXT NOT NULL,
	kind       TEXT NOT NULL,
	message    TEXT NOT NULL
);
CREATE TABLE frontier (
	crawl_id INTEGER NOT NULL REFERENCES crawls(id),
	key      TEXT NOT NULL,
	url      TEXT NOT NULL,
	state    TEXT NOT NULL CHECK (state IN ('queued', 'done')),
	PRIMARY KEY (crawl_id, key)
);
CREATE TABLE records (
	id             INTEGER PRIMARY KEY,
	url            TEXT NOT NULL,
	first_seen     TEXT NOT NULL,
	last_seen      TEXT NOT NULL,
	latest_version INTEGER NOT NULL
);
CREATE TABLE record_versions (
	id             INTEGER PRIMARY KEY,
	record_id      INTEGER NOT NULL REFERENCES records(id),
	version        INTEGER NOT NULL,
	capture_id     INTEGER NOT NULL REFERENCES captures(id),
	parser_version TEXT NOT NULL,
	created_at     TEXT NOT NULL,
	data           TEXT NOT NULL,
	changed_fields TEXT NOT NULL,
	UNIQUE (record_id, version)
);
CREATE INDEX record_versions_capture ON record_versions (capture_id);
`,
	2: `
CREATE TABLE links (
	url               TEXT PRIMARY KEY,
	first_seen        TEXT NOT NULL,
	active            INTEGER NOT NULL DEFAULT 1,
	state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	state_since       TEXT,
	fail_streak       INTEGER NOT NULL DEFAULT 0,
	fail_since        TEXT,
	ok_streak         INTEGER NOT NULL DEFAULT 0,
	ok_since          TEXT,
	last_checked      TEXT,
	last_verdict      TEXT NOT NULL DEFAULT '',
	last_ok           TEXT,
	last_good_capture INTEGER REFERENCES captures(id),
	redirect_chain    TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE link_refs (
	url           TEXT NOT NULL REFERENCES links(url),
	record_id     INTEGER NOT NULL REFERENCES records(id),
	field         TEXT NOT NULL,
	source        TEXT NOT NULL,
	declared_gone INTEGER NOT NULL,
	PRIMARY KEY (url, record_id, field)
);
CREATE INDEX link_refs_record ON link_refs (record_id);
CREATE TABLE link_checks (
	id         INTEGER PRIMARY KEY,
	url        TEXT NOT NULL,
	checked_at TEXT NOT NULL,
	verdict    TEXT NOT NULL,
	status     INTEGER NOT NULL,
	method     TEXT NOT NULL,
	final_url  TEXT NOT NULL,
	chain      TEXT NOT NULL,
	error      TEXT NOT NULL,
	capture_id INTEGER REFERENCES captures(id),
	elapsed_ms INTEGER NOT NULL
);
CREATE INDEX link_checks_url ON link_checks (url, checked_at);
CREATE TABLE alerts (
	id                INTEGER PRIMARY KEY,
	kind              TEXT NOT NULL CHECK (kind IN ('down', 'up')),
	url               TEXT NOT NULL,
	verdict           TEXT NOT NULL,
	since             TEXT NOT NULL,
	at                TEXT NOT NULL,
	last_good_capture INTEGER REFERENCES captures(id),
	delivered         TEXT NOT NULL DEFAULT '{}'
);
-- The links of the records already stored, from their latest versions.
INSERT OR IGNORE INTO links (url, first_seen)
	SELECT json_extract(l.value, '$.url'), r.first_seen
	FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version,
	     json_each(v.data, '$.links') l;
INSERT OR IGNORE INTO link_refs (url, record_id, field, source, declared_gone)
	SELECT json_extract(l.value, '$.url'), r.id, json_extract(l.value, '$.field'),
	       json_extract(l.value, '$.source'), json_extract(l.value, '$.declared_gone')
	FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version,
	     json_each(v.data, '$.links') l;
`,
	3: `
-- A resumed crawl looks up each queued URL's capture in the crawl.
CREATE INDEX captures_crawl_url ON captures (crawl_id, url, id);
`,
	4: `
-- Links found on the pages of site sources (municipal sites), which join
-- the link inventory beside the records' links.
CREATE TABLE site_links (
	url        TEXT NOT NULL REFERENCES links(url),
	source     TEXT NOT NULL,
	page_url   TEXT NOT NULL,
	first_seen TEXT NOT NULL,
	PRIMARY KEY (url, source, page_url)
);
`,
	5: `
-- How each record page read in a crawl came out: parsed, confirmed
-- unchanged (304), or unreadable; with the schema fields whose labels were
-- found and the unknown and near-miss labels met. A crawl's parse health
-- is computed from these rows.
CREATE TABLE parse_results (
	crawl_id   INTEGER NOT NULL REFERENCES crawls(id),
	record_id  INTEGER NOT NULL,
	url        TEXT NOT NULL,
	capture_id INTEGER REFERENCES captures(id),
	outcome    TEXT NOT NULL CHECK (outcome IN ('parsed', 'unchanged', 'unreadable')),
	via        TEXT NOT NULL CHECK (via IN ('fetched', 'not_modified')),
	fields     TEXT NOT NULL DEFAULT '[]',
	unknown    TEXT NOT NULL DEFAULT '[]',
	fuzzy      TEXT NOT NULL DEFAULT '[]',
	reason     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (crawl_id, record_id)
);
-- Record pages whose latest capture could not be read as a record. The
-- capture stays in the archive; the row goes when a parser reads it (a
-- later crawl or archivio reparse).
CREATE TABLE parse_failures (
	record_id      INTEGER PRIMARY KEY,
	url            TEXT NOT NULL,
	capture_id     INTEGER NOT NULL REFERENCES captures(id),
	crawl_id       INTEGER REFERENCES crawls(id),
	reason         TEXT NOT NULL,
	parser_version TEXT NOT NULL,
	first_failed   TEXT NOT NULL,
	last_failed    TEXT NOT NULL
);
-- Each source's parse health state: healthy, or drift since a crawl broke
-- against the last healthy one (the baseline later crawls compare with).
CREATE TABLE parse_drift (
	source         TEXT PRIMARY KEY,
	state          TEXT NOT NULL CHECK (state IN ('healthy', 'drift')),
	since          TEXT NOT NULL,
	since_crawl    INTEGER REFERENCES crawls(id),
	last_crawl     INTEGER REFERENCES crawls(id),
	baseline_crawl INTEGER REFERENCES crawls(id),
	findings       TEXT NOT NULL DEFAULT '[]'
);
-- Alerts gain the parse drift kinds and a JSON detail.
CREATE TABLE alerts_next (
	id                INTEGER PRIMARY KEY,
	kind              TEXT NOT NULL CHECK (kind IN ('down', 'up', 'drift', 'recovered')),
	url               TEXT NOT NULL,
	verdict           TEXT NOT NULL,
	since             TEXT NOT NULL,
	at                TEXT NOT NULL,
	last_good_capture INTEGER REFERENCES captures(id),
	delivered         TEXT NOT NULL DEFAULT '{}',
	source            TEXT NOT NULL DEFAULT '',
	detail            TEXT NOT NULL DEFAULT ''
);
INSERT INTO alerts_next (id, kind, url, verdict, since, at, last_good_capture, delivered)
	SELECT id, kind, url, verdict, since, at, last_good_capture, delivered FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_next RENAME TO alerts;
`,
	6: `
-- Frontier entries are settled as done, failed or excluded, with the
-- reason; a crawl is complete when none is left queued.
CREATE TABLE frontier_settled (
	crawl_id INTEGER NOT NULL REFERENCES crawls(id),
	key      TEXT NOT NULL,
	url      TEXT NOT NULL,
	state    TEXT NOT NULL CHECK (state IN ('queued', 'done', 'failed', 'excluded')),
	reason   TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (crawl_id, key)
);
INSERT INTO frontier_settled (crawl_id, key, url, state) SELECT crawl_id, key, url, state FROM frontier ORDER BY rowid;
DROP TABLE frontier;
ALTER TABLE frontier_settled RENAME TO frontier;
`,
	7: `
-- One row per record for browsing (archivio serve): the latest version's
-- title, filters and search text, kept by a trigger as versions are added,
-- so that listing, filtering and counting 20,000 records reads a narrow
-- table instead of every version's JSON document.
CREATE TABLE record_summaries (
	record_id   INTEGER PRIMARY KEY REFERENCES records(id),
	version     INTEGER NOT NULL,
	capture_id  INTEGER NOT NULL,
	changed_at  TEXT NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT '',
	nature      TEXT NOT NULL DEFAULT '',
	year        INTEGER,
	territory   TEXT NOT NULL DEFAULT '',
	certified   INTEGER NOT NULL DEFAULT 0,
	financed    INTEGER NOT NULL DEFAULT 0,
	search      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX record_summaries_title ON record_summaries (title, record_id);
CREATE INDEX record_summaries_year ON record_summaries (year, record_id);
CREATE INDEX record_summaries_changed ON record_summaries (changed_at, record_id);
CREATE TRIGGER record_summaries_on_version AFTER INSERT ON record_versions
WHEN NEW.version >= COALESCE((SELECT latest_version FROM records WHERE id = NEW.record_id), 0)
BEGIN
	INSERT OR REPLACE INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
		territory, certified, financed, search)
	SELECT NEW.record_id, NEW.version, NEW.capture_id, NEW.created_at,
		COALESCE(json_extract(NEW.data, '$.title'), ''),
		COALESCE(json_extract(NEW.data, '$.status'), ''),
		COALESCE(json_extract(NEW.data, '$.nature'), ''),
		COALESCE(json_extract(NEW.data, '$.start_year'), CAST(substr(json_extract(NEW.data, '$.start_date'), 1, 4) AS INTEGER),
			json_extract(NEW.data, '$.certification_year'), json_extract(NEW.data, '$.funding_year'), json_extract(NEW.data, '$.end_year')),
		COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.territory')), ''),
		COALESCE(json_extract(NEW.data, '$.certified'), 0),
		COALESCE(json_extract(NEW.data, '$.financed'), 0),
		COALESCE(json_extract(NEW.data, '$.title'), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.territory')), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.decision_makers')), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.external_parties')), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.responsible_unit'), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.address'), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.region'), '');
END;
-- The records already stored: their latest versions, through the trigger.
CREATE TEMP TABLE latest_versions AS SELECT v.* FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version;
DELETE FROM record_versions WHERE id IN (SELECT id FROM temp.latest_versions);
INSERT INTO record_versions SELECT * FROM temp.latest_versions;
DROP TABLE temp.latest_versions;
-- Browsing links by state, and captures by their place in the WARC files.
CREATE INDEX links_state ON links (state, url);
CREATE INDEX link_refs_url ON link_refs (url);
CREATE INDEX alerts_at ON alerts (at, id);
`,
	8: `
-- The catalog's own identity: a random UUID (version 4) made once, when
-- the catalog is created or first upgraded, and never changed. Feeds and
-- other documents that must name this archive, whatever directory it is
-- in, use it.
CREATE TABLE IF NOT EXISTS catalog (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	uuid TEXT NOT NULL
);
INSERT OR IGNORE INTO catalog (id, uuid) SELECT 1, lower(
	hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
	substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
`,
	9: `
-- Each check keeps the link's state after it and whether its verdict
-- means the link works, so the links, their states and verdicts can be
-- told as of any moment. Of the checks stored before, the latest of each
-- link takes the link's state (exactly what it left); the others stay
-- NULL (not known). Whether a verdict works is as the checker decides
-- (ok and redirect).
ALTER TABLE link_checks ADD COLUMN state TEXT CHECK (state IN ('up', 'suspect', 'down'));
ALTER TABLE link_checks ADD COLUMN works INTEGER;
UPDATE link_checks SET works = (verdict IN ('ok', 'redirect'));
UPDATE link_checks SET state = (SELECT l.state FROM links l WHERE l.url = link_checks.url AND l.state_since IS NOT NULL)
	WHERE id = (SELECT c.id FROM link_checks c WHERE c.url = link_checks.url ORDER BY c.checked_at DESC, c.id DESC LIMIT 1);
-- Captures keep the request method (GET, or HEAD for a link check's
-- first question). Of those stored before: a crawl's were GET, and a link
-- check's final answers carry the check's method; the rest (a link
-- check's redirect hops and snapshot pages) stay NULL (not recorded).
ALTER TABLE captures ADD COLUMN method TEXT;
UPDATE captures SET method = 'GET' WHERE crawl_id IN (SELECT id FROM crawls WHERE source <> 'links');
UPDATE captures SET method = (SELECT MIN(c.method) FROM link_checks c WHERE c.capture_id = captures.id)
	WHERE method IS NULL AND id IN (SELECT capture_id FROM link_checks WHERE capture_id IS NOT NULL);
CREATE INDEX link_checks_capture ON link_checks (capture_id);
`,
	10: `
-- Browsing 20,000 records quickly: the search text lower-cased once, as
-- stored (searched with instr, faster than LIKE); the title sorted without
-- regard to case; status and nature counted from their indexes.
DROP TRIGGER record_summaries_on_version;
CREATE TRIGGER record_summaries_on_version AFTER INSERT ON record_versions
WHEN NEW.version >= COALESCE((SELECT latest_version FROM records WHERE id = NEW.record_id), 0)
BEGIN
	INSERT OR REPLACE INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
		territory, certified, financed, search)
	SELECT NEW.record_id, NEW.version, NEW.capture_id, NEW.created_at,
		COALESCE(json_extract(NEW.data, '$.title'), ''),
		COALESCE(json_extract(NEW.data, '$.status'), ''),
		COALESCE(json_extract(NEW.data, '$.nature'), ''),
		COALESCE(json_extract(NEW.data, '$.start_year'), CAST(substr(json_extract(NEW.data, '$.start_date'), 1, 4) AS INTEGER),
			json_extract(NEW.data, '$.certification_year'), json_extract(NEW.data, '$.funding_year'), json_extract(NEW.data, '$.end_year')),
		COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.territory')), ''),
		COALESCE(json_extract(NEW.data, '$.certified'), 0),
		COALESCE(json_extract(NEW.data, '$.financed'), 0),
		lower(COALESCE(json_extract(NEW.data, '$.title'), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.territory')), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.decision_makers')), '') || ' | ' ||
			COALESCE((SELECT group_concat(value, ' / ') FROM json_each(NEW.data, '$.external_parties')), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.responsible_unit'), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.address'), '') || ' | ' ||
			COALESCE(json_extract(NEW.data, '$.region'), ''));
END;
UPDATE record_summaries SET search = lower(search);
DROP INDEX record_summaries_title;
CREATE INDEX record_summaries_title ON record_summaries (title COLLATE NOCASE, record_id);
CREATE INDEX record_summaries_status ON record_summaries (status);
CREATE INDEX record_summaries_nature ON record_summaries (nature);
`,
	11: `
-- A slimmer catalog. A record's versions no longer keep the page's texts
-- as laid out ("raw", about two thirds of a full record's document): the
-- WARC record holds the page, and archivio parse --explain shows them
-- from it. What a page answering 304 showed is known from its latest
-- parse result, looked up by record. Two indexes that others answer go:
-- captures_crawl (captures_crawl_url starts with the crawl) and
-- link_refs_url (the primary key starts with the URL). The file shrinks
-- at its next VACUUM.
UPDATE record_versions SET data = json_remove(data, '$.raw') WHERE json_type(data, '$.raw') IS NOT NULL;
DROP INDEX captures_crawl;
DROP INDEX link_refs_url;
CREATE INDEX parse_results_record ON parse_results (record_id, crawl_id);
`,
	// A parse result names the list of fields found on its page through
	// parse_field_lists, where each distinct list is stored once: record
	// pages of one site mostly show the same fields, and their names made
	// about 0.55 KB of every parse result of every crawl. A result's
	// fields are COALESCE(the list named, its own fields column), so rows
	// written before keep working; they are moved here too.
	`
CREATE TABLE parse_field_lists (
	id   INTEGER PRIMARY KEY,
	list TEXT NOT NULL UNIQUE
);
ALTER TABLE parse_results ADD COLUMN fields_list INTEGER REFERENCES parse_field_lists(id);
INSERT OR IGNORE INTO parse_field_lists (list) SELECT fields FROM parse_results ORDER BY rowid;
UPDATE parse_results SET fields_list = (SELECT id FROM parse_field_lists WHERE list = parse_results.fields), fields = '[]';
`,
	// A record version's document is stored packed (archive/docpack.go:
	// DEFLATE against a fixed dictionary of the schema's field names), a
	// third of its JSON text; archivio_doc(data) reads it back as the JSON
	// text, byte for byte. The browse summary of a record is written with
	// its version, from the JSON text, by the same expressions as the
	// trigger that read the stored text. The file shrinks at its next
	// VACUUM.
	`
DROP TRIGGER IF EXISTS record_summaries_on_version;
UPDATE record_versions SET data = archivio_pack(data) WHERE typeof(data) = 'text';
`,
	// The links found on site sources' pages are stored in their primary
	// key (WITHOUT ROWID): the key is the whole row but its first_seen, and
	// a table with a rowid kept it twice, in the table and in the key's
	// index. (The records' links, link_refs, stay: their index by record
	// would then repeat the whole key.)
	`
CREATE TABLE site_links_next (
	url        TEXT NOT NULL REFERENCES links(url),
	source     TEXT NOT NULL,
	page_url   TEXT NOT NULL,
	first_seen TEXT NOT NULL,
	PRIMARY KEY (url, source, page_url)
) WITHOUT ROWID;
INSERT INTO site_links_next SELECT url, source, page_url, first_seen FROM site_links;
DROP TABLE site_links;
ALTER TABLE site_links_next RENAME TO site_links;
`,
	// The link inventory is stored in its primary key, the URL (WITHOUT
	// ROWID): a table with a rowid kept every URL twice, in the table and
	// in the key's index. Other tables refer to links, so the step runs
	// with foreign keys off and checks them before it commits
	// (foreignKeysOff).
	`
CREATE TABLE links_next (
	url               TEXT PRIMARY KEY,
	first_seen        TEXT NOT NULL,
	active            INTEGER NOT NULL DEFAULT 1,
	state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	state_since       TEXT,
	fail_streak       INTEGER NOT NULL DEFAULT 0,
	fail_since        TEXT,
	ok_streak         INTEGER NOT NULL DEFAULT 0,
	ok_since          TEXT,
	last_checked      TEXT,
	last_verdict      TEXT NOT NULL DEFAULT '',
	last_ok           TEXT,
	last_good_capture INTEGER REFERENCES captures(id),
	redirect_chain    TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
INSERT INTO links_next SELECT url, first_seen, active, state, state_since, fail_streak, fail_since, ok_streak, ok_since,
	last_checked, last_verdict, last_ok, last_good_capture, redirect_chain FROM links;
DROP TABLE links;
ALTER TABLE links_next RENAME TO links;
CREATE INDEX links_state ON links (state, url);
`,
	// A record's search text no longer repeats its title and territory,
	// which its summary holds beside it: what is searched is
	// lower(title) | lower(territory) | search, the same text as before
	// (SQLite's lower() changes letters one by one). The search texts are
	// made again from the latest versions' documents.
	`
UPDATE record_summaries SET search = (SELECT ` + summarySearch(`archivio_doc(v.data)`) + ` FROM record_versions v
	WHERE v.record_id = record_summaries.record_id AND v.version = record_summaries.version);
`,
	// How many links from a seed led to each frontier URL (a site
	// source's depth), so a resumed crawl keeps its depth limit. Entries
	// queued before take 0, what they were resumed at until now.
	`
ALTER TABLE frontier ADD COLUMN depth INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0);
`,
	// A capture's time, payload digest and WARC record id are stored in
	// fewer bytes than their text (archive/capturecols.go: nanoseconds, the
	// SHA-1's 20 bytes, the UUID's 16), each read back as the same text;
	// its WARC file is named once in warc_files. The table is rebuilt with
	// foreign keys off (others refer to it) and checked before it commits.
	`
CREATE TABLE warc_files (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
);
INSERT INTO warc_files (name) SELECT warc_file FROM captures GROUP BY warc_file ORDER BY MIN(id);
CREATE TABLE captures_next (
	id             INTEGER PRIMARY KEY,
	crawl_id       INTEGER REFERENCES crawls(id),
	url            TEXT NOT NULL,
	fetched_at     INTEGER NOT NULL,
	status         INTEGER NOT NULL,
	content_type   TEXT NOT NULL DEFAULT '',
	etag           TEXT NOT NULL DEFAULT '',
	last_modified  TEXT NOT NULL DEFAULT '',
	payload_digest BLOB NOT NULL,
	payload_length INTEGER NOT NULL,
	truncated      TEXT NOT NULL DEFAULT '',
	revisit_of     INTEGER REFERENCES captures(id),
	warc_file      INTEGER NOT NULL REFERENCES warc_files(id),
	warc_offset    INTEGER NOT NULL,
	warc_length    INTEGER NOT NULL,
	warc_record_id BLOB NOT NULL,
	method         TEXT,
	UNIQUE (warc_file, warc_offset)
);
INSERT INTO captures_next (id, crawl_id, url, fetched_at, status, content_type, etag, last_modified, payload_digest,
		payload_length, truncated, revisit_of, warc_file, warc_offset, warc_length, warc_record_id, method)
	SELECT c.id, c.crawl_id, c.url, archivio_time_value(c.fetched_at), c.status, c.content_type, c.etag, c.last_modified,
		archivio_digest_value(c.payload_digest), c.payload_length, c.truncated, c.revisit_of, f.id, c.warc_offset, c.warc_length,
		archivio_record_id_value(c.warc_record_id), c.method
	FROM captures c JOIN warc_files f ON f.name = c.warc_file ORDER BY c.id;
DROP TABLE captures;
ALTER TABLE captures_next RENAME TO captures;
CREATE INDEX captures_url ON captures (url, fetched_at);
CREATE INDEX captures_digest ON captures (payload_digest);
CREATE INDEX captures_crawl_url ON captures (crawl_id, url, id);
`,
	// A parse result no longer repeats its capture's URL (NULL: the
	// capture's) nor empty lists (NULL: []); each reads back as before.
	// Parse results whose page had no capture, or another URL, keep theirs.
	`
CREATE TABLE parse_results_next (
	crawl_id    INTEGER NOT NULL REFERENCES crawls(id),
	record_id   INTEGER NOT NULL,
	url         TEXT,
	capture_id  INTEGER REFERENCES captures(id),
	outcome     TEXT NOT NULL CHECK (outcome IN ('parsed', 'unchanged', 'unreadable')),
	via         TEXT NOT NULL CHECK (via IN ('fetched', 'not_modified')),
	fields      TEXT,
	unknown     TEXT,
	fuzzy       TEXT,
	reason      TEXT NOT NULL DEFAULT '',
	fields_list INTEGER REFERENCES parse_field_lists(id),
	PRIMARY KEY (crawl_id, record_id)
);
INSERT INTO parse_results_next (crawl_id, record_id, url, capture_id, outcome, via, fields, unknown, fuzzy, reason, fields_list)
	SELECT p.crawl_id, p.record_id, CASE WHEN p.url = (SELECT c.url FROM captures c WHERE c.id = p.capture_id) THEN NULL ELSE p.url END,
		p.capture_id, p.outcome, p.via, NULLIF(p.fields, '[]'), NULLIF(p.unknown, '[]'), NULLIF(p.fuzzy, '[]'), p.reason, p.fields_list
	FROM parse_results p ORDER BY p.rowid;
DROP TABLE parse_results;
ALTER TABLE parse_results_next RENAME TO parse_results;
CREATE INDEX parse_results_record ON parse_results (record_id, crawl_id);
`,
	// The records' links are stored in their primary key (WITHOUT ROWID):
	// a table with a rowid kept every key twice, in the table and in the
	// key's index. The index by record holds the key (about as much as
	// the rowid table held), the key's copy goes.
	`
CREATE TABLE link_refs_next (
	url           TEXT NOT NULL REFERENCES links(url),
	record_id     INTEGER NOT NULL REFERENCES records(id),
	field         TEXT NOT NULL,
	source        TEXT NOT NULL,
	declared_gone INTEGER NOT NULL,
	PRIMARY KEY (url, record_id, field)
) WITHOUT ROWID;
INSERT INTO link_refs_next SELECT url, record_id, field, source, declared_gone FROM link_refs;
DROP TABLE link_refs;
ALTER TABLE link_refs_next RENAME TO link_refs;
CREATE INDEX link_refs_record ON link_refs (record_id);
`,
	// A record's first and last seen times, its summary's time of change
	// and a link's first seen time are stored as nanoseconds, as a
	// capture's time is (capturecols.go), instead of 30 characters, and
	// read back as the same text. The tables are rebuilt (others refer to
	// records and links) with foreign keys off, checked before the step
	// commits.
	`
CREATE TABLE records_next (
	id             INTEGER PRIMARY KEY,
	url            TEXT NOT NULL,
	first_seen     INTEGER NOT NULL,
	last_seen      INTEGER NOT NULL,
	latest_version INTEGER NOT NULL
);
INSERT INTO records_next (id, url, first_seen, last_seen, latest_version)
	SELECT id, url, archivio_time_value(first_seen), archivio_time_value(last_seen), latest_version FROM records ORDER BY id;
DROP TABLE records;
ALTER TABLE records_next RENAME TO records;
CREATE TABLE record_summaries_next (
	record_id   INTEGER PRIMARY KEY REFERENCES records(id),
	version     INTEGER NOT NULL,
	capture_id  INTEGER NOT NULL,
	changed_at  INTEGER NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	status      TEXT NOT NULL DEFAULT '',
	nature      TEXT NOT NULL DEFAULT '',
	year        INTEGER,
	territory   TEXT NOT NULL DEFAULT '',
	certified   INTEGER NOT NULL DEFAULT 0,
	financed    INTEGER NOT NULL DEFAULT 0,
	search      TEXT NOT NULL DEFAULT ''
);
INSERT INTO record_summaries_next (record_id, version, capture_id, changed_at, title, status, nature, year, territory, certified, financed, search)
	SELECT record_id, version, capture_id, archivio_time_value(changed_at), title, status, nature, year, territory, certified, financed, search
	FROM record_summaries ORDER BY record_id;
DROP TABLE record_summaries;
ALTER TABLE record_summaries_next RENAME TO record_summaries;
CREATE INDEX record_summaries_title ON record_summaries (title COLLATE NOCASE, record_id);
CREATE INDEX record_summaries_year ON record_summaries (year, record_id);
CREATE INDEX record_summaries_changed ON record_summaries (changed_at, record_id);
CREATE INDEX record_summaries_status ON record_summaries (status);
CREATE INDEX record_summaries_nature ON record_summaries (nature);
CREATE TABLE links_next (
	url               TEXT PRIMARY KEY,
	first_seen        INTEGER NOT NULL,
	active            INTEGER NOT NULL DEFAULT 1,
	state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	state_since       TEXT,
	fail_streak       INTEGER NOT NULL DEFAULT 0,
	fail_since        TEXT,
	ok_streak         INTEGER NOT NULL DEFAULT 0,
	ok_since          TEXT,
	last_checked      TEXT,
	last_verdict      TEXT NOT NULL DEFAULT '',
	last_ok           TEXT,
	last_good_capture INTEGER REFERENCES captures(id),
	redirect_chain    TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
INSERT INTO links_next SELECT url, archivio_time_value(first_seen), active, state, state_since, fail_streak, fail_since, ok_streak, ok_since,
	last_checked, last_verdict, last_ok, last_good_capture, redirect_chain FROM links;
DROP TABLE links;
ALTER TABLE links_next RENAME TO links;
CREATE INDEX links_state ON links (state, url);
`,
	// captures_digest goes: the one lookup by digest names the URL too
	// (OriginalCapture), which captures_url answers, and the digests of
	// the catalog are read once a crawl by a scan of the table.
	`
DROP INDEX captures_digest;
`,
	// A frontier entry's URL that starts with its crawl's base URL is
	// stored without it, as the bytes that follow (a blob: a text is a
	// whole URL), and read back whole (archive/frontier.go).
	`
UPDATE frontier SET url = CAST(substr(url, length((SELECT c.base_url FROM crawls c WHERE c.id = frontier.crawl_id)) + 1) AS BLOB)
	WHERE typeof(url) = 'text' AND (SELECT c.base_url FROM crawls c WHERE c.id = frontier.crawl_id) <> ''
	AND length(url) > length((SELECT c.base_url FROM crawls c WHERE c.id = frontier.crawl_id))
	AND substr(url, 1, length((SELECT c.base_url FROM crawls c WHERE c.id = frontier.crawl_id))) = (SELECT c.base_url FROM crawls c WHERE c.id = frontier.crawl_id);
`,
	// Each alert's delivery (archive/alerts.go): pending from its storing
	// until its sinks answered, so that an alert a killed process stored
	// and had not delivered is sent at the next start; attempts counts
	// the deliveries tried. Alerts stored before are settled: delivered or
	// failed as their recorded outcome says, else unknown (never tried,
	// or stored without sinks: the catalog cannot tell), never re-sent.
	`
ALTER TABLE alerts ADD COLUMN delivery TEXT NOT NULL DEFAULT 'unknown'
	CHECK (delivery IN ('unknown', 'none', 'pending', 'delivered', 'failed'));
ALTER TABLE alerts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
UPDATE alerts SET
	delivery = CASE WHEN delivered LIKE '%"error"%' THEN 'failed' WHEN delivered LIKE '%"ok"%' THEN 'delivered' ELSE 'unknown' END,
	attempts = CASE WHEN delivered = '{}' THEN 0 ELSE 1 END;
CREATE INDEX alerts_pending ON alerts (at, id) WHERE delivery = 'pending';
`,
	// A link has an id (links.id, its rowid; its URL is unique), and a
	// record's link names it by that id instead of repeating the URL, in
	// the table and in its index by record; its field and source are
	// stored as small codes (archive/linkrefs.go), any other text as
	// itself. Each reads back as before. The links take ids in the order
	// of their URLs. Other tables refer to links and records, so the step
	// runs with foreign keys off and checks them before it commits.
	`
CREATE TABLE links_next (
	id                INTEGER PRIMARY KEY,
	url               TEXT NOT NULL UNIQUE,
	first_seen        INTEGER NOT NULL,
	active            INTEGER NOT NULL DEFAULT 1,
	state             TEXT NOT NULL DEFAULT 'up' CHECK (state IN ('up', 'suspect', 'down')),
	state_since       TEXT,
	fail_streak       INTEGER NOT NULL DEFAULT 0,
	fail_since        TEXT,
	ok_streak         INTEGER NOT NULL DEFAULT 0,
	ok_since          TEXT,
	last_checked      TEXT,
	last_verdict      TEXT NOT NULL DEFAULT '',
	last_ok           TEXT,
	last_good_capture INTEGER REFERENCES captures(id),
	redirect_chain    TEXT NOT NULL DEFAULT '[]'
);
INSERT INTO links_next (url, first_seen, active, state, state_since, fail_streak, fail_since, ok_streak, ok_since,
		last_checked, last_verdict, last_ok, last_good_capture, redirect_chain)
	SELECT url, first_seen, active, state, state_since, fail_streak, fail_since, ok_streak, ok_since,
		last_checked, last_verdict, last_ok, last_good_capture, redirect_chain FROM links ORDER BY url;
CREATE TABLE link_refs_next (
	link_id       INTEGER NOT NULL REFERENCES links(id),
	record_id     INTEGER NOT NULL REFERENCES records(id),
	field         BLOB NOT NULL,
	source        BLOB NOT NULL,
	declared_gone INTEGER NOT NULL,
	PRIMARY KEY (link_id, record_id, field)
) WITHOUT ROWID;
INSERT INTO link_refs_next (link_id, record_id, field, source, declared_gone)
	SELECT l.id, r.record_id, ` + codeValue("r.field", linkFields[:]) + `, ` + codeValue("r.source", linkSources[:]) + `, r.declared_gone
	FROM link_refs r JOIN links_next l ON l.url = r.url ORDER BY l.id, r.record_id;
DROP TABLE link_refs;
DROP TABLE links;
ALTER TABLE links_next RENAME TO links;
ALTER TABLE link_refs_next RENAME TO link_refs;
CREATE INDEX link_refs_record ON link_refs (record_id);
CREATE INDEX links_state ON links (state);
`,
	// The Wayback Machine copy a down alert named when it was raised
	// (archive/alerts.go), kept with it: the alert sent again, the
	// listings and the feed name it too. '' when none was found.
	`
ALTER TABLE alerts ADD COLUMN wayback TEXT NOT NULL DEFAULT '';
`,
}

// foreignKeysOff are the steps that rebuild a table others refer to: they
// run with foreign keys off, checked before they commit.
var foreignKeysOff = map[int]bool{15: true, 18: true, 21: true, 25: true}

// summarySearch is the SQL expression of a record's search text (the
// words searched beside its title and territory) from its document, the
// JSON text doc.
func summarySearch(doc string) string {
	return `lower(COALESCE((SELECT group_concat(value, ' / ') FROM json_each(` + doc + `, '$.decision_makers')), '') || ' | ' ||
		COALESCE((SELECT group_concat(value, ' / ') FROM json_each(` + doc + `, '$.external_parties')), '') || ' | ' ||
		COALESCE(json_extract(` + doc + `, '$.responsible_unit'), '') || ' | ' ||
		COALESCE(json_extract(` + doc + `, '$.address'), '') || ' | ' ||
		COALESCE(json_extract(` + doc + `, '$.region'), ''))`
}
