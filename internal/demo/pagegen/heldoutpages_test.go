package pagegen

import (
	"strings"
	"testing"
)

// checkHeldOutPages checks every record in every layout of a held-out
// set (doc renders and decodes one page): no layout named as one taken
// in names, well-formed utf-8 markup, the provenance comment, and every
// piece of the record shown, or of what expect says the layout shows of
// it when expect is not nil (h8Missing).
func checkHeldOutPages(t *testing.T, names map[string]bool, layouts []string, doc func(*testing.T, *Page, string) (string, string), expect func(*Page, string) *Page) {
	t.Helper()
	for _, layout := range layouts {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range layouts {
			d, enc := doc(t, p, layout)
			errs := checkWellFormed(d)
			if enc != "utf-8" {
				errs = append(errs, "decodes as "+enc+", want utf-8")
			}
			if !strings.Contains(d[:min(len(d), 200)], "<!-- Fixture data: record ") {
				errs = append(errs, "no provenance comment")
			}
			want := p
			if expect != nil {
				want = expect(p, layout)
			}
			for _, m := range h8Missing(want, h8Show(t, d, layout)) {
				errs = append(errs, "not shown: "+m)
			}
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
}
