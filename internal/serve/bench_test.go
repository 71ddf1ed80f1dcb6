package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/pg/pgtest"
	"archivio/internal/migrate"
)

// postgres is the PostgreSQL server of the benchmarks on the shared
// catalog, started on first use (see TestMain).
var postgres *pgtest.Env

// The interface on a big archive: 20,000 synthetic records, each citing a
// project website, 2,000 of those links checked ten times (a tenth of
// them down). Built once per test process in a temporary folder.
//
//	go test ./internal/serve -run '^$' -bench . -benchtime 200x
//
// Each page must render in under 100 ms; the benchmark reports ms/op and
// the heap after the run (memory stays flat: the pages read a page of
// rows at a time).

const benchRecords = 20000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

func benchArchive(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "archivio-serve-bench-")
		if benchErr == nil {
			benchErr = buildBenchArchive(context.Background(), benchDir)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

var benchPlaces = []string{"Sassuolo", "Fiorano Modenese", "Maranello", "Formigine", "Modena", "Bologna", "Ravenna", "Rimini", "Parma", "Piacenza", "Ferrara", "Reggio Emilia", "Cesena", "Forlì", "Carpi", "Imola"}
var benchStatus = []string{"Concluso", "In corso", "Progetto"}
var benchNature = []string{"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"}

func buildBenchArchive(ctx context.Context, dir string) error {
	st, err := archive.Open(ctx, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 1; i <= benchRecords; i++ {
		page := fmt.Sprintf("https://www.osservatoriopartecipazione.it/scheda-processo/%d", i)
		site := fmt.Sprintf("https://www.progetto-%d.example.org/", i)
		at := base.Add(time.Duration(i) * time.Minute)
		cid, err := st.AddCapture(ctx, &archive.Capture{URL: page, FetchedAt: at, Status: 200, ContentType: "text/html; charset=utf-8",
			PayloadDigest: "sha1:BENCH", PayloadLength: 9000, WARCFile: "bench.warc.gz", WARCOffset: int64(i) * 10000, WARCLength: 4000,
			WARCRecordID: fmt.Sprintf("<urn:uuid:bench-%d>", i)})
		if err != nil {
			return err
		}
		doc := map[string]any{
			"id": i, "url": page, "title": fmt.Sprintf("Percorso partecipativo numero %d per %s", i, benchPlaces[i%len(benchPlaces)]),
			"region": "Regione Emilia-Romagna", "certified": i%3 == 0, "financed": i%5 == 0,
			"status": benchStatus[i%3], "nature": benchNature[i%3], "start_year": 2005 + i%20, "duration_months": 6 + i%18,
			"territory":       []string{benchPlaces[i%len(benchPlaces)], benchPlaces[(i+3)%len(benchPlaces)]},
			"decision_makers": []string{"Giunta comunale", "Consiglio comunale di " + benchPlaces[i%len(benchPlaces)]},
			"objectives":      "Coinvolgere la cittadinanza nella progettazione degli spazi pubblici e nella definizione delle priorità di intervento.",
			"website":         site,
			"links":           []map[string]any{{"url": site, "field": "website", "source": "text", "declared_gone": false}},
		}
		data, err := json.Marshal(doc)
		if err != nil {
			return err
		}
		rec := archive.ParsedRecord{ID: i, URL: page, Data: data, ParserVersion: "scheda/bench",
			Links: []archive.CitedLink{{URL: site, Field: "website", Source: "text"}}}
		if _, err := st.ApplyRecord(ctx, rec, cid, at); err != nil {
			return err
		}
	}
	th := archive.Thresholds{FailThreshold: 2, RecoverThreshold: 1}
	for i := 1; i <= 2000; i++ {
		site := fmt.Sprintf("https://www.progetto-%d.example.org/", i*10)
		for k := range 10 {
			works := !(i%10 == 0 && k >= 5)
			verdict, status := "ok", 200
			if !works {
				verdict, status = "dns_not_found", 0
			}
			c := archive.Check{URL: site, CheckedAt: base.Add(time.Duration(k) * 6 * time.Hour), Verdict: verdict, Status: status, Method: "HEAD", FinalURL: site}
			if _, _, err := st.RecordCheck(ctx, c, works, th); err != nil {
				return err
			}
		}
	}
	return nil
}

func benchPages(b *testing.B, paths ...string) {
	dir := benchArchive(b)
	st, err := archive.OpenReadOnly(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	benchPagesOf(b, Options{Archive: st, DataDir: dir, Version: "bench"}, paths...)
}

// benchShared is the big archive moved into a new schema of the test
// PostgreSQL server (as archivio migrate moves it), opened as the shared
// catalog.
func benchShared(b *testing.B) *pg.Store {
	dir := benchArchive(b)
	ctx := context.Background()
	dsn := postgres.Schema(b)
	src, err := archive.OpenReadOnly(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := pg.Open(ctx, dsn, pg.Options{Node: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { dst.Close() })
	if _, err := migrate.ToPostgres(ctx, migrate.Options{From: src, To: dst}); err != nil {
		b.Fatal(err)
	}
	return dst
}

func benchPagesOf(b *testing.B, o Options, paths ...string) {
	s, err := New(o)
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	for _, p := range paths {
		b.Run(p, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:8090"+p, nil)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d", p, w.Code)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.HeapInuse)/(1<<20), "MiB-heap")
		})
	}
}

var recordListPaths = []string{"/records", "/records?page=200", "/records?sort=title&order=desc&page=150",
	"/records?q=sassuolo+consiglio", "/records?status=Concluso&year=2019&certified=yes", "/records?link=down", "/"}

func BenchmarkRecordList(b *testing.B) {
	benchPages(b, recordListPaths...)
}

// BenchmarkSharedRecordList is BenchmarkRecordList on the shared
// PostgreSQL catalog.
//
//	go test ./internal/serve -run '^$' -bench 'Shared' -benchtime 20x
func BenchmarkSharedRecordList(b *testing.B) {
	benchPagesOf(b, Options{Archive: benchShared(b), Version: "bench"}, recordListPaths...)
}

func BenchmarkRecordPage(b *testing.B) {
	benchPages(b, "/records/15000", "/records/100", "/records/100/history")
}

func BenchmarkLinkPages(b *testing.B) {
	benchPages(b, "/links", "/links?state=down", "/links?page=300", "/link?url="+url.QueryEscape("https://www.progetto-100.example.org/"))
}
