package archive

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// warcSampleExchanges writes the exchanges the read-back tests check: a
// page, a gzip-encoded page, a 404, a truncated body, a redirect with a
// query, and a revisit of the page. It returns them with where they went.
func warcSampleExchanges(t *testing.T, w *WARCWriter) ([]Exchange, []Written) {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 11, 25, 2, 15, 30, 123456789, time.FixedZone("CET", 3600))
	page := []byte("<html><body><h1>Processo 141</h1></body></html>")
	exs := []Exchange{
		testExchange("https://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/141", at, 200, page,
			"Content-Type: text/html; charset=utf-8"),
		testExchange("https://www.osservatoriopartecipazione.it/processi/elenco", at.Add(time.Second), 200,
			gzipped(t, bytes.Repeat([]byte("<tr><td>processo</td></tr>\n"), 200)),
			"Content-Type: text/html", "Content-Encoding: gzip", "Vary: Accept-Encoding"),
		testExchange("https://www.osservatoriopartecipazione.it/missing", at.Add(2*time.Second), 404, []byte("not found"),
			"Content-Type: text/plain"),
		testExchange("https://www.osservatoriopartecipazione.it/big.pdf", at.Add(3*time.Second), 200, []byte("%PDF-1.7 cut here"),
			"Content-Type: application/pdf"),
		testExchange("http://Osservatoriopartecipazione.it:80/cerca?z=1&a=2&q=Bologna", at.Add(4*time.Second), 301, nil,
			"Location: https://www.osservatoriopartecipazione.it/cerca?q=Bologna"),
		testExchange("https://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/141", at.Add(5*time.Second), 200, page,
			"Content-Type: text/html; charset=utf-8"),
	}
	exs[3].Truncated = "length"
	exs[4].IP = "2001:db8::1"
	var ws []Written
	for i, ex := range exs {
		var orig *Original
		if i == 5 {
			orig = &Original{TargetURI: exs[0].TargetURI, Date: exs[0].Date, RecordID: ws[0].RecordID}
		}
		wr, err := w.WriteExchange(ctx, ex, orig)
		if err != nil {
			t.Fatalf("WriteExchange %d: %v", i, err)
		}
		ws = append(ws, wr)
	}
	return exs, ws
}

func TestWARCWriteAndReadBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	exs, ws := warcSampleExchanges(t, w)

	name := ws[0].File
	if want := "archivio-20261125T021501Z-00001.warc.gz"; name != want {
		t.Errorf("file name %q, want %q", name, want)
	}
	// While open, the file is NAME.open, readable under either name.
	if _, err := os.Stat(filepath.Join(dir, name+warcOpenSuffix)); err != nil {
		t.Fatalf("open file: %v", err)
	}
	if _, err := ReadResponse(ctx, filepath.Join(dir, name), ws[0].Offset); err != nil {
		t.Fatalf("ReadResponse while open: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if got := warcFiles(t, dir, ""); !slices.Equal(got, []string{name, name + ".cdxj"}) {
		t.Fatalf("files after Close: %v", got)
	}
	path := filepath.Join(dir, name)

	for i, ex := range exs {
		wr := ws[i]
		if wr.File != name {
			t.Errorf("exchange %d went to %s", i, wr.File)
		}
		if want := warcSHA1(ex.Body); wr.PayloadDigest != want {
			t.Errorf("exchange %d: payload digest %s, want %s", i, wr.PayloadDigest, want)
		}
		got, err := ReadResponse(ctx, path, wr.Offset)
		if err != nil {
			t.Fatalf("ReadResponse %d: %v", i, err)
		}
		status, _ := warcStatusCode(ex.Response)
		wantType, wantBody := "response", ex.Body
		if wr.Revisit {
			wantType, wantBody = "revisit", nil
		}
		if got.Type != wantType || got.RecordID != wr.RecordID || got.TargetURI != ex.TargetURI ||
			got.StatusCode != status || got.PayloadDigest != wr.PayloadDigest || got.Truncated != ex.Truncated {
			t.Errorf("exchange %d read back as %+v", i, got)
		}
		if !got.Date.Equal(ex.Date.Truncate(time.Microsecond)) || got.Date.Location() != time.UTC {
			t.Errorf("exchange %d: date %v, want %v in UTC", i, got.Date, ex.Date)
		}
		if !bytes.Equal(got.Body, wantBody) || (wantBody != nil && got.Body == nil) {
			t.Errorf("exchange %d: body %q, want %q", i, got.Body, wantBody)
		}
		if got.Header.Get("Content-Length") != strconv.Itoa(len(ex.Body)) {
			t.Errorf("exchange %d: header %v", i, got.Header)
		}
	}
	revisit, _ := ReadResponse(ctx, path, ws[5].Offset)
	if revisit.RefersTo != ws[0].RecordID {
		t.Errorf("revisit refers to %q, want %q", revisit.RefersTo, ws[0].RecordID)
	}
	gz, _ := ReadResponse(ctx, path, ws[1].Offset)
	if gz.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gz.Body, exs[1].Body) {
		t.Errorf("gzip-encoded body not kept as received")
	}

	// ScanWARC: warcinfo, then request and response per exchange, back to back.
	recs := scanAll(t, path)
	if len(recs) != 1+2*len(exs) {
		t.Fatalf("scanned %d records, want %d", len(recs), 1+2*len(exs))
	}
	if recs[0].Type != "warcinfo" || recs[0].Offset != 0 {
		t.Errorf("first record %+v, want warcinfo at 0", recs[0])
	}
	info, _ := os.Stat(path)
	if last := recs[len(recs)-1]; last.Offset+last.Length != info.Size() {
		t.Errorf("records end at %d, file has %d bytes", last.Offset+last.Length, info.Size())
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].Offset != recs[i-1].Offset+recs[i-1].Length {
			t.Errorf("record %d at %d does not follow the previous one", i, recs[i].Offset)
		}
	}
	for i, wr := range ws {
		req, resp := recs[1+2*i], recs[2+2*i]
		if req.Type != "request" || req.Offset != wr.RequestOffset || req.Length != wr.RequestLength || req.TargetURI != exs[i].TargetURI {
			t.Errorf("exchange %d: request scanned as %+v, written %+v", i, req, wr)
		}
		if resp.Offset != wr.Offset || resp.Length != wr.Length || resp.RecordID != wr.RecordID || resp.PayloadDigest != wr.PayloadDigest {
			t.Errorf("exchange %d: response scanned as %+v, written %+v", i, resp, wr)
		}
		if resp.StatusCode == 0 {
			t.Errorf("exchange %d: no status scanned", i)
		}
	}

	// Reading anything but a response fails cleanly.
	if _, err := ReadResponse(ctx, path, ws[0].RequestOffset); !errors.Is(err, ErrWARCNotResponse) {
		t.Errorf("ReadResponse of a request: %v, want ErrWARCNotResponse", err)
	}
	if _, err := ReadResponse(ctx, path, ws[0].Offset+1); !errors.Is(err, ErrWARCCorrupt) {
		t.Errorf("ReadResponse off a record start: %v, want ErrWARCCorrupt", err)
	}
	if _, err := ReadResponse(ctx, path+warcOpenSuffix, ws[2].Offset); err != nil {
		t.Errorf("ReadResponse by the .open name after Close: %v", err)
	}

	checkCDXJ(t, dir, name, exs, ws)
	checkWithGowarc(t, path, 1+2*len(exs))
}

// checkCDXJ checks NAME.cdxj: one line per response and revisit, sorted,
// each pointing at its record.
func checkCDXJ(t *testing.T, dir, name string, exs []Exchange, ws []Written) {
	t.Helper()
	lines := readCDXJ(t, filepath.Join(dir, name+".cdxj"))
	if len(lines) != len(ws) {
		t.Fatalf("%d cdxj lines, want %d", len(lines), len(ws))
	}
	raw := make([]string, len(lines))
	for i, l := range lines {
		raw[i] = l.Raw
	}
	if !slices.IsSorted(raw) {
		t.Errorf("cdxj lines not sorted:\n%s", strings.Join(raw, "\n"))
	}
	byOffset := map[string]cdxjLine{}
	for _, l := range lines {
		byOffset[l.Fields["offset"]] = l
	}
	for i, wr := range ws {
		l, ok := byOffset[strconv.FormatInt(wr.Offset, 10)]
		if !ok {
			t.Errorf("exchange %d: no cdxj line at offset %d", i, wr.Offset)
			continue
		}
		status, _ := warcStatusCode(exs[i].Response)
		if l.Fields["url"] != exs[i].TargetURI || l.Fields["length"] != strconv.FormatInt(wr.Length, 10) ||
			l.Fields["filename"] != name || l.Fields["digest"] != wr.PayloadDigest || l.Fields["status"] != strconv.Itoa(status) ||
			l.Timestamp != exs[i].Date.UTC().Format("20060102150405") || l.Key != surtKey(exs[i].TargetURI) {
			t.Errorf("exchange %d: cdxj line %s", i, l.Raw)
		}
		if wr.Revisit != (l.Fields["mime"] == "warc/revisit") {
			t.Errorf("exchange %d: mime %q (revisit %v)", i, l.Fields["mime"], wr.Revisit)
		}
	}
	if l := byOffset[strconv.FormatInt(ws[0].Offset, 10)]; l.Fields["mime"] != "text/html" ||
		l.Key != "it,osservatoriopartecipazione)/processi/ambito/scheda-processo/141" {
		t.Errorf("page line %s", l.Raw)
	}
	if l := byOffset[strconv.FormatInt(ws[4].Offset, 10)]; l.Key != "it,osservatoriopartecipazione)/cerca?a=2&q=bologna&z=1" || l.Fields["mime"] != "unk" {
		t.Errorf("redirect line %s", l.Raw)
	}
}

