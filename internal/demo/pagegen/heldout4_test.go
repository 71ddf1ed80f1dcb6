package pagegen

import (
	"errors"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h4View describes, for a layout of the fourth held-out set, what a
// reader sees on its pages besides the record and how the record shows.
type h4View struct {
	notTitle func(p *Page) []string // <h1> texts that are not the record's title
	texts    []string               // visible texts that are no value (actions, placeholders, furniture)
	prefixes []string               // visible texts starting so are no value
	pattern  *regexp.Regexp         // visible texts matching it are no value
	links    []string               // links and images whose target holds one of these are furniture
	cut      string                 // from this text on (after the first section) the page holds no record
	skip     []string               // classes of elements a reader reads past (beside the hidden ones)
	encoding string                 // the encoding a browser decodes the page in ("" for utf-8)
	listSep  string                 // lists may be shown as their items joined by listSep
	colon    bool                   // labels are unmarked text: "Label: value" lines
	// expect is the record as the layout shows it, fields in page order
	// (nil: as written).
	expect func(p *Page) *Page
}

var h4Views = map[string]h4View{
	"redmine": {
		notTitle: func(p *Page) []string {
			return []string{"Osservatorio Partecipazione", p.Region + " » Osservatorio Partecipazione"}
		},
		links:   []string{"/issues/", "/projects/", "/users/"},
		cut:     "Cronologia",
		listSep: ", ",
		expect:  redmineShown,
	},
	"odoo":   {cut: "Invia messaggio", expect: odooShown},
	"notion": {},
	"pages": {
		notTitle: func(*Page) []string { return []string{"Schede processi"} },
		texts:    []string{pagesEmpty},
	},
	"jasper": {
		texts:    []string{"Osservatorio Partecipazione – Schede dei processi"},
		prefixes: []string{"Scheda processo n. "},
		pattern:  regexp.MustCompile(`^Pagina [0-9]+ di [0-9]+$`),
	},
	"trasparenza": {
		pattern:  regexp.MustCompile(`^\([0-9]\)$`),
		cut:      "Note",
		encoding: "windows-1252",
	},
	"stampa": {
		prefixes: []string{"Stampato il "},
		encoding: "windows-1252",
	},
	"bootstrap3": {
		notTitle: func(p *Page) []string { return []string{p.Title + " " + p.Region} },
		texts:    []string{bs3Empty},
	},
	"elementor": {skip: []string{"skiptranslate"}},
	"infopath": {
		texts: infoPathMoreParticipants,
		links: []string{"/_layouts/"},
	},
	"hentry": {
		colon: true,
		texts: []string{"Leggi la scheda completa", "Precedente", "Successivo"},
		links: []string{"/scheda-processo/", "/unread/"},
	},
	"amp": {expect: withoutEmpty},
}

// redmineShown returns p as its Redmine issue shows it: per section the
// half-width fields, then the full-width ones that have a value.
func redmineShown(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		short, wide := redmineArrange(s.Fields)
		t := Section{Name: s.Name, Fields: short}
		for _, f := range wide {
			if !isEmpty(f) {
				t.Fields = append(t.Fields, f)
			}
		}
		c.Sections = append(c.Sections, t)
	}
	return &c
}

// odooShown returns p as its Odoo form shows it: per section the short
// fields (a map as a field of its own before its field), then the long
// texts.
func odooShown(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		short, long := odooArrange(s.Fields)
		c.Sections = append(c.Sections, Section{Name: s.Name, Fields: append(short, long...)})
	}
	return &c
}

// h4Hidden are the classes that hide text from the screen in the
// layouts' frameworks.
var h4Hidden = set("sr-only", "screen-reader-text", "visually-hidden")

// h4Unwrapped are the inline elements a reader reads as part of the text
// around them: acronyms and the translator's <font> wrappers.
var h4Unwrapped = set("abbr", "font")

