package main

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"archivio/crawlers"
	"archivio/internal/config"
	"archivio/internal/demo/demosite"
	"archivio/internal/jobs"
)

// TestNumericFlagsRefuseBadValues runs every command with numeric flags
// with values out of range: each must be a usage error (exit status 2)
// naming the flag, before anything is crawled or written.
func TestNumericFlagsRefuseBadValues(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"crawl", "--parallel", "-1"}, `invalid value "-1" for flag --parallel: must be between 1 and 32`},
		{[]string{"crawl", "--parallel", "0"}, `-parallel: must be between 1 and 32`},
		{[]string{"crawl", "--parallel", "1000000000"}, `-parallel: must be between 1 and 32`},
		{[]string{"crawl", "--delay", "-5s"}, `invalid value "-5s" for flag --delay: must not be negative`},
		{[]string{"crawl", "--max-body", "-5"}, `invalid value "-5" for flag --max-body: must be 1 or more`},
		{[]string{"crawl", "--max-pages", "-1"}, `-max-pages: must not be negative`},
		{[]string{"crawl", "--timeout", "-1s"}, `-timeout: must be at least 1ms`},
		{[]string{"crawl", "--timeout", "0"}, `-timeout: must be at least 1ms`},
		{[]string{"crawl", "--warc-size", "-1"}, `-warc-size: must be 1 or more`},
		{[]string{"crawl", "--warc-size", "0"}, `-warc-size: must be 1 or more`},
		{[]string{"crawl", "--warc-compression", "0"}, `-warc-compression: must be between 1 and 9`},
		{[]string{"crawl", "--warc-compression", "10"}, `-warc-compression: must be between 1 and 9`},
		{[]string{"crawl", "--ids", "1-9223372036854775807"}, `--ids: id range 1-9223372036854775807 holds 9223372036854775807 ids: at most 100000 per crawl`},
		{[]string{"crawl", "--ids", "0-10"}, `--ids: id range 0-10: want 1 <= FROM <= TO`},
		{[]string{"crawl", "--ids", "1-99999999999999999999"}, `--ids: want FROM-TO`},
		{[]string{"demo", "--parallel", "-1"}, `-parallel: must be between 1 and 32`},
		{[]string{"demo", "--delay", "-5s"}, `-delay: must not be negative`},
		{[]string{"links", "check", "--parallel", "-1"}, `-parallel: must be between 1 and 64`},
		{[]string{"links", "check", "--timeout", "-1s"}, `-timeout: must be at least 1ms`},
		{[]string{"links", "check", "--fail-threshold", "-3"}, `-fail-threshold: must be 1 or more`},
		{[]string{"links", "check", "--recover-threshold", "0"}, `-recover-threshold: must be 1 or more`},
		{[]string{"links", "check", "--fail-window", "-1h"}, `-fail-window: must not be negative`},
		{[]string{"links", "check", "--snapshot-depth", "-2"}, `-snapshot-depth: must be -1 or more`},
		{[]string{"records", "--id", "-4"}, `-id: must not be negative`},
	} {
		var out, errOut bytes.Buffer
		args := append(append([]string(nil), c.args...), "--data", dir)
		err := run(context.Background(), args, &env{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }})
		code := exitCode(err, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("archivio %s: exit %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), code, errOut.String(), c.want)
		}
	}
}

func TestParallelLimitsAgree(t *testing.T) {
	if config.MaxSourceParallel != crawlers.MaxParallel || config.MaxLinksParallel != jobs.MaxLinksParallel {
		t.Errorf("archivio.yaml allows parallel up to %d and %d; the crawl and link checks up to %d and %d",
			config.MaxSourceParallel, config.MaxLinksParallel, crawlers.MaxParallel, jobs.MaxLinksParallel)
	}
}

// TestSIGTERMStopsTheLargestIDRange sends SIGTERM to a crawl that queues
// the largest id range allowed: it must stop within seconds, report the
// interruption and exit 1.
func TestSIGTERMStopsTheLargestIDRange(t *testing.T) {
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	cmd := child(t, "crawl", "--base-url", srv.URL, "--allow-private", "--delay", "50ms", "--ids", "1-100000",
		"--data", t.TempDir(), "--quiet")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for site.Hits("/robots.txt") == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 20s after SIGTERM\n%s", out.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out.String(), "interrupted") {
		t.Errorf("after SIGTERM: %v\n%s", err, out.String())
	}
}
