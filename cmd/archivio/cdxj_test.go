package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"archivio/internal/demo/nodetool"
)

// cdxLine is one CDXJ line: key, timestamp and the JSON fields as text.
type cdxLine struct {
	key, timestamp string
	fields         map[string]string
}

func parseCDXJ(t *testing.T, text []byte) []cdxLine {
	t.Helper()
	var out []cdxLine
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		key, rest, ok1 := strings.Cut(sc.Text(), " ")
		ts, js, ok2 := strings.Cut(rest, " ")
		var raw map[string]any
		if !ok1 || !ok2 || json.Unmarshal([]byte(js), &raw) != nil {
			t.Fatalf("not a CDXJ line: %q", sc.Text())
		}
		l := cdxLine{key: key, timestamp: ts, fields: map[string]string{}}
		for k, v := range raw {
			b, _ := json.Marshal(v)
			l.fields[k] = strings.Trim(string(b), `"`)
		}
		out = append(out, l)
	}
	return out
}

// TestCDXJAgreesWithWarcio runs the demo twice (crawls with 304s and
// revisits, link checks with HEAD requests, snapshots) and compares
// archivio's CDXJ index with the one warcio.js (warcio cdx-index, the
// Webrecorder indexer) makes of the same WARC files, line by line and
// field by field. Where they differ on purpose (README, "Evidence"):
// archivio's digests keep their "sha1:" prefix; an answer without a
// Content-Type (a 304) has pywb's mime "unk", where warcio.js leaves mime
// out; and for a request other than GET without a body warcio.js adds an
// empty __wb_post_data parameter to the key and a requestBody field, where
// pywb, whose keys archivio follows, adds nothing.
func TestCDXJAgreesWithWarcio(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo twice")
	}
	tool := nodetool.Dir(t, "cdxcheck")
	node := nodetool.Node(t)
	data := filepath.Join(t.TempDir(), "demo")
	for range 2 {
		if _, _, err := runCmd(t, runDemo, "--data", data, "--delay", "0", "--quiet"); err != nil {
			t.Fatal(err)
		}
	}
	warcs, _ := filepath.Glob(filepath.Join(data, "warc", "*.warc.gz"))
	if len(warcs) < 2 {
		t.Fatalf("%d WARC files", len(warcs))
	}
	var ours []cdxLine
	for _, w := range warcs {
		b, err := os.ReadFile(w + ".cdxj")
		if err != nil {
			t.Fatal(err)
		}
		ours = append(ours, parseCDXJ(t, b)...)
	}
	out, err := exec.Command(node, append([]string{filepath.Join(tool, "node_modules", "warcio", "dist", "cli.js"), "cdx-index"}, warcs...)...).Output()
	if err != nil {
		t.Fatalf("warcio cdx-index: %v", err)
	}
	theirs := parseCDXJ(t, out)

	place := func(l cdxLine) string { return l.fields["filename"] + "@" + l.fields["offset"] }
	byPlace := map[string]cdxLine{}
	for _, l := range theirs {
		byPlace[place(l)] = l
	}
	if len(ours) != len(theirs) {
		t.Errorf("archivio indexes %d records, warcio.js %d", len(ours), len(theirs))
	}
	pairs := map[string]bool{}
	heads, revisits := 0, 0
	for _, l := range ours {
		if pairs[l.key+" "+l.timestamp] {
			t.Errorf("key and timestamp indexed twice: %s %s", l.key, l.timestamp)
		}
		pairs[l.key+" "+l.timestamp] = true
		w, ok := byPlace[place(l)]
		if !ok {
			t.Errorf("warcio.js does not index %s (%s)", place(l), l.key)
			continue
		}
		wantKey, wantMethod := w.key, w.fields["method"]
		if wantMethod != "" {
			// warcio.js: "?__wb_method=head&__wb_post_data=" for a HEAD
			// request without a body; pywb: "?__wb_method=head".
			wantKey = strings.Replace(wantKey, "&__wb_post_data=", "", 1)
			if w.fields["requestBody"] != "__wb_post_data=" {
				t.Errorf("%s: warcio.js requestBody %q for a request without a body", place(l), w.fields["requestBody"])
			}
			heads++
		}
		if l.key != wantKey || l.timestamp != w.timestamp {
			t.Errorf("%s: archivio %s %s, warcio.js %s %s", place(l), l.key, l.timestamp, w.key, w.timestamp)
		}
		for _, f := range []string{"url", "mime", "status", "length", "offset", "filename", "method"} {
			if f == "mime" && w.fields[f] == "" && l.fields[f] == "unk" {
				continue // no Content-Type (a 304): pywb's "unk", where warcio.js leaves mime out
			}
			if l.fields[f] != w.fields[f] {
				t.Errorf("%s %s: archivio %q, warcio.js %q", place(l), f, l.fields[f], w.fields[f])
			}
		}
		if d := strings.TrimPrefix(l.fields["digest"], "sha1:"); d == l.fields["digest"] || d != w.fields["digest"] {
			t.Errorf("%s digest: archivio %q, warcio.js %q", place(l), l.fields["digest"], w.fields["digest"])
		}
		if l.fields["mime"] == "warc/revisit" {
			revisits++
			if l.fields["method"] != "" || l.fields["digest"] == emptySHA1 {
				t.Errorf("%s: a revisit of an empty payload or of a HEAD answer: %v", place(l), l.fields)
			}
		}
		if l.fields["method"] == "" && l.fields["digest"] == emptySHA1 && l.fields["status"] == "200" {
			t.Errorf("%s: an empty 200 answer indexed as a capture of the page %s", place(l), l.fields["url"])
		}
	}
	if heads == 0 || revisits == 0 {
		t.Errorf("the demo's index has %d HEAD answers and %d revisits: the comparison does not cover them", heads, revisits)
	}
	t.Logf("%d lines compared, %d HEAD answers, %d revisits", len(ours), heads, revisits)
}

// emptySHA1 is the payload digest of nothing.
const emptySHA1 = "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ"
