package jobs

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"archivio/archive"
	"archivio/parsers"
)

// TestArchiveRecordSummary: the summary a parsed record comes with is the
// one made from its stored document (which the catalog makes in SQL when
// a record has none: archive.TestSummarizeMatchesSQL), for every parser
// fixture.
func TestArchiveRecordSummary(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("..", "..", "parsers", "testdata", "layouts", "*", "*.html"))
	if err != nil || len(pages) < 10 {
		t.Fatalf("parser fixtures: %v (%d)", err, len(pages))
	}
	for _, p := range pages {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".html")
		u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/" + id)
		rec, err := parsers.Parse(body, u, "text/html; charset=utf-8")
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out, err := ArchiveRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		var f archive.SummaryFields
		if err := json.Unmarshal(out.Data, &f); err != nil {
			t.Fatal(err)
		}
		if want := archive.Summarize(f); out.Summary == nil || !reflect.DeepEqual(*out.Summary, *want) {
			t.Errorf("%s: summary %+v, from its document %+v", p, out.Summary, want)
		}
		if out.Summary.Title == "" || out.Summary.Search == "" {
			t.Errorf("%s: summary without title or search text: %+v", p, out.Summary)
		}
	}
}
