package parsers

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

// heldOutTarget is the share of fields the parser must get right on
// record pages in markups it was not written against.
const heldOutTarget = 0.98

// score counts fields right out of fields counted.
type score struct{ right, total int }

func (s *score) add(ok bool) {
	s.total++
	if ok {
		s.right++
	}
}

func (s score) String() string {
	if s.total == 0 {
		return "-"
	}
	return fmt.Sprintf("%d/%d (%.1f%%)", s.right, s.total, 100*float64(s.right)/float64(s.total))
}

func (s score) share() float64 {
	if s.total == 0 {
		return 1
	}
	return float64(s.right) / float64(s.total)
}

// TestHeldOut parses every record in every held-out layout (see
// pagegen.HeldOutLayouts: markups that neither the fixtures nor the random
// markups use) and scores each typed field and the links against the
// record's canonical parse. A field counts when the canonical parse or the
// parse under test has a value for it (a field both leave null is not
// evidence), and a page the parser rejects counts every canonical field
// wrong. It fails below heldOutTarget, or on any rejected page: every
// held-out page carries the record's labels. With -v it prints the scores
// per layout and per field and the first differences of each layout.
func TestHeldOut(t *testing.T) {
	canon := canonicalRecords(t)
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	fields := append(typedFields(), "links")
	var overall, all score
	perLayout := map[string]*score{}
	perField := map[string]map[string]*score{} // layout -> field -> score
	examples := map[string][]string{}
	rejected := 0
	for _, layout := range pagegen.HeldOutLayouts() {
		perLayout[layout] = &score{}
		perField[layout] = map[string]*score{}
		for _, f := range fields {
			perField[layout][f] = &score{}
		}
		for _, s := range srcs {
			p, err := pagegen.ParseText(s.Text)
			if err != nil {
				t.Fatal(err)
			}
			want := canon[s.ID]
			body, ct, err := pagegen.RenderHeldOut(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			u, err := url.Parse(p.URL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(body, u, ct)
			if err != nil {
				rejected++
				t.Errorf("%s/%d: page rejected whole although it carries the record's labels: %v", layout, s.ID, err)
				got = &Record{}
			}
			diffs := map[string]string{}
			for _, d := range compareRecords(want, got) {
				diffs[d.Field] = d.What
			}
			w, g := fieldsOf(want), fieldsOf(got)
			for _, f := range fields {
				_, wrong := diffs[f]
				counted := err != nil || diffs[f] != ""
				if f == "links" {
					counted = counted || len(want.Links) > 0
				} else {
					counted = counted || hasValue(w[f]) || hasValue(g[f])
				}
				all.add(!wrong)
				if !counted {
					continue
				}
				overall.add(!wrong)
				perLayout[layout].add(!wrong)
				perField[layout][f].add(!wrong)
				if wrong && len(examples[layout]) < 8 {
					examples[layout] = append(examples[layout], fmt.Sprintf("%d %s: %s", s.ID, f, clip(diffs[f], 200)))
				}
			}
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, "held-out layouts: %s of fields with a value right, %d pages rejected (all fields, nulls included: %s)\n", overall, rejected, all)
	for _, layout := range pagegen.HeldOutLayouts() {
		fmt.Fprintf(&b, "  %-10s %s\n", layout, perLayout[layout])
	}
	t.Log(b.String())
	if testing.Verbose() {
		b.Reset()
		b.WriteString("per layout and field (fields with a value on either side):\n")
		fmt.Fprintf(&b, "  %-36s", "field")
		for _, layout := range pagegen.HeldOutLayouts() {
			fmt.Fprintf(&b, " %9s", layout)
		}
		b.WriteString("\n")
		for _, f := range fields {
			fmt.Fprintf(&b, "  %-36s", f)
			for _, layout := range pagegen.HeldOutLayouts() {
				s := perField[layout][f]
				cell := "-"
				if s.total > 0 {
					cell = fmt.Sprintf("%d/%d", s.right, s.total)
				}
				fmt.Fprintf(&b, " %9s", cell)
			}
			b.WriteString("\n")
		}
		for _, layout := range pagegen.HeldOutLayouts() {
			if len(examples[layout]) > 0 {
				fmt.Fprintf(&b, "first differences in %s:\n    %s\n", layout, strings.Join(examples[layout], "\n    "))
			}
		}
		t.Log(b.String())
	}
	if overall.share() < heldOutTarget {
		t.Errorf("held-out accuracy %s, want at least %.0f%% (run with -v for the breakdown)", overall, 100*heldOutTarget)
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
