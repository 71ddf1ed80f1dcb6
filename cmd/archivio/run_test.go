package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

// runCLI runs archivio with args and returns stdout, stderr and the error.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut})
	return out.String(), errOut.String(), err
}

// renderRecord writes a record page rendered in a layout to dir/name.
func renderRecord(t *testing.T, dir, name string, id int, layout string) string {
	t.Helper()
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.ID != id {
			continue
		}
		p, err := pagegen.ParseText(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		b, err := pagegen.Render(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Fatalf("no record %d", id)
	return ""
}

func TestHelp(t *testing.T) {
	out, _, err := runCLI(t, "", "--help")
	if err != nil || !strings.Contains(out, "parse") || !strings.Contains(out, "Commands:") {
		t.Fatalf("archivio --help: %v\n%s", err, out)
	}
	for _, c := range commands() {
		out, errOut, err := runCLI(t, "", c.name, "--help")
		if err != nil || errOut != "" {
			t.Errorf("%s --help: err %v stderr %q", c.name, err, errOut)
		}
		if !strings.Contains(out, "Example") || !strings.Contains(out, "archivio "+c.name) {
			t.Errorf("%s --help has no example:\n%s", c.name, out)
		}
	}
	if _, _, err := runCLI(t, "", "nosuchcommand"); !errors.Is(err, errUsage) {
		t.Errorf("unknown command: err = %v, want a usage error", err)
	}
	if _, _, err := runCLI(t, ""); !errors.Is(err, errUsage) {
		t.Errorf("no command: err = %v, want a usage error", err)
	}
}

func TestParseCommand(t *testing.T) {
	dir := t.TempDir()
	p141 := renderRecord(t, dir, "141.html", 141, "table")
	p1068 := renderRecord(t, dir, "1068.htm", 1068, "divs")
	missing := filepath.Join(dir, "missing.html")
	notRecord := filepath.Join("testdata", "not-a-record.html")

	out, errOut, err := runCLI(t, "", "parse", p141, missing, notRecord, p1068)
	if !errors.Is(err, errReported) {
		t.Fatalf("err = %v, want a reported failure", err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 JSON lines, got %d:\n%s", len(lines), out)
	}
	var ids []int
	for _, l := range lines {
		var rec struct {
			ID    int             `json:"id"`
			URL   string          `json:"url"`
			Raw   json.RawMessage `json:"raw"`
			Links []struct {
				URL          string `json:"url"`
				Field        string `json:"field"`
				DeclaredGone bool   `json:"declared_gone"`
			} `json:"links"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("line is not JSON: %v\n%s", err, l)
		}
		ids = append(ids, rec.ID)
		if rec.ID == 141 {
			if rec.URL != "https://www.osservatoriopartecipazione.it/scheda-processo/141" {
				t.Errorf("url from the file name = %q", rec.URL)
			}
			found := false
			for _, lk := range rec.Links {
				found = found || (lk.URL == "http://www.fabbricaideedistretto.it" && lk.Field == "source_notes" && lk.DeclaredGone)
			}
			if !found {
				t.Errorf("141 lacks its declared-gone link: %+v", rec.Links)
			}
		}
	}
	if ids[0] != 141 || ids[1] != 1068 {
		t.Errorf("ids = %v, want [141 1068] in argument order", ids)
	}
	for _, want := range []string{missing + ": open", notRecord + ": not a process page", "2 of 4 files failed"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestParseCommandURLAndStdin(t *testing.T) {
	dir := t.TempDir()
	page := renderRecord(t, dir, "scheda.html", 2974, "inline")
	body, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	const u = "http://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/2974"
	out, errOut, err := runCLI(t, string(body), "parse", "--url", u, "-")
	if err != nil {
		t.Fatalf("parse -: %v %s", err, errOut)
	}
	if !strings.Contains(out, `"id":2974`) || !strings.Contains(out, `"url":"`+u+`"`) {
		t.Errorf("stdin record: %.200s", out)
	}
	if _, _, err := runCLI(t, "", "parse", "--url", u, page, page); !errors.Is(err, errUsage) {
		t.Errorf("a record URL with two files: err = %v, want a usage error", err)
	}
	if _, errOut, err := runCLI(t, "", "parse", page); !errors.Is(err, errReported) || !strings.Contains(errOut, "--url") {
		t.Errorf("a file with no id anywhere: err = %v, stderr %q", err, errOut)
	}
	if _, _, err := runCLI(t, "", "parse", "--url", "ftp://x", page); !errors.Is(err, errUsage) {
		t.Errorf("a non-http --url: err = %v", err)
	}
}

func TestExitCode(t *testing.T) {
	var b bytes.Buffer
	if c := exitCode(nil, &b); c != 0 {
		t.Errorf("nil -> %d", c)
	}
	if c := exitCode(errReported, &b); c != 1 || b.Len() != 0 {
		t.Errorf("reported -> %d, printed %q", c, b.String())
	}
	if c := exitCode(errors.New("boom"), &b); c != 1 || !strings.Contains(b.String(), "archivio: boom") {
		t.Errorf("plain error -> %d, printed %q", c, b.String())
	}
	b.Reset()
	if c := exitCode(errUsage, &b); c != 2 {
		t.Errorf("usage -> %d", c)
	}
}
