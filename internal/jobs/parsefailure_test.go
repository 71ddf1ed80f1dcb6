package jobs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/parsers"
)

func openStore(t *testing.T, dir string) *archive.Store {
	t.Helper()
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func failureIDs(t *testing.T, st *archive.Store) []int {
	t.Helper()
	fs, err := st.ParseFailures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, f := range fs {
		ids = append(ids, f.RecordID)
	}
	return ids
}

func recordStatus(t *testing.T, st *archive.Store, id int) (string, int) {
	t.Helper()
	vs, err := st.LatestVersions(context.Background(), id)
	if err != nil || len(vs) != 1 {
		t.Fatalf("record %d: %v %v", id, vs, err)
	}
	var r parsers.Record
	if err := json.Unmarshal(vs[0].Data, &r); err != nil {
		t.Fatal(err)
	}
	if r.Status == nil {
		return "", vs[0].Version
	}
	return *r.Status, vs[0].Version
}

func TestUnreadableRecordPagesAreKeptAsParseFailures(t *testing.T) {
	ctx := context.Background()
	site, cfg := demo(t, demosite.Options{})
	first := crawl(t, cfg)
	if first.Unreadable != 0 || first.ParseHealth == nil || first.ParseHealth.Parsed != 18 || first.ParseHealth.Previous != nil {
		t.Fatalf("first crawl: %+v health %+v", first, first.ParseHealth)
	}

	// The site moves to a script-rendered front end, and record 141
	// changes while its page cannot be read.
	if err := site.SetLayout(pagegen.ShellLayout); err != nil {
		t.Fatal(err)
	}
	if err := site.Update(141, func(p *pagegen.Page) { setStatus(p, "Concluso e rendicontato") }); err != nil {
		t.Fatal(err)
	}
	second, err := Crawl(ctx, cfg)
	if err != nil {
		t.Fatalf("a crawl that keeps every unreadable page is not a failed crawl: %v", err)
	}
	h := second.ParseHealth
	if second.Unreadable != 18 || second.RecordsNew+second.RecordsChanged+second.RecordsUnchanged != 0 || h == nil ||
		h.RecordPages != 18 || h.Fetched != 18 || h.Parsed != 0 || h.Unreadable != 18 || h.Previous == nil || h.Previous.Parsed != 18 {
		t.Fatalf("second crawl: %+v health %+v", second, h)
	}
	if len(h.UnreadableExamples) != 5 || h.UnreadableExamples[0].CaptureID == 0 || h.UnreadableExamples[0].Reason == "" {
		t.Errorf("unreadable examples %+v", h.UnreadableExamples)
	}
	st := openStore(t, cfg.DataDir)
	if ids := failureIDs(t, st); len(ids) != 18 {
		t.Fatalf("parse failures %v, want the 18 record pages", ids)
	}
	f141, err := st.ParseFailure(ctx, 141)
	if err != nil || !errors.Is(parseErr(f141.Reason), parsers.ErrNotRecordPage) || f141.ParserVersion != parsers.Version || f141.CrawlID != second.CrawlID {
		t.Fatalf("failure of 141: %+v %v", f141, err)
	}
	// The capture stays in the archive, as fetched.
	c, err := st.Capture(ctx, f141.CaptureID)
	if err != nil || c.CrawlID != second.CrawlID || c.Status != 200 {
		t.Fatalf("failed capture %+v %v", c, err)
	}
	body, _, err := payload(ctx, st, c)
	if err != nil || !bytes.Contains(body, []byte(`id="scheda-data"`)) {
		t.Fatalf("failed capture's payload: %v", err)
	}
	// The records keep their last readable version.
	if status, v := recordStatus(t, st, 141); v != 1 || status == "Concluso e rendicontato" {
		t.Errorf("record 141 got version %d (%q) from an unreadable page", v, status)
	}

	// Next crawl, same markup: asked with the failed captures' validators,
	// every page answers 304 and is read again from the archive.
	before := recordRequests(site)
	third := crawl(t, cfg)
	if third.NotModified != 18 || third.Unreadable != 18 || third.ParseHealth.NotModified != 18 || third.ParseHealth.Unreadable != 18 {
		t.Errorf("third crawl: %+v health %+v", third, third.ParseHealth)
	}
	for id, n := range recordRequests(site) {
		if n-before[id] != 1 {
			t.Errorf("record %d asked %d times in the third crawl", id, n-before[id])
		}
	}
	if f, _ := st.ParseFailure(ctx, 141); f.CaptureID != f141.CaptureID || !f.FirstFailed.Equal(f141.FirstFailed) {
		t.Errorf("a 304 replaced the failed capture: %+v, was %+v", f, f141)
	}

	// The site returns to a readable markup: the pages come whole, the
	// failures end, and the change made meanwhile becomes a version.
	if err := site.SetLayout(""); err != nil {
		t.Fatal(err)
	}
	fourth := crawl(t, cfg)
	if fourth.Unreadable != 0 || fourth.RecordsChanged != 1 || fourth.RecordsUnchanged != 17 || fourth.NotModified != 0 {
		t.Errorf("fourth crawl: %+v", fourth)
	}
	if ids := failureIDs(t, st); len(ids) != 0 {
		t.Errorf("parse failures left: %v", ids)
	}
	if status, v := recordStatus(t, st, 141); v != 2 || status != "Concluso e rendicontato" {
		t.Errorf("record 141: version %d status %q", v, status)
	}
	if h := fourth.ParseHealth; h.Parsed != 18 || h.Previous == nil || h.Previous.CrawlID != third.CrawlID || h.Previous.Unreadable != 18 {
		t.Errorf("fourth crawl's health %+v previous %+v", h, h.Previous)
	}
}

func TestNotModifiedRecordsCarryTheirParseHealth(t *testing.T) {
	_, cfg := demo(t, demosite.Options{})
	first := crawl(t, cfg)
	second := crawl(t, cfg)
	a, b := first.ParseHealth, second.ParseHealth
	if b.NotModified != 18 || b.Fetched != 0 || b.Parsed != 18 {
		t.Fatalf("second crawl's health %+v", b)
	}
	if a.FieldsPerRecord < 10 || a.FieldsPerRecord != b.FieldsPerRecord {
		t.Errorf("fields per record %v then %v: a 304 keeps the record's fields", a.FieldsPerRecord, b.FieldsPerRecord)
	}
	for _, f := range b.FieldShares {
		if f.Share != f.PreviousShare || f.Found != a.Fields[f.Field] {
			t.Errorf("field %s: %+v", f.Field, f)
		}
	}
	if i := slices.IndexFunc(b.FieldShares, func(f FieldShare) bool { return f.Field == "status" }); i < 0 || b.FieldShares[i].Share != 1 {
		t.Errorf("status is on every demo record: %+v", b.FieldShares)
	}
}

func TestReparseReadsParseFailuresAgain(t *testing.T) {
	ctx := context.Background()
	site, cfg := demo(t, demosite.Options{})
	crawl(t, cfg)
	if err := site.SetLayout(pagegen.ShellLayout); err != nil {
		t.Fatal(err)
	}
	crawl(t, cfg)
	st := openStore(t, cfg.DataDir)
	if ids := failureIDs(t, st); len(ids) != 18 {
		t.Fatalf("failures %v", ids)
	}
	// Record 141's failure as an older parser would have left it on a page
	// this parser reads: its failed capture is a readable one.
	vs, err := st.LatestVersions(ctx, 141)
	if err != nil || len(vs) != 1 {
		t.Fatal(err)
	}
	st.Close()
	execSQL(t, cfg.DataDir, `UPDATE parse_failures SET capture_id = ?, parser_version = 'scheda/0' WHERE record_id = 141`, vs[0].CaptureID)

	rep, err := Reparse(ctx, cfg.DataDir, nil)
	if err != nil {
		t.Fatalf("pages that stay unreadable are not a reparse error: %v %+v", err, rep)
	}
	if rep.Records != 0 || rep.Unreadable != 18 || !slices.Equal(rep.Recovered, []int{141}) || len(rep.StillUnreadable) != 17 || len(rep.Failed) != 0 {
		t.Errorf("reparse: %+v", rep)
	}
	st = openStore(t, cfg.DataDir)
	ids := failureIDs(t, st)
	if len(ids) != 17 || slices.Contains(ids, 141) {
		t.Errorf("failures after reparse %v, want all but 141", ids)
	}
	f, _ := st.ParseFailure(ctx, 1068)
	if f.ParserVersion != parsers.Version {
		t.Errorf("a failure left open names parser %q", f.ParserVersion)
	}
}

// parseErr turns a stored reason back into something errors.Is can check
// against the parser's sentinels.
func parseErr(reason string) error {
	for _, e := range []error{parsers.ErrNotRecordPage, parsers.ErrNoRecordID} {
		if strings.HasPrefix(reason, e.Error()) {
			return e
		}
	}
	return errors.New(reason)
}

// setStatus sets a page's "Stato di avanzamento".
func setStatus(p *pagegen.Page, v string) {
	for i := range p.Sections {
		for k := range p.Sections[i].Fields {
			if p.Sections[i].Fields[k].Label == "Stato di avanzamento" {
				p.Sections[i].Fields[k].Lines = []string{v}
			}
		}
	}
}
