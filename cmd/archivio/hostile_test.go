package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/demosite"
	"archivio/internal/demo/hostile"
	"archivio/source/osservatorio"
)

// The hostile-server tests crawl the demo site with some record pages
// replaced by misbehaving answers (internal/demo/hostile), in a child process
// whose peak memory (its own maximum resident set size) is measured.

// hostileSite serves a demo site of n synthetic records, with the record
// pages of the ids in bad answered by their handlers instead.
func hostileSite(t *testing.T, n int, bad map[int]http.Handler) (*httptest.Server, *demosite.Site) {
	t.Helper()
	site, err := demosite.New(demosite.Options{Records: n})
	if err != nil {
		t.Fatal(err)
	}
	h := site.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id, ok := osservatorio.RecordID(r.URL.Path); ok && bad[id] != nil {
			bad[id].ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, site
}

// measuredCrawl runs archivio crawl against srv in a child process and
// returns its output, its error and its peak RSS in bytes.
func measuredCrawl(t *testing.T, srv *httptest.Server, dir string, extra ...string) (string, int64, error) {
	t.Helper()
	args := append([]string{"crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0", "--data", dir, "--quiet"}, extra...)
	cmd := child(t, args...)
	rssFile := filepath.Join(t.TempDir(), "rss")
	cmd.Env = append(cmd.Env, "ARCHIVIO_TEST_CHILD_RSS="+rssFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if cmd.ProcessState == nil {
		t.Fatalf("crawl did not run: %v", err)
	}
	b, rerr := os.ReadFile(rssFile)
	rss, perr := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if rerr != nil || perr != nil {
		t.Skipf("no peak RSS from the child (/proc/self/status): %v %v", rerr, perr)
	}
	t.Logf("archivio %s: peak RSS %.0f MB", strings.Join(extra, " "), float64(rss)/1e6)
	return out.String(), rss, err
}

// writePeakRSS writes the process's peak resident set size in bytes to
// path: VmHWM of /proc/self/status, the high-water mark of this process's
// own memory since it started. (getrusage's maxrss would not do: on Linux
// it also counts the parent's memory at the time of exec, since Go starts
// children with vfork.)
func writePeakRSS(path string) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err == nil {
				os.WriteFile(path, []byte(strconv.FormatInt(kb*1024, 10)), 0o644)
			}
			return
		}
	}
}

// report reads the last crawl's report from the catalog.
func lastReport(t *testing.T, dir string) map[string]any {
	t.Helper()
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.LastCrawl(context.Background(), "osservatorio")
	if err != nil {
		t.Fatal(err)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(c.Report), &rep); err != nil {
		t.Fatalf("report %q: %v", c.Report, err)
	}
	return rep
}

// errorCount is the report's count of errors of kind.
func errorCount(rep map[string]any, kind string) int {
	errs, _ := rep["errors"].(map[string]any)
	n, _ := errs[kind].(float64)
	return int(n)
}

// storedRecords is the number of records with a version.
func storedRecords(t *testing.T, dir string) int {
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
	return len(vs)
}

