package archive

import (
	"os"
	"strings"
	"testing"
	"time"
)

func TestCrawlLogLine(t *testing.T) {
	at := time.Date(2026, 12, 2, 7, 28, 10, 123_000_000, time.UTC)
	cases := []struct {
		name string
		e    CrawlLogEntry
		want string
	}{
		{"a page", CrawlLogEntry{Time: at, Status: 200, Size: 8457, URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141",
			Path: "LL", Via: "https://www.osservatoriopartecipazione.it/processi?page=2", MIME: "text/html; charset=windows-1252",
			Start: at.Add(-45 * time.Millisecond), Duration: 45 * time.Millisecond, Digest: "sha1:VRRHXSERPTJM3J6X3HWE4AJSQV74CRFG",
			Source: "osservatorio", Annotations: []string{"2t", "duplicate:digest"}},
			"2026-12-02T07:28:10.123Z   200       8457 https://www.osservatoriopartecipazione.it/scheda-processo/141 LL " +
				"https://www.osservatoriopartecipazione.it/processi?page=2 text/html - 20261202072810078+45 " +
				"sha1:VRRHXSERPTJM3J6X3HWE4AJSQV74CRFG osservatorio 2t,duplicate:digest"},
		{"a seed not fetched", CrawlLogEntry{Time: at, Status: CrawlLogRobots, Size: -1, URL: "http://x.it/a b", Annotations: []string{"robots"}},
			"2026-12-02T07:28:10.123Z -9998          - http://x.it/a%20b - - - - - - - robots"},
	}
	for _, c := range cases {
		if got := c.e.Line(); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if n := len(strings.Fields(c.e.Line())); n != 12 {
			t.Errorf("%s: %d fields", c.name, n)
		}
	}
}

// A resumed crawl appends to its log.
func TestCrawlLogAppends(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		l, err := OpenCrawlLog(dir, 7)
		if err != nil {
			t.Fatal(err)
		}
		l.Write(CrawlLogEntry{Time: time.Unix(int64(i), 0), Status: 200, Size: 1, URL: "http://x.it/"})
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(CrawlLogPath(dir, 7))
	if err != nil || strings.Count(string(b), "\n") != 2 {
		t.Errorf("log after two runs: %q %v", b, err)
	}
}
