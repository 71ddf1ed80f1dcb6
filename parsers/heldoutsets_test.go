package parsers

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

// The held-out sets measure the parser on markup it was not written
// against: each was written by someone who did not read the parser, and
// measured once before the parser was changed for it (the README gives
// those figures); since then each is a regression test. TestHeldOut3 and
// the tests after it run measureHeldOut on their set.

// heldOutSet is a held-out set of markups and how to render a page in one.
type heldOutSet struct {
	name    string // "third", "fourth", ...
	layouts func() []string
	render  func(p *pagegen.Page, layout string) (body []byte, contentType string, err error)
	// measureOnly reports the figures without failing: a new set is
	// measured once so before the parser is changed for it, and becomes
	// a regression test when the parser reads it right.
	measureOnly bool
}

// heldOutTally is what measureHeldOut counts for one markup, one field or
// the whole set: fields with a value on either side, and all fields.
type heldOutTally struct {
	valued score // fields where the canonical parse or the parse under test has a value
	all    score // every field, nulls included
}

func (t *heldOutTally) add(counted, right bool) {
	t.all.add(right)
	if counted {
		t.valued.add(right)
	}
}

// TestHeldOutTally checks how measureHeldOut counts: a field with a value
// on either side counts in both figures, a field null on both sides only
// in the second.
func TestHeldOutTally(t *testing.T) {
	var tl heldOutTally
	tl.add(true, true)
	tl.add(true, false)
	tl.add(false, true)
	if tl.valued.right != 1 || tl.valued.total != 2 || tl.all.right != 2 || tl.all.total != 3 {
		t.Errorf("tally %+v, want (a) 1/2 and (b) 2/3", tl)
	}
}

// measureHeldOut parses every record in every layout of a held-out set and
// compares each typed field and the links with the record's canonical
// parse, the golden file of its "dl" layout. It reports two figures: (a)
// the fields where either side has a value, and (b) all fields, nulls
// included; in both, a page the parser rejects counts every field wrong.
// It fails when (a) is below heldOutTarget, or when any page is rejected:
// every page of a set carries the record's labels. With -v it prints both
// figures per layout, figure (a) per layout and field, and the first
// differences in each layout.
func measureHeldOut(t *testing.T, set heldOutSet) {
	t.Helper()
	canon := canonicalRecords(t)
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	layouts := set.layouts()
	if len(layouts) < 10 {
		t.Fatalf("%d layouts in the %s held-out set, want at least 10", len(layouts), set.name)
	}
	fields := append(typedFields(), "links")
	var overall heldOutTally
	perLayout := map[string]*heldOutTally{}
	perField := map[string]map[string]*heldOutTally{} // layout -> field -> tally
	examples := map[string][]string{}
	rejected := 0
	for _, layout := range layouts {
		perLayout[layout] = &heldOutTally{}
		perField[layout] = map[string]*heldOutTally{}
		for _, f := range fields {
			perField[layout][f] = &heldOutTally{}
		}
		for _, s := range srcs {
			p, err := pagegen.ParseText(s.Text)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := canon[s.ID]
			if !ok {
				t.Fatalf("record %d has no canonical golden file", s.ID)
			}
			body, ct, err := set.render(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(p.URL)
			if err != nil {
				t.Fatal(err)
			}
			got, perr := Parse(body, u, ct)
			if perr != nil {
				rejected++
				fail := t.Errorf
				if set.measureOnly {
					fail = t.Logf
				}
				fail("%s/%d: page rejected whole although it carries the record's labels: %v", layout, s.ID, perr)
				got = &Record{}
			}
			diffs := map[string]string{}
			for _, d := range compareRecords(want, got) {
				diffs[d.Field] = d.What
			}
			w, g := fieldsOf(want), fieldsOf(got)
			for _, f := range fields {
				what, wrong := diffs[f]
				var counted bool
				if f == "links" {
					counted = len(want.Links) > 0 || len(got.Links) > 0
				} else {
					counted = hasValue(w[f]) || hasValue(g[f])
				}
				if perr != nil {
					wrong, counted, what = true, true, "page rejected"
				}
				counted = counted || wrong
				overall.add(counted, !wrong)
				perLayout[layout].add(counted, !wrong)
				perField[layout][f].add(counted, !wrong)
				if wrong && len(examples[layout]) < 12 {
					examples[layout] = append(examples[layout], fmt.Sprintf("%d %s: %s", s.ID, f, clip(what, 240)))
				}
			}
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s held-out set: (a) %s of fields with a value on either side right, (b) %s of all fields right (nulls included), %d pages rejected\n",
		set.name, overall.valued, overall.all, rejected)
	if testing.Verbose() {
		fmt.Fprintf(&b, "  %-12s %-24s %s\n", "layout", "(a) with a value", "(b) all fields")
		for _, layout := range layouts {
			fmt.Fprintf(&b, "  %-12s %-24s %s\n", layout, perLayout[layout].valued, perLayout[layout].all)
		}
	}
	t.Log(b.String())
	if testing.Verbose() {
		b.Reset()
		b.WriteString("per layout and field, (a) fields with a value on either side (fields right everywhere left out):\n")
		fmt.Fprintf(&b, "  %-36s", "field")
		for _, layout := range layouts {
			fmt.Fprintf(&b, " %12s", layout)
		}
		b.WriteString("\n")
		for _, f := range fields {
			missed := false
			for _, layout := range layouts {
				if s := perField[layout][f].valued; s.right < s.total {
					missed = true
				}
			}
			if !missed {
				continue
			}
			fmt.Fprintf(&b, "  %-36s", f)
			for _, layout := range layouts {
				cell := "-"
				if s := perField[layout][f].valued; s.total > 0 {
					cell = fmt.Sprintf("%d/%d", s.right, s.total)
				}
				fmt.Fprintf(&b, " %12s", cell)
			}
			b.WriteString("\n")
		}
		for _, layout := range layouts {
			if len(examples[layout]) > 0 {
				fmt.Fprintf(&b, "first differences in %s:\n    %s\n", layout, strings.Join(examples[layout], "\n    "))
			}
		}
		t.Log(b.String())
	}
	if overall.valued.share() < heldOutTarget {
		fail := t.Errorf
		if set.measureOnly {
			fail = t.Logf
		}
		fail("accuracy (a) %s, want at least %.0f%% (run with -v for the breakdown)", overall.valued, 100*heldOutTarget)
	}
}
