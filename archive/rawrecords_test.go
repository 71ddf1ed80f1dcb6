package archive

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestPayloadDecoderReusesItsReader: one decoder reads records in turn as
// ReadResponseFrom reads each alone, also after a damaged record, and a
// damaged record fails as it does there.
func TestPayloadDecoderReusesItsReader(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var written []Written
	for i, body := range []string{"<html>uno</html>", "<html>" + string(bytes.Repeat([]byte("due "), 20000)) + "</html>", "", "<html>tre</html>"} {
		wr, err := w.WriteExchange(ctx, testExchange("https://x/scheda-processo/"+string(rune('1'+i)), day, 200, []byte(body), "Content-Type: text/html"), nil)
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, wr)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	file, err := os.ReadFile(filepath.Join(dir, written[0].File))
	if err != nil {
		t.Fatal(err)
	}
	raws := make([][]byte, 0, len(written)+1)
	for _, wr := range written {
		raws = append(raws, file[wr.Offset:wr.Offset+wr.Length])
	}
	damaged := bytes.Clone(raws[1])
	damaged[len(damaged)/2] ^= 0xff
	// A damaged record between good ones, and a good one again after it.
	order := [][]byte{raws[0], damaged, raws[1], raws[2], raws[3], raws[0]}
	d := (&Store{}).PayloadDecoder()
	for i, raw := range order {
		want, wantErr := ReadResponseFrom(ctx, bytes.NewReader(raw), 7)
		got, err := d.response(ctx, 7, raw)
		if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
			t.Fatalf("record %d: error %v, want %v", i, err, wantErr)
		}
		if (i == 1) != (err != nil) {
			t.Fatalf("record %d: error %v; only the damaged record fails", i, err)
		}
		if err != nil {
			if !errors.Is(err, ErrWARCCorrupt) && !errors.Is(err, ErrWARCDigest) {
				t.Errorf("record %d: %v is neither corrupt nor a digest mismatch", i, err)
			}
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("record %d: %+v, want %+v", i, got, want)
		}
	}
	if _, err := d.response(ctx, 0, raws[0]); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := d.response(canceled, 0, raws[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v, want context.Canceled", err)
	}
}
