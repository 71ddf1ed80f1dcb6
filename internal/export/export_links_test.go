package export

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

// check records a link check of url at at, good or not; a good check
// answered 200 and its answer is a new capture, whose id it returns.
func (a *testArchive) check(url string, at time.Time, good bool) int64 {
	a.t.Helper()
	ctx := context.Background()
	c := archive.Check{URL: url, CheckedAt: at, Verdict: "timeout", Method: "GET"}
	if good {
		a.n++
		id, err := a.st.AddCapture(ctx, &archive.Capture{URL: url, Method: "HEAD", FetchedAt: at, Status: 200, PayloadDigest: "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ",
			WARCFile: "links.warc.gz", WARCOffset: 5000 + a.n, WARCLength: 321, WARCRecordID: "<urn:uuid:c" + strconv.FormatInt(a.n, 10) + ">"})
		mustT(a.t, err)
		c.Verdict, c.Status, c.Method, c.CaptureID = "ok", 200, "HEAD", id
	}
	_, _, err := a.st.RecordCheck(ctx, c, good, archive.Thresholds{FailThreshold: 1, RecoverThreshold: 1})
	mustT(a.t, err)
	return c.CaptureID
}

// An export as of a moment shows the links as they were then: none before
// the records citing them, none checked later than that moment, states
// and verdicts of the checks made by then.
func TestExportLinksAsOf(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	site := "https://comune.example.org/bilancio"
	good := a.check(site, day(3), true)
	a.check(site, day(5), false)

	for _, c := range []struct {
		at                                       time.Time
		rows                                     int
		state, verdict, checked, lastGoodCapture string
	}{
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), 0, "", "", "", ""},
		{day(2), 1, "", "", "", ""},
		{day(4), 1, "up", "ok", "2025-01-03T12:00:00Z", strconv.FormatInt(good, 10)},
		{day(6), 1, "down", "timeout", "2025-01-05T12:00:00Z", strconv.FormatInt(good, 10)},
	} {
		out, res := export(t, a, Options{Format: "csv", AsOf: c.at})
		links := asMaps(readCSV(t, filepath.Join(out, "links.csv"), ','))
		if len(links) != c.rows {
			t.Errorf("as of %s: %d link rows, want %d: %v", c.at, len(links), c.rows, links)
			continue
		}
		for _, l := range links {
			if checked, err := time.Parse(time.RFC3339Nano, l["last_checked"]); err == nil && checked.After(c.at) {
				t.Errorf("as of %s: a link checked later, at %s", c.at, checked)
			}
		}
		if c.rows == 0 {
			continue
		}
		l := links[0]
		if l["url"] != site || l["record_ids"] != "141" || l["state"] != c.state || l["last_verdict"] != c.verdict ||
			l["last_checked"] != c.checked || l["last_good_capture"] != c.lastGoodCapture {
			t.Errorf("as of %s: link %v", c.at, l)
		}
		for _, tb := range res.Tables {
			if tb.Name == "links" && tb.Rows != c.rows {
				t.Errorf("as of %s: manifest says %d link rows", c.at, tb.Rows)
			}
		}
	}
}

