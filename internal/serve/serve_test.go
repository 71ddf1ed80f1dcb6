package serve

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"archivio/archive"
)

const record141 = "https://www.osservatoriopartecipazione.it/scheda-processo/141"

// get requests path from h, with header pairs.
func get(t testing.TB, h http.Handler, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8090"+path, nil)
	if strings.Contains(path, "%") || strings.Contains(path, "//") {
		req.URL.RawPath = ""
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// captureOf is the id of a capture of u, the latest.
func captureOf(t testing.TB, st *archive.Store, u string) *archive.Capture {
	t.Helper()
	cs, err := st.URLCaptures(context.Background(), u)
	if err != nil || len(cs) == 0 {
		t.Fatalf("no capture of %s: %v", u, err)
	}
	return cs[len(cs)-1]
}

func TestPages(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	c141 := captureOf(t, st, record141)
	tests := []struct {
		path string
		want []string
		not  []string
	}{
		{"/", []string{"18</strong> records", "1</strong> down", "www.fabbricaideedistretto.it"}, nil},
		{"/records", []string{"Records 1–18 of", "seconda edizione", `href="/records/141"`}, nil},
		{"/records?q=fabbrica+idee+distretto", []string{"of <strong id=\"total\">1</strong>", "/records/141"}, []string{"/records/2976\""}},
		{"/records?q=FORMIGINE+sassuolo", []string{"/records/141"}, nil},
		{"/records?link=down", []string{"/records/141", "1 down"}, []string{"/records/2976\""}},
		{"/records?status=Concluso&sort=title&order=desc&per=5&page=2", []string{"Records 6–"}, nil},
		{"/records?certified=no&financed=no", []string{"<table class=\"records\">"}, nil},
		{"/records/141", []string{"seconda edizione", "Durata (mesi)", "duration_months", "Stato di avanzamento", "<code>status</code>",
			"http://www.fabbricaideedistretto.it", `class="state down"`, "dns_not_found", "the record says this site is gone",
			c141.WARCFile, "scheda/", "/captures/", "down</span> alert"}, nil},
		{"/records/141?version=1", []string{"This is version 1 of 2", "La fabbrica delle idee"}, []string{"seconda edizione</h1>"}},
		{"/records/141/history", []string{"Version 1 → version 2", "duration_months", "Durata (mesi)", ">12<", ">18<", "title"}, nil},
		{"/records/141/history?from=2&to=1", []string{"Version 2 → version 1"}, nil},
		{"/links", []string{"http://www.fabbricaideedistretto.it", "<svg class=\"chart\"", "dns_not_found"}, nil},
		{"/links?state=down", []string{"www.fabbricaideedistretto.it"}, []string{"formigine"}},
		{"/link?url=http%3A%2F%2Fwww.fabbricaideedistretto.it", []string{"dns_not_found", "record 141", "none: archivio never captured it working", "timemap/link/"}, nil},
		{"/link?url=https%3A%2F%2Fwww.comune.formigine.mo.it%2Fpartecipazione%2Fcitta-della-longevita", []string{"last good capture", "/captures/"}, nil},
		{"/alerts", []string{"DOWN http://www.fabbricaideedistretto.it (dns_not_found)", "record 141", "Cited by 1 record"}, nil},
		{"/crawls", []string{"osservatorio", "links", "<svg class=\"chart\"", "#4"}, nil},
		{"/crawls/4", []string{"1 changed", "Parse health", "Durata (mesi)", "duration_months"}, nil},
		{"/crawls/3", []string{"Links checked", "dns_not_found 1"}, nil},
		{"/captures/" + itoa(c141.ID), []string{"Archived copy", record141, c141.PayloadDigest, "/warc/" + c141.WARCFile, "sandbox", "/replay/" + ts14(c141.FetchedAt) + "/" + record141, "cite.json"}, nil},
		{"/downloads", []string{"/download/archivio.wacz", "/feed.atom"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			w := get(t, h, tc.path)
			if w.Code != http.StatusOK {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			body := w.Body.String()
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(body, s) {
					t.Errorf("page has %q", s)
				}
			}
			if csp := w.Header().Get("Content-Security-Policy"); csp != interfaceCSP {
				t.Errorf("CSP %q", csp)
			}
			if w.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff")
			}
		})
	}
}

func itoa(n int64) string { return strings.TrimSpace(strings.Replace(jsonString(n), `"`, "", -1)) }

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestBadInput(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	c := captureOf(t, st, record141)
	// A file beside the data directory that no request may read.
	secret := filepath.Join(filepath.Dir(fixtureDir), "archivio-secret-test.txt")
	if err := os.WriteFile(secret, []byte("SECRET-CONTENT"), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(secret)
	tests := []struct {
		path string
		want int
	}{
		{"/records/abc", 400}, {"/records/0", 400}, {"/records/-1", 400}, {"/records/99999999999999999999", 400},
		{"/records/999999", 404}, {"/records/141?version=99", 404}, {"/records/141?version=x", 400}, {"/records/141?version=0", 400},
		{"/records?per=100000", 400}, {"/records?per=0", 400}, {"/records?page=0", 400}, {"/records?page=abc", 400},
		{"/records?page=999999999", 400}, {"/records?sort=evil", 400}, {"/records?order=sideways", 400},
		{"/records?year=abc", 400}, {"/records?year=99999", 400}, {"/records?certified=maybe", 400}, {"/records?link=gone", 400},
		{"/records?q=" + strings.Repeat("x", 300), 400},
		{"/records/141/history?from=0", 400}, {"/records/141/history?to=99", 400}, {"/records/141/history?from=a", 400},
		{"/records/141/cite.json?version=9", 404},
		{"/links?state=broken", 400}, {"/links?per=501", 400},
		{"/link", 400}, {"/link?url=http%3A%2F%2Fnever.example%2F", 404},
		{"/crawls/0", 400}, {"/crawls/x", 400}, {"/crawls/999", 404}, {"/crawls?page=-2", 400},
		{"/alerts?page=0", 400},
		{"/captures/abc", 400}, {"/captures/999999", 404}, {"/captures/1e3", 400},
		{"/warc/" + c.WARCFile + "/1", 404}, {"/warc/" + c.WARCFile + "/-1", 400}, {"/warc/" + c.WARCFile + "/abc", 400},
		{"/warc/..%2farchivio-secret-test.txt/0", 404}, {"/warc/..%2f..%2fetc%2fpasswd/0", 404},
		{"/warc/archivio.db/0", 404},
		{"/replay/notdigits/http://x.example/", 400}, {"/replay/20200101/ftp://x.example/", 400},
		{"/replay/2020", 400}, {"/replay/123/http://x.example/", 400}, {"/replay/20200101/http://never.example/", 404},
		{"/replay/20200101/file:///etc/passwd", 400}, {"/replay/20200101/../../archivio.db", 400},
		{"/timegate/notaurl", 400}, {"/timegate/http://never.example/", 404}, {"/timemap/xml/" + record141, 404},
		{"/timemap/link/http://never.example/", 404},
		{"/download/records.zip?format=exe", 400}, {"/download/records.zip?format=csv&year=abc", 400},
		{"/nowhere", 404}, {"/static/../archivio.db", 404},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			w := get(t, h, tc.path)
			if w.Code/100 == 3 && tc.want == 404 && !strings.HasPrefix(tc.path, "/replay/") {
				// The mux sends a path with ".." to its clean form, which
				// must then be nothing.
				w = get(t, h, w.Header().Get("Location"))
			}
			if w.Code != tc.want {
				t.Errorf("status %d, want %d: %.200s", w.Code, tc.want, w.Body.String())
			}
			if strings.Contains(w.Body.String(), "SECRET-CONTENT") || strings.Contains(w.Body.String(), "SQLite format") {
				t.Error("a file outside the archive's records was served")
			}
		})
	}
	req := httptest.NewRequest(http.MethodPost, "/records", strings.NewReader("x"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: status %d", w.Code)
	}
}

func TestCitations(t *testing.T) {
	s, st := openFixture(t)
	h := s.Handler()
	w := get(t, h, "/records/141/cite.json?version=1")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/vnd.citationstyles.csl+json" {
		t.Fatalf("status %d, type %q", w.Code, w.Header().Get("Content-Type"))
	}
	var items []map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &items); err != nil || len(items) != 1 {
		t.Fatalf("CSL-JSON: %v: %s", err, w.Body.String())
	}
	it := items[0]
	first, err := st.URLCaptures(context.Background(), record141)
	if err != nil {
		t.Fatal(err)
	}
	if it["type"] != "webpage" || it["URL"] != record141 || !strings.HasPrefix(it["title"].(string), "La fabbrica delle idee") ||
		!strings.Contains(it["note"].(string), first[0].PayloadDigest) || it["archive_location"] != "http://127.0.0.1:8090/records/141?version=1" {
		t.Errorf("citation %v", it)
	}
	txt := get(t, h, "/records/141/cite.txt").Body.String()
	for _, want := range []string{"seconda edizione", record141, "Captured 20", "sha1:", "/records/141?version=2"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text citation lacks %q: %s", want, txt)
		}
	}
	c := captureOf(t, st, record141)
	txt = get(t, h, "/captures/"+itoa(c.ID)+"/cite.txt").Body.String()
	if !strings.Contains(txt, "/replay/"+ts14(c.FetchedAt)+"/"+record141) || !strings.Contains(txt, c.PayloadDigest) {
		t.Errorf("capture citation: %s", txt)
	}
}