// checkWithGowarc reads the file with gowarc's reader, strictly: a second
// reader must find every record valid, at the offsets ScanWARC reports.
func checkWithGowarc(t *testing.T, path string, want int) {
	t.Helper()
	r, err := gowarc.NewWarcFileReader(path, 0, gowarc.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	offsets := map[int64]bool{}
	for _, rec := range scanAll(t, path) {
		offsets[rec.Offset] = true
	}
	n := 0
	for {
		rec, off, v, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("gowarc: record %d at %d: %v", n, off, err)
		}
		if !v.Valid() {
			t.Errorf("gowarc: record %d at %d: %v", n, off, v)
		}
		if !offsets[off] {
			t.Errorf("gowarc found a record at %d, ScanWARC did not", off)
		}
		rec.Close()
		n++
	}
	if n != want {
		t.Errorf("gowarc read %d records, want %d", n, want)
	}
}

func TestWARCWriteExchangeRefuses(t *testing.T) {
	good := testExchange("http://example.org/", time.Now(), 200, []byte("x"))
	cases := []struct {
		name    string
		edit    func(*Exchange)
		revisit *Original
	}{
		{"empty target URI", func(ex *Exchange) { ex.TargetURI = "" }, nil},
		{"target URI with a space", func(ex *Exchange) { ex.TargetURI = "http://example.org/a b" }, nil},
		{"request without end of headers", func(ex *Exchange) { ex.Request = []byte("GET / HTTP/1.1\r\nHost: x\r\n") }, nil},
		{"response head without blank line", func(ex *Exchange) { ex.Response = []byte("HTTP/1.1 200 OK\r\nA: b\r\n") }, nil},
		{"body inside the response head", func(ex *Exchange) { ex.Response = []byte("HTTP/1.1 200 OK\r\n\r\nbody\r\n\r\n") }, nil},
		{"response head that is not HTTP", func(ex *Exchange) { ex.Response = []byte("200 OK\r\n\r\n") }, nil},
		{"unknown truncation reason", func(ex *Exchange) { ex.Truncated = "bored" }, nil},
		{"IP with a port", func(ex *Exchange) { ex.IP = "192.0.2.1:443" }, nil},
		{"revisit without record id", func(*Exchange) {}, &Original{TargetURI: "http://example.org/", Date: time.Now()}},
		{"revisit without date", func(*Exchange) {}, &Original{TargetURI: "http://example.org/", RecordID: "<urn:uuid:x>"}},
	}
	w := openTestWriter(t, t.TempDir(), 0)
	defer w.Close()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ex := good
			c.edit(&ex)
			if _, err := w.WriteExchange(context.Background(), ex, c.revisit); err == nil {
				t.Error("written, want an error")
			}
		})
	}
}

func TestWARCWriterContextAndClose(t *testing.T) {
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	ex := testExchange("http://example.org/", time.Now(), 200, []byte("x"))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.WriteExchange(ctx, ex, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := warcFiles(t, dir, ""); len(got) != 0 {
		t.Errorf("a writer that wrote nothing left %v", got)
	}
	if _, err := w.WriteExchange(context.Background(), ex, nil); !errors.Is(err, ErrWARCWriterClosed) {
		t.Errorf("write after Close: %v, want ErrWARCWriterClosed", err)
	}
}

func TestWARCDigestMismatchDetected(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	w := openTestWriter(t, dir, 0)
	_, ws := warcSampleExchanges(t, w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ws[0].File)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Re-compress the page's record with one body byte changed: a whole,
	// well-formed gzip member whose payload no longer matches its digests.
	member := data[ws[0].Offset : ws[0].Offset+ws[0].Length]
	plain := gunzipped(t, member)
	i := bytes.Index(plain, []byte("Processo 141"))
	plain[i] = 'p'
	forged := append(append(append([]byte{}, data[:ws[0].Offset]...), gzipped(t, plain)...), data[ws[0].Offset+ws[0].Length:]...)
	bad := filepath.Join(t.TempDir(), "forged.warc.gz")
	if err := os.WriteFile(bad, forged, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadResponse(ctx, bad, ws[0].Offset); !errors.Is(err, ErrWARCDigest) {
		t.Errorf("ReadResponse of a forged record: %v, want ErrWARCDigest", err)
	}
	err = ScanWARC(ctx, bad, func(ScannedRecord) error { return nil })
	if !errors.Is(err, ErrWARCDigest) || !strings.Contains(err.Error(), "offset "+strconv.FormatInt(ws[0].Offset, 10)) {
		t.Errorf("ScanWARC of a forged record: %v", err)
	}
}