// warcReadable reads every record of every WARC file in dir/warc back
// (and has warcio.js read them too when ARCHIVIO_WARCCHECK names an
// installed warccheck), and returns the response records by target URI.
func warcReadable(t *testing.T, dir string) map[string][]*archive.ArchivedResponse {
	t.Helper()
	wdir := filepath.Join(dir, "warc")
	if open, _ := filepath.Glob(filepath.Join(wdir, "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
	files, _ := filepath.Glob(filepath.Join(wdir, "*.warc.gz"))
	if len(files) == 0 {
		t.Fatal("no WARC file")
	}
	out := map[string][]*archive.ArchivedResponse{}
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if r.Type != "response" && r.Type != "revisit" {
				return nil
			}
			a, err := archive.ReadResponse(context.Background(), f, r.Offset)
			if err != nil {
				return fmt.Errorf("%s at %d: %w", r.TargetURI, r.Offset, err)
			}
			a.Body = nil // the bodies may be large; what matters is that they read back
			out[r.TargetURI] = append(out[r.TargetURI], a)
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if checker := os.Getenv("ARCHIVIO_WARCCHECK"); checker != "" {
		o, err := exec.Command("node", filepath.Join(checker, "warccheck.mjs"), wdir).CombinedOutput()
		var rep struct {
			Mismatches *int     `json:"mismatches"`
			Errors     []string `json:"errors"`
		}
		if err != nil || json.Unmarshal(o, &rep) != nil || rep.Mismatches == nil || *rep.Mismatches != 0 || len(rep.Errors) != 0 {
			t.Errorf("warcio.js does not read the WARC files: %v\n%s", err, o)
		}
	}
	return out
}

// TestCrawlGzipBombIsCut: a record page whose 4 MB gzip body inflates to
// 4 GiB is cut once its decoded size passes --max-body; the cut is
// archived (WARC-Truncated: length), reported as an error, and the crawl's
// memory stays small.
func TestCrawlGzipBombIsCut(t *testing.T) {
	srv, _ := hostileSite(t, 5, map[int]http.Handler{3: hostile.GzipBomb("text/html; charset=utf-8", 4<<30)})
	dir := t.TempDir()
	out, rss, err := measuredCrawl(t, srv, dir)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	if !raceDetector && rss > 150e6 {
		t.Errorf("peak RSS %.0f MB with a gzip bomb, want under 150 MB", float64(rss)/1e6)
	}
	rep := lastReport(t, dir)
	if errorCount(rep, "too_large") != 1 {
		t.Errorf("the bomb is not reported as an error too_large: %v\n%s", rep["errors"], out)
	}
	if n := storedRecords(t, dir); n != 4 {
		t.Errorf("%d records stored, want the 4 whole ones", n)
	}
	bomb := warcReadable(t, dir)[srv.URL+"/scheda-processo/3"]
	if len(bomb) != 1 || bomb[0].Truncated != "length" {
		t.Errorf("the bomb's capture: %+v, want one response with WARC-Truncated: length", bomb)
	}
}

// TestCrawlEndlessBodiesStayInBoundedMemory: at --parallel 8, eight
// record pages whose bodies never end are each cut at --max-body (32 MiB)
// and archived while the crawl stays under 300 MB.
func TestCrawlEndlessBodiesStayInBoundedMemory(t *testing.T) {
	bad := map[int]http.Handler{}
	endless := hostile.Endless("text/html; charset=utf-8", []byte("<p>archivio never reads this to the end</p>\n"))
	for id := 1; id <= 8; id++ {
		bad[id*2] = endless
	}
	srv, _ := hostileSite(t, 16, bad)
	dir := t.TempDir()
	extra := []string{"--parallel", "8"}
	if raceDetector {
		// The race detector makes the default 32 MiB bodies slow to
		// archive, and its memory makes the measure meaningless anyway.
		extra = append(extra, "--max-body", strconv.Itoa(4<<20))
	}
	out, rss, err := measuredCrawl(t, srv, dir, extra...)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	if !raceDetector && rss > 300e6 {
		t.Errorf("peak RSS %.0f MB with 8 endless bodies at --parallel 8, want under 300 MB", float64(rss)/1e6)
	}
	rep := lastReport(t, dir)
	if errorCount(rep, "too_large") != 8 {
		t.Errorf("errors %v, want too_large 8\n%s", rep["errors"], out)
	}
	if n := storedRecords(t, dir); n != 8 {
		t.Errorf("%d records stored, want the 8 whole ones", n)
	}
	archived := warcReadable(t, dir)
	for id := 2; id <= 16; id += 2 {
		rs := archived[fmt.Sprintf("%s/scheda-processo/%d", srv.URL, id)]
		if len(rs) != 1 || rs[0].Truncated != "length" {
			t.Errorf("record %d: %+v, want one response cut at the length limit", id, rs)
		}
	}
}

// TestCrawlBigPageStaysInBoundedMemory: a 20 MB record page is archived
// whole; the parser reads no more than its limit, the crawl's memory stays
// small, and a page that gives no record from that part is kept as a
// parse failure saying so, not lost.
func TestCrawlBigPageStaysInBoundedMemory(t *testing.T) {
	srv, _ := hostileSite(t, 3, map[int]http.Handler{2: hostile.Big("text/html; charset=utf-8", 20e6, []byte("<p>pagina molto lunga</p>\n"))})
	dir := t.TempDir()
	out, rss, err := measuredCrawl(t, srv, dir)
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	if !raceDetector && rss > 150e6 {
		t.Errorf("peak RSS %.0f MB with a 20 MB page, want under 150 MB", float64(rss)/1e6)
	}
	big := warcReadable(t, dir)[srv.URL+"/scheda-processo/2"]
	if len(big) != 1 || big[0].Truncated != "" {
		t.Errorf("the 20 MB page: %+v, want one whole response", big)
	}
	if errorCount(lastReport(t, dir), "too_large") != 1 {
		t.Errorf("a record page over the parse limit is not reported\n%s", out)
	}
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f, err := st.ParseFailure(context.Background(), 2)
	if err != nil || !strings.Contains(f.Reason, "first 2 MiB") {
		t.Errorf("parse failure of the 20 MB page: %+v, %v", f, err)
	}
}

// TestCrawlManyBigPagesInBoundedMemory: eight record pages whose first
// 2 MiB make the largest trees the parser builds (short paragraphs, one
// element each), fetched eight at a time. Parses wait for the parse gate
// (one page at the parse limit at a time), so memory stays under the
// 300 MB target however many pages arrive at once.
func TestCrawlManyBigPagesInBoundedMemory(t *testing.T) {
	bad := map[int]http.Handler{}
	for id := 1; id <= 8; id++ {
		bad[id] = hostile.Big("text/html; charset=utf-8", 3e6, []byte("<p>x</p>"))
	}
	srv, _ := hostileSite(t, 8, bad)
	dir := t.TempDir()
	out, rss, err := measuredCrawl(t, srv, dir, "--parallel", "8")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, out)
	}
	if !raceDetector && rss > 300e6 {
		t.Errorf("peak RSS %.0f MB parsing eight 2 MiB trees at --parallel 8, want under 300 MB", float64(rss)/1e6)
	}
	if n := errorCount(lastReport(t, dir), "too_large"); n != 8 {
		t.Errorf("%d pages over the parse limit reported, want 8\n%s", n, out)
	}
}

