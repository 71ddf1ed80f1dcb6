package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"archivio/internal/demo/nodetool"
	"archivio/parsers/schema"
)

// readersArchive has two records (141 with lists, 7 with one list and no
// participants) and a good check of 141's website.
func readersArchive(t *testing.T) *testArchive {
	a := newArchive(t)
	a.apply(rec141(), day(1))
	a.apply(rec7(), day(2))
	a.check("https://comune.example.org/bilancio", day(3), true)
	return a
}

// parquetColumn is a top-level Parquet column as hyparquet reads it.
type parquetColumn struct {
	Name, Repetition, Type, Converted, Logical string
	Element                                    *parquetColumn
}

// TestParquetReadByHyparquet reads the Parquet export with hyparquet, an
// independent reader: processes' columns come in the schema's order (the
// CSV's, with the multi-valued fields as LIST columns where the schema has
// them), links.record_ids and links.fields are LISTs, and the values read
// back.
func TestParquetReadByHyparquet(t *testing.T) {
	tool := nodetool.Dir(t, "parquetcheck")
	a := readersArchive(t)
	out, _ := export(t, a, Options{Format: "parquet"})
	csvOut, _ := export(t, a, Options{Format: "csv"})
	cmd := exec.Command(nodetool.Node(t), filepath.Join(tool, "parquetcheck.mjs"), out, "--schema")
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("parquetcheck: %v\n%s", err, raw)
	}
	var got struct {
		Errors  []string
		Columns map[string][]parquetColumn
		Data    map[string][]map[string]any
	}
	mustT(t, json.Unmarshal(raw, &got))
	if len(got.Errors) > 0 {
		t.Fatalf("parquetcheck: %v", got.Errors)
	}

	// Column order: the schema's, as in CSV, list fields in their places.
	var want []string
	lists := map[string]bool{}
	for _, f := range schema.Fields() {
		want = append(want, f.Name)
		if f.IsList() {
			lists[f.Name] = true
		}
		if f.Type == "index" {
			want = append(want, f.Name+"_max")
		}
	}
	want = append(want, "record_version", "capture_id", "source_url", "captured_at", "capture_digest", "parser_version")
	var names, scalars []string
	for _, c := range got.Columns["processes.parquet"] {
		names = append(names, c.Name)
		if !lists[c.Name] {
			scalars = append(scalars, c.Name)
		}
		isList := c.Logical == "LIST" || c.Converted == "LIST"
		if isList != lists[c.Name] {
			t.Errorf("processes.%s: LIST %v, want %v", c.Name, isList, lists[c.Name])
		}
		if isList && (c.Element == nil || c.Element.Type != "BYTE_ARRAY" || c.Element.Logical != "STRING") {
			t.Errorf("processes.%s: elements %+v, want strings", c.Name, c.Element)
		}
	}
	if !slices.Equal(names, want) {
		t.Errorf("processes.parquet columns\n%q\nwant\n%q", names, want)
	}
	if header := readCSV(t, filepath.Join(csvOut, "processes.csv"), ',')[0]; !slices.Equal(scalars, header) {
		t.Errorf("processes.parquet's columns but lists\n%q\nCSV header\n%q", scalars, header)
	}
	for name, elem := range map[string]string{"record_ids": "INT64", "fields": "BYTE_ARRAY"} {
		i := slices.IndexFunc(got.Columns["links.parquet"], func(c parquetColumn) bool { return c.Name == name })
		if i < 0 {
			t.Errorf("links.parquet has no %s", name)
			continue
		}
		if c := got.Columns["links.parquet"][i]; c.Logical != "LIST" || c.Element == nil || c.Element.Type != elem {
			t.Errorf("links.%s: %+v, want a LIST of %s", name, c, elem)
		}
	}

	// Values: lists as lists, a missing list as null, the others typed.
	procs := got.Data["processes.parquet"]
	if len(procs) != 2 {
		t.Fatalf("processes: %v", procs)
	}
	p7, p141 := procs[0], procs[1]
	if !sameJSON(p141["participants"], []any{"Singoli cittadini", "Associazioni; gruppi"}) || !sameJSON(p141["territory"], []any{"Bologna"}) ||
		p7["participants"] != nil || !sameJSON(p7["techniques"], []any{"World café"}) || p141["id"] != 141.0 || p141["grant_eur"] != 15000.5 {
		t.Errorf("processes rows: 7 %v\n141 %v", p7, p141)
	}
	l := got.Data["links.parquet"][0]
	if !sameJSON(l["record_ids"], []any{141.0}) || !sameJSON(l["fields"], []any{"website"}) {
		t.Errorf("links row: %v", l)
	}
}

