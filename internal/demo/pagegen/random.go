package pagegen

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Markup is a record page rendered by RenderRandom.
type Markup struct {
	Seed int64
	// Body is the page in its encoding (UTF-8 or windows-1252).
	Body []byte
	// ContentType is what a server sends with the page: "text/html", with
	// a charset parameter only when the markup declares its encoding there.
	ContentType string
	// Features names the markup features the page uses, sorted; every name
	// is one of RandomFeatures.
	Features []string
}

// randomFeatures lists every feature RenderRandom can report. Each name is
// "kind:variant".
var randomFeatures = []string{
	// Encoding and its declaration.
	"enc:utf-8", "enc:windows-1252",
	"decl:header", "decl:meta-charset", "decl:meta-http-equiv", "decl:none", "decl:bom",
	"ent:named", "ent:numeric",
	"syntax:xhtml", "syntax:minified",
	// Page header.
	"title:h1", "title:head-only",
	"region:p", "region:div", "region:td",
	"badges:span", "badges:img", "badges:label", "badges:text",
	"img:relative", "img:root", "img:absolute",
	"doctitle:site", "doctitle:breadcrumb", "doctitle:page-kind",
	"chrome:cookie-notice", "chrome:login-line",
	"wrap:none", "wrap:deep", "wrap:tabs",
	// Sections.
	"section:heading", "section:legend", "section:caption", "section:card-header",
	"section:div", "section:th-row", "section:upper",
	// Label elements and the values that go with them.
	"label:dt", "label:dt-div", "label:th", "label:td", "label:td-b", "label:div", "label:span",
	"label:for", "label:for-after-control", "label:static", "label:aria",
	"label:strong-br", "label:b-br", "label:strong-inline", "label:heading",
	"lastmod:text", "lastmod:time", "lastmod:field", "lastmod:footer",
	// Values.
	"value:ul", "value:ol", "value:br-lines", "value:slash-text", "value:paragraphs",
	"value:input", "value:select", "value:textarea",
	"value:checkbox-checked", "value:checkbox-unchecked",
	"value:img", "value:a-img", "value:link-text", "value:autolink",
	"value:empty-nbsp",
	// Decorations next to labels and where they sit.
	"deco:question", "deco:help-link", "deco:info-paren", "deco:info-i", "deco:info-circled",
	"deco:star", "deco:star-paren", "deco:abbr", "deco:empty-i", "deco:empty-span",
	"deco:aria-hidden", "deco:role-img", "deco:svg", "deco:popup",
	"deco-pos:before", "deco-pos:after", "deco-pos:after-colon", "deco-pos:outside", "deco-pos:glued",
	"colon:none", "colon:plain", "colon:spaced", "colon:nbsp",
	// Letter case of labels.
	"case:as-written", "case:upper", "case:lower", "case:title",
	// Whitespace.
	"ws:nbsp-in-label", "ws:newlines", "ws:nbsp-pad", "ws:nbsp-euro", "ws:drawn-space",
}

// RandomFeatures returns the names of every markup feature RenderRandom
// can use, in a fixed order.
func RandomFeatures() []string { return slices.Clone(randomFeatures) }

// RenderRandom renders p in a markup chosen at random from seed: element
// kinds for labels and values, wrappers and nesting, decorations next to
// labels, letter case, whitespace, form controls, list shapes, and the
// encoding and where it is declared. The same page and seed always give
// the same bytes.
//
// The markup changes, never the data: a person reading the page reads the
// record's title, region, badges, labels (in some letter case) and exactly
// its values, whatever the markup. A boolean shown as a checkbox reads as
// its checked state; a list reads as its items.
func RenderRandom(p *Page, seed int64) (Markup, error) {
	if p == nil {
		return Markup{}, fmt.Errorf("render random markup %d: nil page", seed)
	}
	g := &gen{
		p:    p,
		seed: seed,
		r:    rand.New(rand.NewPCG(uint64(seed), 0x61726368697669)),
		used: map[string]bool{},
		ids:  map[string]bool{},
	}
	doc := g.page()
	body, err := g.encode(doc)
	if err != nil {
		return Markup{}, fmt.Errorf("render record %d with seed %d: %w", p.ID, seed, err)
	}
	feats := make([]string, 0, len(g.used))
	for f := range g.used {
		feats = append(feats, f)
	}
	slices.Sort(feats)
	return Markup{Seed: seed, Body: body, ContentType: g.contentType, Features: feats}, nil
}

