package parsers

import (
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"archivio/internal/demo/pagegen"
)

var (
	markupSeed  = flag.Int64("seed", 1, "first seed of TestRandomMarkups; seed s renders record s mod 18")
	markupPages = flag.Int("pages", 216, "how many random pages TestRandomMarkups parses, one seed each")
)

// TestRandomMarkups renders the fixture records in random markups (see
// pagegen.RenderRandom), one page per seed from -seed, -pages of them, and
// checks that each parses to its record's canonical parse (the "dl"
// layout's golden file): every typed field and the links. A failing page
// is written to a temporary file to keep as a fixture; it can be rendered
// again alone with -seed N -pages 1.
func TestRandomMarkups(t *testing.T) {
	canon := canonicalRecords(t)
	srcs, err := pagegen.Sources()
	if err != nil {
		t.Fatal(err)
	}
	pages := make([]*pagegen.Page, len(srcs))
	for i, s := range srcs {
		if pages[i], err = pagegen.ParseText(s.Text); err != nil {
			t.Fatal(err)
		}
		if canon[s.ID] == nil {
			t.Fatalf("record %d has no canonical parse", s.ID)
		}
	}
	var dir string
	keep := func(m pagegen.Markup, id int) string {
		if dir == "" {
			if dir, err = os.MkdirTemp("", "archivio-random-markups-"); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, fmt.Sprintf("seed-%d-record-%d.html", m.Seed, id))
		if err := os.WriteFile(path, m.Body, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	type tally struct{ pages, failed int }
	features := map[string]*tally{}
	fieldFails := map[string]int{}
	passed := 0
	for i := range *markupPages {
		seed := *markupSeed + int64(i)
		p := pages[((seed%int64(len(pages)))+int64(len(pages)))%int64(len(pages))]
		m, err := pagegen.RenderRandom(p, seed)
		if err != nil {
			t.Fatal(err)
		}
		u, err := url.Parse(p.URL)
		if err != nil {
			t.Fatal(err)
		}
		var problems []string
		rec, err := Parse(m.Body, u, m.ContentType)
		if err != nil {
			problems = append(problems, "rejected: "+err.Error())
			fieldFails["(rejected)"]++
		} else {
			for _, d := range compareRecords(canon[p.ID], rec) {
				problems = append(problems, d.String())
				fieldFails[d.Field]++
			}
		}
		for _, f := range m.Features {
			if features[f] == nil {
				features[f] = &tally{}
			}
			features[f].pages++
			if len(problems) > 0 {
				features[f].failed++
			}
		}
		if len(problems) == 0 {
			passed++
			continue
		}
		shown := problems
		if len(shown) > 12 {
			shown = append(shown[:12:12], fmt.Sprintf("... and %d more", len(problems)-12))
		}
		t.Errorf("seed %d, record %d (Content-Type %q): %d field(s) differ from the canonical parse:\n  %s\n  page kept at %s\n  again: go test ./parsers -run TestRandomMarkups -seed %d -pages 1",
			seed, p.ID, m.ContentType, len(problems), strings.Join(shown, "\n  "), keep(m, p.ID), seed)
	}
	t.Logf("random markups: %d of %d pages parse to the canonical record (seeds %d to %d)",
		passed, *markupPages, *markupSeed, *markupSeed+int64(*markupPages)-1)
	if testing.Verbose() && passed < *markupPages {
		var b strings.Builder
		b.WriteString("fields that differ, by pages:\n")
		for _, f := range sortedByCount(fieldFails) {
			fmt.Fprintf(&b, "  %-40s %d\n", f, fieldFails[f])
		}
		b.WriteString("markup features, pages failed of pages using them:\n")
		names := make([]string, 0, len(features))
		for f := range features {
			names = append(names, f)
		}
		sort.Slice(names, func(i, j int) bool {
			a, c := features[names[i]], features[names[j]]
			return a.failed*c.pages > c.failed*a.pages || a.failed*c.pages == c.failed*a.pages && names[i] < names[j]
		})
		for _, f := range names {
			fmt.Fprintf(&b, "  %-28s %3d of %3d\n", f, features[f].failed, features[f].pages)
		}
		t.Log(b.String())
	}
}

// sortedByCount returns the keys of counts, largest count first.
func sortedByCount(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return counts[keys[i]] > counts[keys[j]] || counts[keys[i]] == counts[keys[j]] && keys[i] < keys[j]
	})
	return keys
}
