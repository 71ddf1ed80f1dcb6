package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/internal/jobs"
	"archivio/source/osservatorio"
)

// noteWhole notes the record pages whose 200 answer is whole in the
// WARC files after the kill of run.
func (k *killTrial) noteWhole(run int) {
	files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz*"))
	for _, f := range files {
		if strings.HasSuffix(f, ".cdxj") {
			continue
		}
		// A killed file may end with a cut record: the scan stops there.
		archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if _, ok := osservatorio.RecordID(r.TargetURI); ok && r.Type == "response" && r.StatusCode == http.StatusOK {
				p := strings.TrimPrefix(r.TargetURI, k.baseURL)
				if _, ok := k.wholeAt[p]; !ok {
					k.wholeAt[p] = run
				}
			}
			return nil
		})
	}
}

// check asserts what a crawl through kills must leave: every record
// stored, no record page fetched again once archived, every WARC record
// readable, no file left open, and a report that agrees with the catalog.
func (k *killTrial) check() bool {
	t := k.t
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		ok = false
		k.errorf(format, args...)
	}
	ctx := context.Background()

	// No record page archived whole before a kill was fetched again.
	k.mu.Lock()
	for p, at := range k.wholeAt {
		for run := at + 1; run < k.runs; run++ {
			for _, uri := range k.served[run] {
				if uri == p {
					fail("%s was archived whole before the kill of run %d and fetched again in run %d", p, at, run)
				}
			}
		}
	}
	k.mu.Unlock()

	// WARC files: all closed, all readable, each record page once.
	if open, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.open")); len(open) != 0 {
		fail("WARC files left open: %v", open)
	}
	perRecord := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(k.dir, "warc", "*.warc.gz"))
	for _, f := range files {
		err := archive.ScanWARC(ctx, f, func(r archive.ScannedRecord) error {
			if r.Type != "response" && r.Type != "revisit" {
				return nil
			}
			if _, isRecord := osservatorio.RecordID(r.TargetURI); isRecord && r.StatusCode == http.StatusOK {
				perRecord[r.TargetURI]++
			}
			_, err := archive.ReadResponse(ctx, f, r.Offset)
			return err
		})
		if err != nil {
			fail("%s: %v", filepath.Base(f), err)
		}
	}
	for u, n := range perRecord {
		if n != 1 {
			fail("%s archived %d times with 200", u, n)
		}
	}
	if err := warccheck(t, filepath.Join(k.dir, "warc")); err != nil {
		fail("independent reader: %v", err)
	}

	// The catalog: every record stored, the report agrees with it.
	st, err := archive.Open(ctx, k.dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.LatestVersions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int]bool{}
	for _, v := range vs {
		stored[v.RecordID] = true
	}
	var missing []int
	for _, id := range k.site.IDs() {
		if !stored[id] {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		fail("%d of %d records not stored after a crawl that ended done: %v", len(missing), k.records, missing)
	}
	c, err := st.LastCrawl(ctx, "osservatorio")
	if err != nil {
		t.Fatal(err)
	}
	var rep jobs.Report
	if err := json.Unmarshal([]byte(c.Report), &rep); err != nil {
		t.Fatalf("crawl report: %v", err)
	}
	if c.Status != "done" || rep.Status != "done" {
		fail("crawl %d: status %s, report %s", c.ID, c.Status, rep.Status)
	}
	if err := reportMatchesCatalog(ctx, st, c.ID, &rep, len(k.site.IDs())); err != nil {
		fail("report: %v", err)
	}
	return ok
}

// warccheck reads the WARC files in dir with warcio.js when
// ARCHIVIO_WARCCHECK names an installed /work/shared/tools/warccheck (see
// archive's TestWARCIndependentReader): every payload digest must match.
func warccheck(t *testing.T, dir string) error {
	t.Helper()
	checker := os.Getenv("ARCHIVIO_WARCCHECK")
	if checker == "" {
		return nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("ARCHIVIO_WARCCHECK is set but node is not on PATH")
	}
	out, err := exec.Command(node, filepath.Join(checker, "warccheck.mjs"), dir).Output()
	if err != nil {
		return fmt.Errorf("warccheck: %v\n%s", err, out)
	}
	var r struct {
		Counts     map[string]int `json:"counts"`
		Mismatches *int           `json:"mismatches"`
		Errors     []string       `json:"errors"`
	}
	if err := json.Unmarshal(out, &r); err != nil {
		return fmt.Errorf("warccheck output: %v", err)
	}
	if r.Mismatches == nil || *r.Mismatches != 0 || len(r.Errors) != 0 || r.Counts["response"] == 0 {
		return fmt.Errorf("warccheck: %s", out)
	}
	return nil
}

// reportMatchesCatalog checks a finished crawl's report against the
// catalog: the frontier's counts, no URL left queued, no record missing,
// each record page captured with 200 once in the crawl.
func reportMatchesCatalog(ctx context.Context, st *archive.Store, crawlID int64, rep *jobs.Report, records int) error {
	counts, err := st.FrontierCounts(ctx, crawlID)
	if err != nil {
		return err
	}
	var urls, done, failed, excluded, queued int64
	for _, c := range counts {
		urls += c.N
		switch c.State {
		case archive.FrontierDone:
			done += c.N
		case archive.FrontierFailed:
			failed += c.N
		case archive.FrontierExcluded:
			excluded += c.N
		default:
			queued += c.N
		}
	}
	f := rep.Frontier
	if f.URLs != urls || f.Done != done || sum(f.Failed) != failed || sum(f.Excluded) != excluded || f.Unsettled != queued {
		return fmt.Errorf("report frontier %+v; catalog: %d URLs, %d done, %d failed, %d excluded, %d queued", f, urls, done, failed, excluded, queued)
	}
	if queued != 0 || failed != 0 {
		return fmt.Errorf("%d URLs still queued and %d failed in a done crawl of a healthy site: %v", queued, failed, counts)
	}
	if rep.RecordsMissing != 0 || len(rep.MissingRecords) != 0 {
		return fmt.Errorf("records reported missing: %+v", rep.MissingRecords)
	}
	caps, err := st.CapturesOf(ctx, crawlID)
	if err != nil {
		return err
	}
	perRecord := map[int]int{}
	for _, c := range caps {
		if id, ok := osservatorio.RecordID(c.URL); ok && c.Status == http.StatusOK {
			perRecord[id]++
		}
	}
	if len(perRecord) != records {
		return fmt.Errorf("%d record pages captured with 200 in crawl %d, want %d", len(perRecord), crawlID, records)
	}
	for id, n := range perRecord {
		if n != 1 {
			return fmt.Errorf("record %d captured %d times with 200", id, n)
		}
	}
	return nil
}
