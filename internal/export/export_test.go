package export

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/jobs"
	"archivio/parsers"

	"github.com/parquet-go/parquet-go"
)

func sp(s string) *string   { return &s }
func ip(n int) *int         { return &n }
func fp(f float64) *float64 { return &f }
func bp(b bool) *bool       { return &b }
func day(d int) time.Time   { return time.Date(2025, 1, d, 12, 0, 0, 0, time.UTC) }
func mustT(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// testArchive is an archive in a temporary folder.
type testArchive struct {
	t   *testing.T
	dir string
	st  *archive.Store
	n   int64
}

func newArchive(t *testing.T) *testArchive {
	dir := t.TempDir()
	st, err := archive.Open(context.Background(), dir)
	mustT(t, err)
	t.Cleanup(func() { st.Close() })
	return &testArchive{t: t, dir: dir, st: st}
}

// apply stores rec as read from a capture fetched at.
func (a *testArchive) apply(rec *parsers.Record, at time.Time) {
	a.t.Helper()
	ctx := context.Background()
	a.n++
	id, err := a.st.AddCapture(ctx, &archive.Capture{URL: rec.URL, Method: "GET", FetchedAt: at, Status: 200, WARCFile: "t.warc.gz", WARCOffset: a.n,
		WARCLength: 100, WARCRecordID: fmt.Sprintf("<urn:uuid:r%d>", a.n),
		PayloadDigest: fmt.Sprintf("sha1:D%d", at.Unix()), ContentType: "text/html"})
	mustT(a.t, err)
	r, err := jobs.ArchiveRecord(rec)
	if err != nil {
		a.t.Fatal(err)
	}
	_, err = a.st.ApplyRecord(ctx, r, id, at)
	mustT(a.t, err)
}

func rec141() *parsers.Record {
	return &parsers.Record{
		ID: 141, URL: "https://example.org/scheda-processo/141", Title: sp("Bilancio partecipato, \"2019\""),
		Certified: true, Status: sp("Concluso"), Nature: sp("Processo certificato e finanziato"),
		CertificationYear: ip(2018), GrantEUR: fp(15000.5), Cofunding: bp(false), StartDate: sp("2018-03-01"),
		Website:      sp("https://comune.example.org/bilancio"),
		Participants: []string{"Singoli cittadini", "Associazioni; gruppi"}, Territory: []string{"Bologna"},
		GuaranteeCommitteeFunctions: []string{"Monitoraggio", "Valutazione"},
		ParticipationIndex:          ip(17), ParticipationIndexMax: ip(30),
		Objectives: sp("Riga uno\nriga due"),
		Links:      []parsers.Link{{URL: "https://comune.example.org/bilancio", Field: "website", Source: "href"}},
	}
}

func rec7() *parsers.Record {
	return &parsers.Record{ID: 7, URL: "https://example.org/scheda-processo/7", Title: sp("Piazza"), Status: sp("In corso"),
		TotalCostEUR: fp(1234.25), Techniques: []string{"World café"}}
}

func export(t *testing.T, a *testArchive, o Options) (string, *Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	o.DataDir, o.OutDir, o.Version = a.dir, out, "test"
	res, err := Export(context.Background(), o)
	mustT(t, err)
	return out, res
}

func readCSV(t *testing.T, path string, comma rune) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	mustT(t, err)
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = comma
	recs, err := r.ReadAll()
	mustT(t, err)
	return recs
}

