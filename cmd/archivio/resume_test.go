package main

import (
	"archivio/archive/pg/pgtest"
	"context"
	"encoding/json"
	"errors"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/demosite"
	"archivio/internal/jobs"
	"archivio/source/osservatorio"
)

// TestMain lets a test run archivio in a child process (the test binary
// itself), so that it can kill it like a real crash.
func TestMain(m *testing.M) {
	if args := os.Getenv("ARCHIVIO_TEST_CHILD_ARGS"); args != "" {
		var a []string
		if err := json.Unmarshal([]byte(args), &a); err != nil {
			os.Exit(3)
		}
		limitMemory(os.Getenv) // as main does
		e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, a, e)
		stop()
		if path := os.Getenv("ARCHIVIO_TEST_CHILD_RSS"); path != "" {
			writePeakRSS(path)
		}
		os.Exit(exitCode(err, os.Stderr))
	}
	postgres = pgtest.Lazy()
	code := m.Run()
	postgres.Close()
	os.Exit(code)
}

func child(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	a, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "ARCHIVIO_TEST_CHILD_ARGS="+string(a))
	return cmd
}

// TestKillAndResume kills a crawl with SIGKILL in the middle, then resumes
// it: every WARC record must read back, no file may stay open, every
// record must be stored, and no page captured before the kill may be
// captured again.
func TestKillAndResume(t *testing.T) {
	const records = 60
	site, err := demosite.New(demosite.Options{Records: records})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dir := t.TempDir()
	args := []string{"crawl", "--base-url", srv.URL, "--allow-private", "--delay", "30ms", "--parallel", "2", "--data", dir, "--quiet"}

	first := child(t, args...)
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for countRecordRequests(site) < records/3 {
		if time.Now().After(deadline) {
			first.Process.Kill()
			t.Fatal("the first crawl did not get a third of the way")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	before := countRecordRequests(site)
	if before >= records {
		t.Fatalf("the crawl finished before it was killed (%d record requests)", before)
	}
	captured := capturedRecords(t, dir)

	out, err := child(t, append(args, "--resume")...).CombinedOutput()
	if err != nil {
		t.Fatalf("resumed crawl: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "(resumed)") {
		t.Errorf("the report does not say the crawl was resumed:\n%s", out)
	}

	if open, _ := filepath.Glob(filepath.Join(dir, "warc", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open: %v", open)
	}
	perURL := map[string]int{}
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*.warc.gz"))
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if r.Type != "response" && r.Type != "revisit" {
				return nil
			}
			perURL[r.TargetURI]++
			_, err := archive.ReadResponse(context.Background(), f, r.Offset)
			return err
		})
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	for u, n := range perURL {
		if _, isRecord := osservatorio.RecordID(u); isRecord && n != 1 {
			t.Errorf("%s archived %d times", u, n)
		}
	}
	for u := range captured {
		if perURL[u] != 1 {
			t.Errorf("%s, captured before the kill, is archived %d times", u, perURL[u])
		}
	}
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	vs, err := st.LatestVersions(context.Background(), 0)
	if err != nil || len(vs) != records {
		t.Errorf("%d records stored after the resume (%v), want %d", len(vs), err, records)
	}
}

func countRecordRequests(site *demosite.Site) int {
	n := 0
	for _, p := range site.Requests() {
		if _, ok := osservatorio.RecordID(p); ok {
			n++
		}
	}
	return n
}

// capturedRecords lists the record URLs whose responses are whole in the
// WARC files of a killed crawl (the cut last record does not count).
func capturedRecords(t *testing.T, dir string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(dir, "warc", "*"))
	for _, f := range files {
		if strings.HasSuffix(f, ".cdxj") {
			continue
		}
		archive.ScanWARC(context.Background(), f, func(r archive.ScannedRecord) error {
			if _, ok := osservatorio.RecordID(r.TargetURI); ok && r.Type == "response" {
				out[r.TargetURI] = true
			}
			return nil
		})
	}
	return out
}

// TestInterruptStopsCleanly sends SIGINT (Ctrl-C) in the middle of a
// crawl: the WARC file is closed, the crawl is recorded as interrupted,
// and the report is printed.
func TestInterruptStopsCleanly(t *testing.T) {
	site, err := demosite.New(demosite.Options{Records: 60})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	dir := t.TempDir()
	cmd := child(t, "crawl", "--base-url", srv.URL, "--allow-private", "--delay", "30ms", "--data", dir, "--quiet")
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for countRecordRequests(site) < 10 {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("exit: %v, want status 1", err)
	}
	if !strings.Contains(out.String(), "interrupted") || !strings.Contains(out.String(), "--resume") {
		t.Errorf("no report of the interruption:\n%s", out.String())
	}
	if open, _ := filepath.Glob(filepath.Join(dir, "warc", "*.open")); len(open) != 0 {
		t.Errorf("WARC files left open after Ctrl-C: %v", open)
	}
	st, err := archive.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.LastCrawl(context.Background(), "osservatorio")
	if err != nil || c.Status != "interrupted" || c.Report == "" {
		t.Fatalf("crawl after Ctrl-C: %+v %v", c, err)
	}
	// The report says what is left for --resume.
	var rep jobs.Report
	if err := json.Unmarshal([]byte(c.Report), &rep); err != nil || rep.Frontier.Unsettled == 0 || rep.Frontier.Done == 0 ||
		rep.Frontier.URLs != rep.Frontier.Done+rep.Frontier.Unsettled {
		t.Errorf("interrupted crawl's URLs: %+v %v", rep.Frontier, err)
	}
}
