package archive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// warcTestClock is a clock that moves one second per reading.
type warcTestClock struct {
	mu sync.Mutex
	t  time.Time
}

func newWARCTestClock() *warcTestClock {
	return &warcTestClock{t: time.Date(2026, 11, 25, 2, 15, 0, 0, time.UTC)}
}

func (c *warcTestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// testExchange is a GET of uri answered with status, the given headers
// ("Name: value" lines) and body.
func testExchange(uri string, date time.Time, status int, body []byte, headers ...string) Exchange {
	u := strings.TrimPrefix(strings.TrimPrefix(uri, "http://"), "https://")
	host, path, _ := strings.Cut(u, "/")
	req := fmt.Sprintf("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: archivio-test\r\nAccept-Encoding: gzip\r\n\r\n", path, host)
	var head strings.Builder
	fmt.Fprintf(&head, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for _, h := range headers {
		head.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&head, "Content-Length: %d\r\n\r\n", len(body))
	return Exchange{
		TargetURI: uri,
		Date:      date,
		IP:        "192.0.2.7",
		Request:   []byte(req),
		Response:  []byte(head.String()),
		Body:      body,
	}
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gunzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// openTestWriter opens a writer on a temporary directory with a test clock.
func openTestWriter(t testing.TB, dir string, maxSize int64) *WARCWriter {
	t.Helper()
	w, err := OpenWARCWriter(WARCOptions{
		Dir:         dir,
		MaxFileSize: maxSize,
		Software:    "archivio/test",
		Hostname:    "test-host",
		Now:         newWARCTestClock().Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// cdxjLine is one parsed line of a CDXJ file.
type cdxjLine struct {
	Key, Timestamp string
	Fields         map[string]string
	Raw            string
}

func readCDXJ(t testing.TB, path string) []cdxjLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []cdxjLine
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, rest, ok1 := strings.Cut(sc.Text(), " ")
		ts, js, ok2 := strings.Cut(rest, " ")
		if !ok1 || !ok2 {
			t.Fatalf("cdxj line %q: not KEY TIMESTAMP JSON", sc.Text())
		}
		l := cdxjLine{Key: key, Timestamp: ts, Raw: sc.Text()}
		if err := json.Unmarshal([]byte(js), &l.Fields); err != nil {
			t.Fatalf("cdxj line %q: %v", sc.Text(), err)
		}
		lines = append(lines, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// scanAll returns every record of a WARC file.
func scanAll(t testing.TB, path string) []ScannedRecord {
	t.Helper()
	var recs []ScannedRecord
	err := ScanWARC(context.Background(), path, func(r ScannedRecord) error {
		recs = append(recs, r)
		return nil
	})
	if err != nil {
		t.Fatalf("ScanWARC %s: %v", path, err)
	}
	return recs
}

// warcFiles lists the names in dir ending with suffix.
func warcFiles(t testing.TB, dir, suffix string) []string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "*"+suffix))
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range matches {
		matches[i] = filepath.Base(m)
	}
	return matches
}
