package jobs

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
)

// sinkRecorder keeps the alerts it is sent.
type sinkRecorder struct {
	mu   sync.Mutex
	sent []alerts.Alert
}

func (s *sinkRecorder) Name() string { return "recorder" }

func (s *sinkRecorder) Send(_ context.Context, a alerts.Alert) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, a)
	return nil
}

func (s *sinkRecorder) kinds() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, a := range s.sent {
		out = append(out, a.Kind)
	}
	return out
}

// driftWorld is a demo site crawled with its alerts going to a recorder
// and an Atom feed.
func driftWorld(t *testing.T) (*demosite.Site, Config, *sinkRecorder, string) {
	t.Helper()
	site, cfg := demo(t, demosite.Options{})
	rec := &sinkRecorder{}
	feed := filepath.Join(cfg.DataDir, "alerts.atom")
	atom, err := alerts.NewAtom(alerts.AtomOptions{Path: feed, FeedID: "tag:archivio,2026:test"})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Sinks = alerts.Multi{rec, atom}
	return site, cfg, rec, feed
}

func TestDriftAlertWhenTheSiteChangesItsMarkup(t *testing.T) {
	ctx := context.Background()
	site, cfg, sink, feed := driftWorld(t)

	for i := range 2 { // a first crawl, then one all 304
		rep := crawl(t, cfg)
		if d := rep.ParseHealth.Drift; d == nil || !d.Judged || d.State != archive.HealthHealthy || d.Alert != nil {
			t.Fatalf("crawl %d: drift %+v", i+1, d)
		}
	}
	if len(sink.kinds()) != 0 {
		t.Fatalf("alerts from healthy crawls: %v", sink.kinds())
	}

	// The site moves to a script-rendered front end; record 141 changes
	// meanwhile.
	site.SetLayout(pagegen.ShellLayout)
	site.Update(141, func(p *pagegen.Page) { setStatus(p, "Concluso e rendicontato") })
	broken := crawl(t, cfg)
	d := broken.ParseHealth.Drift
	if d == nil || d.State != archive.HealthDrift || d.Alert == nil || d.Alert.Kind != alerts.KindDrift || len(d.Findings) != 1 {
		t.Fatalf("drift %+v", d)
	}
	a := d.Alert
	f := a.Drift.Findings[0]
	if a.Drift.Source != "osservatorio" || a.URL != "https://"+demoHost || a.Verdict != "unreadable" || a.Drift.CrawlID != broken.CrawlID ||
		a.Drift.BaselineCrawl == 0 || a.Drift.RecordPages != 18 || a.Drift.Unreadable != 18 ||
		f.Rule != "unreadable" || f.Count != 18 || f.Of != 18 || f.BaseCount != 0 || f.BaseOf != 18 || len(f.Examples) != examplesPerFinding {
		t.Fatalf("drift alert %+v finding %+v", a.Drift, f)
	}
	for _, e := range f.Examples {
		if e.Capture == nil || e.Capture.WARCFile == "" || e.Capture.URL != e.URL || !strings.Contains(e.Reason, "not a process page") {
			t.Errorf("example %+v capture %+v", e, e.Capture)
		}
	}
	text := alerts.Describe(*a)
	for _, want := range []string{"source osservatorio no longer read as before", "18 of 18 record pages unreadable", "e.g. record ", "WARC "} {
		if !strings.Contains(text, want) {
			t.Errorf("description lacks %q:\n%s", want, text)
		}
	}
	st := openStore(t, cfg.DataDir)
	if ids := failureIDs(t, st); len(ids) != 18 {
		t.Errorf("parse failures %v", ids)
	}

	// While the markup stays, no alert again, whether the pages answer
	// 304 (read again from the archive) or come whole.
	held := crawl(t, cfg)
	if d := held.ParseHealth.Drift; d.State != archive.HealthDrift || d.Alert != nil || len(d.Findings) != 1 || held.NotModified != 18 {
		t.Errorf("held drift %+v, %d not modified", d, held.NotModified)
	}
	site.Update(1068, func(p *pagegen.Page) { setStatus(p, "In corso") })
	if d := crawl(t, cfg).ParseHealth.Drift; d.State != archive.HealthDrift || d.Alert != nil {
		t.Errorf("held drift %+v", d)
	}

	// Back to a readable markup: one recovered alert, the records read.
	site.SetLayout("")
	back := crawl(t, cfg)
	d = back.ParseHealth.Drift
	if d.State != archive.HealthHealthy || d.Alert == nil || d.Alert.Kind != alerts.KindRecovered || len(d.Findings) != 0 {
		t.Fatalf("recovery %+v", d)
	}
	r := d.Alert.Drift
	if r.Parsed != 18 || r.Unreadable != 0 || r.DriftSince.IsZero() || len(r.Findings) != 1 || r.Findings[0].Rule != "unreadable" {
		t.Errorf("recovered alert %+v", r)
	}
	if back.RecordsChanged != 2 || back.Unreadable != 0 {
		t.Errorf("records after recovery: %+v", back)
	}
	if status, v := recordStatus(t, st, 141); status != "Concluso e rendicontato" || v != 2 {
		t.Errorf("record 141 after recovery: %q version %d", status, v)
	}
	if ids := failureIDs(t, st); len(ids) != 0 {
		t.Errorf("parse failures after recovery %v", ids)
	}
	if d := crawl(t, cfg).ParseHealth.Drift; d.Alert != nil || d.State != archive.HealthHealthy {
		t.Errorf("a healthy crawl after recovery: %+v", d)
	}

	// Exactly one alert per transition, everywhere: the sinks, the
	// database (archivio alerts), the Atom feed.
	if got := sink.kinds(); !slices.Equal(got, []string{"drift", "recovered"}) {
		t.Errorf("alerts sent %v", got)
	}
	stored, err := StoredAlerts(ctx, st)
	if err != nil || len(stored) != 2 || stored[0].Kind != "drift" || stored[1].Kind != "recovered" ||
		stored[0].Drift == nil || stored[0].Drift.Findings[0].Examples[0].Capture == nil {
		t.Fatalf("stored alerts %+v %v", stored, err)
	}
	rows, _ := st.Alerts(ctx)
	for _, row := range rows {
		var outcome map[string]string
		if json.Unmarshal([]byte(row.Delivered), &outcome) != nil || outcome["all"] != "ok" || outcome["recorder"] != "ok" || row.Source != "osservatorio" {
			t.Errorf("alert %d delivered %s source %q", row.ID, row.Delivered, row.Source)
		}
	}
	body, err := os.ReadFile(feed)
	if err != nil {
		t.Fatal(err)
	}
	var atom struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(body, &atom); err != nil || len(atom.Entries) != 2 ||
		atom.Entries[1].Title != "DRIFT osservatorio: record pages no longer read (unreadable)" {
		t.Errorf("feed %+v %v", atom, err)
	}
	// The crawl report stored with the crawl says it too.
	var stReport Report
	raw := crawlReport(t, st, broken.CrawlID)
	if err := json.Unmarshal([]byte(raw), &stReport); err != nil || stReport.ParseHealth == nil ||
		stReport.ParseHealth.Drift == nil || stReport.ParseHealth.Drift.Alert == nil || stReport.ParseHealth.Unreadable != 18 {
		t.Errorf("stored report: %v %.300s", err, raw)
	}
}

