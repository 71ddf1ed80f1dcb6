package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/jobs"
)

// TestLinksCheckSharedCatalog checks the links of the demo's crawl moved
// into PostgreSQL with two nodes started at once, and the same links on
// one machine's SQLite archive: the nodes share one run (each link
// checked once, by one of them; one node finishes the run), every
// transition raises one alert, delivered by the node that raised it, and
// the links' states and verdicts are the single machine's; every check's
// exchange is in a WARC file stored in the bucket.
func TestLinksCheckSharedCatalog(t *testing.T) {
	_, network := demoNetwork(t)
	single := t.TempDir()
	if out, errOut, err := runOn(t, network, nil, "crawl", "--data", single, "--delay", "0", "--quiet"); err != nil {
		t.Fatalf("crawl: %v\n%s%s", err, out, errOut)
	}
	dsn := postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil)
	cfg, getenv := sharedConfig(t, dsn, bucket.URL)
	if _, errOut, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", single); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut)
	}
	check := []string{"links", "check", "--quiet", "--snapshot-depth", "-1", "--timeout", "2s", "--fail-threshold", "1", "--fail-window", "0", "--exit-zero", "--format", "json"}
	if out, errOut, err := runOn(t, network, nil, append(check, "--data", single)...); err != nil {
		t.Fatalf("links check on one machine: %v\n%s%s", err, out, errOut)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	var reps []jobs.LinksReport
	var datas []string // of the nodes that checked
	for i := 1; i <= 2; i++ {
		node := fmt.Sprintf("checker%d", i)
		env := func(k string) string {
			if k == "ARCHIVIO_NODE" {
				return node
			}
			return getenv(k)
		}
		data := t.TempDir()
		wg.Go(func() {
			out, errOut, err := runOn(t, network, env, append(check, "--config", cfg, "--data", data)...)
			if err != nil {
				t.Errorf("%s: links check: %v\n%s%s", node, err, out, errOut)
				return
			}
			var rep jobs.LinksReport
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Errorf("%s: report: %v\n%s", node, err, out)
				return
			}
			mu.Lock()
			reps = append(reps, rep)
			datas = append(datas, data)
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(reps) != 2 {
		t.Fatalf("%d nodes reported", len(reps))
	}
	sum, finished := 0, 0
	for _, r := range reps {
		sum += r.Checked
		if r.Run == nil || r.Run.ID != reps[0].Run.ID || r.Run.Tally.Unsettled != 0 || len(r.Run.Tally.Incomplete) != 0 {
			t.Fatalf("a node's run: %+v", r.Run)
		}
		if r.Run.FinishedHere {
			finished++
		}
	}
	if finished != 1 {
		t.Errorf("the run was finished by %d nodes, want 1", finished)
	}

	ctx := context.Background()
	one, err := archive.OpenReadOnly(ctx, single)
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	shared, err := pg.Open(ctx, dsn, pg.Options{Node: "reader", WARCs: mustS3(t, bucket.URL)})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	want, err := one.Links(ctx, "", false)
	if err != nil {
		t.Fatal(err)
	}
	got, err := shared.Links(ctx, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) == 0 {
		t.Fatalf("%d links on the shared catalog, %d on one machine", len(got), len(want))
	}
	checked := 0
	for i, w := range want {
		g := got[i]
		if g.URL != w.URL || g.State != w.State || g.Verdict != w.Verdict || g.LastChecked.IsZero() != w.LastChecked.IsZero() {
			t.Errorf("link %s: %s %q on the shared catalog, %s %s %q on one machine", w.URL, g.State, g.Verdict, w.URL, w.State, w.Verdict)
		}
		if g.LastChecked.IsZero() {
			continue
		}
		checked++
		h, err := shared.LinkHistory(ctx, g.URL)
		if err != nil || len(h) != 1 {
			t.Errorf("%s: %d checks on the shared catalog (%v), want 1", g.URL, len(h), err)
			continue
		}
		if c := h[0].CaptureID; c != 0 {
			cap, err := shared.Capture(ctx, c)
			if err != nil || !strings.Contains(cap.WARCFile, "-links-") {
				t.Errorf("%s: capture %d: %+v, %v", g.URL, c, cap, err)
			} else if _, err := shared.WARCRecord(ctx, cap); err != nil {
				t.Errorf("%s: the check's WARC record is not readable from the bucket: %v", g.URL, err)
			}
		}
	}
	if checked == 0 || checked != sum || checked != reps[0].Run.Tally.Checked {
		t.Errorf("%d links checked on the shared catalog, the nodes' reports say %d, the run's tally %d", checked, sum, reps[0].Run.Tally.Checked)
	}
	alertKey := func(a archive.AlertRow) string { return a.Kind + " " + a.URL + " " + a.Verdict }
	var wantAlerts, gotAlerts []string
	oneAlerts, err := one.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range oneAlerts {
		wantAlerts = append(wantAlerts, alertKey(a))
	}
	sharedAlerts, err := shared.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range sharedAlerts {
		gotAlerts = append(gotAlerts, alertKey(a))
		if a.Delivered == "{}" || a.Delivered == "" {
			t.Errorf("alert %d (%s) not marked delivered by its node: %q", a.ID, alertKey(a), a.Delivered)
		}
	}
	slices.Sort(wantAlerts)
	slices.Sort(gotAlerts)
	if len(wantAlerts) == 0 || !slices.Equal(gotAlerts, wantAlerts) {
		t.Errorf("alerts on the shared catalog:\n%s\nwant, as on one machine:\n%s", strings.Join(gotAlerts, "\n"), strings.Join(wantAlerts, "\n"))
	}
	// The Atom feed of a node that raised alerts is named by the shared
	// catalog, and no archive was made in a node's DATA.
	id, err := shared.CatalogID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	raised := 0
	for i, data := range datas {
		raised += len(reps[i].Alerts)
		feed, err := os.ReadFile(filepath.Join(data, "alerts.atom"))
		if len(reps[i].Alerts) > 0 && (err != nil || !strings.Contains(string(feed), id)) {
			t.Errorf("%s/alerts.atom (%v) is not named by the shared catalog %s:\n%.500s", data, err, id, feed)
		}
		if _, err := os.Stat(filepath.Join(data, archive.DBName)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a node's link check made an archive in its DATA: %v", err)
		}
	}
	if raised != len(wantAlerts) {
		t.Errorf("the nodes raised %d alerts, want %d", raised, len(wantAlerts))
	}
	if n, err := shared.PendingCaptures(ctx); err != nil || n != 0 {
		t.Errorf("%d captures waiting for their WARC file (%v), want 0", n, err)
	}
}
