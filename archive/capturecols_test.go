package archive

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCaptureColumnValues: the forms archivio writes are stored in fewer
// bytes and read back as the same text; any other form is kept as its
// text.
func TestCaptureColumnValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		value  func(string) any
		text   func(any) (string, error)
		packed []string // stored as an integer or a blob
		kept   []string // stored as their text
	}{
		{"time", timeTextValue, timeText,
			[]string{"2026-12-02T15:33:49.409003623Z", "1970-01-01T00:00:00.000000000Z", "1969-07-20T20:17:40.000000001Z", "2262-04-11T23:47:16.854775807Z"},
			[]string{"2026-01-01T00:00:01Z", "2026-12-02T15:33:49.409003623+01:00", "2026-12-02T15:33:49.40900362Z", "", "x", "1600-01-01T00:00:00.000000000Z", "2262-04-11T23:47:16.854775808Z"}},
		{"digest", digestValue, digestText,
			[]string{"sha1:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QVO", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
			[]string{"sha1:X", "", "sha1:mwmqevvw5pqbjhmo37fog4tuw2xt4qvo", "sha1:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QV1", "sha256:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QVO", "sha1:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QV="}},
		{"record id", recordIDValue, recordIDText,
			[]string{"<urn:uuid:46212bf2-8fec-412b-b244-d293280123c0>", "<urn:uuid:00000000-0000-0000-0000-000000000000>"},
			[]string{"<urn:uuid:46212BF2-8FEC-412B-B244-D293280123C0>", "<urn:uuid:x>", "", "<urn:uuid:46212bf2-8fec-412b-b244-d293280123c0", "<urn:uuid:46212bf2+8fec-412b-b244-d293280123c0>", "<urn:uuid:46212bf2-8fec-412b-b244-d293280123cg>"}},
	} {
		for _, s := range tc.packed {
			v := tc.value(s)
			switch v := v.(type) {
			case int64, []byte:
				if b, ok := v.([]byte); ok && len(b) > 20 {
					t.Errorf("%s %q: stored in %d bytes", tc.name, s, len(b))
				}
			default:
				t.Errorf("%s %q: stored as %T %v", tc.name, s, v, v)
			}
			if got, err := tc.text(v); err != nil || got != s {
				t.Errorf("%s %q: read back as %q, %v", tc.name, s, got, err)
			}
		}
		for _, s := range tc.kept {
			if v := tc.value(s); v != s {
				t.Errorf("%s %q: stored as %T %v, want its text", tc.name, s, v, v)
			}
		}
	}
	for _, at := range []time.Time{time.Date(2026, 3, 1, 12, 0, 0, 123, time.FixedZone("CET", 3600)), time.Unix(0, 0), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		var got time.Time
		if err := (storedTime{&got}).Scan(timeValue(at)); err != nil || got != ParseTime(FormatTime(at)) {
			t.Errorf("time %v: read back as %v, %v", at, got, err)
		}
	}
	if _, err := digestText([]byte{1, 2}); err == nil {
		t.Error("a digest of 2 bytes read back")
	}
	if _, err := recordIDText([]byte{1, 2}); err == nil {
		t.Error("a record id of 2 bytes read back")
	}
}

// oldCaptures are captures as a catalog before step 18 holds them: in
// the forms archivio writes and in others, which come through as they
// were.
var oldCaptures = [][]any{
	// id, crawl, url, fetched_at, status, payload_digest, payload_length, truncated, revisit_of, warc_file, warc_offset, warc_record_id, method
	{1, 1, "https://x/scheda-processo/7", "2025-01-01T10:00:00.123456789Z", 200, "sha1:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QVO", 10, "", nil, "a.warc.gz", 0, "<urn:uuid:46212bf2-8fec-412b-b244-d293280123c0>", "GET"},
	{2, 1, "https://x/scheda-processo/7", "2025-01-02T10:00:00.000000000Z", 200, "sha1:MWMQEVVW5PQBJHMO37FOG4TUW2XT4QVO", 0, "", 1, "a.warc.gz", 700, "<urn:uuid:6c7ed8ce-8f5e-4af9-a419-7219b6f17f65>", "GET"},
	{3, 1, "https://x/", "2025-01-02T11:00:00Z", 200, "sha1:X", 5, "", nil, "b.warc.gz", 0, "<urn:uuid:7A0D6C32-37D9-4138-A3FB-9F3FA62B3B77>", nil},
	{4, nil, "https://x/", "2025-01-03T11:00:00.000000001Z", 301, "", 0, "length", nil, "b.warc.gz", 900, "r4", "HEAD"},
	{5, 1, "https://x/scheda-processo/8", "2025-01-04T00:00:00.000000000Z", 200, "sha256:ABC", 7, "", nil, "a.warc.gz", 1400, "<urn:uuid:x>", "GET"},
}

