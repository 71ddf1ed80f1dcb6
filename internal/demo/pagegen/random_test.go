package pagegen

import (
	"bytes"
	"html"
	"math/rand/v2"
	"mime"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// randomPages is how many random pages the tests render: 12 per record.
const randomPages = 216

// pages parses every embedded record.
func pages(t *testing.T) []*Page {
	t.Helper()
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	out := make([]*Page, len(srcs))
	for i, s := range srcs {
		if out[i], err = ParseText(s.Text); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestRandomDeterministic(t *testing.T) {
	ps := pages(t)
	distinct := map[string]bool{}
	for seed := int64(0); seed < 40; seed++ {
		p := ps[seed%int64(len(ps))]
		a, err := RenderRandom(p, seed)
		if err != nil {
			t.Fatal(err)
		}
		b, err := RenderRandom(p, seed)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Body, b.Body) || a.ContentType != b.ContentType || !slices.Equal(a.Features, b.Features) || a.Seed != seed {
			t.Fatalf("seed %d: two renderings differ", seed)
		}
		c, err := RenderRandom(ps[0], seed)
		if err != nil {
			t.Fatal(err)
		}
		_, body, _ := bytes.Cut(c.Body, []byte("-->"))
		distinct[string(body)] = true
	}
	if len(distinct) != 40 {
		t.Errorf("40 seeds gave %d distinct markups of one record", len(distinct))
	}
	if _, err := RenderRandom(nil, 1); err == nil {
		t.Error("nil page: no error")
	}
}

// TestRandomPagesRead renders every record with many seeds and checks each
// page as a reader would: it decodes to the encoding it was written in,
// its markup is well formed, and the reader finds the title, region,
// badges, every label in order and exactly its value.
func TestRandomPagesRead(t *testing.T) {
	ps := pages(t)
	known := map[string]bool{}
	for _, f := range RandomFeatures() {
		known[f] = true
	}
	seen := map[string]bool{}
	for seed := int64(0); seed < randomPages; seed++ {
		p := ps[seed%int64(len(ps))]
		m, err := RenderRandom(p, seed)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Features {
			if !known[f] {
				t.Errorf("seed %d: feature %q is not in RandomFeatures", seed, f)
			}
			seen[f] = true
		}
		var errs []string
		doc, enc := decodeBody(t, m.Body, m.ContentType)
		if !slices.Contains(m.Features, "enc:"+enc) && !isASCII(m.Body) {
			errs = append(errs, "decodes as "+enc+", features "+strings.Join(m.Features, " "))
		}
		errs = append(errs, checkDeclaration(m)...)
		errs = append(errs, checkWellFormed(doc)...)
		errs = append(errs, checkReading(read(t, doc, p.URL), p)...)
		if len(errs) > 0 {
			t.Errorf("record %d seed %d:\n  %s", p.ID, seed, strings.Join(errs, "\n  "))
		}
	}
	for _, f := range RandomFeatures() {
		if !seen[f] {
			t.Errorf("feature %q never used in %d pages", f, randomPages)
		}
	}
}

// checkDeclaration checks that a page declares its encoding where its
// features say, and nowhere else.
func checkDeclaration(m Markup) []string {
	var errs []string
	_, params, err := mime.ParseMediaType(m.ContentType)
	if err != nil {
		return []string{"Content-Type " + m.ContentType + ": " + err.Error()}
	}
	head := bytes.ToLower(m.Body)
	if i := bytes.Index(head, []byte("</head>")); i >= 0 {
		head = head[:i]
	}
	inHeader := params["charset"] != ""
	inMeta := bytes.Contains(head, []byte("charset="))
	bom := bytes.HasPrefix(m.Body, []byte("\xef\xbb\xbf"))
	has := func(f string) bool { return slices.Contains(m.Features, f) }
	if inHeader != has("decl:header") {
		errs = append(errs, "charset in Content-Type "+m.ContentType)
	}
	if inMeta != (has("decl:meta-charset") || has("decl:meta-http-equiv")) {
		errs = append(errs, "charset in <meta> does not match the features")
	}
	if bom != has("decl:bom") {
		errs = append(errs, "byte order mark does not match the features")
	}
	return errs
}

// TestRandomWindows1252 checks that windows-1252 pages are written in it:
// accented letters as single bytes unless the page writes references.
func TestRandomWindows1252(t *testing.T) {
	p := parseRecord(t, 2976)
	found := 0
	for seed := int64(0); seed < 60; seed++ {
		m, err := RenderRandom(p, seed)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(m.Features, "enc:windows-1252") || slices.Contains(m.Features, "ent:named") || slices.Contains(m.Features, "ent:numeric") {
			continue
		}
		found++
		if !bytes.Contains(m.Body, []byte("Citt\xe0")) {
			t.Errorf("seed %d: no windows-1252 à", seed)
		}
	}
	if found == 0 {
		t.Error("no windows-1252 page in 60 seeds")
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// TestLabelMarkersApart checks that a letter marker ("i") never touches
// the label or another decoration: a reader would not see it as a marker.
func TestLabelMarkersApart(t *testing.T) {
	glued := regexp.MustCompile(`\Si(\s|$)`)
	for seed := uint64(0); seed < 100000; seed++ {
		g := &gen{r: rand.New(rand.NewPCG(seed, 1)), used: map[string]bool{}, ids: map[string]bool{}}
		g.caseStyle, g.colonStyle = "as-written", g.pick("none", "plain", "spaced", "nbsp")
		g.decoStyle = g.intn(len(decorations))
		inner, after := g.label("Stato", labelOpts{outside: true})
		text := normSpace(html.UnescapeString(tags.ReplaceAllString(inner+" "+after, "")))
		if glued.MatchString(text) {
			t.Errorf("seed %d: marker glued in %q (%s)", seed, text, inner+after)
		}
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)