// asMaps turns CSV rows into maps by header.
func asMaps(recs [][]string) []map[string]string {
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestExportCSV(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(2))
	out, res := export(t, a, Options{Format: "csv"})

	procs := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ','))
	if len(procs) != 2 || procs[0]["id"] != "7" || procs[1]["id"] != "141" {
		t.Fatalf("processes: %v", procs)
	}
	p := procs[1]
	want := map[string]string{
		"title": "Bilancio partecipato, \"2019\"", "certified": "true", "financed": "false", "status": "Concluso",
		"certification_year": "2018", "grant_eur": "15000.5", "cofunding": "false", "start_date": "2018-03-01",
		"funding_year": "", "participation_index": "17", "participation_index_max": "30", "objectives": "Riga uno\nriga due",
		"source_url": "https://example.org/scheda-processo/141", "captured_at": "2025-01-01T12:00:00Z",
		"capture_digest": fmt.Sprintf("sha1:D%d", day(1).Unix()), "parser_version": parsers.Version, "record_version": "1",
	}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	if _, ok := p["participants"]; ok {
		t.Error("list field in processes")
	}
	parts := readCSV(t, filepath.Join(out, "process_participants.csv"), ',')
	if !reflect.DeepEqual(parts, [][]string{{"process_id", "position", "value"}, {"141", "1", "Singoli cittadini"}, {"141", "2", "Associazioni; gruppi"}}) {
		t.Errorf("participants: %q", parts)
	}
	links := asMaps(readCSV(t, filepath.Join(out, "links.csv"), ','))
	// Not checked yet: no state, no verdict.
	if len(links) != 1 || links[0]["record_ids"] != "141" || links[0]["fields"] != "website" || links[0]["state"] != "" ||
		links[0]["declared_gone"] != "false" || links[0]["last_verdict"] != "" {
		t.Errorf("links: %v", links)
	}
	raw, _ := os.ReadFile(filepath.Join(out, "processes.csv"))
	if !bytes.Contains(raw, []byte("\r\n")) || bytes.HasPrefix(raw, []byte("\ufeff")) {
		t.Error("plain CSV: want CRLF rows and no BOM")
	}
	checkManifest(t, out, res)
	checkDataPackage(t, out, "csv", ',')
}

func TestExportExcel(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	out, _ := export(t, a, Options{Format: "csv", Excel: true})
	raw, err := os.ReadFile(filepath.Join(out, "processes.csv"))
	mustT(t, err)
	if !bytes.HasPrefix(raw, []byte("\ufeffid;title;")) {
		t.Fatalf("no BOM or ; header: %q", raw[:20])
	}
	p := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ';'))[0]
	if p["grant_eur"] != "15000,5" || p["title"] != "Bilancio partecipato, \"2019\"" {
		t.Errorf("excel values: %q %q", p["grant_eur"], p["title"])
	}
	checkDataPackage(t, out, "csv", ';')
}

func TestExportJSONL(t *testing.T) {
	a := newArchive(t)
	r := rec141()
	a.apply(r, day(1))
	out, _ := export(t, a, Options{Format: "jsonl"})
	b, err := os.ReadFile(filepath.Join(out, "processes.jsonl"))
	mustT(t, err)
	var got parsers.Record
	mustT(t, json.Unmarshal(bytes.TrimSpace(b), &got))
	// Everything round-trips with its type, lists as JSON arrays (and in
	// long tables).
	want := *r
	want.URL, want.Links = "", nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	var m map[string]any
	mustT(t, json.Unmarshal(b, &m))
	if m["funding_year"] != nil || m["certified"] != true || m["grant_eur"] != 15000.5 || m["captured_at"] != "2025-01-01T12:00:00Z" {
		t.Errorf("types: %v", m)
	}
	var fns []map[string]any
	f, _ := os.Open(filepath.Join(out, "process_guarantee_committee_functions.jsonl"))
	defer f.Close()
	for s := bufio.NewScanner(f); s.Scan(); {
		var l map[string]any
		mustT(t, json.Unmarshal(s.Bytes(), &l))
		fns = append(fns, l)
	}
	if len(fns) != 2 || fns[1]["position"] != 2.0 || fns[1]["value"] != "Valutazione" || fns[1]["process_id"] != 141.0 {
		t.Errorf("long table: %v", fns)
	}
}

