package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// The crawl report in the format names every command uses: --format table
// (the default, for people) or json, the report stored with the crawl;
// --report json, as the spelling some expect, says the same.
func TestCrawlReportFormats(t *testing.T) {
	_, network := demoNetwork(t)
	dir := t.TempDir()
	for _, args := range [][]string{{"--report", "json"}, {"--format", "json"}} {
		out, errOut, err := runOn(t, network, nil, append([]string{"crawl", "--data", dir, "--delay", "0", "--quiet"}, args...)...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, errOut)
		}
		var rep struct {
			CrawlID  int64  `json:"crawl_id"`
			Status   string `json:"status"`
			Frontier struct {
				URLs int `json:"urls"`
			} `json:"frontier"`
		}
		if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.CrawlID == 0 || rep.Status != "done" || rep.Frontier.URLs == 0 {
			t.Errorf("%v: %v, report %+v:\n%s", args, err, rep, out)
		}
	}
	out, _, err := runOn(t, network, nil, "crawl", "--data", dir, "--delay", "0", "--quiet", "--format", "table")
	if err != nil || !strings.HasPrefix(out, "Crawl 3 of osservatorio") {
		t.Errorf("--format table: %v\n%s", err, out)
	}
	for _, bad := range [][]string{{"--report", "xml"}, {"--format", "csv"}} {
		if _, _, err := runOn(t, network, nil, append([]string{"crawl", "--data", dir, "--quiet"}, bad...)...); !errors.Is(err, errUsage) {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}
