package jobs

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/internal/demo/vnet"
	"archivio/internal/wayback"
)

// linkWorld is a crawled demo site whose records cite hosts that behave
// in every way a link can fail, on a virtual internet.
type linkWorld struct {
	inet    *vnet.Internet
	cfg     Config
	now     time.Time
	wayback *wayback.Client

	mu   sync.Mutex
	hits map[string]int // "METHOD path" of the live website's requests
}

func (w *linkWorld) hitCount(key string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.hits[key]
}

func newLinkWorld(t *testing.T) *linkWorld {
	t.Helper()
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	if err := inet.Handle(demoHost, site.Handler()); err != nil {
		t.Fatal(err)
	}
	links := map[int]string{
		2976: "https://www.comune.formigine.mo.it/partecipazione", // live
		1408: "https://www.comune.ra.it/ravenna-partecipa",        // 404
		1983: "http://www.climadipartecipazione.it/",              // parked
	}
	for id, u := range links {
		u := u
		if err := site.Update(id, func(p *pagegen.Page) {
			p.Sections[0].Fields = append([]pagegen.Field{{Label: "Link", Type: "url", Lines: []string{u}}}, p.Sections[0].Fields...)
		}); err != nil {
			t.Fatal(err)
		}
	}
	inet.FailDNS("www.fabbricaideedistretto.it") // record 141's own vanished site
	html := func(status int, body string) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			fmt.Fprint(w, "<html><head><title>t</title></head><body>"+body+"</body></html>")
		})
	}
	live := http.NewServeMux()
	live.Handle("/partecipazione", html(200, `<h1>Città della longevità</h1><p>Il percorso partecipativo.</p><a href="/partecipazione/incontri">Incontri</a>`))
	live.Handle("/partecipazione/incontri", html(200, "<h1>Incontri</h1><p>Calendario degli incontri.</p>"))
	live.Handle("/", html(404, "<h1>Pagina non trovata</h1>"))
	w := &linkWorld{inet: inet, now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), hits: map[string]int{}}
	inet.Handle("www.comune.formigine.mo.it", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.hits[r.Method+" "+r.URL.Path]++
		w.mu.Unlock()
		live.ServeHTTP(rw, r)
	}))
	inet.Handle("www.comune.ra.it", html(404, "<h1>Pagina non trovata</h1>"))
	inet.Handle("www.climadipartecipazione.it", html(200, "<h1>Questo dominio è in vendita</h1><p>Acquista su Sedo</p>"))

	_, cfg := demo(t, demosite.Options{})
	cfg.Transport = vnetTransport(inet)
	w.cfg = cfg
	crawl(t, cfg)
	return w
}

func (w *linkWorld) check(t *testing.T, th archive.Thresholds, sinks alerts.Sink) *LinksReport {
	t.Helper()
	w.now = w.now.Add(6 * time.Hour)
	now := w.now
	rep, err := CheckLinks(context.Background(), LinksConfig{
		DataDir: w.cfg.DataDir, UserAgent: "archivio/test", Timeout: 2 * time.Second, Thresholds: th,
		AllowPrivate: true, Transport: w.cfg.Transport, Sinks: sinks, Now: func() time.Time { return now },
		SnapshotDelay: time.Millisecond, Wayback: w.wayback,
	})
	if err != nil {
		t.Fatalf("links check: %v", err)
	}
	return rep
}

func alertKeys(as []alerts.Alert) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Kind+" "+a.URL+" "+a.Verdict)
	}
	slices.Sort(out)
	return out
}

