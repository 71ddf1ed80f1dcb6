package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// driftAlert is the observatory moving to pages no reader can read.
func driftAlert() Alert {
	return Alert{
		ID: 21, Kind: KindDrift, URL: "https://www.osservatoriopartecipazione.it", Verdict: "unreadable, field_lost",
		Since: time.Date(2026, 3, 9, 3, 0, 0, 0, time.UTC), At: time.Date(2026, 3, 9, 3, 4, 0, 0, time.UTC),
		Drift: &Drift{
			Source: "osservatorio", CrawlID: 7, BaselineCrawl: 6, RecordPages: 18, Parsed: 2, Unreadable: 16,
			Findings: []DriftFinding{
				{Rule: "unreadable", Summary: "16 of 18 record pages unreadable (0 of 18 in the baseline crawl)", Count: 16, Of: 18, BaseOf: 18,
					Examples: []Example{{RecordID: 141, URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141",
						Reason: "not a process page: 0 of the observatory's field labels found",
						Capture: &Capture{URL: "https://www.osservatoriopartecipazione.it/scheda-processo/141",
							At: time.Date(2026, 3, 9, 3, 1, 0, 0, time.UTC), WARCFile: "archivio-20260309-00001.warc.gz", Offset: 9120}}}},
				{Rule: "field_lost", Field: "status", Summary: "field status found on 0 of 2 records (18 of 18 in the baseline crawl)",
					Count: 0, Of: 2, BaseCount: 18, BaseOf: 18},
			},
		},
	}
}

func recoveredAlert() Alert {
	a := driftAlert()
	a.ID, a.Kind, a.Verdict = 22, KindRecovered, ""
	a.Since, a.At = time.Date(2026, 3, 16, 3, 0, 0, 0, time.UTC), time.Date(2026, 3, 16, 3, 4, 0, 0, time.UTC)
	d := *a.Drift
	d.CrawlID, d.Parsed, d.Unreadable, d.DriftSince = 8, 18, 0, time.Date(2026, 3, 9, 3, 0, 0, 0, time.UTC)
	a.Drift = &d
	return a
}

func TestDescribeDrift(t *testing.T) {
	for _, tc := range []struct {
		a    Alert
		want []string
		not  []string
	}{
		{driftAlert(), []string{
			"The record pages of source osservatorio no longer read as before: crawl 7, compared with crawl 6, the last healthy one.",
			"Source: https://www.osservatoriopartecipazione.it",
			"Since: 2026-03-09T03:00:00Z",
			"Raised: 2026-03-09T03:04:00Z (alert 21)",
			"Crawl 7 read 18 record pages: 2 as records, 16 unreadable.",
			"What changed:\n- 16 of 18 record pages unreadable (0 of 18 in the baseline crawl)\n",
			"  e.g. record 141: https://www.osservatoriopartecipazione.it/scheda-processo/141\n",
			"       not a process page: 0 of the observatory's field labels found\n",
			"       captured 2026-03-09T03:01:00Z, WARC archivio-20260309-00001.warc.gz at offset 9120\n",
			"- field status found on 0 of 2 records (18 of 18 in the baseline crawl)\n",
		}, []string{"Cited by", "Last good capture"}},
		{recoveredAlert(), []string{
			"The record pages of source osservatorio read as before again: crawl 8, compared with crawl 6, the last healthy one.",
			"Drift since: 2026-03-09T03:00:00Z",
			"Crawl 8 read 18 record pages: 18 as records, 0 unreadable.",
			"What had broken:\n- 16 of 18",
		}, nil},
	} {
		got := Describe(tc.a)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Describe lacks %q; got:\n%s", tc.a.Kind, w, got)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: Describe has %q", tc.a.Kind, n)
			}
		}
	}
	if got, want := Headline(driftAlert()), "DRIFT osservatorio: record pages no longer read (unreadable, field_lost)"; got != want {
		t.Errorf("Headline = %q, want %q", got, want)
	}
	if got, want := Subject(recoveredAlert()), "[archivio] RECOVERED osservatorio: record pages read again"; got != want {
		t.Errorf("Subject = %q, want %q", got, want)
	}
	bad := driftAlert()
	bad.Drift = nil
	if err := bad.validate(); !errors.Is(err, ErrInvalidAlert) {
		t.Errorf("a drift alert without its drift: %v", err)
	}
}

// TestDriftThroughTheSinks sends a drift alert through the log and the
// Atom feed, and checks the webhook's JSON carries the drift.
func TestDriftThroughTheSinks(t *testing.T) {
	var buf bytes.Buffer
	log := NewLog(slog.New(slog.NewJSONHandler(&buf, nil)))
	if err := log.Send(context.Background(), driftAlert()); err != nil {
		t.Fatal(err)
	}
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	if line["level"] != "WARN" || line["msg"] != "parse drift" || line["source"] != "osservatorio" || line["rules"] != "unreadable, field_lost" {
		t.Errorf("log line %v", line)
	}
	feed, err := RenderAtom(Feed{Title: "t", ID: "tag:archivio,2026:alerts"}, time.Now(), []Alert{driftAlert(), recoveredAlert()})
	if err != nil {
		t.Fatal(err)
	}
	var f atomFeed
	if err := xml.Unmarshal(feed, &f); err != nil || len(f.Entries) != 2 {
		t.Fatalf("feed: %v %d", err, len(f.Entries))
	}
	if f.Entries[0].Title.Body != "RECOVERED osservatorio: record pages read again" || f.Entries[1].Categories[0].Term != "drift" ||
		!strings.Contains(f.Entries[1].Content.Body, "What changed:") {
		t.Errorf("entries %+v", f.Entries)
	}
	body, _ := json.Marshal(driftAlert())
	var back Alert
	if err := json.Unmarshal(body, &back); err != nil || back.Drift == nil || back.Drift.Findings[0].Examples[0].Capture.Offset != 9120 {
		t.Errorf("JSON round trip: %v %+v", err, back.Drift)
	}
	if strings.Contains(string(body), "drift_since") {
		t.Errorf("a drift alert has no drift_since: %s", body)
	}
}