// h4Shown returns doc as shown on screen, for read: hidden elements (by
// class, or AMP's layout="nodisplay") and the elements of the view's skip
// classes removed, amp-img read as the image it displays, and <abbr> and
// <font> unwrapped into the text around them.
func h4Shown(t *testing.T, doc string, skip []string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	skipped := set(skip...)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				drop := attr(c, "layout") == "nodisplay"
				for _, cls := range strings.Fields(attr(c, "class")) {
					drop = drop || h4Hidden[cls] || skipped[cls]
				}
				if drop {
					n.RemoveChild(c)
					c = next
					continue
				}
				if c.Data == "amp-img" {
					c.Data = "img"
				}
				walk(c)
				if h4Unwrapped[c.Data] {
					for k := c.FirstChild; k != nil; k = c.FirstChild {
						c.RemoveChild(k)
						n.InsertBefore(k, c)
					}
					n.RemoveChild(c)
				}
			}
			c = next
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			for c.Type == html.TextNode && c.NextSibling != nil && c.NextSibling.Type == html.TextNode {
				c.Data += c.NextSibling.Data
				n.RemoveChild(c.NextSibling)
			}
		}
	}
	walk(root)
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// h4SplitColons reads unmarked "Label: value" lines as a label and its
// value: a chunk that starts with one of p's labels (or "Mappa", or the
// last-modified label) followed by ":" becomes that label and the rest.
func h4SplitColons(chunks []string, p *Page) []string {
	cands := []string{mapLine, lastModLabel}
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			cands = append(cands, f.Label)
		}
	}
	sort.Slice(cands, func(i, j int) bool { return len(cands[i]) > len(cands[j]) })
	var out []string
	for _, c := range chunks {
		split := false
		for _, l := range cands {
			if strings.HasPrefix(c, l+":") {
				out = append(out, l)
				if rest := strings.TrimSpace(c[len(l)+1:]); rest != "" {
					out = append(out, rest)
				}
				split = true
				break
			}
		}
		if !split {
			out = append(out, c)
		}
	}
	return out
}

// h4Read reads a page of the fourth held-out set as a person sees it on
// screen (see h4Shown), "Label: value" lines read as label and value
// where the labels are unmarked, lists joined by the view's separator
// read as their items, and the view's furniture dropped.
func h4Read(t *testing.T, doc, layout string, p *Page) reading {
	t.Helper()
	v := h4Views[layout]
	r := read(t, h4Shown(t, doc, v.skip), p.URL)
	if v.colon {
		r.chunks = h4SplitColons(r.chunks, p)
	}
	if v.listSep != "" {
		r.chunks = h3SplitLists(r.chunks, p, v.listSep)
	}
	if v.notTitle != nil {
		r.h1 = drop3(r.h1, v.notTitle(p))
	}
	if v.cut != "" {
		sections := map[string]bool{}
		for _, s := range p.Sections {
			sections[fold(s.Name)] = true
		}
		first := -1
		for i, c := range r.chunks {
			if first < 0 && sections[fold(c)] {
				first = i
			}
			if first >= 0 && c == v.cut {
				r.chunks = r.chunks[:i]
				break
			}
		}
	}
	fv := h3View{texts: v.texts, prefixes: v.prefixes, pattern: v.pattern, links: v.links}
	var kept []string
	for _, c := range r.chunks {
		if !h3Furniture(fv, v.texts, c) {
			kept = append(kept, c)
		}
	}
	r.chunks = kept
	return r
}

