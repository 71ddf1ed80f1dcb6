package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

func ptr[T any](v T) *T { return &v }

// newCapture lists a capture so versions have one to point at.
func newCapture(t *testing.T, st *archive.Store, n int64) int64 {
	t.Helper()
	id, err := st.AddCapture(context.Background(), &archive.Capture{
		URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141", FetchedAt: time.Unix(n, 0), Status: 200,
		PayloadDigest: "sha1:X", WARCFile: "f.warc.gz", WARCOffset: n, WARCLength: 1, WARCRecordID: "<urn:uuid:x>",
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestApplyVersions(t *testing.T) {
	ctx := context.Background()
	st, err := archive.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	recs := NewRecords(st)
	rec := &parsers.Record{ID: 141, URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141",
		Title: ptr("La fabbrica delle idee"), Status: ptr("In corso"), Raw: []parsers.RawField{{Label: "Stato di avanzamento", Text: "In corso"}}}
	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	a, err := recs.Apply(ctx, rec, newCapture(t, st, 1), day)
	if err != nil || a.Outcome != New || a.Version != 1 {
		t.Fatalf("first apply: %+v %v", a, err)
	}
	// Another URL shape and another raw layout are the same content.
	same := *rec
	same.URL = "http://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/141"
	same.Raw = []parsers.RawField{{Label: "Stato di avanzamento:", Text: "In corso"}}
	if a, err := recs.Apply(ctx, &same, newCapture(t, st, 2), day.Add(time.Hour)); err != nil || a.Outcome != Unchanged || a.Version != 1 {
		t.Fatalf("same content: %+v %v", a, err)
	}
	changed := *rec
	changed.Status, changed.EndYear = ptr("Concluso"), ptr(2026)
	a, err = recs.Apply(ctx, &changed, newCapture(t, st, 3), day.Add(2*time.Hour))
	if err != nil || a.Outcome != Changed || a.Version != 2 || !slices.Equal(a.Changed, []string{"end_year", "status"}) {
		t.Fatalf("changed: %+v %v", a, err)
	}
	vs, err := recs.Versions(ctx, 141)
	if err != nil || len(vs) != 2 || vs[0].Version != 1 || vs[1].ParserVersion != parsers.Version || len(vs[0].Changed) != 0 {
		t.Fatalf("versions: %+v %v", vs, err)
	}
	latest, err := recs.Latest(ctx, 0)
	if err != nil || len(latest) != 1 || latest[0].Version != 2 || latest[0].CaptureID != vs[1].CaptureID {
		t.Fatalf("latest: %+v %v", latest, err)
	}
	if ok, _ := recs.HasVersionFrom(ctx, vs[1].CaptureID); !ok {
		t.Error("HasVersionFrom misses the version's capture")
	}
	if err := recs.Seen(ctx, 141, day.Add(24*time.Hour)); err != nil {
		t.Error(err)
	}
}

func TestDiffFields(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []string
	}{
		{"equal", `{"id":1,"title":"a"}`, `{"id":1,"title":"a"}`, nil},
		{"changed value", `{"title":"a"}`, `{"title":"b"}`, []string{"title"}},
		{"null to value", `{"end_year":null}`, `{"end_year":2011}`, []string{"end_year"}},
		{"ignored fields", `{"url":"a","raw":[1],"warnings":[]}`, `{"url":"b","raw":[2],"warnings":[{}]}`, nil},
		{"number spelling", `{"grant_eur":15000.0}`, `{"grant_eur":15000}`, nil},
		{"list order matters", `{"participants":["a","b"]}`, `{"participants":["b","a"]}`, []string{"participants"}},
		{"field removed", `{"logo":"x","title":"a"}`, `{"title":"a"}`, []string{"logo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := diffFields([]byte(tt.a), []byte(tt.b))
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("diffFields = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}
