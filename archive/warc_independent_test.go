package archive

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestWARCIndependentReader has warcio.js, Webrecorder's reader, read files
// archivio wrote and recompute every payload digest. It needs node and an
// installed copy of /work/shared/tools/warccheck named by ARCHIVIO_WARCCHECK:
//
//	w=$(mktemp -d) && cp -r /work/shared/tools/warccheck/. "$w" && (cd "$w" && npm install --silent)
//	ARCHIVIO_WARCCHECK="$w" go test ./archive/ -run TestWARCIndependentReader
func TestWARCIndependentReader(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}
	checker := os.Getenv("ARCHIVIO_WARCCHECK")
	if checker == "" {
		t.Skip("ARCHIVIO_WARCCHECK (an installed warccheck folder) is not set")
	}

	dir := t.TempDir()
	w := openTestWriter(t, dir, 8<<10) // small files: several of them
	exs, _ := warcSampleExchanges(t, w)
	at := time.Date(2026, 11, 25, 5, 0, 0, 0, time.UTC)
	for i := range 6 {
		ex := testExchange("https://osservatorio.example/r/"+strconv.Itoa(i), at, 200, noise(uint64(i), 3000), "Content-Type: image/png")
		if _, err := w.WriteExchange(context.Background(), ex, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := warcFiles(t, dir, ".warc.gz")

	out, err := exec.Command(node, filepath.Join(checker, "warccheck.mjs"), dir).Output()
	if err != nil {
		t.Fatalf("warccheck: %v\n%s", err, out)
	}
	var report struct {
		Files                 int            `json:"files"`
		Counts                map[string]int `json:"counts"`
		PayloadDigestsChecked int            `json:"payloadDigestsChecked"`
		Mismatches            *int           `json:"mismatches"`
		Errors                []string       `json:"errors"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		t.Fatalf("warccheck output %s: %v", out, err)
	}
	t.Logf("warccheck: %s", out)
	n := len(exs) + 6
	if report.Mismatches == nil || *report.Mismatches != 0 || len(report.Errors) != 0 {
		t.Errorf("warccheck found mismatches or errors: %s", out)
	}
	if report.Files != len(files) || report.Counts["warcinfo"] != len(files) || report.Counts["request"] != n ||
		report.Counts["response"] != n-1 || report.Counts["revisit"] != 1 || report.PayloadDigestsChecked != n-1 {
		t.Errorf("warccheck read %s; want %d files, %d exchanges, one of them a revisit", out, len(files), n)
	}
}