func TestExportParquet(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(2))
	out, res := export(t, a, Options{Format: "parquet"})
	type proc struct {
		ID         *int64     `parquet:"id,optional"`
		Title      *string    `parquet:"title,optional"`
		Grant      *float64   `parquet:"grant_eur,optional"`
		Certified  *bool      `parquet:"certified,optional"`
		Start      *time.Time `parquet:"start_date,optional,date"`
		CapturedAt *time.Time `parquet:"captured_at,optional,timestamp(microsecond)"`
	}
	f, err := os.Open(filepath.Join(out, "processes.parquet"))
	mustT(t, err)
	defer f.Close()
	rd := parquet.NewGenericReader[proc](f)
	if rd.NumRows() != 2 {
		t.Fatalf("rows = %d", rd.NumRows())
	}
	rows := make([]proc, 2)
	n, _ := rd.Read(rows)
	if n != 2 {
		t.Fatalf("read %d rows", n)
	}
	p := rows[1]
	if *p.ID != 141 || *p.Title != "Bilancio partecipato, \"2019\"" || *p.Grant != 15000.5 || !*p.Certified ||
		!p.Start.Equal(time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC)) || !p.CapturedAt.Equal(day(1)) {
		t.Errorf("row: %+v", p)
	}
	if rows[0].Grant != nil {
		t.Errorf("null grant read as %v", *rows[0].Grant)
	}
	pf, err := os.Open(filepath.Join(out, "process_participants.parquet"))
	mustT(t, err)
	defer pf.Close()
	if n := parquet.NewReader(pf).NumRows(); n != 2 {
		t.Errorf("participants rows = %d", n)
	}
	checkManifest(t, out, res)
}

func TestExportSQLite(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(2))
	out, res := export(t, a, Options{Format: "sqlite"})
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(out, SQLiteFile)+"?mode=ro")
	mustT(t, err)
	defer db.Close()
	counts := map[string]int{"processes": 2, "process_participants": 2, "process_techniques": 1, "process_theme": 0, "links": 1, "captures": 2}
	for table, want := range counts {
		var n int
		mustT(t, db.QueryRow("SELECT COUNT(*) FROM "+table).Scan(&n))
		if n != want {
			t.Errorf("%s: %d rows, want %d", table, n, want)
		}
	}
	var grant float64
	var cert bool
	mustT(t, db.QueryRow("SELECT grant_eur, certified FROM processes WHERE id = 141").Scan(&grant, &cert))
	if grant != 15000.5 || !cert {
		t.Errorf("grant %v certified %v", grant, cert)
	}
	if len(res.Tables) != 12 || len(res.Files) != 3 {
		t.Errorf("tables %d files %v", len(res.Tables), res.Files)
	}
	checkManifest(t, out, res)
}

// checkManifest: every file listed exists with its digest, and row counts
// are there.
func checkManifest(t *testing.T, out string, res *Result) {
	t.Helper()
	var m struct {
		Files    []FileInfo
		Tables   []TableInfo
		AsOf     string `json:"as_of"`
		Captures struct{ From, To *time.Time }
	}
	b, err := os.ReadFile(filepath.Join(out, ManifestFile))
	mustT(t, err)
	mustT(t, json.Unmarshal(b, &m))
	if len(m.Files) == 0 || len(m.Tables) != 12 || m.AsOf == "" {
		t.Fatalf("manifest: %s", b)
	}
	for _, f := range m.Files {
		got, err := hashFile(out, f.Path)
		mustT(t, err)
		if got.SHA256 != f.SHA256 {
			t.Errorf("%s: digest mismatch", f.Path)
		}
	}
	if res.Tables[0].Rows > 0 && (m.Captures.From == nil || m.Captures.To == nil) {
		t.Errorf("no capture range: %s", b)
	}
}

