package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/internal/demo/demosite"
)

// siteLog serves the demo site and notes every request: when it came, its
// User-Agent, and the most requests served at once.
type siteLog struct {
	mu       sync.Mutex
	starts   []time.Time
	agents   map[string]bool
	inFlight int
	most     int
}

func newSiteLog(t *testing.T) (*siteLog, *httptest.Server) {
	t.Helper()
	site, err := demosite.New(demosite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	l := &siteLog{agents: map[string]bool{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.inFlight++
		l.most = max(l.most, l.inFlight)
		l.agents[r.UserAgent()] = true
		l.starts = append(l.starts, time.Now())
		l.mu.Unlock()
		time.Sleep(20 * time.Millisecond) // long enough for parallel requests to overlap
		site.Handler().ServeHTTP(w, r)
		l.mu.Lock()
		l.inFlight--
		l.mu.Unlock()
	}))
	t.Cleanup(srv.Close)
	return l, srv
}

// shortestGap is the shortest time between two requests, robots.txt and
// sitemaps included.
func (l *siteLog) shortestGap() time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	gap := time.Duration(1<<62 - 1)
	for i := 1; i < len(l.starts); i++ {
		gap = min(gap, l.starts[i].Sub(l.starts[i-1]))
	}
	return gap
}

func (l *siteLog) userAgents() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for a := range l.agents {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// writeConfig writes an archivio.yaml whose osservatorio source is srv.
func writeConfig(t *testing.T, srvURL, source string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "archivio.yaml")
	text := "allow_private: true\ncontact: ops@example.org\nsources:\n  osservatorio:\n    base_url: " + srvURL + "\n" + source
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCrawlTakesTheSourceFromTheFile crawls a source configured in
// archivio.yaml from the command line: the crawl must keep the file's
// delay between requests, make one request at a time (parallel: 1) and
// name the file's contact in its User-Agent, as the daemon does.
func TestCrawlTakesTheSourceFromTheFile(t *testing.T) {
	l, srv := newSiteLog(t)
	conf := writeConfig(t, srv.URL, "    delay: 300ms\n    parallel: 1\n")
	_, errOut, err := runCLI(t, "", "crawl", "osservatorio", "--config", conf, "--data", t.TempDir(), "--max-pages", "6", "--quiet")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, errOut)
	}
	if l.most != 1 {
		t.Errorf("%d requests at once, want 1 (parallel: 1)", l.most)
	}
	if gap := l.shortestGap(); gap < 300*time.Millisecond {
		t.Errorf("requests %v apart, want at least the file's delay, 300ms", gap)
	}
	if ua := l.userAgents(); len(ua) != 1 || !strings.HasSuffix(ua[0], "(+ops@example.org)") {
		t.Errorf("User-Agent %q, want the file's contact", ua)
	}
}

// TestCrawlFlagsOverTheFile checks that flags win over the file: a longer
// --delay, --parallel 1 over the file's 4, and --contact.
func TestCrawlFlagsOverTheFile(t *testing.T) {
	l, srv := newSiteLog(t)
	conf := writeConfig(t, srv.URL, "    delay: 0s\n    parallel: 4\n")
	_, errOut, err := runCLI(t, "", "crawl", "--config", conf, "--data", t.TempDir(), "--max-pages", "6", "--quiet",
		"--delay", "300ms", "--parallel", "1", "--contact", "flag@example.org")
	if err != nil {
		t.Fatalf("crawl: %v\n%s", err, errOut)
	}
	if l.most != 1 {
		t.Errorf("%d requests at once, want 1 (--parallel 1)", l.most)
	}
	if gap := l.shortestGap(); gap < 300*time.Millisecond {
		t.Errorf("requests %v apart, want at least --delay 300ms", gap)
	}
	if ua := l.userAgents(); len(ua) != 1 || !strings.HasSuffix(ua[0], "(+flag@example.org)") {
		t.Errorf("User-Agent %q, want --contact", ua)
	}
}