// The captures the dataset refers to are exported, so that a researcher
// can cite the archived copy: each process's capture and each link's last
// good capture, with the WARC file, offset and length; every capture id of
// the other tables resolves there, as the data package's foreign keys say.
func TestExportCaptures(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(2))
	good := a.check("https://comune.example.org/bilancio", day(3), true)
	out, _ := export(t, a, Options{Format: "csv"})

	caps := asMaps(readCSV(t, filepath.Join(out, "captures.csv"), ','))
	byID := map[string]map[string]string{}
	for _, c := range caps {
		byID[c["id"]] = c
	}
	procs := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ','))
	links := asMaps(readCSV(t, filepath.Join(out, "links.csv"), ','))
	if len(caps) != 3 || len(procs) != 2 || len(links) != 1 {
		t.Fatalf("%d captures for %d processes and %d links: %v", len(caps), len(procs), len(links), caps)
	}
	for _, p := range procs {
		c := byID[p["capture_id"]]
		if c == nil || c["url"] != p["source_url"] || c["fetched_at"] != p["captured_at"] || c["payload_digest"] != p["capture_digest"] ||
			c["warc_file"] != "t.warc.gz" || c["status"] != "200" {
			t.Errorf("process %s: capture %q is %v", p["id"], p["capture_id"], c)
		}
	}
	c := byID[links[0]["last_good_capture"]]
	if links[0]["last_good_capture"] != strconv.FormatInt(good, 10) || c == nil || c["method"] != "HEAD" ||
		c["warc_file"] != "links.warc.gz" || c["warc_length"] != "321" || c["warc_offset"] == "" || c["warc_record_id"] == "" {
		t.Errorf("link's last good capture %q: %v", links[0]["last_good_capture"], c)
	}

	var dp struct {
		Resources []struct {
			Name   string
			Schema struct {
				PrimaryKey  []string
				ForeignKeys []struct {
					Fields    []string
					Reference struct {
						Resource string
						Fields   []string
					}
				}
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(out, DataPackageFile))
	mustT(t, err)
	mustT(t, json.Unmarshal(b, &dp))
	refs := map[string]string{}
	for _, r := range dp.Resources {
		if r.Name == "captures" && !slices.Equal(r.Schema.PrimaryKey, []string{"id"}) {
			t.Errorf("captures: primary key %v", r.Schema.PrimaryKey)
		}
		for _, fk := range r.Schema.ForeignKeys {
			refs[r.Name+"."+fk.Fields[0]] = fk.Reference.Resource + "." + fk.Reference.Fields[0]
		}
	}
	for from, to := range map[string]string{"links.last_good_capture": "captures.id", "processes.capture_id": "captures.id",
		"process_participants.process_id": "processes.id"} {
		if refs[from] != to {
			t.Errorf("foreign key %s -> %q, want %s (all: %v)", from, refs[from], to, refs)
		}
	}
}

// linksRead hides the Store's LinksCitedAsOf: its exports read the link
// inventory from the documents again, as the PostgreSQL store's do.
type linksRead struct{ *archive.Store }

func (linksRead) LinksCitedAsOf() {}

// TestExportGathersLinksOnTheWay: the links gathered while the records
// are exported make the same link table as the inventory read from the
// documents again, whatever cites them: several records, several fields,
// a site declared gone, a site source's pages.
func TestExportGathersLinksOnTheWay(t *testing.T) {
	a := newArchive(t)
	r := rec141()
	r.Links = append(r.Links, parsers.Link{URL: "http://www.fabbricaideedistretto.it/", Field: "source_notes", Source: "text", DeclaredGone: true},
		parsers.Link{URL: "https://comune.example.org/bilancio", Field: "objectives", Source: "text"})
	a.apply(r, day(1))
	r7 := rec7()
	r7.Links = []parsers.Link{{URL: "https://comune.example.org/bilancio", Field: "website", Source: "href"},
		{URL: "https://altro.example.org/<&>", Field: "description", Source: "text"}}
	a.apply(r7, day(2))
	a.check("https://comune.example.org/bilancio", day(3), true)
	mustT(t, a.st.AddSiteLinks(context.Background(), "fiorano", "https://comune.example.org/", []string{"https://comune.example.org/bilancio", "https://x.example.org/"}, day(2)))
	for _, format := range []string{"csv", "jsonl"} {
		for _, asOf := range []time.Time{day(1), day(4)} {
			o := Options{Format: format, AsOf: asOf, Now: func() time.Time { return day(9) }, Version: "test"}
			o.Archive, o.OutDir = a.st, filepath.Join(t.TempDir(), "gathered")
			if _, err := Export(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			gathered := o.OutDir
			o.Archive, o.OutDir = linksRead{a.st}, filepath.Join(t.TempDir(), "read")
			if _, err := Export(context.Background(), o); err != nil {
				t.Fatal(err)
			}
			name := "links.csv"
			if format == "jsonl" {
				name = "links.jsonl"
			}
			want, err := os.ReadFile(filepath.Join(o.OutDir, name))
			mustT(t, err)
			got, err := os.ReadFile(filepath.Join(gathered, name))
			mustT(t, err)
			if string(got) != string(want) || len(want) < 100 {
				t.Errorf("%s as of %s: links gathered on the way\n%s\nread again\n%s", format, asOf.Format(time.DateOnly), got, want)
			}
		}
	}
}
