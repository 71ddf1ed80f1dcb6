package main

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore/s3test"
	"archivio/internal/serve"
)

// migratedDemo runs the demo and moves its archive into a new schema of
// the test server and its WARC files into a bucket on loopback.
func migratedDemo(t *testing.T) (data, dsn, bucketURL, cfg string, getenv func(string) string) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the demo")
	}
	data = filepath.Join(t.TempDir(), "demo")
	if _, errOut, err := runCmd(t, runDemo, "--data", data, "--quiet"); err != nil {
		t.Fatalf("demo: %v\n%s", err, errOut)
	}
	dsn = postgres.Schema(t)
	bucket := s3test.Start(t, t.TempDir(), nil).URL
	cfg, getenv = sharedConfig(t, dsn, bucket)
	if _, errOut, err := runWith(t, getenv, runMigrate, "--to", "postgres", "--warc", "--config", cfg, "--data", data); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errOut)
	}
	return data, dsn, bucket, cfg, getenv
}

var pageLink = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// TestServeSharedCatalog browses the web interface over the demo's
// archive and over the same archive moved into PostgreSQL (its WARC files
// read from the bucket by range): every page reachable from the home
// page, the replayed captures, raw WARC records, Memento answers and
// record downloads among them, is the same; and archivio serve with
// store: postgres serves it.
func TestServeSharedCatalog(t *testing.T) {
	data, dsn, bucket, cfg, getenv := migratedDemo(t)
	ctx := context.Background()
	local, err := archive.OpenReadOnly(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer local.Close()
	shared, err := pg.Open(ctx, dsn, pg.Options{Node: "reader", WARCs: mustS3(t, bucket)})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	now := func() time.Time { return time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC) }
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	a, err := serve.New(serve.Options{Archive: local, DataDir: data, Version: "test", Logger: quiet, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	b, err := serve.New(serve.Options{Archive: shared, Version: "test", Logger: quiet, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	get := func(h http.Handler, path string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		return w
	}
	seen := map[string]bool{"/": true}
	queue := []string{"/", "/records?q=fabbrica", "/records?sort=title&desc=1", "/records?sort=year", "/links?state=down",
		"/download/records.zip?format=csv", "/download/archivio.wacz"}
	kinds := map[string]int{}
	for len(queue) > 0 && len(seen) < 1500 {
		path := queue[0]
		queue = queue[1:]
		wa, wb := get(a.Handler(), path), get(b.Handler(), path)
		kind := "home"
		if f := strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '?' }); len(f) > 0 {
			kind = f[0]
		}
		kinds[kind]++
		if wa.Code != wb.Code || wa.Header().Get("Content-Type") != wb.Header().Get("Content-Type") {
			t.Errorf("%s: %d %s from SQLite, %d %s from PostgreSQL: %.300s", path, wa.Code, wa.Header().Get("Content-Type"),
				wb.Code, wb.Header().Get("Content-Type"), wb.Body.String())
			continue
		}
		if strings.HasPrefix(path, "/download/") {
			if wa.Code != http.StatusOK || wb.Body.Len() < 1000 {
				t.Errorf("%s: %d, %d bytes", path, wb.Code, wb.Body.Len())
			}
			continue // a ZIP stamped with the time it was made
		}
		if wa.Body.String() != wb.Body.String() {
			t.Errorf("%s differs:\n%s", path, firstDiff(wa.Body.String(), wb.Body.String()))
			continue
		}
		if !strings.HasPrefix(wa.Header().Get("Content-Type"), "text/html") {
			continue
		}
		for _, m := range pageLink.FindAllStringSubmatch(wa.Body.String(), -1) {
			p := html.UnescapeString(m[1])
			if strings.HasPrefix(p, "/download/") || strings.HasPrefix(p, "/static/") || seen[p] {
				continue
			}
			seen[p] = true
			queue = append(queue, p)
		}
	}
	for _, k := range []string{"records", "link", "links", "alerts", "crawls", "captures", "replay", "warc", "timemap", "feed.atom", "home", "downloads"} {
		if kinds[k] == 0 {
			t.Errorf("no %s page browsed (%v)", k, kinds)
		}
	}
	t.Logf("pages compared: %v", kinds)

	// archivio serve with store: postgres serves the same.
	var raw string
	for p := range seen {
		if strings.HasPrefix(p, "/warc/") {
			raw = p
			break
		}
	}
	if raw == "" {
		t.Fatal("no raw WARC record browsed")
	}
	sctx, cancel := context.WithCancel(ctx)
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(sctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: getenv},
			[]string{"--config", cfg, "--listen", "127.0.0.1:0", "--quiet"})
	}()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/ \(the shared PostgreSQL catalog`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && base == ""; time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("archivio serve printed no address: %q %q %v", out.String(), errOut.String(), <-done)
	}
	// The command's pages carry its version.
	versioned, err := serve.New(serve.Options{Archive: local, DataDir: data, Version: buildVersion(), Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/records/141", raw} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := get(versioned.Handler(), p); resp.StatusCode != 200 || string(body) != want.Body.String() {
			t.Errorf("archivio serve %s: %d, %d bytes, want %d bytes", p, resp.StatusCode, len(body), want.Body.Len())
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("archivio serve ended with %v", err)
	}

	// Each filter of the record listing, on both catalogs.
	yes, no := true, false
	all, err := local.SearchRecords(ctx, archive.RecordQuery{})
	if err != nil {
		t.Fatal(err)
	}
	some := 0
	for _, q := range []archive.RecordQuery{
		{Text: "PARCO lama"}, {Text: "carpi"}, {Territory: "RAVENNA"}, {Territory: "50%"}, {Certified: &yes}, {Certified: &no},
		{Financed: &yes}, {Financed: &no}, {LinkState: "down"}, {LinkState: "up"}, {Status: all.Records[0].Status},
		{Nature: all.Records[0].Nature}, {Year: all.Records[0].Year}, {IDs: []int{141, 7, 213}}, {IDs: []int{}},
		{Sort: "title", Desc: true, Limit: 5, Offset: 3}, {Sort: "year"}, {Sort: "year", Desc: true}, {Sort: "status"}, {Sort: "changed", Desc: true},
	} {
		want, err := local.SearchRecords(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got, err := shared.SearchRecords(ctx, q)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("records %+v: %v\n got %+v\nwant %+v", q, err, got, want)
		}
		if want.Total > 0 && want.Total < all.Total {
			some++
		}
		wantIDs, _ := local.MatchingRecordIDs(ctx, q)
		if gotIDs, err := shared.MatchingRecordIDs(ctx, q); err != nil || !reflect.DeepEqual(gotIDs, wantIDs) {
			t.Errorf("matching records %+v: %v %v, want %v", q, err, gotIDs, wantIDs)
		}
	}
	if some < 8 {
		t.Errorf("only %d filters select some records but not all", some)
	}
	wantF, _ := local.RecordFacets(ctx)
	if gotF, err := shared.RecordFacets(ctx); err != nil || !reflect.DeepEqual(gotF, wantF) || len(wantF.Years) == 0 {
		t.Errorf("facets %v\n got %+v\nwant %+v", err, gotF, wantF)
	}
	for _, q := range []archive.LinkQuery{{Text: "COMUNE"}, {State: "down"}, {Active: true, Limit: 3, Offset: 2}, {Text: "_"}} {
		want, _ := local.SearchLinks(ctx, q)
		if got, err := shared.SearchLinks(ctx, q); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("links %+v: %v\n got %+v\nwant %+v", q, err, got, want)
		}
	}
}
