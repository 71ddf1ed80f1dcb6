package archive

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestVersionsAsOfKeepsGoingPastADamagedRecord: a version whose page's
// WARC record is damaged comes out of VersionsAsOf with Unreadable set,
// naming the record, the version and the capture, and no document; the
// versions around it read as ever. The link inventory, which needs every
// document, fails naming it.
func TestVersionsAsOfKeepsGoingPastADamagedRecord(t *testing.T) {
	ctx := context.Background()
	fixtures := fixturePages(t)[:3]
	srv := fixtureServer(t, fixtures)
	r := newRecording(t, 0)
	at := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	caps := map[int]*Capture{}
	for i := range fixtures {
		_, body, c := r.get(t, fmt.Sprint(srv.URL, "/scheda-processo/", i))
		if _, err := r.st.ApplyRecord(ctx, ParsedRecord{ID: 100 + i, URL: c.URL, Data: fixtures[i].doc, ParserVersion: "p1", Page: body}, c.ID, at); err != nil {
			t.Fatal(err)
		}
		caps[100+i] = c
	}
	if err := r.w.Close(); err != nil {
		t.Fatal(err)
	}
	// Damage the middle record's bytes in its WARC file.
	c := caps[101]
	path := filepath.Join(r.st.WARCDir(), c.WARCFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := c.WARCOffset + c.WARCLength/3; i < c.WARCOffset+c.WARCLength*2/3; i += 7 {
		b[i] ^= 0x55
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}

	var read, unreadable []int
	err = r.st.VersionsAsOf(ctx, at.Add(time.Hour), func(v *VersionAt) error {
		if v.Unreadable != nil {
			if v.Data != nil || !strings.Contains(v.Unreadable.Error(), fmt.Sprintf("version 1 of record %d: document read from capture %d", v.RecordID, c.ID)) {
				t.Errorf("record %d unreadable: %v, %d bytes of data", v.RecordID, v.Unreadable, len(v.Data))
			}
			unreadable = append(unreadable, v.RecordID)
			return nil
		}
		if !bytes.Equal(v.Data, fixtures[v.RecordID-100].doc) {
			t.Errorf("record %d: %.60q", v.RecordID, v.Data)
		}
		read = append(read, v.RecordID)
		return nil
	})
	if err != nil || fmt.Sprint(read) != "[100 102]" || fmt.Sprint(unreadable) != "[101]" {
		t.Errorf("as of: read %v, unreadable %v, err %v; want 100 and 102 read, 101 unreadable", read, unreadable, err)
	}
	if _, err := r.st.LinksAsOf(ctx, at.Add(time.Hour)); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("capture %d", c.ID)) {
		t.Errorf("link inventory with a document unreadable: %v", err)
	}
}
