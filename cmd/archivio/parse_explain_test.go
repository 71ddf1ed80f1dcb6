package main

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateGolden = flag.Bool("update", false, "rewrite golden files under testdata/")

// TestParseExplain checks archivio parse --explain against its golden
// output on a form-based page with a decorated label, a near miss, an
// unknown label and a checkbox.
func TestParseExplain(t *testing.T) {
	page := filepath.Join("testdata", "explain-141.html")
	out, errOut, err := runCLI(t, "", "parse", "--explain", "--url", "https://www.osservatoriopartecipazione.it/scheda-processo/141", page)
	if err != nil {
		t.Fatalf("err %v, stderr %s", err, errOut)
	}
	golden := filepath.Join("testdata", "explain-141.golden.txt")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("--explain output differs from %s (go test ./cmd/archivio -run ParseExplain -update):\n%s", golden, out)
	}

	out, _, err = runCLI(t, "", "parse", "--explain", "--format", "jsonl", "--url", "https://www.osservatoriopartecipazione.it/scheda-processo/141", page)
	if err != nil {
		t.Fatal(err)
	}
	var x struct {
		RecordID    int `json:"record_id"`
		Explanation struct {
			Labels []struct {
				Label, Match, Field, Dropped string
				Typed                        json.RawMessage
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	byLabel := map[string]string{}
	for _, l := range x.Explanation.Labels {
		byLabel[l.Label] = l.Match + " " + l.Field + " " + l.Dropped + " " + string(l.Typed)
	}
	for label, want := range map[string]string{
		"Stato di avanzamento": `exact status ? "Concluso"`,
		"Natura del processo":  `fuzzy nature * "Processo non certificato"`,
		"Data":                 `unknown   null`,
		"Codecisione":          `exact codecision  false`,
	} {
		if got := byLabel[label]; got != want {
			t.Errorf("%s: %q, want %q", label, got, want)
		}
	}
	if x.RecordID != 141 {
		t.Errorf("record_id %d", x.RecordID)
	}
}

// TestParseExplainNotARecord: a page that is not a record is explained
// too, and the exit status says it gave no record.
func TestParseExplainNotARecord(t *testing.T) {
	out, errOut, err := runCLI(t, "", "parse", "--explain", filepath.Join("testdata", "not-a-record.html"))
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want a reported failure", err)
	}
	if !strings.Contains(out, "result: not read as a record: not a process page") || !strings.Contains(errOut, "1 of 1 files not read as records") {
		t.Errorf("stdout:\n%s\nstderr:\n%s", out, errOut)
	}
}
