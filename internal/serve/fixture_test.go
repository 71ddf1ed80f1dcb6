package serve

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"os"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg/pgtest"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/internal/demo/vnet"
	"archivio/internal/jobs"
)

// The tests share one archive, built as the demo builds its own: the demo
// site (18 real records) crawled from a virtual internet on loopback,
// record 141's vanished project site failing DNS, a live project site for
// record 2976 whose page holds images, a style sheet and links (some on
// the site, some on hosts never captured), the links checked twice with
// short thresholds so the vanished site is down with its alert; then
// record 141 changes on the site and a second crawl stores its new
// version.

const (
	observatory  = "www.osservatoriopartecipazione.it"
	vanished     = "www.fabbricaideedistretto.it"
	projectHost  = "www.comune.formigine.mo.it"
	projectPath  = "/partecipazione/citta-della-longevita"
	neverArchive = "cdn.example.net"
)

// fixtureDir is the shared archive's data directory, set by TestMain.
var fixtureDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "archivio-serve-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := buildFixture(context.Background(), dir); err != nil {
		fmt.Fprintln(os.Stderr, "build the test archive:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	fixtureDir = dir
	postgres = pgtest.Lazy()
	code := m.Run()
	postgres.Close()
	os.RemoveAll(dir)
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// projectSite serves record 2976's project site: a page with a style
// sheet, an image and links on the site, and an image and a link on a
// host nobody archived.
func projectSite() http.Handler {
	page := `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><title>Città della longevità</title>
<link rel="stylesheet" href="/style.css"><link rel="dns-prefetch" href="//` + neverArchive + `">
<script src="https://` + neverArchive + `/tracker.js"></script><script>fetch("https://` + neverArchive + `/beacon")</script>
<meta http-equiv="refresh" content="30; url=https://` + neverArchive + `/elsewhere"></head>
<body onload="alert(1)"><h1>Città della longevità</h1>
<p><img src="/logo.png" alt="logo"> <img src="https://` + neverArchive + `/banner.png" alt="banner"></p>
<p style="background:url(https://` + neverArchive + `/bg.png)">Il percorso partecipativo.</p>
<p><a href="/">Home</a> · <a href="https://` + neverArchive + `/altrove">altrove</a></p>
<noscript><img src="https://` + neverArchive + `/pixel.gif"></noscript>
</body></html>`
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case projectPath:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		case "/":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Comune di Formigine</title></head><body><a href="`+projectPath+`">partecipazione</a></body></html>`)
		case "/style.css":
			w.Header().Set("Content-Type", "text/css")
			fmt.Fprint(w, `body{background:url("https://`+neverArchive+`/paper.png")} h1{color:#036}`)
		case "/logo.png":
			w.Header().Set("Content-Type", "image/png")
			w.Write(tinyPNG)
		default:
			http.NotFound(w, r)
		}
	})
}

// tinyPNG is a 1x1 PNG.
var tinyPNG = []byte{0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
	0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0x00, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99,
	0x3d, 0x1d, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82}

func buildFixture(ctx context.Context, dir string) error {
	site, err := demosite.New(demosite.Options{Host: observatory})
	if err != nil {
		return err
	}
	inet := vnet.New()
	defer inet.Close()
	if err := inet.Handle(observatory, site.Handler()); err != nil {
		return err
	}
	inet.FailDNS(vanished)
	if err := inet.Handle(projectHost, projectSite()); err != nil {
		return err
	}
	if err := site.Update(2976, func(p *pagegen.Page) {
		f := pagegen.Field{Label: "Link", Type: "url", Lines: []string{"https://" + projectHost + projectPath}}
		p.Sections[0].Fields = append([]pagegen.Field{f}, p.Sections[0].Fields...)
	}); err != nil {
		return err
	}
	tr := inet.Transport()
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.DisableCompression = true
	crawl := func() error {
		rep, err := jobs.Crawl(ctx, jobs.Config{DataDir: dir, Source: "osservatorio", BaseURL: "https://" + observatory,
			UserAgent: "archivio-test", Parallel: 4, Timeout: 10 * time.Second, Transport: tr, Software: "archivio/test"})
		if err != nil {
			return err
		}
		if rep.Status != "done" {
			return fmt.Errorf("crawl %s", rep.Status)
		}
		return nil
	}
	if err := crawl(); err != nil {
		return err
	}
	for range 2 {
		if _, err := jobs.CheckLinks(ctx, jobs.LinksConfig{DataDir: dir, UserAgent: "archivio-test", Timeout: 2 * time.Second,
			Thresholds: archive.Thresholds{FailThreshold: 2, RecoverThreshold: 1}, AllowPrivate: true, Transport: tr,
			Software: "archivio/test", SnapshotDelay: time.Millisecond, SnapshotDepth: 1}); err != nil {
			return err
		}
	}
	// Record 141 changes on the site: its duration and its title.
	if err := site.Update(141, func(p *pagegen.Page) {
		p.Title += " (seconda edizione)"
		for i := range p.Sections {
			for j := range p.Sections[i].Fields {
				if p.Sections[i].Fields[j].Label == "Durata (mesi)" {
					p.Sections[i].Fields[j].Lines = []string{"18"}
				}
			}
		}
	}); err != nil {
		return err
	}
	return crawl()
}

// openFixture opens the shared archive read-only and returns the
// interface over it.
func openFixture(t testing.TB) (*Server, *archive.Store) {
	t.Helper()
	st, err := archive.OpenReadOnly(context.Background(), fixtureDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s, err := New(Options{Archive: st, DataDir: fixtureDir, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}
