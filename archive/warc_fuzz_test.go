package archive

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzScanWARC feeds arbitrary bytes to ScanWARC and ReadResponse: they
// must return errors, never panic, and report records that lie within the
// file, in order.
func FuzzScanWARC(f *testing.F) {
	dir := f.TempDir()
	w := openTestWriter(f, dir, 0)
	at := time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC)
	page := testExchange("https://osservatorio.example/", at, 200, []byte("<p>ciao</p>"), "Content-Type: text/html")
	wr, err := w.WriteExchange(context.Background(), page, nil)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := w.WriteExchange(context.Background(), page, &Original{TargetURI: page.TargetURI, Date: at, RecordID: wr.RecordID}); err != nil {
		f.Fatal(err)
	}
	if err := w.Close(); err != nil {
		f.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(dir, wr.File))
	if err != nil {
		f.Fatal(err)
	}
	plain := gunzipped(f, file) // every record, uncompressed, back to back
	f.Add(file)
	f.Add(file[:len(file)/2])
	f.Add(file[wr.Offset : wr.Offset+wr.Length])
	f.Add(plain)
	f.Add(plain[:len(plain)-7])
	f.Add([]byte("WARC/\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999999\r\n\r\n"))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <x>\r\nWARC-Date: 2026-01-01T00:00:00Z\r\nContent-Length: -1\r\n\r\n"))
	f.Add(gzipped(f, []byte("WARC/1.1\r\n\r\n")))
	f.Add([]byte{0x1f, 0x8b})
	f.Add([]byte{})

	f.Fuzz(func(t *testing.T, data []byte) {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "fuzz.warc.gz")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var offsets []int64
		end := int64(0)
		err := ScanWARC(ctx, path, func(r ScannedRecord) error {
			if r.Offset != end || r.Length <= 0 || r.Offset+r.Length > int64(len(data)) {
				t.Fatalf("record at %d+%d after %d in %d bytes", r.Offset, r.Length, end, len(data))
			}
			end = r.Offset + r.Length
			offsets = append(offsets, r.Offset)
			return nil
		})
		if err == nil && end != int64(len(data)) {
			t.Fatalf("scan ended cleanly at %d of %d bytes", end, len(data))
		}
		for _, off := range append(offsets, 0, int64(len(data)/2), int64(len(data))) {
			resp, err := ReadResponse(ctx, path, off)
			if err == nil && (resp.StatusCode < 100 || (resp.Type == "revisit") != (resp.Body == nil)) {
				t.Fatalf("ReadResponse at %d: %+v", off, resp)
			}
		}
	})
}
