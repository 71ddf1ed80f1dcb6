package archive

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"
)

// browseDoc is a record document with the fields the summaries read.
func browseDoc(t *testing.T, id int, title, status string, year int, territory []string, certified bool) ParsedRecord {
	t.Helper()
	data, err := json.Marshal(map[string]any{"id": id, "title": title, "status": status, "start_year": year,
		"territory": territory, "certified": certified, "financed": false, "decision_makers": []string{"Giunta comunale"}})
	if err != nil {
		t.Fatal(err)
	}
	return ParsedRecord{ID: id, URL: "https://example.org/" + title, Data: data, ParserVersion: testParser}
}

func TestSearchRecords(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	recs := []ParsedRecord{
		browseDoc(t, 141, "La fabbrica delle idee", "Concluso", 2018, []string{"Sassuolo", "Fiorano Modenese"}, true),
		browseDoc(t, 2, "Bilancio partecipativo", "In corso", 2020, []string{"Modena"}, false),
		browseDoc(t, 30, "Parco Lama_100%", "Concluso", 2020, []string{"Carpi"}, false),
	}
	for i, r := range recs {
		if _, err := st.ApplyRecord(ctx, r, newCapture(t, st, int64(i+1)), at); err != nil {
			t.Fatal(err)
		}
	}
	// A new version of record 2 moves its summary.
	changed := browseDoc(t, 2, "Bilancio partecipativo 2021", "Concluso", 2021, []string{"Modena"}, false)
	if _, err := st.ApplyRecord(ctx, changed, newCapture(t, st, 10), at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	yes := true
	tests := []struct {
		name string
		q    RecordQuery
		want []int
	}{
		{"all by id", RecordQuery{}, []int{2, 30, 141}},
		{"by title, descending", RecordQuery{Sort: "title", Desc: true}, []int{30, 141, 2}},
		{"a word in the title, any case", RecordQuery{Text: "FABBRICA"}, []int{141}},
		{"a place", RecordQuery{Text: "fiorano"}, []int{141}},
		{"a decision maker", RecordQuery{Text: "giunta"}, []int{2, 30, 141}},
		{"two words must both match", RecordQuery{Text: "fabbrica modena"}, nil},
		{"wildcards are literal", RecordQuery{Text: "_100%"}, []int{30}},
		{"a percent alone matches no more than itself", RecordQuery{Text: "%"}, []int{30}},
		{"status of the latest version", RecordQuery{Status: "Concluso"}, []int{2, 30, 141}},
		{"year of the latest version", RecordQuery{Year: 2021}, []int{2}},
		{"an old year is gone", RecordQuery{Year: 2020}, []int{30}},
		{"territory", RecordQuery{Territory: "carpi"}, []int{30}},
		{"certified", RecordQuery{Certified: &yes}, []int{141}},
		{"page", RecordQuery{Limit: 1, Offset: 1}, []int{30}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := st.SearchRecords(ctx, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, r := range p.Records {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if tc.q.Limit == 0 && p.Total != len(tc.want) {
				t.Errorf("total %d, want %d", p.Total, len(tc.want))
			}
		})
	}
	p, err := st.SearchRecords(ctx, RecordQuery{Text: "2021"})
	if err != nil || len(p.Records) != 1 || p.Records[0].Version != 2 || p.Records[0].Year != 2021 {
		t.Fatalf("the summary follows the latest version: %+v, %v", p, err)
	}
	for _, bad := range []RecordQuery{{Limit: MaxPageSize + 1}, {Limit: -1}, {Offset: -1}, {Sort: "data; DROP TABLE records"}} {
		if _, err := st.SearchRecords(ctx, bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
	f, err := st.RecordFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Statuses) != 1 || f.Statuses[0] != (FacetValue{"Concluso", 3}) || len(f.Years) != 3 {
		t.Errorf("facets %+v", f)
	}
}

// TestSummariesOfExistingRecords checks that the migration that adds the
// summaries fills them for the records already stored.
func TestSummariesOfExistingRecords(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyRecord(ctx, browseDoc(t, 7, "Prima", "Concluso", 2019, nil, false), newCapture(t, st, 1), time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyRecord(ctx, browseDoc(t, 7, "Seconda", "Concluso", 2019, nil, false), newCapture(t, st, 2), time.Now()); err != nil {
		t.Fatal(err)
	}
	// Back to before the summaries: drop them and what the later steps
	// added (step 9: the checks' states, the captures' methods; step 11:
	// an index added, one dropped; step 12: the parse results' field
	// lists; step 13: the documents packed, the trigger gone; step 17: the
	// frontier's depths; step 18: the captures' columns; step 25: the
	// links' ids), then migrate again.
	rewindLinks(t, st)
	rewindCaptures(t, st)
	rewindAlerts(t, st)
	for _, q := range []string{`UPDATE record_versions SET data = archivio_doc(data)`,
		`ALTER TABLE parse_results DROP COLUMN fields_list`, `DROP TABLE parse_field_lists`, `DROP INDEX parse_results_record`, `CREATE INDEX captures_crawl ON captures (crawl_id)`,
		`DROP TABLE record_summaries`,
		`DROP INDEX links_state`, `DROP INDEX alerts_at`,
		`DROP INDEX link_checks_capture`, `ALTER TABLE link_checks DROP COLUMN state`, `ALTER TABLE link_checks DROP COLUMN works`,
		`ALTER TABLE captures DROP COLUMN method`, `ALTER TABLE frontier DROP COLUMN depth`, `DELETE FROM schema_migrations WHERE version >= 7`} {
		if _, err := st.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if st, err = Open(ctx, dir); err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, err := st.SearchRecords(ctx, RecordQuery{})
	if err != nil || len(p.Records) != 1 || p.Records[0].Title != "Seconda" || p.Records[0].Version != 2 {
		t.Fatalf("summaries after migration: %+v, %v", p, err)
	}
	vs, err := st.RecordVersions(ctx, 7)
	if err != nil || len(vs) != 2 {
		t.Fatalf("versions kept: %d, %v", len(vs), err)
	}
}

func TestNearestCapture(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	add := func(off time.Duration, status int, n, length int64) {
		if _, err := st.AddCapture(ctx, &Capture{URL: "https://a.example/", FetchedAt: base.Add(off), Status: status, PayloadLength: length,
			PayloadDigest: "sha1:X", WARCFile: "f.warc.gz", WARCOffset: n, WARCLength: 1, WARCRecordID: "<urn:uuid:x>"}); err != nil {
			t.Fatal(err)
		}
	}
	add(0, 200, 1, 100)
	add(10*time.Hour, 304, 2, 0)
	add(24*time.Hour, 200, 3, 100)
	add(12*time.Hour, 200, 4, 0) // the answer to a HEAD request: no body
	for _, tc := range []struct {
		at   time.Duration
		want int64
	}{{-time.Hour, 1}, {time.Hour, 1}, {11 * time.Hour, 1}, {13 * time.Hour, 3}, {48 * time.Hour, 3}} {
		c, err := st.NearestCapture(ctx, "https://a.example/", base.Add(tc.at))
		if err != nil || c.WARCOffset != tc.want {
			t.Errorf("at %v: %+v, %v; want offset %d", tc.at, c, err, tc.want)
		}
	}
	if _, err := st.NearestCapture(ctx, "https://b.example/", base); err == nil {
		t.Error("a URL never captured has a capture")
	}
	cs, err := st.URLCaptures(ctx, "https://a.example/")
	if err != nil || len(cs) != 2 {
		t.Errorf("mementos: %d, %v (a 304 and an empty answer are none)", len(cs), err)
	}
	got, err := st.ArchivedURLs(ctx, []string{"https://a.example/", "https://b.example/"})
	if err != nil || !got["https://a.example/"] || got["https://b.example/"] {
		t.Errorf("archived: %v, %v", got, err)
	}
	if _, err := st.CaptureAt(ctx, "../../etc/passwd", 0); err == nil {
		t.Error("a place the catalog does not list is found")
	}
}
