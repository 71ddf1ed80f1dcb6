package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"archivio/archive"
)

// TestLinksCheckExitStatus checks that "archivio links check" exits with
// its own status (3) when links are down or failing, 0 with --exit-zero,
// and 0 when every link works.
func TestLinksCheckExitStatus(t *testing.T) {
	inet, network := demoNetwork(t)
	dir := t.TempDir()
	if out, errOut, err := runOn(t, network, nil, "crawl", "--data", dir, "--delay", "0", "--quiet"); err != nil {
		t.Fatalf("crawl: %v\n%s%s", err, out, errOut)
	}
	var stderr bytes.Buffer
	_, errOut, err := runOn(t, network, nil, "links", "check", "--data", dir, "--quiet", "--snapshot-depth", "-1", "--timeout", "2s")
	if !errors.Is(err, errLinksFailing) {
		t.Fatalf("links check with record 141's site failing DNS: err = %v, want links failing\n%s", err, errOut)
	}
	if code := exitCode(err, &stderr); code != exitLinksFailing || code == 1 || code == 2 {
		t.Errorf("exit status %d, want %d", code, exitLinksFailing)
	}
	if _, _, err := runOn(t, network, nil, "links", "check", "--data", dir, "--quiet", "--snapshot-depth", "-1", "--timeout", "2s", "--exit-zero"); err != nil {
		t.Errorf("links check --exit-zero: %v, want exit status 0", err)
	}

	// Every host answers its linked pages: the links recover and the
	// check exits 0.
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	links, err := st.Links(context.Background(), "", true)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]map[string]bool{}
	for _, l := range links {
		u, err := url.Parse(l.URL)
		if err != nil || u.Host == "" || u.Host == demoHost {
			continue
		}
		if paths[u.Hostname()] == nil {
			paths[u.Hostname()] = map[string]bool{}
		}
		p := u.EscapedPath()
		if p == "" {
			p = "/"
		}
		paths[u.Hostname()][p] = true
	}
	for host, ps := range paths {
		inet.Handle(host, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !ps[r.URL.EscapedPath()] {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!DOCTYPE html><html lang="it"><head><title>Il percorso partecipativo</title></head><body><h1>Il percorso partecipativo</h1><p>Incontri, documenti e risultati del progetto.</p></body></html>`)
		}))
	}
	for i := range 3 {
		out, errOut, err := runOn(t, network, nil, "links", "check", "--data", dir, "--quiet", "--snapshot-depth", "-1",
			"--recover-threshold", "1", "--timeout", "2s")
		if i == 2 && err != nil {
			t.Errorf("links check with every link working: %v, want exit status 0\n%s%s", err, out, errOut)
		}
	}
}