// TestConfigShowGolden prints the settings of a crawl made from the
// defaults, a file, the environment and flags, secrets masked
// (go test ./cmd/archivio -run ConfigShowGolden -update rewrites it).
func TestConfigShowGolden(t *testing.T) {
	getenv := func(k string) string {
		return map[string]string{
			"ARCHIVIO_CONTACT":        "env@example.org",
			"ARCHIVIO_WEBHOOK_SECRET": "hunter2",
			"ARCHIVIO_SMTP_HOST":      "smtp.example.org",
			"ARCHIVIO_SMTP_FROM":      "archivio@example.org",
			"ARCHIVIO_SMTP_TO":        "redazione@example.org",
			"MAIL_PASSWORD":           "correct horse",
		}[k]
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"config", "show", "crawl", "fiorano", "--config", "testdata/show.yaml", "--delay", "3s", "--data", "/srv/archivio"},
		&env{stdout: &out, stderr: &errOut, getenv: getenv})
	if err != nil {
		t.Fatalf("config show: %v\n%s", err, errOut.String())
	}
	golden := filepath.Join("testdata", "show.golden")
	if *updateGolden {
		os.WriteFile(golden, out.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != string(want) {
		t.Errorf("config show:\n%s\nwant:\n%s", out.String(), want)
	}
	for _, secret := range []string{"hunter2", "correct horse", "T0KEN", "pa55"} {
		if strings.Contains(out.String(), secret) {
			t.Errorf("config show prints the secret %q", secret)
		}
	}
}

// TestFlagsFollowTheFileRules gives the same values to a command's flags
// and to archivio.yaml: each must be accepted by both or refused by both
// (--fail-window 0 and fail_window: 0s included: no minimum span).
func TestFlagsFollowTheFileRules(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		command []string
		flag    string
		yaml    string // the key's path in the file, "." separated
		values  [][2]string
	}{
		{[]string{"crawl"}, "--parallel", "sources.osservatorio.parallel", [][2]string{{"-1", "-1"}, {"0", "0"}, {"1", "1"}, {"32", "32"}, {"33", "33"}}},
		{[]string{"crawl"}, "--delay", "sources.osservatorio.delay", [][2]string{{"-1s", "-1s"}, {"0", "0s"}, {"2s", "2s"}}},
		{[]string{"links", "check"}, "--timeout", "links.timeout", [][2]string{{"0", "0s"}, {"500us", "500us"}, {"1ms", "1ms"}, {"20s", "20s"}}},
		{[]string{"links", "check"}, "--fail-threshold", "links.fail_threshold", [][2]string{{"0", "0"}, {"1", "1"}}},
		{[]string{"links", "check"}, "--fail-window", "links.fail_window", [][2]string{{"-1h", "-1h"}, {"0", "0s"}, {"24h", "24h"}}},
		{[]string{"links", "check"}, "--recover-threshold", "links.recover_threshold", [][2]string{{"0", "0"}, {"2", "2"}}},
		{[]string{"links", "check"}, "--parallel", "links.parallel", [][2]string{{"0", "0"}, {"64", "64"}, {"65", "65"}}},
		{[]string{"links", "check"}, "--host-delay", "links.host_delay", [][2]string{{"-1s", "-1s"}, {"0", "0s"}, {"250ms", "250ms"}}},
		{[]string{"links", "check"}, "--snapshot-depth", "links.snapshot_depth", [][2]string{{"-2", "-2"}, {"-1", "-1"}, {"0", "0"}}},
	} {
		for _, v := range c.values {
			args := append(append([]string{"config", "show"}, c.command...), c.flag, v[0], "--config", filepath.Join(dir, "none.yaml"))
			var out, errOut bytes.Buffer
			os.WriteFile(filepath.Join(dir, "none.yaml"), nil, 0o644)
			flagErr := run(context.Background(), args, &env{stdout: &out, stderr: &errOut})

			path := filepath.Join(dir, "archivio.yaml")
			keys := strings.Split(c.yaml, ".")
			var text strings.Builder
			for i, k := range keys {
				text.WriteString(strings.Repeat("  ", i) + k + ":")
				if i == len(keys)-1 {
					text.WriteString(" " + v[1])
				}
				text.WriteString("\n")
			}
			os.WriteFile(path, []byte(text.String()), 0o644)
			_, _, fileErr := runConfigCLI(t, nil, "check", "--config", path)
			if (flagErr == nil) != (fileErr == nil) {
				t.Errorf("%s %s: flag %v (%s), file %s: %v", c.flag, v[0], flagErr, strings.TrimSpace(errOut.String()), strings.TrimSpace(text.String()), fileErr)
			}
		}
	}
}
