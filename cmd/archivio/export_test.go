package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"archivio/archive"
	"archivio/internal/export"
	"archivio/internal/jobs"
	"archivio/parsers"
)

// exportArchive makes an archive with record 141 at two versions (day 1
// and day 3) and record 9 added on day 3.
func exportArchive(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := archive.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	str := func(s string) *string { return &s }
	apply := func(r *parsers.Record, day int) {
		at := time.Date(2025, 1, day, 12, 0, 0, 0, time.UTC)
		id, err := st.AddCapture(ctx, &archive.Capture{URL: r.URL, FetchedAt: at, Status: 200, WARCFile: "x.warc.gz", WARCOffset: int64(day*1000 + r.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplyRecord(ctx, mustRecord(t, r), id, at); err != nil {
			t.Fatal(err)
		}
	}
	apply(&parsers.Record{ID: 141, URL: "https://example.org/scheda-processo/141", Title: str("Bilancio"), Status: str("Concluso"),
		Participants: []string{"Singoli cittadini"}}, 1)
	apply(&parsers.Record{ID: 141, URL: "https://example.org/scheda-processo/141", Title: str("Bilancio"), Status: str("In corso"),
		Participants: []string{"Singoli cittadini"}}, 3)
	apply(&parsers.Record{ID: 9, URL: "https://example.org/scheda-processo/9", Title: str("Piazza")}, 3)
	return dir
}

func runCmd(t *testing.T, fn func(context.Context, *env, []string) error, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := fn(context.Background(), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, args)
	return out.String(), errOut.String(), err
}

func TestExportCommand(t *testing.T) {
	data := exportArchive(t)
	for _, format := range []string{"csv", "jsonl", "parquet", "sqlite"} {
		out := filepath.Join(t.TempDir(), format)
		stdout, _, err := runCmd(t, runExport, "--data", data, "--format", format, "--out", out, "--as-of", "2025-01-02")
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if !strings.Contains(stdout, "processes") {
			t.Errorf("%s: output %q", format, stdout)
		}
		for _, f := range []string{"datapackage.json", "CODEBOOK.md", "manifest.json"} {
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("%s: %v", format, err)
			}
		}
	}
	out := filepath.Join(t.TempDir(), "x")
	if _, _, err := runCmd(t, runExport, "--data", data, "--format", "csv", "--excel", "--out", out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(out, "processes.csv"))
	if !bytes.HasPrefix(b, []byte("\ufeffid;")) || !bytes.Contains(b, []byte("In corso")) {
		t.Errorf("excel export: %q", b)
	}
}

func TestExportCommandUsage(t *testing.T) {
	data := exportArchive(t)
	for name, args := range map[string][]string{
		"no format":      {"--data", data, "--out", t.TempDir()},
		"bad format":     {"--data", data, "--format", "xlsx", "--out", t.TempDir()},
		"no out":         {"--data", data, "--format", "csv"},
		"excel not csv":  {"--data", data, "--format", "jsonl", "--excel", "--out", t.TempDir()},
		"bad as-of":      {"--data", data, "--format", "csv", "--out", t.TempDir(), "--as-of", "01/02/2025"},
		"diff no to":     nil,
		"diff bad from":  nil,
		"diff bad forma": nil,
	} {
		fn := runExport
		switch name {
		case "diff no to":
			fn, args = runDiff, []string{"--data", data, "--from", "2025-01-01"}
		case "diff bad from":
			fn, args = runDiff, []string{"--data", data, "--from", "yesterday", "--to", "2025-01-01"}
		case "diff bad forma":
			fn, args = runDiff, []string{"--data", data, "--from", "2025-01-01", "--to", "2025-01-04", "--format", "xml"}
		}
		if _, _, err := runCmd(t, fn, args...); !errors.Is(err, errUsage) {
			t.Errorf("%s: err = %v, want a usage error", name, err)
		}
	}
	if _, _, err := runCmd(t, runExport, "--data", t.TempDir(), "--format", "csv", "--out", t.TempDir()); err == nil || errors.Is(err, errUsage) {
		t.Errorf("no archive: err = %v", err)
	}
	for _, fn := range []func(context.Context, *env, []string) error{runExport, runDiff} {
		if out, _, err := runCmd(t, fn, "--help"); err != nil || !strings.Contains(out, "Example") {
			t.Errorf("--help: %v %q", err, out)
		}
	}
}

func TestDiffCommand(t *testing.T) {
	data := exportArchive(t)
	out, _, err := runCmd(t, runDiff, "--data", data, "--from", "2025-01-02", "--to", "2025-01-04")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"added   9 Piazza", "changed 141 Bilancio", `status: "Concluso" -> "In corso"`} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCmd(t, runDiff, "--data", data, "--from", "2025-01-02T00:00:00Z", "--to", "2025-01-04", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var changes []struct {
		ID   int
		Kind string
	}
	if err := json.Unmarshal([]byte(out), &changes); err != nil || len(changes) != 2 || changes[0].Kind != "added" || changes[1].Kind != "changed" {
		t.Errorf("json diff: %v %s", err, out)
	}
}

// The diff in each of its formats: jsonl one change per line, csv one row
// per changed field, json one array; the same changes each time.
func TestDiffFormats(t *testing.T) {
	data := exportArchive(t)
	args := []string{"--data", data, "--from", "2025-01-02", "--to", "2025-01-04", "--format"}
	out, _, err := runCmd(t, runDiff, append(args, "jsonl")...)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first export.Change
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first.ID != 9 || first.Kind != "added" {
		t.Errorf("jsonl: %q", out)
	}
	out, _, err = runCmd(t, runDiff, append(args, "csv")...)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	want := [][]string{{"id", "kind", "title", "field", "from", "to"}, {"9", "added", "Piazza", "", "", ""},
		{"141", "changed", "Bilancio", "status", `"Concluso"`, `"In corso"`}}
	if err != nil || !reflect.DeepEqual(rows, want) {
		t.Errorf("csv: %q %v, want %q", rows, err, want)
	}
	out, _, err = runCmd(t, runDiff, append(args, "json")...)
	var all []export.Change
	if err != nil || json.Unmarshal([]byte(out), &all) != nil || len(all) != 2 {
		t.Errorf("json: %v %q", err, out)
	}
}

// A --from later than --to is refused, naming both moments, instead of
// reporting every record as removed.
func TestDiffRefusesReversedRange(t *testing.T) {
	data := exportArchive(t)
	out, _, err := runCmd(t, runDiff, "--data", data, "--from", "2025-01-04T00:00:00Z", "--to", "2025-01-02", "--format", "json")
	if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "later than --to") || out != "" {
		t.Errorf("reversed range: err = %v, out %q; want a usage error naming the order", err, out)
	}
}

// mustRecord is a parsed record as the archive keeps it.
func mustRecord(t *testing.T, r *parsers.Record) archive.ParsedRecord {
	t.Helper()
	a, err := jobs.ArchiveRecord(r)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// An export into a folder that holds an earlier one is refused with an
// error saying what to do; --overwrite replaces it, and a file of one's
// own in the folder stays.
func TestExportCommandOverwrite(t *testing.T) {
	data := exportArchive(t)
	out := filepath.Join(t.TempDir(), "dataset")
	if _, _, err := runCmd(t, runExport, "--data", data, "--format", "parquet", "--out", out); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "README.txt"), []byte("mine"), 0o644)
	_, _, err := runCmd(t, runExport, "--data", data, "--format", "csv", "--out", out)
	if err == nil || !strings.Contains(err.Error(), "--overwrite") || errors.Is(err, errUsage) {
		t.Fatalf("csv into the parquet export's folder: %v; want an error naming --overwrite", err)
	}
	if _, _, err := runCmd(t, runExport, "--data", data, "--format", "csv", "--out", out, "--overwrite"); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(out, "*.parquet"))
	if b, _ := os.ReadFile(filepath.Join(out, "README.txt")); len(left) != 0 || string(b) != "mine" {
		t.Errorf("after --overwrite: parquet files %v, README.txt %q", left, b)
	}
}
