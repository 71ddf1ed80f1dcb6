package archive

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// noise is n incompressible bytes, the same for the same seed.
func noise(seed uint64, n int) []byte {
	r := rand.New(rand.NewChaCha8([32]byte{byte(seed), byte(seed >> 8)}))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func warcSerialOf(t *testing.T, name string) int {
	t.Helper()
	m := warcSerialRE.FindStringSubmatch(name)
	if m == nil {
		t.Fatalf("%s: no serial", name)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func TestWARCRotation(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const maxSize = 6000
	w := openTestWriter(t, dir, maxSize)
	at := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	sizes := []int{1500, 1500, 1500, 20000, 1500, 1500, 1500, 1500}
	var ws []Written
	for i, n := range sizes {
		ex := testExchange("https://osservatorio.example/doc/"+strconv.Itoa(i), at.Add(time.Duration(i)*time.Second), 200,
			noise(uint64(i), n), "Content-Type: application/octet-stream")
		wr, err := w.WriteExchange(ctx, ex, nil)
		if err != nil {
			t.Fatal(err)
		}
		ws = append(ws, wr)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	if open := warcFiles(t, dir, ".open"); len(open) != 0 {
		t.Errorf("open files left: %v", open)
	}
	files := warcFiles(t, dir, ".warc.gz")
	if len(files) < 4 {
		t.Fatalf("%d files, want several: %v", len(files), files)
	}
	for i, name := range files {
		if got := warcSerialOf(t, name); got != i+1 {
			t.Errorf("file %d is %s, want serial %d", i, name, i+1)
		}
		path := filepath.Join(dir, name)
		recs := scanAll(t, path)
		if recs[0].Type != "warcinfo" || recs[0].Offset != 0 {
			t.Errorf("%s starts with %+v, want a warcinfo record", name, recs[0])
		}
		for _, r := range recs[1:] {
			if r.Type == "warcinfo" {
				t.Errorf("%s: second warcinfo at %d", name, r.Offset)
			}
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() > maxSize && len(recs) != 3 {
			t.Errorf("%s has %d bytes in %d records: over the limit with more than one exchange", name, info.Size(), len(recs))
		}
		if _, err := os.Stat(path + ".cdxj"); err != nil {
			t.Errorf("%s has no index: %v", name, err)
		}
	}
	// Serials grow with the writes; the oversized exchange has a file of its own.
	for i := 1; i < len(ws); i++ {
		if warcSerialOf(t, ws[i].File) < warcSerialOf(t, ws[i-1].File) {
			t.Errorf("exchange %d went to %s after %s", i, ws[i].File, ws[i-1].File)
		}
		if ws[i].RequestOffset+ws[i].RequestLength != ws[i].Offset {
			t.Errorf("exchange %d: request and response not adjacent", i)
		}
	}
	big := ws[3]
	if ws[2].File == big.File || ws[4].File == big.File || len(scanAll(t, filepath.Join(dir, big.File))) != 3 {
		t.Errorf("the oversized exchange shares %s", big.File)
	}
	for i, wr := range ws {
		if _, err := ReadResponse(ctx, filepath.Join(dir, wr.File), wr.Offset); err != nil {
			t.Errorf("exchange %d: %v", i, err)
		}
	}

	// A new writer in the same directory, even with another prefix,
	// continues the serial.
	last := warcSerialOf(t, files[len(files)-1])
	w2, err := OpenWARCWriter(WARCOptions{Dir: dir, Prefix: "other", Hostname: "h", Now: newWARCTestClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	wr, err := w2.WriteExchange(ctx, testExchange("https://osservatorio.example/again", at, 200, []byte("x")), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := warcSerialOf(t, wr.File); got != last+1 {
		t.Errorf("new writer wrote %s, want serial %d", wr.File, last+1)
	}
	if err := w2.Close(); err != nil {
		t.Fatal(err)
	}
}
