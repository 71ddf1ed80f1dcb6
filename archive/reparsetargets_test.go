package archive

import (
	"context"
	"reflect"
	"testing"
	"time"
)

// TestReparseTargets: the targets listed at once are, record by record,
// the latest version's capture and LastGoodCapture of its page: the
// version's own capture, a newer good one (a 304's), or none when the page
// never answered 200 with a body (then the version's capture is kept).
func TestReparseTargets(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(url string, at int, status int, length int64) int64 {
		t.Helper()
		id, err := st.AddCapture(ctx, &Capture{URL: url, FetchedAt: day.Add(time.Duration(at) * time.Hour), Status: status,
			PayloadDigest: "sha1:X", PayloadLength: length, WARCFile: "f.warc.gz", WARCOffset: int64(at) * 100, WARCLength: 100, WARCRecordID: "<urn:x>"})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	apply := func(id int, url string, capture int64, at int) {
		t.Helper()
		rec := &testRecord{ID: id, URL: url, Title: ptr("t"), Status: ptr(url)}
		if _, err := st.ApplyRecord(ctx, rec.parsed(t), capture, day.Add(time.Duration(at)*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	u1, u2, u3 := "https://x/scheda-processo/1", "https://x/scheda-processo/2", "https://x/scheda-processo/3"
	apply(1, u1, add(u1, 1, 200, 10), 1) // its own capture is the newest good one
	apply(2, u2, add(u2, 2, 200, 10), 2)
	newer := add(u2, 5, 200, 10)        // a newer good capture of record 2's page
	add(u2, 6, 304, 0)                  // and a 304 after it, not a good one
	apply(3, u3, add(u3, 3, 200, 0), 3) // no good capture: an empty body

	got, err := st.ReparseTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	vs, err := st.LatestVersions(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(vs) || len(got) != 3 {
		t.Fatalf("%d targets for %d latest versions, want 3", len(got), len(vs))
	}
	for i, v := range vs {
		g := got[i]
		if g.RecordID != v.RecordID || g.CaptureID != v.CaptureID {
			t.Fatalf("target %d: record %d capture %d, want record %d capture %d", i, g.RecordID, g.CaptureID, v.RecordID, v.CaptureID)
		}
		c, err := st.Capture(ctx, v.CaptureID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(g.Capture, c) {
			t.Errorf("record %d: capture %+v, want %+v", v.RecordID, g.Capture, c)
		}
		last, err := st.LastGoodCapture(ctx, c.URL)
		if err != nil {
			last = nil
		}
		if !reflect.DeepEqual(g.LastGood, last) {
			t.Errorf("record %d: last good capture %+v, want %+v", v.RecordID, g.LastGood, last)
		}
	}
	if got[1].LastGood == nil || got[1].LastGood.ID != newer {
		t.Errorf("record 2: last good capture %+v, want capture %d", got[1].LastGood, newer)
	}
	if got[2].LastGood != nil {
		t.Errorf("record 3: last good capture %+v, want none", got[2].LastGood)
	}
}
