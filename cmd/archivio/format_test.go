package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"archivio/internal/jobs"
)

// TestFormatsHaveTheSameNames runs every command that prints data in each
// format it offers, on an archive of the demo site, and checks that the
// names are the same everywhere (table, jsonl, json, csv where rows are
// flat) and that each output reads back as what it says: JSON Lines one
// object per line, json one document, csv rows of equal width with a
// header; a format a command does not offer is a usage error naming
// those it does.
func TestFormatsHaveTheSameNames(t *testing.T) {
	_, network := demoNetwork(t)
	dir := t.TempDir()
	if out, errOut, err := runOn(t, network, nil, "crawl", "--data", dir, "--delay", "0", "--quiet"); err != nil {
		t.Fatalf("crawl: %v\n%s%s", err, out, errOut)
	}
	if _, _, err := runOn(t, network, nil, "links", "check", "--data", dir, "--quiet", "--snapshot-depth", "-1", "--timeout", "2s", "--exit-zero",
		"--fail-threshold", "1", "--fail-window", "0"); err != nil {
		t.Fatal(err)
	}
	page := renderRecord(t, t.TempDir(), "141.html", 141, "dl")
	for _, c := range []struct {
		args    []string
		formats []string
	}{
		{[]string{"records"}, []string{"table", "jsonl", "json"}},
		{[]string{"records", "--unreadable"}, []string{"table", "jsonl", "json"}},
		{[]string{"links"}, []string{"table", "csv", "jsonl", "json"}},
		{[]string{"alerts"}, []string{"table", "jsonl", "json"}},
		{[]string{"status"}, []string{"table", "json"}},
		{[]string{"config", "show"}, []string{"table", "jsonl", "json", "csv"}},
		{[]string{"version"}, []string{"table", "json"}},
		{[]string{"parse"}, []string{"jsonl", "json"}},
		{[]string{"parse", "--explain"}, []string{"table", "jsonl", "json"}},
	} {
		name := strings.Join(c.args[:1], " ")
		args := append([]string{}, c.args...)
		if c.args[0] != "parse" && c.args[0] != "config" && c.args[0] != "version" {
			args = append(args, "--data", dir)
		}
		withFormat := func(f string) []string {
			a := append(append([]string{}, args...), "--format", f)
			if c.args[0] == "parse" {
				a = append(a, page, page)
			}
			return a
		}
		for _, f := range c.formats {
			out, errOut, err := runOn(t, network, func(string) string { return "" }, withFormat(f)...)
			if err != nil {
				t.Errorf("%s --format %s: %v\n%s", name, f, err, errOut)
				continue
			}
			if out == "" && f == "jsonl" && c.args[len(c.args)-1] == "--unreadable" {
				continue // no record page is unreadable: no line
			}
			if err := readsAs(out, f); err != nil {
				t.Errorf("%s --format %s: %v\n%s", strings.Join(c.args, " "), f, err, clip(out, 400))
			}
		}
		for _, f := range []string{"table", "jsonl", "json", "csv"} {
			if offered(c.formats, f) {
				continue
			}
			_, _, err := runOn(t, network, nil, withFormat(f)...)
			if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), orList(c.formats)) {
				t.Errorf("%s --format %s: %v, want a usage error naming %s", strings.Join(c.args, " "), f, err, orList(c.formats))
			}
		}
	}
}

// TestLinksCheckReportAsJSON checks the link check's report in JSON.
func TestLinksCheckReportAsJSON(t *testing.T) {
	_, network := demoNetwork(t)
	dir := t.TempDir()
	if _, _, err := runOn(t, network, nil, "crawl", "--data", dir, "--delay", "0", "--quiet"); err != nil {
		t.Fatal(err)
	}
	out, _, err := runOn(t, network, nil, "links", "check", "--data", dir, "--quiet", "--snapshot-depth", "-1", "--timeout", "2s", "--format", "json")
	if !errors.Is(err, errLinksFailing) {
		t.Fatalf("err = %v", err)
	}
	var rep jobs.LinksReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Checked == 0 || rep.States["suspect"] == 0 {
		t.Errorf("report %+v: %v\n%s", rep, err, out)
	}
}

func offered(formats []string, f string) bool {
	for _, g := range formats {
		if g == f {
			return true
		}
	}
	return false
}

// readsAs checks that out is what format says it is.
func readsAs(out, format string) error {
	if strings.TrimSpace(out) == "" {
		return errors.New("no output")
	}
	switch format {
	case "jsonl":
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<24)
		for sc.Scan() {
			var v map[string]any
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				return err
			}
		}
		return sc.Err()
	case "json":
		if !json.Valid([]byte(out)) {
			return errors.New("not one JSON document")
		}
	case "csv":
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			return err
		}
		if len(rows) < 2 {
			return errors.New("no rows under the header")
		}
	case "table":
		if json.Valid([]byte(out)) {
			return errors.New("a table that is JSON")
		}
	}
	return nil
}
