package archive

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestOverview(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	o, err := st.Overview(ctx)
	if err != nil || o.Records != 0 || o.Captures != 0 || len(o.Links) != 3 || len(o.LastRuns) != 0 {
		t.Fatalf("empty archive: %+v %v", o, err)
	}

	day := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i, src := range []string{"osservatorio", "links", "osservatorio"} {
		id, err := st.StartCrawl(ctx, src, "", day.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if err := st.FinishCrawl(ctx, id, "done", "{}", day.Add(time.Duration(i)*time.Hour+time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
	}
	down, up := "http://www.fabbricaideedistretto.it", "https://www.comune.fiorano-modenese.mo.it/"
	rec := &testRecord{ID: 141, URL: "u", Links: []CitedLink{{URL: down, Field: "source_notes"}, {URL: up, Field: "website"}}}
	if _, err := st.ApplyRecord(ctx, rec.parsed(t), newCapture(t, st, 1), day); err != nil {
		t.Fatal(err)
	}
	th := Thresholds{FailThreshold: 1, RecoverThreshold: 1}
	if _, _, err := st.RecordCheck(ctx, Check{URL: down, CheckedAt: day, Verdict: "dns_not_found"}, false, th); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddAlert(ctx, AlertRow{Kind: "down", URL: down, Verdict: "dns_not_found", Since: day, At: day}); err != nil {
		t.Fatal(err)
	}

	o, err = st.Overview(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if o.Records != 1 || o.Captures != 1 || o.Alerts != 1 {
		t.Errorf("counts: %+v", o)
	}
	if o.Links[StateUp] != 1 || o.Links[StateDown] != 1 || o.Links[StateSuspect] != 0 || !slices.Equal(o.LinksDown, []string{down}) {
		t.Errorf("links %v, down %v", o.Links, o.LinksDown)
	}
	var runs []string
	for _, c := range o.LastRuns {
		runs = append(runs, c.Source+" "+c.Status)
	}
	if !slices.Equal(runs, []string{"links done", "osservatorio running"}) {
		t.Errorf("last runs %q", runs)
	}
}
