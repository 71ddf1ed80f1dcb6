package archive

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// healthStore is an archive with one crawl of "osservatorio" and a helper
// adding a capture of a record page.
type healthStore struct {
	*Store
	t       *testing.T
	crawlID int64
	at      time.Time
}

func newHealthStore(t *testing.T) *healthStore {
	t.Helper()
	st, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	id, err := st.StartCrawl(context.Background(), "osservatorio", "https://www.osservatoriopartecipazione.it", at)
	if err != nil {
		t.Fatal(err)
	}
	return &healthStore{Store: st, t: t, crawlID: id, at: at}
}

func (h *healthStore) capture(id int) int64 {
	h.t.Helper()
	h.at = h.at.Add(time.Second)
	c := &Capture{CrawlID: h.crawlID, URL: recordURL(id), FetchedAt: h.at, Status: 200, PayloadDigest: fmt.Sprintf("sha1:%d%d", id, h.at.Unix()),
		WARCFile: "a.warc.gz", WARCOffset: h.at.UnixNano(), WARCLength: 1, WARCRecordID: "<urn:uuid:x>"}
	cid, err := h.AddCapture(context.Background(), c)
	if err != nil {
		h.t.Fatal(err)
	}
	return cid
}

func recordURL(id int) string {
	return fmt.Sprintf("https://www.osservatoriopartecipazione.it/scheda-processo/%d", id)
}

