package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"archivio/archive"
)

// TestLinksCheckKilled kills runs of link checks with SIGKILL midway
// (after a random number of answers), then lets one run end: after every
// kill, each check in the catalog names a capture the catalog holds, and
// every capture's WARC record reads back whole; the last run checks every
// link and leaves no WARC file open.
func TestLinksCheckKilled(t *testing.T) {
	ctx := context.Background()
	var served, killAt atomic.Int64
	killNow := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if served.Add(1) == killAt.Load() {
			select {
			case killNow <- struct{}{}:
			default:
			}
		}
		time.Sleep(time.Millisecond)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if !strings.HasPrefix(r.URL.Path, "/partecipazione/") {
			w.WriteHeader(http.StatusNotFound)
		}
		fmt.Fprintf(w, "<html><head><title>Percorso</title></head><body><h1>Percorso partecipativo</h1><p>%s</p></body></html>", r.URL.Path)
	}))
	defer srv.Close()
	var urls []string
	for i := range 150 {
		urls = append(urls, fmt.Sprintf("%s/partecipazione/%d", srv.URL, i))
	}
	dir := t.TempDir()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddSiteLinks(ctx, "osservatorio", "https://www.osservatoriopartecipazione.it/", urls, time.Now())
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"links", "check", "--data", dir, "--allow-private", "--snapshot-depth", "-1", "--timeout", "10s",
		"--parallel", "8", "--exit-zero", "--format", "json", "--quiet"}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	kills := 0
	for run := range 3 {
		killChild := child(t, args...)
		var out strings.Builder
		killChild.Stdout, killChild.Stderr = &out, &out
		killAt.Store(served.Load() + 5 + int64(rng.IntN(60)))
		if err := killChild.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- killChild.Wait() }()
		select {
		case <-killNow:
			killChild.Process.Kill()
			err = <-exited
			var exit *exec.ExitError
			if errors.As(err, &exit) && exit.ExitCode() == -1 {
				kills++
			}
		case err := <-exited:
			t.Logf("run %d ended by itself before its kill: %v\n%s", run, err, out.String())
		}
		checkLinksCatalog(t, dir)
	}
	if kills == 0 {
		t.Fatalf("no run was killed")
	}
	t.Logf("%d runs killed", kills)
	out, err := child(t, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("last run: %v\n%s", err, out)
	}
	if open, _ := filepath.Glob(filepath.Join(dir, "warc", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
	if n := checkLinksCatalog(t, dir); n < len(urls) {
		t.Errorf("%d links checked after the last run, want %d", n, len(urls))
	}
}

// checkLinksCatalog checks that every check names a capture in the
// catalog and every capture's WARC record reads back whole (from its file,
// or the file still open when a killed run left it so), and returns how
// many links have a check.
func checkLinksCatalog(t *testing.T, dir string) int {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, archive.DBName)+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var orphans int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM link_checks WHERE capture_id IS NOT NULL
		AND capture_id NOT IN (SELECT id FROM captures)`).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	if orphans > 0 {
		t.Errorf("%d checks name a capture the catalog does not hold", orphans)
	}
	rows, err := db.QueryContext(ctx, `SELECT c.id, c.url, f.name, c.warc_offset FROM captures c JOIN warc_files f ON f.id = c.warc_file`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, offset int64
		var u, file string
		if err := rows.Scan(&id, &u, &file, &offset); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "warc", file)
		if _, err := os.Stat(path); err != nil {
			path += ".open"
		}
		if _, err := archive.ReadResponse(ctx, path, offset); err != nil {
			t.Errorf("capture %d (%s): its WARC record does not read back: %v", id, u, err)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var checked int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(DISTINCT url) FROM link_checks`).Scan(&checked); err != nil {
		t.Fatal(err)
	}
	return checked
}
