package pagegen

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestShellLayoutHidesTheRecordFromReaders checks that the shell page
// shows none of the record's labels or values as text, and carries all of
// them in its JSON blob.
func TestShellLayoutHidesTheRecordFromReaders(t *testing.T) {
	p := parseRecord(t, 141)
	p.Title = "A </script><b>title</b>"
	b, err := Render(p, ShellLayout)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(Layouts(), ShellLayout) {
		t.Error("the shell layout must not be among the layouts the demo site rotates through")
	}
	if ContentType(ShellLayout) != "text/html; charset=utf-8" {
		t.Errorf("content type %q", ContentType(ShellLayout))
	}
	root, err := html.Parse(strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	var visible strings.Builder
	var blob string
	var walk func(n *html.Node, inScript bool)
	walk = func(n *html.Node, hidden bool) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "title" || n.Data == "head") {
			hidden = true
			if n.Data == "script" && n.FirstChild != nil {
				for _, a := range n.Attr {
					if a.Key == "id" && a.Val == "scheda-data" {
						blob = n.FirstChild.Data
					}
				}
			}
		}
		if n.Type == html.TextNode && !hidden {
			visible.WriteString(n.Data + "\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, hidden)
		}
	}
	walk(root, false)
	var d shellData
	if err := json.Unmarshal([]byte(blob), &d); err != nil {
		t.Fatalf("the JSON blob does not read back (%v): %.200s", err, blob)
	}
	if d.ID != 141 || d.Title != p.Title || len(d.Sections) != len(p.Sections) {
		t.Errorf("blob %+v", d)
	}
	n := 0
	for i, s := range p.Sections {
		for k, f := range s.Fields {
			n++
			if d.Sections[i].Fields[k].Label != f.Label || !slices.Equal(d.Sections[i].Fields[k].Lines, f.Lines) {
				t.Errorf("field %s: %+v", f.Label, d.Sections[i].Fields[k])
			}
			if strings.Contains(visible.String(), f.Label) {
				t.Errorf("label %q is visible", f.Label)
			}
		}
	}
	if n < 25 {
		t.Errorf("record 141 has only %d fields in the blob", n)
	}
	if !strings.Contains(visible.String(), "Caricamento della scheda") {
		t.Errorf("visible text %q", visible.String())
	}
}
