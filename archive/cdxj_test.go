package archive

import (
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
	e := newCDXJEntry("https://www.example.org/p?b=1&a=<2>", date, head, Written{
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
	e = newCDXJEntry("https://www.example.org/p", date, head, Written{Revisit: true})
	if e.fields.Mime != "warc/revisit" {
		t.Errorf("revisit mime %q", e.fields.Mime)
	}
}