// checkDataPackage: a resource per data file, CSV headers equal the
// schema's field names, keys declared.
func checkDataPackage(t *testing.T, out, format string, comma rune) {
	t.Helper()
	var dp struct {
		Resources []struct {
			Name, Path, Format, Mediatype, Encoding string
			Schema                                  struct {
				Fields      []struct{ Name, Type string }
				PrimaryKey  []string
				ForeignKeys []struct {
					Fields    []string
					Reference struct{ Resource string }
				}
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(out, DataPackageFile))
	mustT(t, err)
	mustT(t, json.Unmarshal(b, &dp))
	if len(dp.Resources) != 12 {
		t.Fatalf("%d resources", len(dp.Resources))
	}
	for _, r := range dp.Resources {
		if r.Format != format || r.Mediatype == "" || r.Encoding == "" || len(r.Schema.PrimaryKey) == 0 {
			t.Errorf("%s: incomplete resource %+v", r.Name, r)
		}
		if strings.HasPrefix(r.Name, "process_") && (len(r.Schema.ForeignKeys) != 1 || r.Schema.ForeignKeys[0].Reference.Resource != "processes") {
			t.Errorf("%s: no foreign key", r.Name)
		}
		var names []string
		for _, f := range r.Schema.Fields {
			names = append(names, f.Name)
		}
		header := readCSV(t, filepath.Join(out, r.Path), comma)[0]
		if !reflect.DeepEqual(header, names) {
			t.Errorf("%s: header %q, schema %q", r.Path, header, names)
		}
	}
	cb, err := os.ReadFile(filepath.Join(out, CodebookFile))
	mustT(t, err)
	if !bytes.Contains(cb, []byte("| `status` | string | Stato di avanzamento |")) {
		t.Errorf("codebook lacks status row")
	}
}

func TestExportAsOf(t *testing.T) {
	a := newArchive(t)
	r := rec141()
	a.apply(r, day(1))
	r2 := rec141()
	r2.Status = sp("In corso")
	r2.Participants = []string{"Singoli cittadini"}
	a.apply(r2, day(3))

	out, res := export(t, a, Options{Format: "csv", AsOf: day(2)})
	p := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ','))
	if len(p) != 1 || p[0]["status"] != "Concluso" || p[0]["record_version"] != "1" || !res.AsOf.Equal(day(2)) {
		t.Errorf("as of day 2: %v", p)
	}
	if n := len(readCSV(t, filepath.Join(out, "process_participants.csv"), ',')); n != 3 {
		t.Errorf("as of day 2: %d participant lines", n)
	}
	out, _ = export(t, a, Options{Format: "csv", AsOf: day(4)})
	if p := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ',')); p[0]["status"] != "In corso" {
		t.Errorf("as of day 4: %v", p)
	}
	out, res = export(t, a, Options{Format: "csv", AsOf: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	for _, tb := range res.Tables {
		if tb.Name == "links" {
			continue
		}
		recs := readCSV(t, filepath.Join(out, tb.Path), ',')
		if len(recs) != 1 || tb.Rows != 0 {
			t.Errorf("%s before the first version: %d lines", tb.Path, len(recs))
		}
	}
	checkDataPackage(t, out, "csv", ',')
}

func TestDiff(t *testing.T) {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(1))
	r2 := rec141()
	r2.Status, r2.GrantEUR = sp("In corso"), nil
	a.apply(r2, day(3))
	a.apply(&parsers.Record{ID: 9, URL: "https://example.org/scheda-processo/9", Title: sp("Nuovo")}, day(3))

	ch, err := Diff(context.Background(), a.dir, day(2), day(4))
	mustT(t, err)
	want := []Change{
		{ID: 9, Kind: "added", Title: "Nuovo"},
		{ID: 141, Kind: "changed", Title: "Bilancio partecipato, \"2019\"", Fields: []FieldChange{
			{"status", "Concluso", "In corso"}, {"grant_eur", json.Number("15000.5"), nil}}},
	}
	if !reflect.DeepEqual(ch, want) {
		t.Errorf("diff day 2 -> 4:\n got %+v\nwant %+v", ch, want)
	}
	// A from later than to would report every later record as removed.
	if ch, err = Diff(context.Background(), a.dir, day(4), day(2)); !errors.Is(err, ErrReversedRange) || ch != nil {
		t.Errorf("diff day 4 -> 2: %+v, %v; want ErrReversedRange", ch, err)
	}
	ch, err = Diff(context.Background(), a.dir, day(2), day(2))
	if err != nil || len(ch) != 0 {
		t.Errorf("diff day 2 -> 2: %+v, %v; want no change", ch, err)
	}
}
