package archive

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestCDXJIndexExternalSort: an index larger than the writer's memory
// limit is written through sorted runs and merged, and the file is the
// one an in-memory sort writes, byte for byte; the runs are removed.
func TestCDXJIndexExternalSort(t *testing.T) {
	dir := t.TempDir()
	spool := filepath.Join(dir, spoolDirName)
	var entries []cdxjEntry
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		u := fmt.Sprintf("https://www.example.org/scheda/%d?p=%d", rng.IntN(500), i%7)
		entries = append(entries, newCDXJEntry(u, "", time.Date(2026, 1, 1, 0, 0, i%60, 0, time.UTC),
			[]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), Written{File: "x.warc.gz", Offset: int64(i * 1000), Length: 900, PayloadDigest: "sha1:X"}))
	}
	x := newCDXJIndex(func() (string, error) { return spool, os.MkdirAll(spool, 0o755) })
	x.limit = 16 << 10
	for _, e := range entries {
		if err := x.add(e); err != nil {
			t.Fatal(err)
		}
	}
	if len(x.runs) < 10 {
		t.Fatalf("%d runs, want the index spilled to many", len(x.runs))
	}
	if x.size >= x.limit {
		t.Errorf("%d bytes held in memory, limit %d", x.size, x.limit)
	}
	if err := x.write(filepath.Join(dir, "a.cdxj")); err != nil {
		t.Fatal(err)
	}
	if err := writeCDXJFile(filepath.Join(dir, "b.cdxj"), entries); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "a.cdxj"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.cdxj"))
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != len(entries) || !slices.IsSorted(lines) {
		t.Fatalf("in-memory index: %d lines, sorted %v", len(lines), slices.IsSorted(lines))
	}
	if string(a) != string(b) {
		t.Error("the index written through runs differs from the one sorted in memory")
	}
	if left, _ := os.ReadDir(spool); len(left) != 0 {
		t.Errorf("runs left in the spool folder: %d", len(left))
	}
}

// TestWARCWriterMemoryFlat: the memory a WARC writer holds does not grow
// with the records of its open file. The live heap (after a collection)
// with 20,000 records written is within the index's memory limit of the
// heap with 2,000 written; a writer holding every CDXJ entry until the
// file closes holds several times that.
func TestWARCWriterMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 records")
	}
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	defer w.Close()
	date := time.Date(2026, 11, 25, 2, 15, 0, 0, time.UTC)
	body := []byte("<html><body>scheda</body></html>")
	write := func(from, to int) {
		for i := from; i < to; i++ {
			ex := testExchange(fmt.Sprintf("https://www.osservatoriopartecipazione.example/scheda-processo/%d", i), date, 200, body, "Content-Type: text/html; charset=utf-8")
			if _, err := w.WriteExchange(t.Context(), ex, nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const n = 2000
	write(0, n)
	small := live()
	write(n, 10*n)
	large := live()
	grown := int64(large) - int64(small)
	t.Logf("live heap after %d records %d KB, after %d records %d KB", n, small>>10, 10*n, large>>10)
	if limit := int64(cdxjMemLimit + 1<<20); grown > limit {
		t.Errorf("live heap grew %d KB from %d to %d records, want at most %d KB", grown>>10, n, 10*n, limit>>10)
	}
}