// oldCatalog makes a catalog at step 17 in dir holding oldCaptures, with
// records read from captures 1 and 5.
func oldCatalog(t *testing.T, dir string) {
	t.Helper()
	ctx := context.Background()
	db := storeAtStep(t, dir, 17).db
	defer db.Close()
	if _, err := db.ExecContext(ctx, `INSERT INTO crawls (id, source, base_url, started_at, status) VALUES (1, 'osservatorio', 'https://x', '2025-01-01T00:00:00.000000000Z', 'done')`); err != nil {
		t.Fatal(err)
	}
	for _, c := range oldCaptures {
		if _, err := db.ExecContext(ctx, `INSERT INTO captures (id, crawl_id, url, fetched_at, status, content_type, payload_digest, payload_length,
			truncated, revisit_of, warc_file, warc_offset, warc_length, warc_record_id, method) VALUES (?, ?, ?, ?, ?, 'text/html', ?, ?, ?, ?, ?, ?, 100, ?, ?)`, c...); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range [][]any{{7, oldCaptures[0][2], oldCaptures[0][3], 1}, {8, oldCaptures[4][2], oldCaptures[4][3], 5}} {
		if _, err := db.ExecContext(ctx, `INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`, r[:4]...); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
			VALUES (?, 1, ?, 'p', ?, archivio_pack(?), '[]')`, r[0], r[3], r[2], fmt.Sprintf(`{"id":%d,"title":"T%d"}`, r[0], r[0])); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO record_summaries (record_id, version, capture_id, changed_at, title) VALUES (?, 1, ?, ?, ?)`,
			r[0], r[3], r[2], fmt.Sprint("T", r[0])); err != nil {
			t.Fatal(err)
		}
	}
}