func TestLinkChecksAlertOncePerTransition(t *testing.T) {
	w := newLinkWorld(t)
	var mu sync.Mutex
	var posted []string
	hook := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		if !alerts.VerifySignature("s3cret", body, r.Header.Get("X-Archivio-Signature")) {
			t.Errorf("webhook signature does not verify")
		}
		posted = append(posted, r.Header.Get("X-Archivio-Event"))
	}))
	defer hook.Close()
	webhook, err := alerts.NewWebhook(alerts.WebhookOptions{URL: hook.URL, Secret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	feed := filepath.Join(w.cfg.DataDir, "alerts.atom")
	atom, err := alerts.NewAtom(alerts.AtomOptions{Path: feed, Title: "archivio", FeedID: "urn:test"})
	if err != nil {
		t.Fatal(err)
	}
	sinks := alerts.Multi{webhook, atom}
	th := archive.Thresholds{FailThreshold: 2, FailWindow: 6 * time.Hour, RecoverThreshold: 2}
	way := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("url") == "http://www.fabbricaideedistretto.it" {
			fmt.Fprint(rw, `{"archived_snapshots":{"closest":{"available":true,"url":"http://web.archive.org/web/20120101000000/http://www.fabbricaideedistretto.it/","timestamp":"20120101000000","status":"200"}}}`)
			return
		}
		fmt.Fprint(rw, `{"archived_snapshots":{}}`)
	}))
	defer way.Close()
	w.wayback = &wayback.Client{Endpoint: way.URL}

	first := w.check(t, th, sinks)
	if first.Snapshots < 2 {
		t.Errorf("the live record website and its same-site page must be archived: %d snapshot pages", first.Snapshots)
	}
	// The snapshot starts from the page the check fetched: the site is
	// asked for it once.
	if n := w.hitCount("GET /partecipazione"); n != 1 {
		t.Errorf("the live website was asked %d times for its page in one check, want once", n)
	}
	if len(first.Alerts) != 0 {
		t.Errorf("one failing check must not alert: %v", alertKeys(first.Alerts))
	}
	for v, want := range map[string]int{"dns_not_found": 1, "gone": 1, "parked": 1} {
		if first.Verdicts[v] != want {
			t.Errorf("verdict %s: %d, want %d (all: %v)", v, first.Verdicts[v], want, first.Verdicts)
		}
	}
	second := w.check(t, th, sinks)
	want := []string{
		"down http://www.climadipartecipazione.it/ parked",
		"down http://www.fabbricaideedistretto.it dns_not_found",
		"down https://www.comune.ra.it/ravenna-partecipa gone",
	}
	if got := alertKeys(second.Alerts); !slices.Equal(got, want) {
		t.Errorf("second check alerts %v, want %v", got, want)
	}
	for _, a := range second.Alerts {
		if a.URL == "http://www.fabbricaideedistretto.it" && (len(a.Records) != 1 || a.Records[0].ID != 141 || a.Records[0].Title == "") {
			t.Errorf("the alert must name record 141 and its title: %+v", a.Records)
		}
		if a.URL == "http://www.fabbricaideedistretto.it" && (a.LastGoodCapture == nil || !strings.Contains(a.LastGoodCapture.Wayback, "web.archive.org")) {
			t.Errorf("the down alert must name the latest Wayback copy: %+v", a.LastGoodCapture)
		}
	}
	// The catalog keeps the copy with the alert: sent again (a retry, the
	// next start), listed or in the feed, the alert names it too.
	func() {
		ro, err := archive.OpenReadOnly(context.Background(), w.cfg.DataDir)
		if err != nil {
			t.Fatal(err)
		}
		defer ro.Close()
		stored, err := StoredAlerts(context.Background(), ro)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range stored {
			if got := a.LastGoodCapture; a.URL == "http://www.fabbricaideedistretto.it" && (got == nil || !strings.Contains(got.Wayback, "web.archive.org")) {
				t.Errorf("the stored down alert lacks its Wayback copy: %+v", got)
			}
		}
	}()
	if third := w.check(t, th, sinks); len(third.Alerts) != 0 {
		t.Errorf("a state that holds must not alert again: %v", alertKeys(third.Alerts))
	}

	// The vanished site comes back: up after two good checks, once.
	w.inet.Handle("www.fabbricaideedistretto.it", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Content-Type", "text/html")
		fmt.Fprint(rw, "<html><body><h1>La fabbrica delle idee</h1><p>Il progetto.</p></body></html>")
	}))
	if r := w.check(t, th, sinks); len(r.Alerts) != 0 {
		t.Errorf("one good check after down must not alert: %v", alertKeys(r.Alerts))
	}
	up := w.check(t, th, sinks)
	if got := alertKeys(up.Alerts); !slices.Equal(got, []string{"up http://www.fabbricaideedistretto.it ok"}) {
		t.Errorf("recovery alerts %v", got)
	}
	if up.Alerts[0].LastGoodCapture == nil {
		t.Error("the up alert must point at archivio's copy of the page")
	}

	mu.Lock()
	if len(posted) != 4 {
		t.Errorf("webhook got %d posts, want 4 (3 down, 1 up): %v", len(posted), posted)
	}
	mu.Unlock()
	raw, err := os.ReadFile(feed)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		XMLName xml.Name
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(raw, &f); err != nil || f.XMLName.Space != "http://www.w3.org/2005/Atom" || len(f.Entries) != 4 {
		t.Errorf("Atom feed: %v, namespace %q, %d entries", err, f.XMLName.Space, len(f.Entries))
	}

	st, err := archive.Open(context.Background(), w.cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	l, err := st.Link(context.Background(), "http://www.fabbricaideedistretto.it")
	if err != nil || !l.DeclaredGone || l.State != archive.StateUp {
		t.Errorf("link after recovery: %+v %v", l, err)
	}
	h, _ := st.LinkHistory(context.Background(), "http://www.fabbricaideedistretto.it")
	if len(h) != 5 {
		t.Errorf("history keeps every check: %d", len(h))
	}
}

func TestLinkFlappingBelowThresholdsIsSilent(t *testing.T) {
	w := newLinkWorld(t)
	th := archive.DefaultThresholds() // 3 failing checks over 24h
	for i := range 3 {
		if r := w.check(t, th, nil); len(r.Alerts) != 0 {
			t.Fatalf("check %d alerted before 24h of failures: %v", i, alertKeys(r.Alerts))
		}
	}
	st, err := archive.Open(context.Background(), w.cfg.DataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	suspect, _ := st.Links(context.Background(), archive.StateSuspect, true)
	if len(suspect) != 3 {
		t.Errorf("%d suspect links, want the 3 failing ones", len(suspect))
	}
}