// TestHeldOut4Read checks every record in every layout of the fourth
// held-out set as a person reads it on screen (see h4Read): well-formed
// markup in the expected encoding, the provenance comment, and the title,
// region, badges and every label in order with exactly its value.
func TestHeldOut4Read(t *testing.T) {
	if n := len(HeldOut4Layouts()); n < 10 {
		t.Fatalf("%d layouts in the fourth held-out set, want at least 10", n)
	}
	for _, layout := range HeldOut4Layouts() {
		if _, ok := h4Views[layout]; !ok {
			t.Errorf("layout %s has no reading view", layout)
		}
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	for _, layout := range HeldOut4Layouts() {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut4Layouts() {
			body, ct, err := RenderHeldOut4(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			v := h4Views[layout]
			doc, enc := decodeBody(t, body, ct)
			errs := checkWellFormed(doc)
			want := v.encoding
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
			if v.expect != nil {
				expect = v.expect(p)
			}
			errs = append(errs, checkReading(h4Read(t, doc, layout, p), expect)...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut4(parseRecord(t, 141), "wiki"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut4(wiki): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut4(nil, "amp"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut4Record141 checks that record 141, the complete one, shows
// every label in every layout (every label with a value where the layout
// leaves empty fields out) and its last-modified date.
func TestHeldOut4Record141(t *testing.T) {
	p := parseRecord(t, 141)
	for _, layout := range HeldOut4Layouts() {
		body, ct, err := RenderHeldOut4(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := decodeBody(t, body, ct)
		chunks := h4Read(t, doc, layout, p).chunks
		shown := map[string]bool{}
		for _, c := range chunks {
			shown[fold(stripDecorations(c))] = true
		}
		n := 0
		for _, s := range p.Sections {
			for _, f := range s.Fields {
				omitted := isEmpty(f) && (layout == "amp" || layout == "redmine" && redmineWide(f))
				if omitted {
					if shown[fold(f.Label)] {
						t.Errorf("141/%s: empty field %q shown", layout, f.Label)
					}
					continue
				}
				n++
				if !shown[fold(f.Label)] {
					t.Errorf("141/%s: label %q not shown", layout, f.Label)
				}
			}
		}
		if n < 25 {
			t.Errorf("141/%s: %d labels checked, want the whole record", layout, n)
		}
		if !strings.Contains(strings.Join(chunks, "\n"), p.LastModified) {
			t.Errorf("141/%s: last-modified date %q not shown", layout, p.LastModified)
		}
	}
}

// TestHeldOut4Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut4Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"redmine": {`<div class="label"><span>Stato di avanzamento</span>:</div><div class="value">Concluso</div>`, `<div class="splitcontentright">`,
			`<legend onclick="toggleFieldset(this);" class="icon icon-expanded">Caratteristiche</legend>`, `<div class="wiki"><p>`,
			`Comune di Formigine, Comune di Maranello`, `<li><strong>Stato di avanzamento</strong> cambiato da <i>In corso</i> a <i>Concluso</i></li>`,
			`<div class="label">Stato:</div>`},
		"odoo": {`<td class="o_td_label"><label class="o_form_label">Stato di avanzamento<sup class="text-info p-1"`, `>?</sup></label></td>`,
			`<div class="o_horizontal_separator mt-4 mb-3 text-uppercase fw-bolder small">Processo</div>`, `<span class="o_badge_text">Comune di Formigine</span></span><span class="o_tag`,
			`<table class="o_group o_inner_group o_group_col_6">`, `<div class="o_Chatter">`},
		"notion": {`<table class="properties">`, `<span class="selected-value select-value-color-blue">Regione Emilia-Romagna</span>`, `class="table_of_contents-link"`,
			`<details open=""><summary>Stato di avanzamento</summary><p id=`, `<li style="list-style-type:disc">Comune di Formigine</li></ul><ul id=`,
			`<details open=""><summary>Anno di avvio</summary></details>`},
		"pages": {`<h1><a href="https://osservatorio-partecipazione.github.io/schede/">Schede processi</a></h1>`, `<td>Stato di avanzamento</td>`,
			`<strong>Tipo di partecipazione:</strong> Partecipazione volontaria<br>`, `<strong>Anno di avvio:</strong> —`, `<h3 id="obiettivi">Obiettivi</h3>`,
			`<p><strong>Soggetti esterni:</strong></p>`},
		"jasper": {`<table class="jrPage"`, `<a name="JR_PAGE_ANCHOR_0_2"></a>`, `>GESTIONE DI PROCESSO</span>`, `Comune di Formigine / Comune di Maranello`,
			`font-weight: bold;">Stato di avanzamento</span>`, `Pagina 1 di `},
		"trasparenza": {`<th scope="row" headers="sez-1" id="dato-1">Stato di avanzamento</th>`, `<th colspan="2" scope="colgroup" id="sez-2">Gestione di Processo</th>`,
			`Titolari della decisione <sup><a href="#nota-2"`, `<abbr title="Open Space Technology">OST</abbr> (Open Space Technology)`,
			`Comune di Formigine<br />Comune di Maranello`, `<td headers="sez-3 dato-`, `>&nbsp;</td>`, `id="menu-trasparenza"`},
		"stampa": {`<thead><tr><th width="35%">Campo</th><th>Valore</th></tr></thead>`, `<tr class="section"><td colspan="2">Processo</td></tr>`,
			`<tr><td class="campo">Stato di avanzamento</td><td class="valore">Concluso</td></tr>`, `<td class="valore">&nbsp;</td>`, `onload="window.print();"`},
		"bootstrap3": {`<h1>La fabbrica delle idee. Progetti per rilanciare il distretto ceramico <small>Regione Emilia-Romagna</small></h1>`,
			`<div class="col-sm-4"><strong>Stato di avanzamento</strong> <span class="glyphicon glyphicon-question-sign`, `<p class="form-control-static">Concluso</p>`,
			`<span class="label label-default">Comune di Formigine</span> <span class="label label-default">`, `<em>Nessun dato</em>`, `<div class="well well-sm">`,
			`aria-hidden="true">`, `<option>Stato di avanzamento</option>`},
		"elementor": {`<h4 class="elementor-heading-title elementor-size-default"><font style="vertical-align: inherit;"><font style="vertical-align: inherit;">Stato di avanzamento</font></font></h4>`,
			`elementor-col-66 elementor-inner-column`, `<span class="elementor-icon-list-text"><font`, `class="translated-ltr"`, `<h1 class="title gray">Testo originale</h1>`,
			`Distretto ceramico. </font><font style="vertical-align: inherit;">In sintonia`},
		"infopath": {`<font face="Calibri" size="2">Stato di avanzamento:</font><font face="Calibri" color="#ff0000" size="2"> *</font>`,
			`<option value="Concluso" selected>Concluso</option>`, `<input type="checkbox" tabIndex="-1" disabled checked><span>Singoli cittadini</span>`,
			`<input type="checkbox" tabIndex="-1" disabled><span>Istituti scolastici</span>`, `class="xdRichTextBox"`, `class="xdTextBox"`, `xd:binding="my:`},
		"hentry": {`<article class="entry h-entry"`, `class="p-name"`, `<time class="dt-updated" datetime="2020-02-15">15/02/2020</time>`, `class="p-category"`,
			`<p><b>PROCESSO</b></p>`, "Stato di avanzamento: Concluso<br>\nNatura Processo: Processo non certificato", "Anno di avvio:<br>"},
		"amp": {`<html ⚡ lang="it">`, `<amp-accordion`, `<section expanded>`, `<p class="campo"><span class="etichetta">Stato di avanzamento</span><span class="valore">Concluso</span></p>`,
			`<span class="voce">Comune di Formigine</span><span class="voce">Comune di Maranello</span>`, `<amp-img src="https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg"`,
			`layout="nodisplay"`},
	}
	for _, layout := range HeldOut4Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("%s: no traits listed", layout)
			continue
		}
		body, ct, err := RenderHeldOut4(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := decodeBody(t, body, ct)
		for _, s := range want {
			if !strings.Contains(doc, s) {
				t.Errorf("141/%s: no %q", layout, s)
			}
		}
	}
	// Every text of the translated page is in the translator's wrappers.
	body, ct, err := RenderHeldOut4(p, "elementor")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := decodeBody(t, body, ct)
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	body2 := find(root, "body")
	for n := range body2.Descendants() {
		if n.Type != html.TextNode || strings.TrimSpace(n.Data) == "" || n.Parent.Data == "script" || h4InTooltip(n) {
			continue
		}
		if n.Parent.Data != "font" || n.Parent.Parent == nil || n.Parent.Parent.Data != "font" {
			t.Errorf("141/elementor: text %q not in two <font> wrappers", n.Data)
			break
		}
	}
	// The labels of the feed item are text, not markup.
	body, ct, err = RenderHeldOut4(p, "hentry")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ = decodeBody(t, body, ct)
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if strings.Contains(doc, ">"+esc(f.Label)+"<") {
				t.Errorf("141/hentry: label %q is an element's whole text", f.Label)
			}
		}
	}
}

// TestHeldOut4ScreenReading checks the reading of translated, abbreviated
// and AMP markup and of unmarked "Label: value" lines that
// TestHeldOut4Read relies on.
func TestHeldOut4ScreenReading(t *testing.T) {
	doc := `<html><body><p>` + gt("Il Tavolo. Si riunisce") + `</p><p>Il <abbr title="Tavolo di Negoziazione">TdN</abbr>, con l'<abbr title="x">AC</abbr>.</p>` +
		`<amp-img src="/a.jpg" width="1" height="1"></amp-img><amp-sidebar layout="nodisplay"><p>Crediti</p></amp-sidebar>` +
		`<div class="skiptranslate"><h1>Testo originale</h1></div><span class="sr-only">nascosto</span></body></html>`
	r := read(t, h4Shown(t, doc, []string{"skiptranslate"}), "https://www.osservatoriopartecipazione.it/scheda-processo/1")
	want := []string{"Il Tavolo. Si riunisce", "Il TdN, con l'AC.", imgMark + "https://www.osservatoriopartecipazione.it/a.jpg⟩"}
	if strings.Join(r.chunks, "|") != strings.Join(want, "|") || len(r.h1) != 0 {
		t.Errorf("shown as %q (h1 %q), want %q and no h1", r.chunks, r.h1, want)
	}
	if got := h4Sentences("Uno. Due.Tre. Quattro"); strings.Join(got, "|") != "Uno. |Due.Tre. |Quattro" {
		t.Errorf("sentences %q", got)
	}
	if got := h4Abbr("Il TdN e l'OST (Open Space Technology), non TdNx"); got != `Il <abbr title="Tavolo di Negoziazione">TdN</abbr> e l&#39;<abbr title="Open Space Technology">OST</abbr> (Open Space Technology), non TdNx` {
		t.Errorf("abbr: %s", got)
	}

	p := &Page{Sections: []Section{{Name: "Processo", Fields: []Field{
		{Label: "Cofinanziamento", Type: "bool"}, {Label: "Cofinanziamento altri soggetti", Type: "bool"}, {Label: "Anno di avvio", Type: "int"}}}}}
	got := h4SplitColons([]string{"Cofinanziamento altri soggetti: Si", "Cofinanziamento: No", "Anno di avvio:", "Nota: libera", "Mappa:"}, p)
	wantC := []string{"Cofinanziamento altri soggetti", "Si", "Cofinanziamento", "No", "Anno di avvio", "Nota: libera", "Mappa"}
	if strings.Join(got, "|") != strings.Join(wantC, "|") {
		t.Errorf("colon lines read as %q, want %q", got, wantC)
	}
}

// h4InTooltip reports whether n is part of the translator's own tooltip,
// whose texts it does not wrap.
func h4InTooltip(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.Type == html.ElementNode && attr(a, "id") == "goog-gt-tt" {
			return true
		}
	}
	return false
}