// capturesDump is the captures as the catalog's contract reads them
// (TableRows) and as the Store's reads of captures return them, as text.
func capturesDump(t *testing.T, st *Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	if err := st.TableRows(ctx, "captures", func(cols []string, vals []any) error {
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
		}
		b.WriteString("\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	show := func(what string, c *Capture, err error) { fmt.Fprintf(&b, "%s: %+v %v\n", what, c, err) }
	for _, c := range oldCaptures {
		id, url, file, offset := int64(c[0].(int)), c[2].(string), c[9].(string), int64(c[10].(int))
		got, err := st.Capture(ctx, id)
		show("capture", got, err)
		got, err = st.CaptureAt(ctx, file, offset)
		show("at", got, err)
		has, err := st.HasCaptureAt(ctx, file, offset)
		fmt.Fprintln(&b, "has", has, err)
		got, err = st.LastGoodCapture(ctx, url)
		show("last good", got, err)
		got, err = st.OriginalCapture(ctx, url, c[5].(string))
		show("original", got, err)
		for _, d := range []time.Duration{-time.Hour, 0, time.Hour, 13 * time.Hour} {
			got, err = st.NearestCapture(ctx, url, ParseTime(c[3].(string)).Add(d))
			show("nearest", got, err)
		}
		cs, err := st.URLCaptures(ctx, url)
		fmt.Fprintln(&b, "mementos", len(cs), err)
		for _, c := range cs {
			show("memento", c, nil)
		}
	}
	for _, file := range []string{"a.warc.gz", "b.warc.gz", "c.warc.gz"} {
		offsets, err := st.CataloguedOffsets(ctx, file)
		fmt.Fprintln(&b, "offsets", file, offsets, err)
	}
	cs, err := st.CapturesOf(ctx, 1)
	fmt.Fprintln(&b, "crawl", len(cs), err)
	n, err := st.CrawlRequests(ctx, 1, ParseTime("2025-01-02T10:00:00.000000000Z"))
	fmt.Fprintln(&b, "requests since", n, err)
	err = st.CapturesByID(ctx, []int64{5, 4, 3, 2, 1}, func(c *Capture) error { show("by id", c, nil); return nil })
	fmt.Fprintln(&b, err)
	err = st.VersionsAsOf(ctx, time.Now(), func(v *VersionAt) error {
		fmt.Fprintln(&b, "version", v.RecordID, v.CaptureID, v.SourceURL, v.CapturedAt, v.PayloadDigest)
		return nil
	})
	fmt.Fprintln(&b, err)
	err = st.ArchivedRecordPages(ctx, func(p ArchivedPage) error { fmt.Fprintf(&b, "page %+v\n", p); return nil })
	fmt.Fprintln(&b, err)
	return b.String()
}

// TestMigrationStoresCaptureColumns: step 18 stores the captures of a
// catalog made before it in fewer bytes, and every read of them returns
// what it returned before, byte for byte (testdata/captures_before_step18.txt
// is capturesDump of oldCatalog by archivio before step 18); new captures
// go on in the same files.
func TestMigrationStoresCaptureColumns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	oldCatalog(t, dir)
	before, err := os.ReadFile(filepath.Join("testdata", "captures_before_step18.txt"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if after := capturesDump(t, st); after != string(before) {
		t.Errorf("after step 18:\n%s\nbefore:\n%s", after, before)
	}
	var kinds string
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(typeof(fetched_at) || ' ' || typeof(payload_digest) || ' ' || typeof(warc_record_id) || ' ' || typeof(warc_file), ', ')
		FROM (SELECT * FROM captures ORDER BY id)`).Scan(&kinds); err != nil {
		t.Fatal(err)
	}
	if want := "integer blob blob integer, integer blob blob integer, text text text integer, integer text text integer, integer text text integer"; kinds != want {
		t.Errorf("stored as %s, want %s", kinds, want)
	}
	var fk int
	if err := st.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign keys %d after step 18, %v", fk, err)
	}
	// New captures: in a file already named and in a new one.
	for i, file := range []string{"b.warc.gz", "c.warc.gz", "c.warc.gz"} {
		c := &Capture{URL: "https://x/new", FetchedAt: time.Date(2025, 2, 1, 0, 0, i, 5, time.UTC), Status: 200, PayloadDigest: "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			WARCFile: file, WARCOffset: int64(5000 + i), WARCLength: 1, WARCRecordID: "<urn:uuid:00000000-0000-0000-0000-00000000000" + fmt.Sprint(i) + ">"}
		id, err := st.AddCapture(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := st.Capture(ctx, id)
		if c.ID = id; err != nil || fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", c) {
			t.Errorf("capture added: %+v %v; want %+v", got, err, c)
		}
	}
	var files string
	if err := st.db.QueryRowContext(ctx, `SELECT group_concat(id || ':' || name, ' ') FROM (SELECT * FROM warc_files ORDER BY id)`).Scan(&files); err != nil || files != "1:a.warc.gz 2:b.warc.gz 3:c.warc.gz" {
		t.Errorf("warc files %q, %v", files, err)
	}
	if _, err := st.AddCapture(ctx, &Capture{URL: "https://x/dup", FetchedAt: time.Now(), PayloadDigest: "sha1:X", WARCFile: "c.warc.gz", WARCOffset: 5001, WARCRecordID: "r"}); err == nil {
		t.Error("two captures at one place of one file")
	}
}

// rewindCaptures takes st's captures back to how a catalog before step 18
// stored them (for tests of earlier steps, which rewind a catalog made
// now).
func rewindCaptures(t *testing.T, st *Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.db.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		t.Fatal(err)
	}
	defer st.db.ExecContext(ctx, `PRAGMA foreign_keys = ON`)
	if _, err := st.db.ExecContext(ctx, `
CREATE TABLE captures_text (
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
	method         TEXT,
	UNIQUE (warc_file, warc_offset)
);
INSERT INTO captures_text `+tableSelects["captures"]+`;
DROP TABLE captures;
DROP TABLE warc_files;
ALTER TABLE captures_text RENAME TO captures;
CREATE INDEX captures_url ON captures (url, fetched_at);
CREATE INDEX captures_digest ON captures (payload_digest);
CREATE INDEX captures_crawl_url ON captures (crawl_id, url, id);
DELETE FROM schema_migrations WHERE version >= 18;`); err != nil {
		t.Fatal(err)
	}
}

// TestRecordSeenTimes: a record's last seen time is the later of those
// given, stored as nanoseconds and read back as its text; one kept as
// text (in no form archivio writes) is compared as text, as before.
func TestRecordSeenTimes(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 5, time.UTC) }
	if _, err := st.ApplyRecord(ctx, ParsedRecord{ID: 7, URL: "https://x/7", Data: []byte(`{"id":7}`), ParserVersion: "p"}, newCapture(t, st, 1), day(2)); err != nil {
		t.Fatal(err)
	}
	seen := func() (first, last, kinds string) {
		t.Helper()
		if err := st.TableRows(ctx, "records", func(cols []string, vals []any) error {
			first, last = vals[2].(string), vals[3].(string)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		st.db.QueryRowContext(ctx, `SELECT typeof(first_seen) || ' ' || typeof(last_seen) FROM records`).Scan(&kinds)
		return first, last, kinds
	}
	for _, step := range []struct {
		seen        time.Time
		last, kinds string
	}{{day(1), FormatTime(day(2)), "integer integer"}, {day(3), FormatTime(day(3)), "integer integer"}, {day(2), FormatTime(day(3)), "integer integer"}} {
		if err := st.RecordSeen(ctx, 7, step.seen); err != nil {
			t.Fatal(err)
		}
		if first, last, kinds := seen(); first != FormatTime(day(2)) || last != step.last || kinds != step.kinds {
			t.Errorf("seen at %v: first %s last %s (%s), want %s (%s)", step.seen, first, last, kinds, step.last, step.kinds)
		}
	}
	// A text in another form, as a catalog made by hand may hold: later
	// as text than the same day seen to the nanosecond.
	if _, err := st.db.ExecContext(ctx, `UPDATE records SET last_seen = '2025-01-04T00:00:00Z'`); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		seen        time.Time
		last, kinds string
	}{{day(3), "2025-01-04T00:00:00Z", "integer text"}, {day(4), "2025-01-04T00:00:00Z", "integer text"}, {day(5), FormatTime(day(5)), "integer integer"}} {
		if err := st.RecordSeen(ctx, 7, step.seen); err != nil {
			t.Fatal(err)
		}
		if _, last, kinds := seen(); last != step.last || kinds != step.kinds {
			t.Errorf("seen at %v: last %s (%s), want %s (%s)", step.seen, last, kinds, step.last, step.kinds)
		}
	}
}