func TestParseHealthFromResults(t *testing.T) {
	ctx := context.Background()
	h := newHealthStore(t)
	add := func(r ParseResult) {
		t.Helper()
		r.CrawlID, r.URL = h.crawlID, recordURL(r.RecordID)
		if r.CaptureID == 0 {
			r.CaptureID = h.capture(r.RecordID)
		}
		if err := h.AddParseResult(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add(ParseResult{RecordID: 3, Outcome: OutcomeParsed, Fields: []string{"status", "title", "status"}, Unknown: []string{"Codice CUP", "Codice CUP"},
		Fuzzy: []FuzzyLabel{{Label: "Stato avanzamento", Field: "status"}}})
	add(ParseResult{RecordID: 1, Outcome: OutcomeUnchanged, NotModified: true, Fields: []string{"status"}, Unknown: []string{"Codice CUP"}})
	add(ParseResult{RecordID: 2, Outcome: OutcomeParsed, Fields: []string{"title"}, Fuzzy: []FuzzyLabel{{Label: "Stato avanzamento", Field: "status"}}})
	add(ParseResult{RecordID: 9, Outcome: OutcomeUnreadable, Reason: "not a process page: 0 of the observatory's field labels found"})
	add(ParseResult{RecordID: 7, Outcome: OutcomeUnreadable, Reason: "parse html: bad"})
	// A page read again in the same crawl (a resume) replaces its result.
	add(ParseResult{RecordID: 7, Outcome: OutcomeUnreadable, Reason: "still bad"})

	got, err := h.ParseHealth(ctx, h.crawlID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != "osservatorio" || got.RecordPages != 5 || got.Fetched != 4 || got.NotModified != 1 || got.Parsed != 3 || got.Unreadable != 2 {
		t.Errorf("counts %+v", got)
	}
	if want := map[string]int{"status": 2, "title": 2}; fmt.Sprint(got.Fields) != fmt.Sprint(want) {
		t.Errorf("fields %v, want %v (a field twice on a page counts once)", got.Fields, want)
	}
	if got.FieldsPerRecord < 1.33 || got.FieldsPerRecord > 1.34 {
		t.Errorf("fields per record %v, want 4/3", got.FieldsPerRecord)
	}
	if len(got.UnknownLabels) != 1 || got.UnknownLabels[0].Label != "Codice CUP" || got.UnknownLabels[0].Pages != 2 ||
		got.UnknownLabels[0].Example.RecordID != 1 || got.UnknownLabels[0].Example.URL != recordURL(1) || got.UnknownLabels[0].Example.CaptureID == 0 {
		t.Errorf("unknown labels %+v", got.UnknownLabels)
	}
	if len(got.FuzzyLabels) != 1 || got.FuzzyLabels[0].Field != "status" || got.FuzzyLabels[0].Pages != 2 || got.FuzzyLabels[0].Example.RecordID != 2 {
		t.Errorf("fuzzy labels %+v", got.FuzzyLabels)
	}
	if len(got.UnreadableExamples) != 2 || got.UnreadableExamples[0].RecordID != 7 || got.UnreadableExamples[0].Reason != "still bad" {
		t.Errorf("unreadable examples %+v", got.UnreadableExamples)
	}
	lacking, err := h.PagesWithoutField(ctx, h.crawlID, "title", 5)
	if err != nil || len(lacking) != 1 || lacking[0].RecordID != 1 {
		t.Errorf("pages without title: %+v %v", lacking, err)
	}
	withLabel, err := h.PagesWithUnknownLabel(ctx, h.crawlID, "Codice CUP", 1)
	if err != nil || len(withLabel) != 1 || withLabel[0].RecordID != 1 {
		t.Errorf("pages with the label: %+v %v", withLabel, err)
	}

	// An empty crawl has zero health, and the previous crawl is found
	// only among finished crawls that read record pages.
	next, _ := h.StartCrawl(ctx, "osservatorio", "https://x", h.at)
	empty, err := h.ParseHealth(ctx, next)
	if err != nil || empty.RecordPages != 0 || empty.FieldsPerRecord != 0 {
		t.Errorf("empty crawl health %+v %v", empty, err)
	}
	if _, err := h.PreviousHealthCrawl(ctx, "osservatorio", next); !errors.Is(err, ErrNotFound) {
		t.Errorf("previous of a crawl whose predecessor is still running: %v", err)
	}
	h.FinishCrawl(ctx, h.crawlID, "done", "{}", h.at)
	if prev, err := h.PreviousHealthCrawl(ctx, "osservatorio", next); err != nil || prev != h.crawlID {
		t.Errorf("previous crawl %d %v, want %d", prev, err, h.crawlID)
	}
	// The one still running is not the latest: it read part of its pages.
	h.AddParseResult(ctx, ParseResult{CrawlID: next, RecordID: 1, URL: recordURL(1), CaptureID: h.capture(1), Outcome: OutcomeParsed})
	latest, err := h.LatestHealthCrawls(ctx)
	if err != nil || latest["osservatorio"] != h.crawlID {
		t.Errorf("latest health crawls %v %v", latest, err)
	}
}

func TestParseFailures(t *testing.T) {
	ctx := context.Background()
	h := newHealthStore(t)
	if _, err := h.ParseFailure(ctx, 141); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no failure yet: %v", err)
	}
	first := h.capture(141)
	second := h.capture(141)
	t1 := h.at
	if err := h.AddParseFailure(ctx, ParseFailure{RecordID: 141, URL: recordURL(141), CaptureID: second, CrawlID: h.crawlID,
		Reason: "r2", ParserVersion: "scheda/1", LastFailed: t1}); err != nil {
		t.Fatal(err)
	}
	// An older capture does not replace a newer failure.
	if err := h.AddParseFailure(ctx, ParseFailure{RecordID: 141, URL: recordURL(141), CaptureID: first, CrawlID: h.crawlID,
		Reason: "r1", ParserVersion: "scheda/1", LastFailed: t1.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	f, err := h.ParseFailure(ctx, 141)
	if err != nil || f.CaptureID != second || f.Reason != "r2" || !f.FirstFailed.Equal(t1) {
		t.Fatalf("failure %+v %v", f, err)
	}
	// The same page failing again later keeps its first failure time.
	third := h.capture(141)
	if err := h.AddParseFailure(ctx, ParseFailure{RecordID: 141, URL: recordURL(141), CaptureID: third, CrawlID: h.crawlID,
		Reason: "r3", ParserVersion: "scheda/2", LastFailed: h.at}); err != nil {
		t.Fatal(err)
	}
	f, _ = h.ParseFailure(ctx, 141)
	if f.CaptureID != third || f.Reason != "r3" || f.ParserVersion != "scheda/2" || !f.FirstFailed.Equal(t1) || !f.LastFailed.Equal(h.at) {
		t.Errorf("failure after a newer one %+v", f)
	}
	h.AddParseFailure(ctx, ParseFailure{RecordID: 7, URL: recordURL(7), CaptureID: h.capture(7), CrawlID: h.crawlID, Reason: "x", ParserVersion: "scheda/1", LastFailed: h.at})
	all, err := h.ParseFailures(ctx)
	if err != nil || len(all) != 2 || all[0].RecordID != 7 || all[1].RecordID != 141 {
		t.Errorf("failures %+v %v", all, err)
	}
	by, err := h.UnreadableBySource(ctx)
	if err != nil || by["osservatorio"] != 2 {
		t.Errorf("by source %v %v", by, err)
	}
}

func TestSetDriftStateStoresTheAlertWithTheState(t *testing.T) {
	ctx := context.Background()
	h := newHealthStore(t)
	d, err := h.DriftState(ctx, "osservatorio")
	if err != nil || d.State != "" {
		t.Fatalf("unjudged source: %+v %v", d, err)
	}
	if id, err := h.SetDriftState(ctx, DriftState{Source: "osservatorio", State: HealthHealthy, Since: h.at, SinceCrawl: h.crawlID,
		LastCrawl: h.crawlID, BaselineCrawl: h.crawlID}, nil); err != nil || id != 0 {
		t.Fatalf("healthy: %d %v", id, err)
	}
	findings := []DriftFinding{{Rule: RuleUnreadable, Count: 18, Of: 18, Examples: []PageRef{{RecordID: 141, URL: recordURL(141), CaptureID: h.capture(141)}}}}
	id, err := h.SetDriftState(ctx, DriftState{Source: "osservatorio", State: HealthDrift, Since: h.at, SinceCrawl: h.crawlID,
		LastCrawl: h.crawlID, BaselineCrawl: h.crawlID, Findings: findings},
		&AlertRow{Kind: "drift", URL: "https://www.osservatoriopartecipazione.it", Verdict: "unreadable", Since: h.at, At: h.at,
			Source: "osservatorio", Detail: `{"source":"osservatorio"}`})
	if err != nil || id == 0 {
		t.Fatalf("drift: %d %v", id, err)
	}
	d, _ = h.DriftState(ctx, "osservatorio")
	if d.State != HealthDrift || len(d.Findings) != 1 || d.Findings[0].Examples[0].RecordID != 141 {
		t.Errorf("state %+v", d)
	}
	as, err := h.Alerts(ctx)
	if err != nil || len(as) != 1 || as[0].ID != id || as[0].Kind != "drift" || as[0].Source != "osservatorio" || as[0].Detail == "" {
		t.Errorf("alerts %+v %v", as, err)
	}
	// A failing alert insert leaves the state as it was.
	_, err = h.SetDriftState(ctx, DriftState{Source: "osservatorio", State: HealthHealthy, Since: h.at}, &AlertRow{Kind: "bogus", URL: "x"})
	if err == nil {
		t.Fatal("an alert of an unknown kind was stored")
	}
	if d, _ := h.DriftState(ctx, "osservatorio"); d.State != HealthDrift {
		t.Errorf("state changed without its alert: %+v", d)
	}
	states, err := h.DriftStates(ctx)
	if err != nil || len(states) != 1 || states[0].Source != "osservatorio" {
		t.Errorf("states %+v %v", states, err)
	}
}

// TestMigrationKeepsLinkAlerts opens a database made by the previous
// schema, with link alerts, and checks they survive the alerts table's
// rebuild.
func TestMigrationKeepsLinkAlerts(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, DBName)+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`)
	for v := 1; v <= 4; v++ {
		if _, err := db.Exec(migrations[v]); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
		db.Exec(`INSERT INTO schema_migrations (version) VALUES (?)`, v)
	}
	if _, err := db.Exec(`INSERT INTO alerts (kind, url, verdict, since, at, delivered) VALUES
		('down', 'http://www.fabbricaideedistretto.it', 'dns_not_found', '2026-03-01T09:00:00.000000000Z', '2026-03-02T09:00:00.000000000Z', '{"all":"ok"}')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	st, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	as, err := st.Alerts(ctx)
	if err != nil || len(as) != 1 {
		t.Fatalf("alerts after migration: %+v %v", as, err)
	}
	a := as[0]
	if a.Kind != "down" || a.URL != "http://www.fabbricaideedistretto.it" || a.Verdict != "dns_not_found" || a.Delivered != `{"all":"ok"}` || a.Source != "" || a.Detail != "" {
		t.Errorf("alert after migration %+v", a)
	}
	var detail map[string]any
	if id, err := st.AddAlert(ctx, AlertRow{Kind: "recovered", URL: "https://x", Since: a.At, At: a.At, Source: "osservatorio", Detail: `{"a":1}`}); err != nil || id <= a.ID {
		t.Errorf("a recovered alert after migration: %d %v", id, err)
	}
	as, _ = st.Alerts(ctx)
	if json.Unmarshal([]byte(as[1].Detail), &detail) != nil || !slices.Equal([]string{as[0].Kind, as[1].Kind}, []string{"down", "recovered"}) {
		t.Errorf("alerts %+v", as)
	}
}
