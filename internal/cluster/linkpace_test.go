package cluster_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/cluster"
	"archivio/internal/jobs"
)

// pacedHost is a loopback site that answers HEAD with 405 (so every
// check asks again with GET) and redirects its links to the other site;
// it notes when each request arrived and how many were in flight.
type pacedHost struct {
	host string
	srv  *http.Server

	mu       sync.Mutex
	arrivals []time.Time
	requests []string
	inFlight int
	peak     int
}

func startPacedHost(t *testing.T, ip string, other func() string) *pacedHost {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	h := &pacedHost{host: ln.Addr().String()}
	h.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		h.arrivals = append(h.arrivals, time.Now())
		h.requests = append(h.requests, r.Method+" "+r.URL.Path)
		h.inFlight++
		h.peak = max(h.peak, h.inFlight)
		h.mu.Unlock()
		defer func() { h.mu.Lock(); h.inFlight--; h.mu.Unlock() }()
		time.Sleep(5 * time.Millisecond)
		switch {
		case r.Method == http.MethodHead:
			http.Error(w, "HEAD not allowed", http.StatusMethodNotAllowed)
		case strings.HasPrefix(r.URL.Path, "/link/"):
			http.Redirect(w, r, "http://"+other()+"/moved/"+strings.TrimPrefix(r.URL.Path, "/link/"), http.StatusFound)
		case r.URL.Path == "/site/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<html><head><title>Sito del percorso</title></head><body><h1>Il percorso partecipativo</h1>
<p>Gli incontri e i documenti del processo.</p><a href="/site/incontri">Incontri</a> <a href="/site/documenti">Documenti</a></body></html>`)
		case strings.HasPrefix(r.URL.Path, "/site/"), strings.HasPrefix(r.URL.Path, "/moved/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<html><head><title>Percorso %s</title></head><body><h1>Percorso partecipativo %s</h1><p>Il processo di %s.</p></body></html>",
				r.URL.Path, r.URL.Path, h.host)
		default:
			http.NotFound(w, r)
		}
	})}
	go h.srv.Serve(ln)
	t.Cleanup(func() { h.srv.Close() })
	return h
}

// TestSharedLinkCheckPacesEveryRequest: two nodes share a run of link
// checks over two loopback hosts paced at one request at a time, 200 ms
// apart; each link answers HEAD with 405 and its GET redirects to the
// other host; each host's live website is snapshotted. Every request any
// node sends to a host (the HEAD, the GET after it, the redirect hop from
// the other host's links, the probes, the snapshot's pages)
// keeps the pace: the gaps between all of them at each host are at least
// the delay, and no host ever has two requests at once.
func TestSharedLinkCheckPacesEveryRequest(t *testing.T) {
	const delay = 200 * time.Millisecond
	const tolerance = 30 * time.Millisecond
	ctx := context.Background()
	var a, b *pacedHost
	a = startPacedHost(t, "127.0.0.2", func() string { return b.host })
	b = startPacedHost(t, "127.0.0.3", func() string { return a.host })
	dsn := server.Schema(t)
	stores := make([]*pg.Store, 2)
	for i := range stores {
		st, err := pg.Open(ctx, dsn, pg.Options{Node: fmt.Sprintf("n%d", i+1)})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		stores[i] = st
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	var links int
	for _, h := range []*pacedHost{a, b} {
		for i := range 4 {
			u := fmt.Sprintf("http://%s/link/%d", h.host, i)
			if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
				t.Fatal(err)
			}
			links++
		}
	}
	// Each host's live website, cited by a record's Link field: its
	// check is followed by a snapshot of its pages.
	if _, err := conn.Exec(ctx, `INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (1, 'http://osservatorio.test/1', now(), now(), 1)`); err != nil {
		t.Fatal(err)
	}
	for _, h := range []*pacedHost{a, b} {
		u := "http://" + h.host + "/site/"
		if _, err := conn.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2)`, u, archive.FormatTime(time.Now())); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec(ctx, `INSERT INTO link_refs (url, record_id, field, source, declared_gone) VALUES ($1, 1, 'website', 'test', false)`, u); err != nil {
			t.Fatal(err)
		}
		links++
	}
	conn.Close(ctx)

	var wg sync.WaitGroup
	reps := make([]*jobs.LinksReport, 2)
	errs := make([]error, 2)
	for i := range 2 {
		name := fmt.Sprintf("n%d", i+1)
		lc := cluster.LinkCheck{Store: stores[i], Name: name, WARCDir: t.TempDir(), Storage: &warcstore.Local{Dir: t.TempDir()}, Heartbeat: time.Second}
		wg.Go(func() {
			reps[i], errs[i] = lc.Run(ctx, jobs.LinksConfig{UserAgent: "archivio/test (+https://example.org/)", Timeout: 30 * time.Second,
				AllowPrivate: true, SnapshotDepth: 1, SnapshotDelay: time.Millisecond, Parallel: 4, PerHost: 1, HostDelay: delay})
		})
	}
	wg.Wait()
	checked := 0
	for i := range 2 {
		if errs[i] != nil {
			t.Fatalf("node %d: %v", i+1, errs[i])
		}
		checked += reps[i].Checked
		for v, n := range reps[i].Verdicts {
			if v != "redirect" && v != "ok" {
				t.Errorf("node %d: %d links %s, want every link a redirect or ok", i+1, n, v)
			}
		}
	}
	if checked != links {
		t.Fatalf("checked %d links over both nodes, want %d", checked, links)
	}
	for _, h := range []*pacedHost{a, b} {
		h.mu.Lock()
		gets := 0
		for _, r := range h.requests {
			if strings.HasPrefix(r, "GET /link/") {
				gets++
			}
		}
		if gets < 4 || len(h.requests) < 4+4+4 || !slices.Contains(h.requests, "GET /site/incontri") || !slices.Contains(h.requests, "GET /site/documenti") {
			t.Errorf("%s: requests %v: want a HEAD and a GET of each of its links, a hop from each of the other's, and its website's pages", h.host, h.requests)
		}
		for i := 1; i < len(h.arrivals); i++ {
			if gap := h.arrivals[i].Sub(h.arrivals[i-1]); gap < delay-tolerance {
				t.Errorf("%s: %q came %v after %q: want at least %v", h.host, h.requests[i], gap, h.requests[i-1], delay)
			}
		}
		if h.peak > 1 {
			t.Errorf("%s: %d requests at once, want at most 1", h.host, h.peak)
		}
		h.mu.Unlock()
	}
}
