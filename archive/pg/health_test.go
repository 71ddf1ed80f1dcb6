package pg_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
)

// TestParseHealthAsSQLite stores the same parse results of a crawl in
// one machine's SQLite archive and in PostgreSQL: the parse health read
// back (counts, fields, unknown and near-miss labels with their
// examples, unreadable pages) and the pages each drift finding names are
// the same.
func TestParseHealthAsSQLite(t *testing.T) {
	ctx := context.Background()
	one, err := archive.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	shared, err := pg.Open(ctx, server.Schema(t), pg.Options{Node: "n1"})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	type store interface {
		StartCrawl(ctx context.Context, source, baseURL string, at time.Time) (int64, error)
		AddParseResult(ctx context.Context, r archive.ParseResult) error
		ParseHealth(ctx context.Context, crawlID int64) (*archive.ParseHealth, error)
		PagesWithoutField(ctx context.Context, crawlID int64, field string, n int) ([]archive.PageRef, error)
		PagesWithUnknownLabel(ctx context.Context, crawlID int64, label string, n int) ([]archive.PageRef, error)
	}
	var got []*archive.ParseHealth
	var without, unknown [][]archive.PageRef
	for _, st := range []store{one, shared} {
		crawl, err := st.StartCrawl(ctx, "osservatorio", "http://127.0.0.2", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for id := 1; id <= 20; id++ {
			r := archive.ParseResult{CrawlID: crawl, RecordID: id, URL: fmt.Sprintf("http://127.0.0.2/r/%d", id), Outcome: archive.OutcomeParsed,
				Fields: []string{"status", "title"}}
			switch {
			case id%7 == 0:
				r.Outcome, r.Fields, r.Reason = archive.OutcomeUnreadable, nil, fmt.Sprintf("not a process page (%d)", id)
			case id%5 == 0:
				r.Outcome, r.NotModified = archive.OutcomeUnchanged, true
				r.Fields = append(r.Fields, "scope")
				r.Unknown = []string{"Nuova voce", "Zeta"}
			case id%3 == 0:
				r.Fields = []string{"status"}
				r.Fuzzy = []archive.FuzzyLabel{{Label: "Stato del processo", Field: "status"}, {Label: "Titolo", Field: "title"}}
				r.Unknown = []string{"Nuova voce"}
			}
			if err := st.AddParseResult(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		h, err := st.ParseHealth(ctx, crawl)
		if err != nil {
			t.Fatal(err)
		}
		h.CrawlID = 0
		got = append(got, h)
		w, err := st.PagesWithoutField(ctx, crawl, "title", 3)
		if err != nil {
			t.Fatal(err)
		}
		u, err := st.PagesWithUnknownLabel(ctx, crawl, "Nuova voce", 10)
		if err != nil {
			t.Fatal(err)
		}
		without, unknown = append(without, w), append(unknown, u)
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Errorf("parse health on PostgreSQL:\n%+v\non SQLite:\n%+v", got[1], got[0])
	}
	if !reflect.DeepEqual(without[0], without[1]) || len(without[0]) != 3 || !reflect.DeepEqual(unknown[0], unknown[1]) || len(unknown[0]) == 0 {
		t.Errorf("pages without title %v / %v, with an unknown label %v / %v", without[1], without[0], unknown[1], unknown[0])
	}
}