// TestJSONLinesArrays: in JSON Lines the multi-valued fields of processes
// and the link's record ids and fields are JSON arrays, a missing list
// null.
func TestJSONLinesArrays(t *testing.T) {
	a := readersArchive(t)
	out, _ := export(t, a, Options{Format: "jsonl"})
	lines := func(name string) []map[string]any {
		b, err := os.ReadFile(filepath.Join(out, name))
		mustT(t, err)
		var rows []map[string]any
		for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
			var m map[string]any
			mustT(t, json.Unmarshal(l, &m))
			rows = append(rows, m)
		}
		return rows
	}
	procs := lines("processes.jsonl")
	if !sameJSON(procs[1]["guarantee_committee_functions"], []any{"Monitoraggio", "Valutazione"}) || procs[0]["participants"] != nil {
		t.Errorf("processes: %v", procs)
	}
	if l := lines("links.jsonl")[0]; !sameJSON(l["record_ids"], []any{141.0}) || !sameJSON(l["fields"], []any{"website"}) {
		t.Errorf("links: %v", l)
	}
	var dp struct {
		Resources []struct {
			Name   string
			Schema struct {
				Fields []struct {
					Name, Type string
					ArrayItem  struct{ Type string } `json:"arrayItem"`
				}
			}
		}
	}
	b, err := os.ReadFile(filepath.Join(out, DataPackageFile))
	mustT(t, err)
	mustT(t, json.Unmarshal(b, &dp))
	found := 0
	for _, r := range dp.Resources {
		for _, f := range r.Schema.Fields {
			switch r.Name + "." + f.Name {
			case "processes.participants", "links.fields":
				found++
				if f.Type != "array" || f.ArrayItem.Type != "string" {
					t.Errorf("%s.%s: %+v", r.Name, f.Name, f)
				}
			case "links.record_ids":
				found++
				if f.Type != "array" || f.ArrayItem.Type != "integer" {
					t.Errorf("%s.%s: %+v", r.Name, f.Name, f)
				}
			}
		}
	}
	if found != 3 {
		t.Errorf("the data package describes %d of the 3 list columns looked for", found)
	}
}

// TestDataPackageValidates has the Frictionless Data library for
// JavaScript (datapackage 1.1.10) validate the CSV exports, plain and for
// Excel: the descriptor, every resource, every row cast to its schema and
// every foreign key. The Excel variant keeps its BOM under the encoding
// name "utf-8", writes booleans as an Italian spreadsheet shows them (VERO,
// FALSO) and times as "yyyy-mm-dd hh:mm:ss".
func TestDataPackageValidates(t *testing.T) {
	tool := nodetool.Dir(t, "datapackagecheck")
	a := readersArchive(t)
	for _, excel := range []bool{false, true} {
		out, res := export(t, a, Options{Format: "csv", Excel: excel})
		raw, err := exec.Command(nodetool.Node(t), filepath.Join(tool, "datapackagecheck.mjs"), out).Output()
		var got struct {
			Valid     bool
			Errors    []string
			BOM       []string
			Resources map[string]struct {
				Valid bool
				Rows  int
				First map[string]any
			}
		}
		if jerr := json.Unmarshal(raw, &got); jerr != nil {
			t.Fatalf("excel %v: datapackagecheck: %v %v\n%s", excel, err, jerr, raw)
		}
		if err != nil || !got.Valid || len(got.Errors) > 0 {
			t.Errorf("excel %v: the Frictionless library finds the export invalid: %v", excel, got.Errors)
		}
		for _, tb := range res.Tables {
			if r, ok := got.Resources[tb.Name]; !ok || !r.Valid || r.Rows != tb.Rows {
				t.Errorf("excel %v: resource %s read as %+v, the manifest says %d rows", excel, tb.Name, r, tb.Rows)
			}
		}
		// Record 7 cast to its types, its capture resolved by the foreign key.
		p := got.Resources["processes"].First
		capture, _ := p["capture_id"].(map[string]any)
		if p["id"] != 7.0 || p["certified"] != false || p["total_cost_eur"] != 1234.25 || p["captured_at"] != "2025-01-02T12:00:00.000Z" ||
			capture["warc_file"] != "t.warc.gz" || capture["warc_record_id"] != "<urn:uuid:r2>" {
			t.Errorf("excel %v: first process cast as %v", excel, p)
		}
		if wantBOM := len(res.Tables); excel != (len(got.BOM) == wantBOM) || !excel && len(got.BOM) > 0 {
			t.Errorf("excel %v: byte order marks on %v", excel, got.BOM)
		}
		if !excel {
			continue
		}
		b, err := os.ReadFile(filepath.Join(out, "processes.csv"))
		mustT(t, err)
		if !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Errorf("excel: no BOM")
		}
		rows := asMaps(readCSV(t, filepath.Join(out, "processes.csv"), ';'))
		if p := rows[1]; p["certified"] != "VERO" || p["financed"] != "FALSO" || p["captured_at"] != "2025-01-01 12:00:00" || p["grant_eur"] != "15000,5" {
			t.Errorf("excel: record 141 as %v", p)
		}
		dp, err := os.ReadFile(filepath.Join(out, DataPackageFile))
		mustT(t, err)
		if bytes.Contains(dp, []byte("utf-8-sig")) || !bytes.Contains(dp, []byte(`"encoding": "utf-8"`)) {
			t.Errorf("excel: the data package's encoding is not utf-8")
		}
	}
}
