package storetest

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"archivio/archive"
)

// recordListingFollowsTheLatestVersion: the web interface's record
// listing shows each record as its latest version says, whatever order
// the versions arrive in, with its filters, search and sorts.
func recordListingFollowsTheLatestVersion(t *testing.T, ctx context.Context, st archive.CrawlState) {
	c1 := must(st.AddCapture(ctx, capture("https://x/141", 0, 200, "a.warc.gz", 0)))
	c2 := must(st.AddCapture(ctx, capture("https://x/141", 2*time.Hour, 200, "a.warc.gz", 500)))
	c3 := must(st.AddCapture(ctx, capture("https://x/7", time.Hour, 200, "a.warc.gz", 1000)))
	old := must(st.AddCapture(ctx, capture("https://x/141", time.Hour, 200, "a.warc.gz", 1500)))
	rec := func(id int, data string) archive.ParsedRecord {
		return archive.ParsedRecord{ID: id, URL: "https://x/" + strconv.Itoa(id), Data: []byte(data), ParserVersion: "p1"}
	}
	must(st.ApplyRecord(ctx, rec(141, `{"id":141,"title":"Fabbrica delle idee","status":"Concluso","start_year":2012,
		"territory":["Sassuolo","Fiorano Modenese"],"certified":true}`), c1, at(0)))
	must(st.ApplyRecord(ctx, rec(141, `{"id":141,"title":"La fabbrica delle IDEE","status":"In corso","start_date":"2013-05-01",
		"territory":["Sassuolo","Maranello"],"decision_makers":["Giunta di Sassuolo"],"certified":true,"financed":true}`), c2, at(2*time.Hour)))
	must(st.ApplyRecord(ctx, rec(7, `{"id":7,"title":"agenda urbana","status":"Concluso","certification_year":2019,"territory":"Carpi"}`), c3, at(time.Hour)))
	// A capture older than the latest version's changes nothing.
	must(st.ApplyRecord(ctx, rec(141, `{"id":141,"title":"Stale","status":"Progetto"}`), old, at(3*time.Hour)))

	all := must(st.SearchRecords(ctx, archive.RecordQuery{}))
	if all.Total != 2 || len(all.Records) != 2 {
		t.Fatalf("records listed: %+v", all)
	}
	r7, r141 := all.Records[0], all.Records[1]
	if r141.ID != 141 || r141.Version != 2 || r141.CaptureID != c2 || !r141.ChangedAt.Equal(at(2*time.Hour)) ||
		r141.Title != "La fabbrica delle IDEE" || r141.Status != "In corso" || r141.Year != 2013 ||
		r141.Territory != "Sassuolo / Maranello" || !r141.Certified || !r141.Financed {
		t.Errorf("record 141 listed as %+v", r141)
	}
	if r7.ID != 7 || r7.Year != 2019 || r7.Territory != "Carpi" || r7.Certified || r7.Financed {
		t.Errorf("record 7 listed as %+v", r7)
	}
	yes := true
	for _, c := range []struct {
		q    archive.RecordQuery
		want []int
	}{
		{archive.RecordQuery{Text: "giunta IDEE"}, []int{141}},
		{archive.RecordQuery{Text: "fiorano"}, nil}, // only in the first version
		{archive.RecordQuery{Text: "stale"}, nil},
		{archive.RecordQuery{Territory: "maranello"}, []int{141}},
		{archive.RecordQuery{Status: "Concluso"}, []int{7}},
		{archive.RecordQuery{Year: 2019}, []int{7}},
		{archive.RecordQuery{Financed: &yes}, []int{141}},
		{archive.RecordQuery{Sort: "title"}, []int{7, 141}},
		{archive.RecordQuery{Sort: "title", Desc: true}, []int{141, 7}},
		{archive.RecordQuery{Sort: "changed"}, []int{7, 141}},
		{archive.RecordQuery{Sort: "year", Desc: true, Limit: 1}, []int{7}},
		{archive.RecordQuery{IDs: []int{}}, nil},
	} {
		page := must(st.SearchRecords(ctx, c.q))
		var got []int
		for _, r := range page.Records {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("records %+v: %v, want %v", c.q, got, c.want)
		}
	}
	f := must(st.RecordFacets(ctx))
	if len(f.Statuses) != 2 || f.Statuses[0] != (archive.FacetValue{Value: "Concluso", Count: 1}) ||
		len(f.Years) != 2 || f.Years[0].Value != "2013" || f.Years[1].Value != "2019" {
		t.Errorf("facets %+v", f)
	}
}
