package jobs

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/hostile"
	"archivio/source/osservatorio"
)

// hostileCrawl serves a demo site of n synthetic records whose pages are
// answered by the handlers bad makes, given the site's own handler, where
// it has one ("record:ID" for a record page, else the path), and returns a
// crawl configuration for it with quick retries.
func hostileCrawl(t *testing.T, n int, bad func(site http.Handler) map[string]http.Handler) (*httptest.Server, Config) {
	t.Helper()
	site, err := demosite.New(demosite.Options{Records: n})
	if err != nil {
		t.Fatal(err)
	}
	h := site.Handler()
	handlers := bad(h)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.Path
		if id, ok := osservatorio.RecordID(r.URL.Path); ok {
			key = "record:" + strconv.Itoa(id)
		}
		if b := handlers[key]; b != nil {
			b.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, Config{
		DataDir: t.TempDir(), Source: "osservatorio", BaseURL: srv.URL, UserAgent: "archivio/test (+https://example.org/contact)",
		Parallel: 2, AllowPrivate: true, Timeout: 5 * time.Second,
		Retry: crawlers.RetryOptions{Base: time.Millisecond, Max: 10 * time.Millisecond},
	}
}

// archivedResponses reads every response record of a data directory back
// and returns them by target URI, without their bodies.
func archivedResponses(t *testing.T, dir string) map[string][]*archive.ArchivedResponse {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	if open, _ := filepath.Glob(filepath.Join(dir, "warc", "*.open")); len(open) != 0 || len(files) == 0 {
		t.Fatalf("WARC files %v, open %v", files, open)
	}
	out := map[string][]*archive.ArchivedResponse{}
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(s archive.ScannedRecord) error {
			if s.Type != "response" && s.Type != "revisit" {
				return nil
			}
			a, err := archive.ReadResponse(context.Background(), f, s.Offset)
			if err != nil {
				return err
			}
			a.Body = nil
			out[s.TargetURI] = append(out[s.TargetURI], a)
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	return out
}

func storedIDs(t *testing.T, dir string) map[int]bool {
	t.Helper()
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.LatestVersions(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int]bool{}
	for _, v := range vs {
		ids[v.RecordID] = true
	}
	return ids
}

// TestCrawlRetriesDroppedConnections: a body cut by a reset, a body
// shorter than its Content-Length and broken chunked encoding are retried
// like timeouts, each cut attempt kept in the WARC files as evidence; a
// page dropped every time is an error of its own kind, disconnected.
func TestCrawlRetriesDroppedConnections(t *testing.T) {
	page := []byte("<html><body>" + strings.Repeat("<p>testo del processo</p>", 400) + "</body></html>")
	for _, how := range []string{hostile.Reset, hostile.Short, hostile.BrokenChunks} {
		t.Run(how, func(t *testing.T) {
			dropped := hostile.Dropped(how, "text/html; charset=utf-8", page)
			srv, cfg := hostileCrawl(t, 4, func(site http.Handler) map[string]http.Handler {
				return map[string]http.Handler{"record:2": hostile.Flaky(1, dropped, site), "record:3": dropped}
			})

			rep, err := Crawl(context.Background(), cfg)
			if err != nil {
				t.Fatalf("crawl: %v %+v", err, rep)
			}
			if rep.Errors["disconnected"] != 1 || len(rep.Errors) != 1 {
				t.Errorf("errors %v, want disconnected 1 (record 3, dropped every time)", rep.Errors)
			}
			if rep.Cuts.Disconnect != 1+4 {
				t.Errorf("cuts %+v, want 5 disconnects: record 2 once, record 3 in all 4 attempts", rep.Cuts)
			}
			ids := storedIDs(t, cfg.DataDir)
			if !ids[2] || ids[3] || len(ids) != 3 {
				t.Errorf("records stored %v, want 1, 2 (retried) and 4", ids)
			}
			arch := archivedResponses(t, cfg.DataDir)
			two, three := arch[srv.URL+"/scheda-processo/2"], arch[srv.URL+"/scheda-processo/3"]
			if len(two) != 2 || two[0].Truncated != "disconnect" || two[1].Truncated != "" {
				t.Errorf("record 2 archived %d times (%v), want the cut attempt then the whole page", len(two), truncations(two))
			}
			if len(three) != 4 || truncations(three) != "disconnect disconnect disconnect disconnect" {
				t.Errorf("record 3 archived %d times (%v), want 4 cut attempts", len(three), truncations(three))
			}
		})
	}
}

func truncations(rs []*archive.ArchivedResponse) string {
	var b bytes.Buffer
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Truncated)
	}
	return b.String()
}

// TestCrawlEndlessListingPageIsNotSilent: listing pages that never end
// (a trickle that outlasts the timeout) are retried and then reported as
// errors, never a crawl "done" with "errors none"; every attempt is
// archived cut by the timeout, as evidence. The timeout leaves the head
// of each answer ample time to arrive on a loaded machine (an attempt
// timed out before its head would have nothing to archive), while the
// body never ends.
func TestCrawlEndlessListingPageIsNotSilent(t *testing.T) {
	trickle := hostile.Trickle("text/html; charset=utf-8", []byte("<html><body><h1>Processi</h1>"), []byte("<p>...</p>\n"), 20*time.Millisecond)
	var asked atomic.Int32
	counted := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		trickle.ServeHTTP(w, r)
	})
	srv, cfg := hostileCrawl(t, 4, func(http.Handler) map[string]http.Handler {
		return map[string]http.Handler{"/processi": counted, "/sitemap.xml": http.NotFoundHandler()}
	})
	cfg.Timeout = time.Second
	rep, err := Crawl(context.Background(), cfg)
	if err != nil {
		t.Fatalf("crawl: %v %+v", err, rep)
	}
	if rep.Errors["timeout"] == 0 || rep.Cuts.Time < 4 {
		t.Errorf("errors %v, cuts %+v: the endless listing pages must be reported as timeouts after their retries", rep.Errors, rep.Cuts)
	}
	listing := archivedResponses(t, cfg.DataDir)[srv.URL+"/processi"]
	if n := asked.Load(); int(n) != len(listing) || len(listing) < 4 || strings.Trim(truncations(listing), "time ") != "" {
		t.Errorf("the listing page was asked %d times and archived %d times (%s): want every attempt archived cut by the timeout", n, len(listing), truncations(listing))
	}
}
