package jobs

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/vnet"
)

// roundTripFunc is a RoundTripper written as a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestCrawlWithAnUnsettledURLFails loses a queued URL the way a bug in the
// crawl would (it is in the catalog's frontier, but never reaches the
// fetch queue): the crawl must not end "done", and --resume must finish it.
func TestCrawlWithAnUnsettledURLFails(t *testing.T) {
	_, cfg := demo(t, demosite.Options{})
	var once sync.Once
	var injectErr error
	next := cfg.Transport
	cfg.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path == "/" {
			once.Do(func() {
				db, err := sql.Open("sqlite3", "file:"+filepath.Join(cfg.DataDir, archive.DBName)+"?_busy_timeout=10000")
				if err != nil {
					injectErr = err
					return
				}
				defer db.Close()
				_, injectErr = db.Exec(`INSERT INTO frontier (crawl_id, key, url, state) VALUES (1, 'url:/processi/perduta', ?, 'queued')`,
					"https://"+demoHost+"/processi/perduta")
			})
		}
		return next.RoundTrip(r)
	})
	rep, err := Crawl(context.Background(), cfg)
	if injectErr != nil {
		t.Fatal(injectErr)
	}
	if err == nil || rep == nil || rep.Status != "failed" || !strings.Contains(err.Error(), "incomplete crawl") ||
		!strings.Contains(err.Error(), "/processi/perduta") {
		t.Fatalf("a crawl that left a URL queued: err %v, report %+v", err, rep)
	}
	if rep.Frontier.Unsettled != 1 || rep.RecordsNew != 18 {
		t.Errorf("report: %+v", rep.Frontier)
	}
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.LastCrawl(context.Background(), "osservatorio")
	st.Close()
	if err != nil || c.Status != "failed" || !strings.Contains(c.Report, "incomplete crawl") {
		t.Errorf("catalog: %+v %v", c, err)
	}

	cfg.Resume = true
	rep = crawl(t, cfg)
	if !rep.Resumed || rep.Status != "done" || rep.Frontier.Unsettled != 0 || rep.Frontier.Failed["http_404"] != 1 {
		t.Errorf("resumed: %+v", rep)
	}
}

