package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"archivio/archive"
)

func recordVersions(t *testing.T, ctx context.Context, st archive.CrawlState) {
	c1 := must(st.AddCapture(ctx, capture("https://x/141", 0, 200, "a.warc.gz", 0)))
	c2 := must(st.AddCapture(ctx, capture("https://x/141", time.Hour, 200, "a.warc.gz", 500)))
	c3 := must(st.AddCapture(ctx, capture("https://x/141", 2*time.Hour, 200, "a.warc.gz", 1000)))
	c4 := must(st.AddCapture(ctx, capture("https://x/9", 2*time.Hour, 200, "a.warc.gz", 1500)))
	rec := func(data string) archive.ParsedRecord {
		return archive.ParsedRecord{ID: 141, URL: "https://x/141", Data: []byte(data), ParserVersion: "p1",
			Links: []archive.CitedLink{{URL: "https://www.example.it/", Field: "sito_web", Source: "href"}}}
	}
	a := must(st.ApplyRecord(ctx, rec(`{"id":141,"titolo":"Fabbrica","url":"a"}`), c1, at(0)))
	if a.Outcome != archive.VersionNew || a.Version != 1 {
		t.Errorf("first apply: %+v", a)
	}
	// The URL shape, raw texts and warnings do not make a version.
	a = must(st.ApplyRecord(ctx, rec(`{"url":"b","titolo":"Fabbrica","id":141,"raw":{"x":1},"warnings":["w"]}`), c2, at(time.Hour)))
	if a.Outcome != archive.VersionUnchanged || a.Version != 1 {
		t.Errorf("same content again: %+v", a)
	}
	a = must(st.ApplyRecord(ctx, rec(`{"id":141,"titolo":"Fabbrica idee","stato":"concluso"}`), c3, at(2*time.Hour)))
	if a.Outcome != archive.VersionChanged || a.Version != 2 || !slices.Equal(a.Changed, []string{"stato", "titolo"}) {
		t.Errorf("changed content: %+v", a)
	}
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 9, URL: "https://x/9", Data: []byte(`{"id":9}`), ParserVersion: "p2"}, c4, at(2*time.Hour)))
	check(t, st.RecordSeen(ctx, 9, at(3*time.Hour)))

	vs := must(st.RecordVersions(ctx, 141))
	if len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 || vs[0].CaptureID != c1 || vs[1].CaptureID != c3 {
		t.Fatalf("versions %+v", vs)
	}
	if !vs[1].CreatedAt.Equal(at(2*time.Hour)) || vs[1].ParserVersion != "p1" || !slices.Equal(vs[1].Changed, []string{"stato", "titolo"}) ||
		len(vs[0].Changed) != 0 || vs[0].Changed == nil {
		t.Errorf("version 2 %+v, version 1 changed %#v", vs[1], vs[0].Changed)
	}
	if string(vs[1].Data) != `{"id":141,"titolo":"Fabbrica idee","stato":"concluso"}` {
		t.Errorf("a version's document is kept as read: %s", vs[1].Data)
	}
	latest := must(st.LatestVersions(ctx, 0))
	if len(latest) != 2 || latest[0].RecordID != 9 || latest[1].RecordID != 141 || latest[1].Version != 2 {
		t.Errorf("latest versions %+v", latest)
	}
	if one := must(st.LatestVersions(ctx, 141)); len(one) != 1 || one[0].Version != 2 {
		t.Errorf("latest version of 141: %+v", one)
	}
	if ids := must(st.RecordIDs(ctx)); !slices.Equal(ids, []int{9, 141}) {
		t.Errorf("record ids %v", ids)
	}
}

func staleCaptureNeverOverrides(t *testing.T, ctx context.Context, st archive.CrawlState) {
	newer := must(st.AddCapture(ctx, capture("https://x/3", time.Hour, 200, "a.warc.gz", 0)))
	older := must(st.AddCapture(ctx, capture("https://x/3", 0, 200, "a.warc.gz", 500)))
	must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 3, URL: "https://x/3", Data: []byte(`{"id":3,"stato":"nuovo"}`), ParserVersion: "p1"}, newer, at(time.Hour)))
	a := must(st.ApplyRecord(ctx, archive.ParsedRecord{ID: 3, URL: "https://x/3", Data: []byte(`{"id":3,"stato":"vecchio"}`), ParserVersion: "p1"}, older, at(2*time.Hour)))
	if a.Outcome != archive.VersionUnchanged || a.Version != 1 {
		t.Errorf("a capture older than the latest version's changed the record: %+v", a)
	}
	if vs := must(st.RecordVersions(ctx, 3)); len(vs) != 1 {
		t.Errorf("%d versions", len(vs))
	}
}
