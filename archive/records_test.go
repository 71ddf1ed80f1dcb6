package archive

import (
	"context"
	"slices"
	"testing"
	"time"

	"encoding/json"
)

func ptr[T any](v T) *T { return &v }

// testRecord stands in for the parser's record: a few of its fields, as
// it writes them in JSON.
type testRecord struct {
	ID      int         `json:"id"`
	URL     string      `json:"url"`
	Title   *string     `json:"title"`
	Status  *string     `json:"status"`
	EndYear *int        `json:"end_year"`
	Raw     []rawField  `json:"raw"`
	Links   []CitedLink `json:"links"`
}

type rawField struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

const testParser = "scheda/test"

// parsed is the record as ApplyRecord takes it.
func (r *testRecord) parsed(t *testing.T) ParsedRecord {
	t.Helper()
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return ParsedRecord{ID: r.ID, URL: r.URL, Data: data, ParserVersion: testParser, Links: r.Links}
}

// newCapture lists a capture so versions have one to point at.
func newCapture(t *testing.T, st *Store, n int64) int64 {
	t.Helper()
	id, err := st.AddCapture(context.Background(), &Capture{
		URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141", FetchedAt: time.Unix(n, 0), Status: 200,
		PayloadDigest: "sha1:X", WARCFile: "f.warc.gz", WARCOffset: n, WARCLength: 1, WARCRecordID: "<urn:uuid:x>",
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestApplyVersions(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := &testRecord{ID: 141, URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141",
		Title: ptr("La fabbrica delle idee"), Status: ptr("In corso"), Raw: []rawField{{Label: "Stato di avanzamento", Text: "In corso"}}}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	a, err := st.ApplyRecord(ctx, rec.parsed(t), newCapture(t, st, 1), day)
	if err != nil || a.Outcome != VersionNew || a.Version != 1 {
		t.Fatalf("first apply: %+v %v", a, err)
	}
	// Another URL shape and another raw layout are the same content.
	same := *rec
	same.URL = "http://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/141"
	same.Raw = []rawField{{Label: "Stato di avanzamento:", Text: "In corso"}}
	if a, err := st.ApplyRecord(ctx, same.parsed(t), newCapture(t, st, 2), day.Add(time.Hour)); err != nil || a.Outcome != VersionUnchanged || a.Version != 1 {
		t.Fatalf("same content: %+v %v", a, err)
	}
	changed := *rec
	changed.Status, changed.EndYear = ptr("Concluso"), ptr(2026)
	a, err = st.ApplyRecord(ctx, changed.parsed(t), newCapture(t, st, 3), day.Add(2*time.Hour))
	if err != nil || a.Outcome != VersionChanged || a.Version != 2 || !slices.Equal(a.Changed, []string{"end_year", "status"}) {
		t.Fatalf("changed: %+v %v", a, err)
	}
	vs, err := st.RecordVersions(ctx, 141)
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].ParserVersion != testParser || len(vs[0].Changed) != 0 {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	latest, err := st.LatestVersions(ctx, 0)
	if err != nil || len(latest) != 1 || latest[0].Version != 2 || latest[0].CaptureID != vs[1].CaptureID {
		t.Fatalf("latest: %+v %v", latest, err)
	}
	if ok, _ := st.HasVersionFrom(ctx, vs[1].CaptureID); !ok {
		t.Error("HasVersionFrom misses the version's capture")
	}
	if err := st.RecordSeen(ctx, 141, day.Add(24*time.Hour)); err != nil {
		t.Error(err)
	}
}

func TestDiffFields(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []string
	}{
		{"equal", `{"id":1,"title":"a"}`, `{"id":1,"title":"a"}`, nil},
		{"changed value", `{"title":"a"}`, `{"title":"b"}`, []string{"title"}},
		{"null to value", `{"end_year":null}`, `{"end_year":2011}`, []string{"end_year"}},
		{"ignored fields", `{"url":"a","raw":[1],"warnings":[]}`, `{"url":"b","raw":[2],"warnings":[{}]}`, nil},
		{"number spelling", `{"grant_eur":15000.0}`, `{"grant_eur":15000}`, nil},
		{"list order matters", `{"participants":["a","b"]}`, `{"participants":["b","a"]}`, []string{"participants"}},
		{"field removed", `{"logo":"x","title":"a"}`, `{"title":"a"}`, []string{"logo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := diffFields([]byte(tt.a), []byte(tt.b))
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("diffFields = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

func TestLinkInventoryFollowsVersions(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	gone := CitedLink{URL: "http://www.fabbricaideedistretto.it", Field: "source_notes", Source: "text", DeclaredGone: true}
	site := CitedLink{URL: "https://www.comune.fiorano-modenese.mo.it/", Field: "website", Source: "href"}
	rec := &testRecord{ID: 141, URL: "u", Title: ptr("La fabbrica delle idee"), Links: []CitedLink{gone, site}}
	if _, err := st.ApplyRecord(ctx, rec.parsed(t), newCapture(t, st, 1), day); err != nil {
		t.Fatal(err)
	}
	links, err := st.Links(ctx, "", true)
	if err != nil || len(links) != 2 {
		t.Fatalf("links %+v %v", links, err)
	}
	if l, _ := st.Link(ctx, gone.URL); !l.DeclaredGone || l.State != StateUp || l.RecordIDs[0] != 141 || l.Fields[0] != "source_notes" {
		t.Errorf("declared-gone link: %+v", l)
	}
	refs, err := st.LinkRecords(ctx, gone.URL)
	if err != nil || len(refs) != 1 || refs[0].Title != "La fabbrica delle idee" {
		t.Errorf("records citing it: %+v %v", refs, err)
	}
	next := *rec
	next.Links = []CitedLink{gone}
	if _, err := st.ApplyRecord(ctx, next.parsed(t), newCapture(t, st, 2), day.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	active, _ := st.Links(ctx, "", true)
	all, _ := st.Links(ctx, "", false)
	if len(active) != 1 || len(all) != 2 {
		t.Errorf("a link no record cites any more is inactive but kept: %d active of %d", len(active), len(all))
	}
}

func TestRecordCheckMovesStateAndKeepsHistory(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := &testRecord{ID: 141, URL: "u", Links: []CitedLink{{URL: "http://x.example.it", Field: "website", Source: "href"}}}
	if _, err := st.ApplyRecord(ctx, rec.parsed(t), newCapture(t, st, 1), time.Now()); err != nil {
		t.Fatal(err)
	}
	th := Thresholds{FailThreshold: 2, FailWindow: time.Hour, RecoverThreshold: 1}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var got []Transition
	for i, v := range []string{"ok", "dns_not_found", "dns_not_found", "dns_not_found", "ok"} {
		tr, _, err := st.RecordCheck(ctx, Check{URL: "http://x.example.it", CheckedAt: start.Add(time.Duration(i) * time.Hour), Verdict: v, Method: "GET"}, v == "ok", th)
		if err != nil {
			t.Fatal(err)
		}
		if tr != "" {
			got = append(got, tr)
		}
	}
	if len(got) != 2 || got[0] != "down" || got[1] != "up" {
		t.Errorf("transitions %v, want [down up]", got)
	}
	h, err := st.LinkHistory(ctx, "http://x.example.it")
	if err != nil || len(h) != 5 {
		t.Errorf("history %d checks, %v", len(h), err)
	}
	l, _ := st.Link(ctx, "http://x.example.it")
	if l.State != StateUp || l.Verdict != "ok" || !l.LastOK.Equal(start.Add(4*time.Hour)) {
		t.Errorf("link after recovery: %+v", l)
	}
}

func TestApplyClearsParseFailure(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := &testRecord{ID: 141, URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141", Title: ptr("La fabbrica delle idee")}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	older, failed, newer := newCapture(t, st, 1), newCapture(t, st, 2), newCapture(t, st, 3)
	fail := func(capture int64) {
		t.Helper()
		if err := st.AddParseFailure(ctx, ParseFailure{RecordID: 141, URL: rec.URL, CaptureID: capture, Reason: "not a process page",
			ParserVersion: testParser, LastFailed: day}); err != nil {
			t.Fatal(err)
		}
	}
	open := func() bool {
		_, err := st.ParseFailure(ctx, 141)
		return err == nil
	}

	fail(failed)
	// A record read from an older capture (a resumed old crawl) leaves the
	// newer failure open.
	if _, err := st.ApplyRecord(ctx, rec.parsed(t), older, day); err != nil {
		t.Fatal(err)
	}
	if !open() {
		t.Error("an older capture cleared a newer parse failure")
	}
	// Read from the failed capture itself (reparse, or a 304 re-read), the
	// failure ends, also when the content is unchanged.
	if a, err := st.ApplyRecord(ctx, rec.parsed(t), failed, day); err != nil || a.Outcome != VersionUnchanged {
		t.Fatalf("apply %+v %v", a, err)
	}
	if open() {
		t.Error("the parse failure is still open after the failed capture was read")
	}
	fail(newer)
	changed := *rec
	changed.Status = ptr("Concluso")
	if a, err := st.ApplyRecord(ctx, changed.parsed(t), newer, day); err != nil || a.Outcome != VersionChanged {
		t.Fatalf("apply %+v %v", a, err)
	}
	if open() {
		t.Error("the parse failure is still open after a new version")
	}
}
