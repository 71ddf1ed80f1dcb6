package archive

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The SURT cases double as documentation of pywb's canonicalization.
func TestCDXJSURT(t *testing.T) {
	cases := []struct{ name, url, want string }{
		{"host reversed with commas", "https://osservatoriopartecipazione.it/processi", "it,osservatoriopartecipazione)/processi"},
		{"www. dropped", "http://www.example.org/a", "org,example)/a"},
		{"www2. dropped too", "http://www2.example.org/a", "org,example)/a"},
		{"scheme does not matter", "https://example.org/a", "org,example)/a"},
		{"host lowercased", "http://WWW.Example.ORG/", "org,example)/"},
		{"path lowercased, as pywb does", "http://example.org/Scheda/ID", "org,example)/scheda/id"},
		{"empty path is /", "http://example.org", "org,example)/"},
		{"trailing slash dropped", "http://example.org/processi/", "org,example)/processi"},
		{"default port dropped", "http://example.org:80/a", "org,example)/a"},
		{"https default port dropped", "https://example.org:443/a", "org,example)/a"},
		{"other port kept", "http://example.org:8080/a", "org,example:8080)/a"},
		{"query parameters sorted", "http://example.org/cerca?z=1&a=2&m=3", "org,example)/cerca?a=2&m=3&z=1"},
		{"same name sorted by value", "http://example.org/?b=2&b=1", "org,example)/?b=1&b=2"},
		{"name without = sorts first", "http://example.org/?a=1&a", "org,example)/?a&a=1"},
		{"empty query dropped", "http://example.org/a?", "org,example)/a"},
		{"fragment dropped", "http://example.org/a#top", "org,example)/a"},
		{"user info dropped", "http://user:pw@example.org/a", "org,example)/a"},
		{"trailing dot of host dropped", "http://example.org./a", "org,example)/a"},
		{"IPv4 reversed like a name", "http://192.0.2.7/a", "7,2,0,192)/a"},
		{"IPv6 kept whole", "http://[2001:db8::1]:8080/a", "[2001:db8::1]:8080)/a"},
		{"percent-encoding kept", "http://example.org/a%20b", "org,example)/a%20b"},
		{"not a URL: lowercased, spaces escaped", "Not A URL", "not%20a%20url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := surtKey(c.url); got != c.want {
				t.Errorf("surtKey(%q) = %q, want %q", c.url, got, c.want)
			}
		})
	}
}

func TestCDXJLine(t *testing.T) {
	head := []byte("HTTP/1.1 200 OK\r\nContent-Type: Text/HTML; charset=UTF-8\r\n\r\n")
	date := time.Date(2026, 11, 25, 2, 15, 0, 999, time.FixedZone("CET", 3600))
	e := newCDXJEntry("https://www.example.org/p?b=1&a=<2>", "GET", date, head, Written{
		File: "archivio-20261125T021500Z-00001.warc.gz", Offset: 1234, Length: 567, PayloadDigest: "sha1:ABC",
	})
	got, err := e.line()
	if err != nil {
		t.Fatal(err)
	}
	want := `org,example)/p?a=<2>&b=1 20261125011500 {"url":"https://www.example.org/p?b=1&a=<2>","mime":"text/html","status":"200","digest":"sha1:ABC","length":"567","offset":"1234","filename":"archivio-20261125T021500Z-00001.warc.gz"}`
	if got != want {
		t.Errorf("line\n%s\nwant\n%s", got, want)
	}
	e = newCDXJEntry("https://www.example.org/p", "", date, head, Written{Revisit: true})
	if e.fields.Mime != "warc/revisit" {
		t.Errorf("revisit mime %q", e.fields.Mime)
	}
}

