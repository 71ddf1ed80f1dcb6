package pagegen

import (
	"errors"
	"strings"
	"testing"
)

// withoutEmpty returns p without its empty fields, as layouts that leave
// them out show it.
func withoutEmpty(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		t := Section{Name: s.Name}
		for _, f := range s.Fields {
			if !isEmpty(f) {
				t.Fields = append(t.Fields, f)
			}
		}
		c.Sections = append(c.Sections, t)
	}
	return &c
}

// TestHeldOutRead checks every record in every held-out layout as a reader
// would: well-formed markup, its encoding, and the title, region, badges,
// every label in order with exactly its value (empty fields may be left
// out where the content system leaves them out).
func TestHeldOutRead(t *testing.T) {
	omitsEmpty := map[string]bool{"drupal": true, "k2": true}
	if len(HeldOutLayouts()) < 6 {
		t.Fatalf("%d held-out layouts, want at least 6", len(HeldOutLayouts()))
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOutLayouts() {
			b, ct, err := RenderHeldOut(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			doc, enc := decodeBody(t, b, ct)
			errs := checkWellFormed(doc)
			want := map[string]string{"oldtable": "windows-1252", "emphasis": "windows-1252"}[layout]
			if want == "" {
				want = "utf-8"
			}
			if enc != want {
				errs = append(errs, "decodes as "+enc+", want "+want)
			}
			if !strings.HasPrefix(doc, "<!-- Fixture data: record ") {
				errs = append(errs, "no provenance comment")
			}
			expect := p
			if omitsEmpty[layout] {
				expect = withoutEmpty(p)
				for _, s := range p.Sections {
					for _, f := range s.Fields {
						if isEmpty(f) && strings.Contains(doc, ">"+esc(f.Label)+"<") {
							errs = append(errs, "empty field "+f.Label+" shown")
						}
					}
				}
			}
			// Traps a reader sees past: ACF instructions under labels,
			// spacer images between label and value cells.
			allowed := []string{imgMark + "https://www.osservatoriopartecipazione.it/img/spacer.gif⟩",
				imgMark + "http://www.osservatoriopartecipazione.it/img/spacer.gif⟩"}
			for l := range acfInstructions {
				allowed = append(allowed, helpFor(l))
			}
			errs = append(errs, checkReading(read(t, doc, p.URL), expect, allowed...)...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut(parseRecord(t, 141), "dl"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut(dl): %v", err)
	}
	if _, _, err := RenderHeldOut(nil, "acf"); err == nil {
		t.Error("nil page: no error")
	}
}