func crawlReport(t *testing.T, st *archive.Store, id int64) string {
	t.Helper()
	c, err := st.Crawl(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.Report
}

// renameLabel renames a label on every page of the site.
func renameLabel(t *testing.T, site *demosite.Site, from, to string) {
	t.Helper()
	for _, id := range site.IDs() {
		err := site.Update(id, func(p *pagegen.Page) {
			for i := range p.Sections {
				for k := range p.Sections[i].Fields {
					if p.Sections[i].Fields[k].Label == from {
						p.Sections[i].Fields[k].Label = to
					}
				}
			}
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestDriftAlertWhenALabelIsRenamed(t *testing.T) {
	site, cfg, sink, _ := driftWorld(t)
	crawl(t, cfg)
	// A near miss is read as its field: parse health lists it, and it is
	// no drift.
	renameLabel(t, site, "Stato di avanzamento", "Stato avanzamento")
	rep := crawl(t, cfg)
	h := rep.ParseHealth
	if h.Drift.Alert != nil || h.Drift.State != archive.HealthHealthy || len(h.FuzzyLabels) != 1 {
		t.Fatalf("near miss: drift %+v fuzzy %+v", h.Drift, h.FuzzyLabels)
	}
	if l := h.FuzzyLabels[0]; l.Label != "Stato avanzamento" || l.Field != "status" || l.Pages != 18 || l.Example.URL == "" || l.Example.CaptureID == 0 {
		t.Errorf("fuzzy label %+v", l)
	}
	if i := slices.IndexFunc(h.FieldShares, func(f FieldShare) bool { return f.Field == "status" }); i < 0 || h.FieldShares[i].Share != 1 {
		t.Errorf("a near miss still finds its field: %+v", h.FieldShares)
	}
	// The site renames it to a label nothing is close to: the pages
	// still read, but the field is gone and a new label appears.
	renameLabel(t, site, "Stato avanzamento", "Situazione odierna")
	rep = crawl(t, cfg)
	d := rep.ParseHealth.Drift
	if d.Alert == nil || d.State != archive.HealthDrift {
		t.Fatalf("drift %+v", d)
	}
	var rules []string
	for _, f := range d.Findings {
		rules = append(rules, f.Rule+":"+f.Field+f.Label)
	}
	if !slices.Contains(rules, "field_lost:status") || !slices.Contains(rules, "new_unknown_label:Situazione odierna") ||
		slices.Contains(rules, "unreadable:") {
		t.Errorf("findings %v", rules)
	}
	if rep.Unreadable != 0 || rep.ParseHealth.Parsed != 18 {
		t.Errorf("the pages still read: %+v", rep.ParseHealth)
	}
	for _, f := range d.Alert.Drift.Findings {
		if f.Rule == "field_lost" && (len(f.Examples) == 0 || f.Examples[0].Capture == nil || f.Count > 1 || f.BaseCount != 18) {
			t.Errorf("field_lost finding %+v", f)
		}
	}
	renameLabel(t, site, "Situazione odierna", "Stato di avanzamento")
	if d := crawl(t, cfg).ParseHealth.Drift; d.Alert == nil || d.Alert.Kind != alerts.KindRecovered {
		t.Errorf("recovery %+v", d)
	}
	if got := sink.kinds(); !slices.Equal(got, []string{"drift", "recovered"}) {
		t.Errorf("alerts %v", got)
	}
}

func TestCrawlsTooSmallToJudgeHoldTheState(t *testing.T) {
	site, cfg, sink, _ := driftWorld(t)
	crawl(t, cfg)
	site.SetLayout(pagegen.ShellLayout)
	// A crawl of a single record page says nothing about the source.
	small := cfg
	small.Drift = archive.DriftThresholds{UnreadableShare: 0.05, FieldWasShare: 0.5, FieldNowShare: 0.1, MinPages: 30}
	rep := crawl(t, small)
	if d := rep.ParseHealth.Drift; d == nil || d.Judged || d.Alert != nil || d.State != archive.HealthHealthy {
		t.Errorf("unjudged crawl: %+v", d)
	}
	if len(sink.kinds()) != 0 {
		t.Errorf("alerts %v", sink.kinds())
	}
	if rep.Unreadable != 18 {
		t.Errorf("the pages are still kept as parse failures: %+v", rep)
	}
}
