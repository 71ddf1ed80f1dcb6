package linkcheck

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
// link check through the real recording transport, with its peak memory
// measured.
type childJob struct {
	URL string `json:"url"`
	Dir string `json:"dir"` // the data directory
	Out string `json:"out"` // where the child writes childResult
}

type childResult struct {
	Check   *Result `json:"check,omitempty"`
	PeakRSS int64   `json:"peak_rss"`
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
	c, err := New(Options{Transport: rec, UserAgent: "archivio-test (+https://example.org/archivio)", Timeout: 20 * time.Second, DisableProbe: true})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Check(ctx, job.URL)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(childResult{Check: &r, PeakRSS: peakRSS()})
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

// TestLinkCheckGzipBomb: a record's link answers a 4 MB gzip body that
// inflates to 4 GiB. The check stops decoding at the size limit, archives
// the cut, says so in its error, and stays in little memory.
func TestLinkCheckGzipBomb(t *testing.T) {
	srv := httptest.NewServer(hostile.GzipBomb("text/html; charset=utf-8", 4<<30))
	defer srv.Close()
	job := childJob{URL: srv.URL + "/progetto", Dir: t.TempDir(), Out: filepath.Join(t.TempDir(), "result.json")}
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
	t.Logf("check %s: peak RSS %.0f MB", job.URL, float64(res.PeakRSS)/1e6)
	files, err := filepath.Glob(filepath.Join(job.Dir, "warc", "*.warc.gz"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no WARC files: %v", err)
	}
	cut := "?"
	for _, f := range files {
		err := archive.ScanWARC(context.Background(), f, func(s archive.ScannedRecord) error {
			if s.Type != "response" || s.TargetURI != job.URL {
				return nil
			}
			a, err := archive.ReadResponse(context.Background(), f, s.Offset)
			if err == nil {
				cut = a.Truncated
			}
			return err
		})
		if err != nil {
			t.Errorf("%s does not read back: %v", f, err)
		}
	}
	if cut != "length" {
		t.Errorf("%s archived with WARC-Truncated %q, want cut at the length limit", job.URL, cut)
	}
	if !raceDetector && res.PeakRSS > 100e6 {
		t.Errorf("peak RSS %.0f MB checking a gzip bomb, want under 100 MB", float64(res.PeakRSS)/1e6)
	}
	if c := res.Check; c == nil || !strings.HasPrefix(c.Error, "too_large") || c.CaptureID == 0 {
		t.Errorf("check %+v: want the cut named in its error (too_large) and the capture", c)
	}
}
