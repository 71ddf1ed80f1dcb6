package setup

import (
	"context"
	"encoding/xml"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/config"
)

func TestCrawlOfEachKind(t *testing.T) {
	c, err := config.Parse("archivio.yaml", []byte(`
data: /srv/a
contact: ops@example.org
allow_private: true
sources:
  osservatorio:
    delay: 5s
    parallel: 1
  fiorano:
    kind: site
    seeds: [https://www.comune.fiorano-modenese.mo.it/partecipa, https://www.comune.fiorano-modenese.mo.it/albo]
    prefixes: [/partecipa, /albo]
    max_depth: 3
drift:
  min_pages: 7
`))
	if err != nil {
		t.Fatal(err)
	}
	o := Crawl(c, "osservatorio", "1.0")
	if o.DataDir != "/srv/a" || o.Source != "osservatorio" || o.BaseURL != config.ObservatoryURL || o.Delay != 5*time.Second ||
		o.Parallel != 1 || !o.AllowPrivate || o.UserAgent != "archivio/1.0 (+ops@example.org)" || o.Software != "archivio/1.0" ||
		o.Site != nil || o.Drift.MinPages != 7 {
		t.Errorf("osservatorio: %+v", o)
	}
	s := Crawl(c, "fiorano", "1.0")
	if s.BaseURL != "https://www.comune.fiorano-modenese.mo.it/partecipa" || s.Site == nil || s.Delay != time.Second || s.Parallel != 2 ||
		!reflect.DeepEqual(s.Site.Hosts, []string{"www.comune.fiorano-modenese.mo.it"}) || s.Site.MaxDepth != 3 || len(s.Site.Seeds) != 2 {
		t.Errorf("fiorano: %+v %+v", s, s.Site)
	}
}

func TestLinkCheck(t *testing.T) {
	c := config.Default()
	c.Links.FailWindow = 0
	depth := 0
	c.Links.SnapshotDepth = &depth
	c.Links.Wayback = "https://archive.org/wayback/available"
	l := LinkCheck(c, "1.0")
	if l.Thresholds.FailThreshold != 3 || l.Thresholds.FailWindow != 0 || l.Thresholds.RecoverThreshold != 2 || l.Timeout != 20*time.Second ||
		l.Parallel != 8 || l.SnapshotDepth != -2 || l.Wayback == nil || l.Wayback.Endpoint != c.Links.Wayback || l.Wayback.UserAgent != l.UserAgent {
		t.Errorf("%+v", l)
	}
}

// TestSinksFromSettings checks that the file and the environment make
// the same sinks: a webhook named in the file, signed with the secret from
// the environment, and the Atom feed in the data directory.
func TestSinksFromSettings(t *testing.T) {
	var got http.Header
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		io.Copy(io.Discard, r.Body)
	}))
	defer hook.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "archivio.yaml")
	os.WriteFile(path, []byte("data: "+dir+"\nalerts:\n  webhook:\n    url: "+hook.URL+"/hook\n    secret_env: HOOK_SECRET\n"), 0o644)
	s, err := config.Resolve(config.Input{Path: path, Getenv: func(k string) string {
		return map[string]string{"HOOK_SECRET": "s3cret"}[k]
	}})
	if err != nil {
		t.Fatal(err)
	}
	sink, err := Sinks(context.Background(), s, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range sink.(alerts.Multi) {
		names = append(names, strings.Fields(k.Name())[0])
	}
	if !reflect.DeepEqual(names, []string{"log", "atom", "webhook"}) {
		t.Errorf("sinks %q", names)
	}
	if err := sink.Send(context.Background(), alerts.Alert{Kind: "down", URL: "http://example.org/", At: time.Now(), Since: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got.Get(alerts.HeaderSignature), "sha256=") {
		t.Errorf("webhook not signed: %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "alerts.atom")); err != nil {
		t.Errorf("no Atom feed: %v", err)
	}
}

// TestAtomFeedIsNamedByTheCatalog checks DATA/alerts.atom's id: the
// catalog's identity, not the directory's path, the same after the
// archive moves; and its rel="self" link from alerts.atom_url.
func TestAtomFeedIsNamedByTheCatalog(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	feedOf := func(dir string) (id, self string) {
		t.Helper()
		path := filepath.Join(root, "archivio.yaml")
		os.WriteFile(path, []byte("data: "+dir+"\nalerts:\n  atom_url: https://example.org/archivio/alerts.atom\n"), 0o644)
		s, err := config.Resolve(config.Input{Path: path, Getenv: func(string) string { return "" }})
		if err != nil {
			t.Fatal(err)
		}
		sink, err := Sinks(ctx, s, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		if err := sink.Send(ctx, alerts.Alert{ID: 1, Kind: "down", URL: "http://example.org/", At: time.Now(), Since: time.Now()}); err != nil {
			t.Fatal(err)
		}
		var feed struct {
			ID   string `xml:"id"`
			Link struct {
				Rel  string `xml:"rel,attr"`
				Href string `xml:"href,attr"`
			} `xml:"link"`
		}
		data, err := os.ReadFile(filepath.Join(dir, "alerts.atom"))
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(data, &feed); err != nil {
			t.Fatal(err)
		}
		return feed.ID, feed.Link.Rel + " " + feed.Link.Href
	}
	dir := filepath.Join(root, "a")
	id, self := feedOf(dir)
	if !strings.HasPrefix(id, "urn:uuid:") || strings.Contains(id, root) {
		t.Errorf("feed id %q: want the catalog's urn:uuid, never a path", id)
	}
	if self != "self https://example.org/archivio/alerts.atom" {
		t.Errorf("feed link %q", self)
	}
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	cid, _ := st.CatalogID(ctx)
	st.Close()
	if id != "urn:uuid:"+cid {
		t.Errorf("feed id %q, catalog id %q", id, cid)
	}
	moved := filepath.Join(root, "moved")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if again, _ := feedOf(moved); again != id {
		t.Errorf("after moving the archive the feed id is %q, was %q", again, id)
	}
	if other, _ := feedOf(filepath.Join(root, "b")); other == id {
		t.Errorf("two archives share the feed id %q", id)
	}
}
