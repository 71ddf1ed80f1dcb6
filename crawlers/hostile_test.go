package crawlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/demo/hostile"
)

// childJob is what a test asks of a child process (TestHostileChild): a
// snapshot through the real recording transport, with its peak memory
// measured.
type childJob struct {
	Mode string `json:"mode"` // "snapshot"
	URL  string `json:"url"`
	Dir  string `json:"dir"` // the data directory
	Out  string `json:"out"` // where the child writes childResult
}

type childResult struct {
	Snapshot *SnapshotResult `json:"snapshot,omitempty"`
	Err      string          `json:"err,omitempty"`
	PeakRSS  int64           `json:"peak_rss"`
}

// TestHostileChild is the child side; it does nothing in a normal run.
func TestHostileChild(t *testing.T) {
	spec := os.Getenv("ARCHIVIO_HOSTILE_CHILD")
	if spec == "" {
		t.Skip("run by the hostile-server tests in a child process")
	}
	var job childJob
	if err := json.Unmarshal([]byte(spec), &job); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st, err := archive.Open(ctx, job.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: st.WARCDir(), Software: "archivio/test"})
	if err != nil {
		t.Fatal(err)
	}
	rec := archive.NewRecorder(&http.Transport{DisableCompression: true}, w, st, archive.RecorderOptions{})
	var res childResult
	switch job.Mode {
	case "snapshot":
		r, err := Snapshot(ctx, SnapshotOptions{Start: job.URL, Depth: 1, Transport: rec, UserAgent: snapUA, Delay: time.Millisecond})
		res.Snapshot = r
		if err != nil {
			res.Err = err.Error()
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	res.PeakRSS = peakRSS()
	b, _ := json.Marshal(res)
	if err := os.WriteFile(job.Out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// peakRSS is this process's own peak resident set size in bytes (VmHWM;
// getrusage's maxrss would count the parent's memory at exec), 0 when
// unknown.
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

// runChild runs job in a child process and returns its result.
func runChild(t *testing.T, job childJob) childResult {
	t.Helper()
	job.Dir, job.Out = t.TempDir(), filepath.Join(t.TempDir(), "result.json")
	spec, _ := json.Marshal(job)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHostileChild$")
	cmd.Env = append(os.Environ(), "ARCHIVIO_HOSTILE_CHILD="+string(spec))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	b, err := os.ReadFile(job.Out)
	if err != nil {
		t.Fatal(err)
	}
	var res childResult
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	if res.PeakRSS == 0 {
		t.Skip("no peak RSS on this system (/proc/self/status)")
	}
	t.Logf("%s %s: peak RSS %.0f MB", job.Mode, job.URL, float64(res.PeakRSS)/1e6)
	cuts := map[string]string{}
	for _, f := range mustGlob(t, filepath.Join(job.Dir, "warc", "*.warc.gz")) {
		err := archive.ScanWARC(context.Background(), f, func(s archive.ScannedRecord) error {
			if s.Type != "response" {
				return nil
			}
			a, err := archive.ReadResponse(context.Background(), f, s.Offset)
			if err == nil {
				cuts[s.TargetURI] = a.Truncated
			}
			return err
		})
		if err != nil {
			t.Errorf("%s does not read back: %v", f, err)
		}
	}
	if cut, ok := cuts[job.URL]; !ok || cut != "length" {
		t.Errorf("%s archived %v (WARC-Truncated %q), want cut at the length limit", job.URL, ok, cut)
	}
	return res
}

func mustGlob(t *testing.T, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s: %v", pattern, err)
	}
	return files
}

// TestSnapshotGzipBomb: the same bomb as a record website's page: the
// snapshot archives the cut and counts it.
func TestSnapshotGzipBomb(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/robots.txt", http.NotFound)
	mux.Handle("/", hostile.GzipBomb("text/html; charset=utf-8", 4<<30))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	res := runChild(t, childJob{Mode: "snapshot", URL: srv.URL + "/sito"})
	if !raceDetector && res.PeakRSS > 100e6 {
		t.Errorf("peak RSS %.0f MB in a snapshot of a gzip bomb, want under 100 MB", float64(res.PeakRSS)/1e6)
	}
	if s := res.Snapshot; s == nil || s.Cut != 1 || len(s.Pages) != 1 || s.Pages[0].Truncated != "length" {
		t.Errorf("snapshot %+v (%s): want the page with its cut", s, res.Err)
	}
}
