package export

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

var benchRecords = envInt("ARCHIVIO_BENCH_RECORDS", 100_000)

// benchArchive fills an archive with n synthetic records, one version each,
// written straight into the tables in one transaction (Apply per record
// would dominate the setup).
func benchArchive(b *testing.B, n int) string {
	dir := b.TempDir()
	ctx := context.Background()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	st.Close() // the schema is made; the rows go in behind its back
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, archive.DBName)+"?_busy_timeout=10000")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := tx.Exec(`INSERT INTO warc_files (id, name) VALUES (1, 'b.warc.gz')`); err != nil {
		tx.Rollback()
		b.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		r := rec141()
		r.ID = i
		r.URL = fmt.Sprintf("https://example.org/scheda-processo/%d", i)
		r.Title = sp(fmt.Sprintf("Processo partecipativo numero %d", i))
		r.Objectives = sp("Coinvolgere la cittadinanza nella definizione delle priorità di spesa del bilancio comunale, con incontri pubblici e laboratori.")
		r.Techniques = []string{"World café", "Open space technology", "Questionario"}
		r.Links = nil
		data, _ := json.Marshal(r)
		when := archive.FormatTime(at.Add(time.Duration(i) * time.Second))
		if _, err := tx.Exec(`INSERT INTO captures (id, url, fetched_at, status, payload_digest, payload_length, warc_file, warc_offset, warc_length, warc_record_id) VALUES (?, ?, ?, 200, ?, 1000, 1, ?, 500, '')`,
			i, r.URL, when, fmt.Sprintf("sha1:B%d", i), i); err != nil {
			tx.Rollback()
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`, i, r.URL, when, when); err != nil {
			tx.Rollback()
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
			VALUES (?, 1, ?, ?, ?, ?, '[]')`, i, i, parsers.Version, when, string(data)); err != nil {
			tx.Rollback()
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkExport exports 100,000 synthetic records in each format and
// reports records/s and the peak heap in use (sampled every 10 ms).
func BenchmarkExport(b *testing.B) {
	data := benchArchive(b, benchRecords)
	b.ResetTimer()
	for _, format := range []string{"csv", "jsonl", "parquet", "sqlite"} {
		b.Run(format, func(b *testing.B) {
			var peak uint64
			stop := make(chan struct{})
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				var m runtime.MemStats
				for {
					runtime.ReadMemStats(&m)
					peak = max(peak, m.HeapInuse)
					select {
					case <-stop:
						return
					case <-time.After(10 * time.Millisecond):
					}
				}
			}()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				res, err := Export(context.Background(), Options{DataDir: data, OutDir: filepath.Join(b.TempDir(), "out"), Format: format})
				if err != nil {
					b.Fatal(err)
				}
				if res.Tables[0].Rows != benchRecords {
					b.Fatalf("%d rows", res.Tables[0].Rows)
				}
			}
			elapsed := time.Since(start)
			close(stop)
			wg.Wait()
			b.ReportMetric(float64(benchRecords*b.N)/elapsed.Seconds(), "records/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

func envInt(key string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(key)); err == nil && n > 0 {
		return n
	}
	return def
}