// gen is the state of one RenderRandom call.
type gen struct {
	p    *Page
	seed int64
	r    *rand.Rand
	used map[string]bool // features used
	ids  map[string]bool // element ids given out

	// Page-wide choices.
	enc, decl     string // "utf-8" or "windows-1252"; see the decl: features
	contentType   string
	xhtml         bool
	minified      bool
	hasBase       bool
	imgStyle      string // "relative", "root" or "absolute"
	idStyle       int
	caseStyle     string // the page's usual label case
	colonStyle    string // the page's usual colon
	decoStyle     int    // the page's usual decoration, an index into decorations
	lastModDone   bool   // the last-modified date was written as a field
	drawnSpaces   bool   // text values draw a space as an element holding it
	lastModFooter bool   // the page's footer gives the last-modified date
	wrapEnd       string // closes the wrappers around the record
}

func (g *gen) use(feature string) { g.used[feature] = true }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) intn(n int) int { return g.r.IntN(n) }

func (g *gen) pick(opts ...string) string { return opts[g.r.IntN(len(opts))] }

// usually returns def most of the time, otherwise one of opts: pages are
// mostly consistent, as templates are, with exceptions.
func (g *gen) usually(def string, opts ...string) string {
	if g.chance(0.6) {
		return def
	}
	return g.pick(opts...)
}

// nl is the line break between block elements; minified pages have none.
func (g *gen) nl() string {
	if g.minified {
		return ""
	}
	return "\n"
}

// void writes a void element: "<br>" or, in XHTML syntax, "<br />".
func (g *gen) void(tag, attrs string) string {
	if attrs != "" {
		attrs = " " + attrs
	}
	if g.xhtml {
		return "<" + tag + attrs + " />"
	}
	return "<" + tag + attrs + ">"
}

func (g *gen) br() string { return g.void("br", "") }

// attr writes a boolean attribute: readonly or readonly="readonly".
func (g *gen) attr(name string) string {
	if g.xhtml {
		return name + `="` + name + `"`
	}
	return name
}

// newID returns an element id for a field's control, unique in the page,
// in the page's id style.
func (g *gen) newID(prefix, label string) string {
	words := idWords(label)
	var id string
	switch g.idStyle {
	case 0: // ASP.NET WebForms
		var b strings.Builder
		for _, w := range words {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
		id = "ctl00_MainContent_" + prefix + b.String()
	case 1: // Django forms
		id = "id_" + strings.Join(words, "_")
	case 2: // Drupal
		id = "edit-field-" + strings.Join(words, "-")
	default:
		id = "f" + strconv.Itoa(len(g.ids)+1)
	}
	base := id
	for n := 2; g.ids[id]; n++ {
		id = base + strconv.Itoa(n)
	}
	g.ids[id] = true
	return id
}

// idWords returns the ASCII words of a label, lower case, for ids.
func idWords(label string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == 'à' || r == 'á':
			b.WriteRune('a')
		case r == 'è' || r == 'é':
			b.WriteRune('e')
		case r == 'ì':
			b.WriteRune('i')
		case r == 'ò':
			b.WriteRune('o')
		case r == 'ù':
			b.WriteRune('u')
		default:
			flush()
		}
	}
	flush()
	if len(words) == 0 {
		words = []string{"campo"}
	}
	if len(words) > 4 {
		words = words[:4]
	}
	return words
}
