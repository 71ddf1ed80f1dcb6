package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"archivio/internal/daemon"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/pagegen"
	"archivio/internal/demo/vnet"
	"archivio/internal/jobs"
)

// driftArchive crawls the demo site, then crawls it again after it moved
// to a markup no parser reads, and returns the data directory and the
// second crawl's report.
func driftArchive(t *testing.T) (string, *jobs.Report) {
	t.Helper()
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inet := vnet.New()
	t.Cleanup(func() { inet.Close() })
	inet.Handle(demoHost, site.Handler())
	tr := inet.Transport()
	tr.ForceAttemptHTTP2 = false
	tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
	tr.DisableCompression = true
	cfg := jobs.Config{DataDir: t.TempDir(), Source: "osservatorio", BaseURL: "https://" + demoHost, UserAgent: "archivio/test",
		Parallel: 4, Timeout: 10 * time.Second, Transport: tr}
	if _, err := jobs.Crawl(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	site.SetLayout(pagegen.ShellLayout)
	rep, err := jobs.Crawl(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cfg.DataDir, rep
}

func TestParseHealthInReportStatusRecordsAndAlerts(t *testing.T) {
	dir, rep := driftArchive(t)

	var report bytes.Buffer
	printReport(&report, rep)
	for _, want := range []string{
		"records           0 new, 0 changed, 0 unchanged, 0 missing, 18 unreadable\n",
		"parse health      18 record pages (18 fetched, 0 not modified): 0 read, 18 unreadable; 0.0 fields per record (previous crawl 1:",
		"unreadable        https://" + demoHost + "/scheda-processo/",
		"drift             DRIFT (against crawl 1): alert 1 raised\n",
		"18 of 18 record pages unreadable (0 of 18 in the baseline crawl)\n",
	} {
		if !strings.Contains(report.String(), want) {
			t.Errorf("crawl report lacks %q:\n%s", want, report.String())
		}
	}

	out, _, err := runCLI(t, "", "status", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"records    18 (18 record pages unreadable, kept as parse failures)\n",
		"  parse      osservatorio   DRIFT since ",
		"; 18 record pages unreadable\n",
		"18 of 18 record pages unreadable (0 of 18 in the baseline crawl)\n",
		"crawl 2: 18 record pages, 0 read, 18 unreadable; 0.0 fields per record (crawl 1: ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "", "status", "--data", dir, "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var s daemon.Summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	if s.Unreadable != 18 || len(s.ParseHealth) != 1 {
		t.Fatalf("status json: %s", out)
	}
	h := s.ParseHealth[0]
	if h.Source != "osservatorio" || h.State != "drift" || h.Unreadable != 18 || len(h.Findings) != 1 || h.LastCrawl == nil ||
		h.LastCrawl.CrawlID != rep.CrawlID || h.LastCrawl.Previous == nil || h.LastCrawl.Previous.Parsed != 18 || len(h.LastCrawl.FieldShares) == 0 {
		t.Errorf("parse health in status json: %+v", h)
	}

	out, errOut, err := runCLI(t, "", "records", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Record pages kept as parse failures") || strings.Count(out, "not a process page") != 18 ||
		!strings.Contains(errOut, "18 records, 18 record pages unreadable") {
		t.Errorf("records:\n%s\n%s", out, errOut)
	}
	out, _, err = runCLI(t, "", "records", "--data", dir, "--unreadable", "--format", "jsonl", "--id", "141")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		ID      int    `json:"id"`
		Reason  string `json:"reason"`
		Capture *struct {
			WARCFile string `json:"warc_file"`
		} `json:"capture"`
	}
	if err := json.Unmarshal([]byte(out), &f); err != nil || f.ID != 141 || f.Capture == nil || f.Capture.WARCFile == "" || f.Reason == "" {
		t.Errorf("records --unreadable: %v %s", err, out)
	}

	out, _, err = runCLI(t, "", "alerts", "--data", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "drift") || !strings.Contains(out, "source osservatorio, crawl 2: 18 record pages, 18 unreadable") {
		t.Errorf("alerts:\n%s", out)
	}
}

func TestPrintParseHealthFieldsFoundLess(t *testing.T) {
	h := &jobs.ParseHealthReport{Previous: &jobs.HealthCounts{CrawlID: 4, RecordPages: 10, Parsed: 10, FieldsPerRecord: 20}}
	h.RecordPages, h.Fetched, h.Parsed, h.FieldsPerRecord = 10, 10, 10, 12
	for i, drop := range []float64{0.05, 0.5, 0.1, 0.9, 0.3, 0.2, 0.4, 0.6} {
		h.FieldShares = append(h.FieldShares, jobs.FieldShare{Field: string(rune('a' + i)), Share: 1 - drop, PreviousShare: 1})
	}
	var b bytes.Buffer
	printParseHealth(&b, h)
	want := "  fields found less d 10% (was 100%), h 40% (was 100%), b 50% (was 100%), g 60% (was 100%), e 70% (was 100%), and 2 more\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("got\n%s\nwant a line\n%s", b.String(), want)
	}
	if !strings.Contains(b.String(), "12.0 fields per record (previous crawl 4: 20.0, 0 of 10 unreadable)") {
		t.Errorf("got\n%s", b.String())
	}
}
