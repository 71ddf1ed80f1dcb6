package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"archivio/archive"
)

func readingsAsOf(t *testing.T, ctx context.Context, st archive.CrawlState) {
	c1 := must(st.AddCapture(ctx, capture("https://x/1", 0, 200, "a.warc.gz", 0)))
	c2 := must(st.AddCapture(ctx, capture("https://x/2", time.Minute, 200, "a.warc.gz", 500)))
	c3 := must(st.AddCapture(ctx, capture("https://x/1", time.Hour, 200, "a.warc.gz", 1000)))
	site := archive.CitedLink{URL: "https://comune.example.it/", Field: "website", Source: "href"}
	gone := archive.CitedLink{URL: "https://www.example.org/", Field: "source_notes", Source: "text", DeclaredGone: true}
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 1, URL: "https://x/1", ParserVersion: "p1",
		Data:  []byte(`{"id":1,"titolo":"uno","links":[{"url":"https://comune.example.it/","field":"website","source":"href","declared_gone":false}]}`),
		Links: []archive.CitedLink{site}}, c1, at(0)))
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 2, URL: "https://x/2", ParserVersion: "p1",
		Data:  []byte(`{"id":2,"links":[{"url":"https://comune.example.it/","field":"documents","source":"href","declared_gone":false},{"url":"https://www.example.org/","field":"source_notes","source":"text","declared_gone":true}]}`),
		Links: []archive.CitedLink{site, gone}}, c2, at(time.Minute)))
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 1, URL: "https://x/1", ParserVersion: "p2",
		Data: []byte(`{"id":1,"titolo":"uno bis","links":[]}`)}, c3, at(time.Hour)))

	type seen struct {
		id, version int
		capture     int64
		data        string
	}
	asOf := func(d time.Duration) []seen {
		var out []seen
		check(t, st.VersionsAsOf(ctx, at(d), func(v *archive.VersionAt) error {
			out = append(out, seen{v.RecordID, v.Version, v.CaptureID, string(v.Data)})
			if v.CaptureID == c2 && (v.SourceURL != "https://x/2" || !v.CapturedAt.Equal(at(time.Minute)) || v.PayloadDigest == "") {
				t.Errorf("version of record 2: its capture %+v", v)
			}
			return nil
		}))
		return out
	}
	if got := asOf(-time.Second); len(got) != 0 {
		t.Errorf("before the first version: %+v", got)
	}
	if got := asOf(30 * time.Minute); len(got) != 2 || got[0].version != 1 || got[0].capture != c1 || got[1].id != 2 {
		t.Errorf("half an hour in: %+v", got)
	}
	if got := asOf(2 * time.Hour); len(got) != 2 || got[0].version != 2 || got[0].data != `{"id":1,"titolo":"uno bis","links":[]}` {
		t.Errorf("two hours in: %+v", got)
	}
	var changed []int
	check(t, st.VersionChanges(ctx, at(30*time.Second), at(2*time.Hour), func(id int, before, after []byte) error {
		changed = append(changed, id)
		if id == 2 && (before != nil || after == nil) {
			t.Errorf("record 2 added: before %q after %q", before, after)
		}
		return nil
	}))
	if !slices.Equal(changed, []int{1, 2}) {
		t.Errorf("changed between: %v", changed)
	}

	links := must(st.LinksAsOf(ctx, at(30*time.Minute)))
	if len(links) != 2 || links[0].URL != "https://comune.example.it/" || links[1].URL != "https://www.example.org/" {
		t.Fatalf("links half an hour in: %+v", links)
	}
	if !slices.Equal(links[0].RecordIDs, []int{1, 2}) || !slices.Equal(links[0].Fields, []string{"documents", "website"}) || links[0].DeclaredGone {
		t.Errorf("a link two records cite: %+v", links[0])
	}
	if !links[1].DeclaredGone || links[0].State != "" || !links[0].LastChecked.IsZero() {
		t.Errorf("links %+v", links)
	}
	later := must(st.LinksAsOf(ctx, at(2*time.Hour)))
	if len(later) != 2 || !slices.Equal(later[0].RecordIDs, []int{2}) {
		t.Errorf("after record 1 dropped its link: %+v", later)
	}

	var got []int64
	check(t, st.CapturesByID(ctx, []int64{c3, 0, c1, c3, 9999}, func(c *archive.Capture) error {
		got = append(got, c.ID)
		return nil
	}))
	if !slices.Equal(got, []int64{c1, c3}) {
		t.Errorf("captures by id %v", got)
	}
	if fs := must(st.ParseFailures(ctx)); len(fs) != 0 {
		t.Errorf("parse failures %+v", fs)
	}
}