// TestSIGTERMDuringHeavyParsing: every record page is the heaviest the
// parser takes (2 MiB of links), so the crawl spends its time parsing.
// SIGTERM then stops it promptly: parsing takes the run's context and is
// bounded in work per page, fetches in flight get their short drain, and
// the WARC files are closed. Before, one page with 100,000 links kept a
// crawl deaf to SIGTERM for minutes.
func TestSIGTERMDuringHeavyParsing(t *testing.T) {
	var page bytes.Buffer
	page.WriteString("<html><body><dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Natura Processo</dt><dd>Processo non certificato</dd><dt>Dettagli o note sulle fonti utilizzate</dt><dd>")
	for i := 0; page.Len() < 2<<20; i++ {
		fmt.Fprintf(&page, `<a href="http://e%d.example.it/">sito %d</a> `, i, i)
	}
	page.WriteString("</dd></dl></body></html>")
	var served atomic.Int64
	heavy := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page.Bytes())
	})
	bad := map[int]http.Handler{}
	for id := 1; id <= 40; id++ {
		bad[id] = heavy
	}
	srv, _ := hostileSite(t, 40, bad)
	dir := t.TempDir()
	cmd := child(t, "crawl", "--base-url", srv.URL, "--allow-private", "--delay", "0", "--parallel", "4", "--data", dir, "--quiet")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); served.Load() < 3; {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no record page fetched\n%s", out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // well inside the parses
	sent := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 30 s after SIGTERM\n%s", out.String())
	}
	took := time.Since(sent)
	t.Logf("exited %v after SIGTERM", took.Round(time.Millisecond))
	if !raceDetector && took > 5*time.Second {
		t.Errorf("exited %v after SIGTERM, want within a few seconds", took)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out.String(), "interrupted") {
		t.Errorf("after SIGTERM: %v\n%s", err, out.String())
	}
	if open, _ := filepath.Glob(filepath.Join(dir, "warc", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
}