// TestKnownRecordsAreRequestedWhenNoLongerLinked crawls a site of 14
// records, then the same site listing only 10: record 11 is still served,
// unlinked; 12 answers 404, 13 answers 503, 14 drops the connection. Each
// must be asked for, and the three that failed reported missing, each with
// its reason, in the report and the catalog.
func TestKnownRecordsAreRequestedWhenNoLongerLinked(t *testing.T) {
	before, err := demosite.New(demosite.Options{Records: 14})
	if err != nil {
		t.Fatal(err)
	}
	after, err := demosite.New(demosite.Options{Records: 10})
	if err != nil {
		t.Fatal(err)
	}
	var second atomic.Bool
	var mu sync.Mutex
	asked := map[string]int{}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	err = inet.Handle(demoHost, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !second.Load() {
			before.Handler().ServeHTTP(w, r)
			return
		}
		mu.Lock()
		asked[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/scheda-processo/11":
			before.Handler().ServeHTTP(w, r)
		case "/scheda-processo/13":
			http.Error(w, "down", http.StatusServiceUnavailable)
		case "/scheda-processo/14":
			panic(http.ErrAbortHandler) // the connection drops
		default:
			after.Handler().ServeHTTP(w, r)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		DataDir: t.TempDir(), Source: "osservatorio", BaseURL: "https://" + demoHost,
		UserAgent: "archivio/test (+https://example.org/contact)", Parallel: 2, Timeout: 5 * time.Second,
		Transport: vnetTransport(inet), Retry: fastRetry(),
	}
	if rep := crawl(t, cfg); rep.RecordsNew != 14 {
		t.Fatalf("first crawl: %+v", rep)
	}
	second.Store(true)
	rep := crawl(t, cfg)
	for _, p := range []string{"/scheda-processo/11", "/scheda-processo/12", "/scheda-processo/13", "/scheda-processo/14"} {
		if asked[p] == 0 {
			t.Errorf("%s, a record the archive knows, was not asked for", p)
		}
	}
	if rep.Status != "done" || rep.RecordsUnchanged != 11 || rep.RecordsMissing != 3 || len(rep.MissingRecords) != 3 {
		t.Fatalf("second crawl: %+v", rep)
	}
	want := []MissingRecord{
		{12, "https://" + demoHost + "/scheda-processo/12", "http_404"},
		{13, "https://" + demoHost + "/scheda-processo/13", "http_503"},
		{14, "https://" + demoHost + "/scheda-processo/14", ""}, // reason checked below
	}
	for i, m := range rep.MissingRecords {
		if m.ID != want[i].ID || m.URL != want[i].URL || (want[i].Reason != "" && m.Reason != want[i].Reason) {
			t.Errorf("missing record %d: %+v, want %+v", i, m, want[i])
		}
	}
	if r := rep.MissingRecords[2].Reason; r == "" || r == "done" {
		t.Errorf("record 14 dropped the connection: reason %q", r)
	}
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	missing, err := st.MissingRecords(context.Background(), rep.CrawlID)
	if err != nil || len(missing) != 3 || missing[0].Reason != "http_404" {
		t.Errorf("catalog: missing records %+v %v", missing, err)
	}
}

// fastRetry retries without waiting.
func fastRetry() (o crawlers.RetryOptions) {
	o.Attempts = 2
	o.Sleep = func(ctx context.Context, d time.Duration) error { return ctx.Err() }
	return o
}

func TestConfigRejectsBadValues(t *testing.T) {
	for _, c := range []struct {
		name string
		mod  func(*Config)
		want string
	}{
		{"parallel", func(c *Config) { c.Parallel = -1 }, "parallel -1"},
		{"parallel too many", func(c *Config) { c.Parallel = 1 << 30 }, "parallel 1073741824"},
		{"delay", func(c *Config) { c.Delay = -5 * time.Second }, "delay -5s"},
		{"timeout", func(c *Config) { c.Timeout = -time.Second }, "timeout -1s"},
		{"max pages", func(c *Config) { c.MaxPages = -1 }, "max pages -1"},
		{"max body", func(c *Config) { c.MaxBody = -5 }, "max body -5"},
		{"warc size", func(c *Config) { c.WARCMaxSize = -1 }, "WARC size -1"},
		{"ids", func(c *Config) { c.FromID, c.ToID = 1, 1<<62 }, "at most 100000 per crawl"},
		{"ids reversed", func(c *Config) { c.FromID, c.ToID = 9, 3 }, "1 <= FROM <= TO"},
	} {
		_, cfg := demo(t, demosite.Options{})
		c.mod(&cfg)
		rep, err := Crawl(context.Background(), cfg)
		if err == nil || rep != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err %v, report %v; want an error naming %q", c.name, err, rep, c.want)
		}
		if errors.Is(err, context.Canceled) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestResumeCataloguesResponsesOfClosedFiles simulates a kill that lands
// after a response was written to a WARC file that was then closed (a
// rotation) but before the catalog listed it: the resumed crawl must find
// the response in the file, catalogue it, and take the page from the
// archive instead of fetching it again.
func TestResumeCataloguesResponsesOfClosedFiles(t *testing.T) {
	site, cfg := demo(t, demosite.Options{})
	crawl(t, cfg)
	const page = "/processi?page=2"
	u := "https://" + demoHost + page
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(cfg.DataDir, archive.DBName)+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		sql string
		arg any
	}{
		{`DELETE FROM captures WHERE url = ?`, u},
		{`UPDATE frontier SET state = 'queued', reason = '' WHERE key = ?`, "url:" + page},
		{`UPDATE crawls SET status = 'running', finished_at = NULL, report = NULL WHERE ? != ''`, u},
	} {
		if res, err := db.Exec(q.sql, q.arg); err != nil {
			t.Fatal(err)
		} else if n, _ := res.RowsAffected(); n != 1 {
			t.Fatalf("%s: %d rows", q.sql, n)
		}
	}
	db.Close()

	cfg.Resume = true
	rep := crawl(t, cfg)
	if n := site.Hits(page); n != 1 {
		t.Errorf("%s requested %d times; its response was in the WARC files", page, n)
	}
	if rep.Status != "done" || !rep.Resumed || rep.FromArchive != 1 || rep.Frontier.Unsettled != 0 {
		t.Errorf("resumed: %+v", rep)
	}
	st, err := archive.Open(context.Background(), cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.CaptureInCrawl(context.Background(), rep.CrawlID, u)
	if err != nil || c.Status != http.StatusOK || c.WARCLength == 0 || c.WARCRecordID == "" {
		t.Errorf("capture of %s: %+v %v", page, c, err)
	}
}

// execSQL changes the catalog of dataDir behind archivio's back, as a
// crash or an older archivio would have left it.
func execSQL(t *testing.T, dataDir, q string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dataDir, archive.DBName)+"?_busy_timeout=10000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}
