package archive

import (
	"bytes"
	"strings"
	"testing"
	"time"

	gowarc "github.com/nlnwa/gowarc/v2"
)

// TestMarshalWARCRecordAsGowarc: the records archivio writes are
// serialized byte for byte as gowarc's own marshaler serializes them.
func TestMarshalWARCRecordAsGowarc(t *testing.T) {
	info, err := buildWARCInfo("x.warc.gz", "archivio/test", "host", "", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	defer info.Close()
	body := []byte(strings.Repeat("<p>corpo della pagina</p>\n", 3000)) // larger than a copy buffer
	ex := &Exchange{TargetURI: "https://www.example.org/p?q=1",
		Request:  []byte("GET /p?q=1 HTTP/1.1\r\nHost: www.example.org\r\n\r\n"),
		Response: []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"), Body: body}
	recs := []gowarc.WarcRecord{info}
	at := time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC)
	for _, orig := range []*Original{nil, {TargetURI: ex.TargetURI, Date: at.Add(-time.Hour), RecordID: "<urn:uuid:1>"}} {
		x, err := buildWARCExchange(ex, at, orig)
		if err != nil {
			t.Fatal(err)
		}
		defer x.close()
		recs = append(recs, x.request, x.response)
	}
	for _, rec := range recs {
		var mine, theirs bytes.Buffer
		if err := marshalWARCRecord(&mine, rec); err != nil {
			t.Fatal(err)
		}
		if _, _, err := gowarc.NewMarshaler().Marshal(&theirs, rec, 0); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(mine.Bytes(), theirs.Bytes()) || mine.Len() == 0 {
			t.Errorf("%s record: %d bytes, gowarc's %d, differing", rec.Type(), mine.Len(), theirs.Len())
		}
	}
}