// Requests other than GET are keyed as pywb keys them: the method joins
// the URL's query as __wb_method before the SURT form is taken, so a HEAD
// answer never shares the key of the page it checked.
func TestCDXJMethodKeys(t *testing.T) {
	cases := []struct{ url, method, want string }{
		{"https://www.example.org/p", "GET", "org,example)/p"},
		{"https://www.example.org/p", "", "org,example)/p"},
		{"https://www.example.org/p", "HEAD", "org,example)/p?__wb_method=head"},
		{"https://www.example.org/p/", "HEAD", "org,example)/p?__wb_method=head"},
		{"https://www.example.org/cerca?z=1&a=2", "HEAD", "org,example)/cerca?__wb_method=head&a=2&z=1"},
		{"https://www.example.org/", "POST", "org,example)/?__wb_method=post"},
	}
	for _, c := range cases {
		if got := cdxjKey(c.url, c.method); got != c.want {
			t.Errorf("cdxjKey(%q, %q) = %q, want %q", c.url, c.method, got, c.want)
		}
	}
	head := []byte("HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n")
	date := time.Date(2026, 11, 25, 2, 15, 0, 0, time.UTC)
	e := newCDXJEntry("https://www.example.org/a.jpg", "HEAD", date, head, Written{File: "f.warc.gz", Offset: 10, Length: 20, PayloadDigest: "sha1:E"})
	got, err := e.line()
	if err != nil {
		t.Fatal(err)
	}
	want := `org,example)/a.jpg?__wb_method=head 20261125021500 {"url":"https://www.example.org/a.jpg","mime":"image/jpeg","status":"200","digest":"sha1:E","length":"20","offset":"10","filename":"f.warc.gz","method":"HEAD"}`
	if got != want {
		t.Errorf("HEAD line\n%s\nwant\n%s", got, want)
	}
}

func TestRequestMethod(t *testing.T) {
	for req, want := range map[string]string{
		"GET /a HTTP/1.1\r\nHost: x\r\n\r\n":  "GET",
		"HEAD /a HTTP/1.1\r\nHost: x\r\n\r\n": "HEAD",
		"head /a HTTP/1.1\r\n\r\n":            "HEAD",
		"":                                    "GET",
		"garbage":                             "GET",
	} {
		if got := requestMethod([]byte(req)); got != want {
			t.Errorf("requestMethod(%q) = %q, want %q", req, got, want)
		}
	}
}

// A page and the HEAD request that checked it in the same second get two
// keys, so no key and timestamp pair is indexed twice, and the index the
// writer made is the index read back from the file (as after a crash).
func TestCDXJHeadAndGetInOneSecond(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 1<<20)
	at := time.Date(2026, 11, 25, 5, 0, 0, 0, time.UTC)
	get := testExchange("https://www.example.org/img.jpg", at, 200, []byte("jpeg bytes"), "Content-Type: image/jpeg")
	head := testExchange("https://www.example.org/img.jpg", at.Add(300*time.Millisecond), 200, nil, "Content-Type: image/jpeg")
	head.Request = []byte(strings.Replace(string(head.Request), "GET ", "HEAD ", 1))
	for _, ex := range []Exchange{get, head} {
		if _, err := w.WriteExchange(ctx, ex, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	files := warcFiles(t, dir, ".warc.gz")
	path := filepath.Join(dir, files[0])
	lines := readCDXJ(t, path+".cdxj")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2", len(lines))
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l.Key+" "+l.Timestamp] {
			t.Errorf("key and timestamp twice: %s %s", l.Key, l.Timestamp)
		}
		seen[l.Key+" "+l.Timestamp] = true
	}
	if lines[0].Key != "org,example)/img.jpg" || lines[0].Fields["method"] != "" ||
		lines[1].Key != "org,example)/img.jpg?__wb_method=head" || lines[1].Fields["method"] != "HEAD" {
		t.Errorf("lines:\n%s\n%s", lines[0].Raw, lines[1].Raw)
	}
	written, err := os.ReadFile(path + ".cdxj")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(path + ".cdxj"); err != nil {
		t.Fatal(err)
	}
	if _, err := writeMissingIndex(ctx, path); err != nil {
		t.Fatal(err)
	}
	reread, err := os.ReadFile(path + ".cdxj")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, reread) {
		t.Errorf("index read back from the file differs:\n%s\nwriter's:\n%s", reread, written)
	}
}
