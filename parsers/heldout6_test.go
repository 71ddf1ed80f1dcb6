package parsers

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

// heldOut6Target is the share of fields with a value the parser must get
// right on the sixth held-out set of markups.
const heldOut6Target = 0.98

// TestHeldOut6 parses every record in every layout of the sixth held-out
// set (pagegen.HeldOut6Layouts: a block theme post, a tabbed open data
// page, a low-code portal's read-only form, a forum topic quoting the
// record as pasted text, a notebook's table, stat cards rendered by
// SvelteKit, web components with declarative shadow DOM, a text-only
// page, an e-mail's web version, a page saved with its framed widget and
// a script's UTF-16 export, none of which anything else in the project
// renders) and compares each typed field and the links with the record's
// canonical parse, the golden file of its "dl" layout. It reports two
// figures: (a) the fields where either side has a value, and (b) all
// fields, nulls included; in both, a page the parser rejects counts every
// field wrong. It fails when (a) is below heldOut6Target, or when any
// page is rejected: every page of the set carries the record's labels.
// With -v it prints both figures per layout, figure (a) per layout and
// field, and the first differences in each layout.
func TestHeldOut6(t *testing.T) {
	canon := canonicalRecords(t)
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	layouts := pagegen.HeldOut6Layouts()
	if len(layouts) < 10 {
		t.Fatalf("%d layouts in the sixth held-out set, want at least 10", len(layouts))
	}
	fields := append(typedFields(), "links")
	var overall heldOut3Tally
	perLayout := map[string]*heldOut3Tally{}
	perField := map[string]map[string]*heldOut3Tally{} // layout -> field -> tally
	examples := map[string][]string{}
	rejected := 0
	for _, layout := range layouts {
		perLayout[layout] = &heldOut3Tally{}
		perField[layout] = map[string]*heldOut3Tally{}
		for _, f := range fields {
			perField[layout][f] = &heldOut3Tally{}
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
			body, ct, err := pagegen.RenderHeldOut6(p, layout)
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
				t.Errorf("%s/%d: page rejected whole although it carries the record's labels: %v", layout, s.ID, perr)
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
	fmt.Fprintf(&b, "sixth held-out set: (a) %s of fields with a value on either side right, (b) %s of all fields right (nulls included), %d pages rejected\n",
		overall.valued, overall.all, rejected)
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
	if overall.valued.share() < heldOut6Target {
		t.Errorf("accuracy (a) %s, want at least %.0f%% (run with -v for the breakdown)", overall.valued, 100*heldOut6Target)
	}
}