func TestFeed(t *testing.T) {
	s, _ := openFixture(t)
	w := get(t, s.Handler(), "/feed.atom")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("status %d type %q", w.Code, w.Header().Get("Content-Type"))
	}
	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			Content string `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 1 || feed.Entries[0].Title != "DOWN http://www.fabbricaideedistretto.it (dns_not_found)" {
		t.Fatalf("entries %+v", feed.Entries)
	}
	// The alert page shows the same text as the feed.
	page := get(t, s.Handler(), "/alerts").Body.String()
	first := strings.SplitN(feed.Entries[0].Content, "\n", 2)[0]
	if !strings.Contains(page, first) {
		t.Errorf("the alert page lacks the feed's %q", first)
	}
}

func TestRawWARCRecord(t *testing.T) {
	s, st := openFixture(t)
	c := captureOf(t, st, record141)
	w := get(t, s.Handler(), warcPath(c))
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/warc" || int64(w.Body.Len()) != c.WARCLength {
		t.Fatalf("status %d, type %q, %d bytes (want %d)", w.Code, w.Header().Get("Content-Type"), w.Body.Len(), c.WARCLength)
	}
	if b := w.Body.Bytes(); b[0] != 0x1f || b[1] != 0x8b {
		t.Error("not a gzip member")
	}
	// Read back as a WARC file: the record at offset 0 is the capture's.
	path := filepath.Join(t.TempDir(), "one.warc.gz")
	if err := os.WriteFile(path, w.Body.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	resp, err := archive.ReadResponse(context.Background(), path, 0)
	if err != nil || resp.TargetURI != record141 || resp.PayloadDigest != c.PayloadDigest {
		t.Fatalf("record read back: %+v, %v", resp, err)
	}
}

func TestAuth(t *testing.T) {
	_, st := openFixture(t)
	s, err := New(Options{Archive: st, DataDir: fixtureDir, Token: "s3cret token"})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler()
	for _, tc := range []struct {
		name   string
		header []string
		want   int
	}{
		{"none", nil, 401},
		{"bearer", []string{"Authorization", "Bearer s3cret token"}, 200},
		{"bearer, wrong", []string{"Authorization", "Bearer s3cret"}, 401},
		{"basic", []string{"Authorization", "Basic " + basic("anyone", "s3cret token")}, 200},
		{"basic, wrong", []string{"Authorization", "Basic " + basic("anyone", "nope")}, 401},
		{"basic, empty", []string{"Authorization", "Basic " + basic("", "")}, 401},
	} {
		for _, path := range []string{"/records", "/replay/20200101/" + record141, "/timegate/" + record141} {
			w := get(t, h, path, tc.header...)
			if (w.Code == 401) != (tc.want == 401) {
				t.Errorf("%s %s: status %d, want %d", tc.name, path, w.Code, tc.want)
			}
			if w.Code == 401 && !strings.HasPrefix(w.Header().Get("WWW-Authenticate"), "Basic ") {
				t.Errorf("%s: no WWW-Authenticate", tc.name)
			}
		}
	}
}

func basic(user, pw string) string {
	req, _ := http.NewRequest("GET", "/", nil)
	req.SetBasicAuth(user, pw)
	return strings.TrimPrefix(req.Header.Get("Authorization"), "Basic ")
}

func TestCheckListen(t *testing.T) {
	for _, tc := range []struct {
		addr  string
		token bool
		ok    bool
	}{
		{"127.0.0.1:8090", false, true}, {"localhost:8090", false, true}, {"[::1]:8090", false, true}, {"127.1.2.3:80", false, true},
		{"0.0.0.0:8090", false, false}, {":8090", false, false}, {"[::]:8090", false, false}, {"192.168.1.5:8090", false, false},
		{"archivio.example.org:80", false, false}, {"0.0.0.0:8090", true, true}, {"no-port", false, false},
	} {
		err := CheckListen(tc.addr, tc.token)
		if (err == nil) != tc.ok {
			t.Errorf("%s token=%v: %v", tc.addr, tc.token, err)
		}
	}
	s, _ := openFixture(t)
	if err := s.ListenAndServe(context.Background(), "0.0.0.0:0", nil); err == nil || !strings.Contains(err.Error(), "token") {
		t.Errorf("serving on every address without a token: %v", err)
	}
}

// TestReadOnly runs every page over the archive and checks that no file
// of the data directory was created or changed.
func TestReadOnly(t *testing.T) {
	before := snapshot(t, fixtureDir)
	s, st := openFixture(t)
	h := s.Handler()
	c := captureOf(t, st, record141)
	for _, p := range []string{"/", "/records", "/records/141", "/records/141/history", "/links", "/alerts", "/crawls", "/crawls/1",
		"/captures/" + itoa(c.ID), "/replay/" + ts14(c.FetchedAt) + "/" + record141, "/timegate/" + record141, "/timemap/link/" + record141,
		"/feed.atom", warcPath(c), "/download/records.zip?format=csv&q=fabbrica", "/download/archivio.wacz"} {
		if w := get(t, h, p); w.Code != 200 && !(w.Code == 302 && strings.HasPrefix(p, "/timegate/")) {
			t.Errorf("%s: %d", p, w.Code)
		}
	}
	st.Close()
	after := snapshot(t, fixtureDir)
	for name, v := range after {
		if before[name] != v {
			t.Errorf("%s changed: %s -> %s", name, before[name], v)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			t.Errorf("%s went away", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		if strings.HasSuffix(p, "-shm") {
			return nil // SQLite's shared-memory index of a reader: no data
		}
		out[p] = fi.ModTime().String() + " " + itoa(fi.Size())
		return nil
	})
	return out
}
