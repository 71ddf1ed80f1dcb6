package pagegen

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h5View describes, for a layout of the fifth held-out set, what a
// reader sees on its pages besides the record and how the record shows.
type h5View struct {
	notTitle func(p *Page) []string // <h1> texts that are not the record's title
	texts    []string               // visible texts that are no value (actions, headers, furniture)
	pattern  *regexp.Regexp         // visible texts matching it are no value
	links    []string               // links and images whose target holds one of these are furniture
	cut      string                 // from this text on (after the first section) the page holds no record
	skip     []string               // classes of elements hidden by the page's own stylesheet
	encoding string                 // the encoding a browser decodes the page in ("" for utf-8)
	numbered bool                   // section headings and labels carry their number ("1.2 Label")
	choices  bool                   // choices are radio buttons and check boxes: the checked ones are the answer
	omits    bool                   // empty fields are left out
	// expect is the record as the layout shows it, fields in page order
	// (nil: as written).
	expect func(p *Page) *Page
}

var h5Views = map[string]h5View{
	"wix":     {},
	"webflow": {links: []string{"webflow.com", "cloudfront.net"}, omits: true, expect: withoutEmpty},
	"ghost":   {texts: []string{"Campo", "Valore"}, cut: ghostAfter},
	"airtable": {
		pattern: regexp.MustCompile(`^[0-9]+ camp[oi]$`),
		cut:     "Creato con Airtable",
		expect:  h3MapsApart,
	},
	"enketo": {
		texts:    enketoHintTexts(),
		links:    []string{"enketo.org"},
		cut:      "Powered by",
		numbered: true,
		choices:  true,
		expect:   h3MapsApart,
	},
	"ckan": {
		notTitle: func(*Page) []string { return []string{"Osservatorio Partecipazione"} },
		texts:    []string{"Campo", "Valore", "Ultimo aggiornamento", "Creato", "3 maggio 2024", "12 giugno 2012"},
		omits:    true,
		expect:   func(p *Page) *Page { return withoutEmpty(h3MapsApart(p)) },
	},
	"decidim": {links: []string{"/search?term="}, cut: "Statistiche", omits: true, expect: decidimShown},
	"consul":  {cut: "Codice della proposta:", omits: true, expect: withoutEmpty},
	"frontpage": {
		links:    []string{"/images/spacer.gif"},
		cut:      fpBackToTop,
		encoding: "windows-1252",
	},
	"hugo": {omits: true, expect: hugoShown},
	"overlay": {
		texts:  []string{"Dettagli"},
		links:  []string{"/processi/"},
		cut:    overlayRecent,
		skip:   []string{overlaySR},
		omits:  true,
		expect: func(p *Page) *Page { return withoutEmpty(h3MapsApart(p)) },
	},
	"rnweb": {texts: []string{"•"}, cut: rnTab, omits: true, expect: withoutEmpty},
}

func enketoHintTexts() []string {
	var out []string
	for _, h := range enketoHints {
		out = append(out, h)
	}
	return out
}

// decidimShown returns p as its Decidim process page shows it: per
// section the long texts of the main column, then the other fields of
// the sidebar, empty fields left out.
func decidimShown(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		long, short := decidimArrange(s.Fields)
		c.Sections = append(c.Sections, Section{Name: s.Name, Fields: append(long, short...)})
	}
	return &c
}

// hugoShown returns p as its Hugo page shows it: sections and fields in
// the order Hugo sorts their keys, humanized keys as labels, empty
// fields left out, maps as fields of their own.
func hugoShown(p *Page) *Page {
	c := *p
	c.Sections = hugoSections(p)
	return &c
}

// h5Hidden are the classes that hide elements from the screen in the
// layouts' frameworks: screen reader texts and conditional visibility.
var h5Hidden = set("sr-only", "visually-hidden", "show-for-sr", webflowHidden)

// h5Shown returns doc as shown on screen, for read: elements hidden by
// class (h5Hidden and the view's skip classes) removed, zero-width spaces
// (invisible) removed, and, where the view says so, the choices of a
// select question read as a person reads a filled-in form: an option
// not checked is no answer, a checked one is its label.
func h5Shown(t *testing.T, doc string, v h5View) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	skipped := set(v.skip...)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			switch c.Type {
			case html.TextNode:
				c.Data = strings.ReplaceAll(c.Data, "\u200b", "")
			case html.ElementNode:
				drop := false
				for _, cls := range strings.Fields(attr(c, "class")) {
					drop = drop || h5Hidden[cls] || skipped[cls]
				}
				if v.choices && c.Data == "label" {
					if box := h5Choice(c); box != nil {
						if _, on := attrOK(box, "checked"); on {
							box.Parent.RemoveChild(box)
						} else {
							drop = true
						}
					}
				}
				if drop {
					n.RemoveChild(c)
					c = next
					continue
				}
				walk(c)
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

// h5Choice returns the radio button or check box inside a label, or nil.
func h5Choice(label *html.Node) *html.Node {
	for d := range label.Descendants() {
		if d.Type == html.ElementNode && d.Data == "input" && (attr(d, "type") == "radio" || attr(d, "type") == "checkbox") {
			return d
		}
	}
	return nil
}

var h5Number = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)*\.? (.+)$`)

// h5Unnumber reads a numbered section heading or question ("1. Processo",
// "1.2 Stato di avanzamento") as its text: a chunk made of a number and
// one of the names in names (section names and labels, folded) becomes
// that name. Other chunks, values starting with digits among them, stay.
func h5Unnumber(chunks []string, names map[string]bool) []string {
	out := make([]string, len(chunks))
	for i, c := range chunks {
		out[i] = c
		if m := h5Number.FindStringSubmatch(c); m != nil && names[fold(stripDecorations(m[1]))] {
			out[i] = m[1]
		}
	}
	return out
}

// h5Read reads a page of the fifth held-out set as a person sees it on
// screen (see h5Shown), numbered headings and labels read without their
// number, and the view's furniture dropped.
func h5Read(t *testing.T, doc, layout string, p *Page) reading {
	t.Helper()
	v := h5Views[layout]
	r := read(t, h5Shown(t, doc, v), p.URL)
	if v.numbered {
		names := map[string]bool{fold(mapLine): true, fold(lastModLabel): true}
		for _, s := range p.Sections {
			names[fold(s.Name)] = true
			for _, f := range s.Fields {
				names[fold(f.Label)] = true
			}
		}
		r.chunks = h5Unnumber(r.chunks, names)
	}
	if v.notTitle != nil {
		r.h1 = drop3(r.h1, v.notTitle(p))
	}
	if v.cut != "" {
		sections := map[string]bool{}
		for _, s := range h5Expect(layout, p).Sections {
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
	fv := h3View{texts: v.texts, pattern: v.pattern, links: v.links}
	var kept []string
	for _, c := range r.chunks {
		if !h3Furniture(fv, v.texts, c) {
			kept = append(kept, c)
		}
	}
	r.chunks = kept
	return r
}

// h5Expect is the record as layout shows it.
func h5Expect(layout string, p *Page) *Page {
	if e := h5Views[layout].expect; e != nil {
		return e(p)
	}
	return p
}

// TestHeldOut5Read checks every record in every layout of the fifth
// held-out set as a person reads it on screen (see h5Read): well-formed
// markup in the expected encoding, the provenance comment, and the title,
// region, badges and every label in order with exactly its value.
func TestHeldOut5Read(t *testing.T) {
	if n := len(HeldOut5Layouts()); n < 10 {
		t.Fatalf("%d layouts in the fifth held-out set, want at least 10", n)
	}
	for _, layout := range HeldOut5Layouts() {
		if _, ok := h5Views[layout]; !ok {
			t.Errorf("layout %s has no reading view", layout)
		}
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(), HeldOut4Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	for _, layout := range HeldOut5Layouts() {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut5Layouts() {
			body, ct, err := RenderHeldOut5(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			v := h5Views[layout]
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
			errs = append(errs, checkReading(h5Read(t, doc, layout, p), h5Expect(layout, p))...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut5(parseRecord(t, 141), "amp"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut5(amp): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut5(nil, "wix"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut5Record141 checks that record 141, the complete one, shows
// every label in every layout (as the layout labels it, and only the
// labels with a value where the layout leaves empty fields out) and its
// last-modified date.
func TestHeldOut5Record141(t *testing.T) {
	p := parseRecord(t, 141)
	valued, all := 0, 0
	for _, s := range p.Sections {
		valued += len(h5NonEmpty(s.Fields))
		all += len(s.Fields)
	}
	for _, layout := range HeldOut5Layouts() {
		v := h5Views[layout]
		body, ct, err := RenderHeldOut5(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := decodeBody(t, body, ct)
		chunks := h5Read(t, doc, layout, p).chunks
		shown := map[string]bool{}
		for _, c := range chunks {
			shown[fold(stripDecorations(c))] = true
		}
		n := 0
		for _, s := range h5Expect(layout, p).Sections {
			for _, f := range s.Fields {
				n++
				if !shown[fold(f.Label)] {
					t.Errorf("141/%s: label %q not shown", layout, f.Label)
				}
			}
		}
		if n < valued || !v.omits && n < all {
			t.Errorf("141/%s: %d labels checked, want the whole record (%d fields, %d with a value)", layout, n, all, valued)
		}
		for _, s := range p.Sections {
			for _, f := range s.Fields {
				if v.omits && isEmpty(f) && (shown[fold(f.Label)] || shown[fold(hugoHumanize(h3Snake(f.Label)))]) {
					t.Errorf("141/%s: empty field %q shown", layout, f.Label)
				}
			}
		}
		if !strings.Contains(strings.Join(chunks, "\n"), p.LastModified) {
			t.Errorf("141/%s: last-modified date %q not shown", layout, p.LastModified)
		}
	}
}

// TestHeldOut5Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut5Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"wix": {`data-testid="richTextElement"`, `<span class="wixGuard wixui-rich-text__text">&#8203;</span>`, `<wow-image id="img_comp-`,
			`Questo sito è stato creato con `, `<li class="wixui-rich-text__text"><p class="font_8 wixui-rich-text__text"><span class="wixui-rich-text__text">Comune di Formigine</span></p></li>`,
			`<h2 class="font_2 wixui-rich-text__text"><span style="font-weight:bold;" class="wixui-rich-text__text">Processo</span></h2>`},
		"webflow": {`<div class="campo-wrapper"><div class="label-campo">Stato di avanzamento</div><div class="valore-campo">Concluso</div></div>`,
			`<div class="campo-wrapper w-condition-invisible"><div class="label-campo">Anno di avvio</div><div class="valore-campo w-dyn-bind-empty"></div></div>`,
			`<div class="badge badge-certificato w-condition-invisible">Certificato</div>`, `<div role="listitem" class="w-dyn-item"><div class="tag-text">Comune di Formigine</div></div>`,
			`<div class="rich-text-campo w-richtext"><p>`, `class="w-webflow-badge"`},
		"ghost": {`<h1 class="article-title">La fabbrica delle idee.`, `<thead><tr><th>Campo</th><th>Valore</th></tr></thead>`,
			`<tr><td>Stato di avanzamento</td><td>Concluso</td></tr>`, `<tr><td>Anno di avvio</td><td></td></tr>`, `Comune di Formigine / Comune di Maranello`,
			`<!--kg-card-begin: html-->`, `<h2 id="cosa-ne-pensiamo">`, `<a href="http://www.fabbricaideedistretto.it">http://www.fabbricaideedistretto.it</a>`},
		"airtable": {`<div class="labelCellPair mb2" data-columnid="fld`, `<div class="truncate" title="Stato di avanzamento">Stato di avanzamento</div>`,
			`class="fieldDescriptionIcon ml-half flex-none" role="img"`, `<div class="cellContainer"><div class="cell read select" data-columntype="select"><div class="flex flex-wrap"><div class="choiceToken`,
			`<div class="foreignRecord rounded border px1 mr-half mb-half"><div class="truncate">Comune di Formigine</div></div>`, `<a class="attachmentThumbnail`,
			`<span class="sectionName strong text-size-large">Processo</span><span class="sectionFieldCount ml1 quiet">3 campi</span>`, `>Riconoscimenti</div>`},
		"enketo": {`<h4><span lang="it" class="question-label active">1. Processo</span></h4>`, `<span lang="it" class="question-label active">1.1 Stato di avanzamento</span><span class="required">*</span>`,
			`value="c3" data-type-xml="select1" readonly checked><span lang="it" class="option-label active">Concluso</span>`,
			`<span lang="it" class="option-label active">In corso</span>`, `<textarea name="/scheda_processo_v3/obiettivi_e_risultati/obiettivi" data-type-xml="string" readonly>`,
			`<input type="number" name="/scheda_processo_v3/processo/durata_mesi" data-type-xml="int" readonly value="12">`,
			`<span class="fake-file-input">2012615000000.141.jpg</span>`, `data-type-xml="select" readonly><span lang="it" class="option-label active">Certificato</span>`,
			`<span lang="it" class="or-hint active">`},
		"ckan": {`<aside class="secondary col-md-3">`, `<th scope="row" class="dataset-label">Stato di avanzamento</th><td class="dataset-details">Concluso</td>`,
			`<tr class="dataset-section"><th colspan="2" scope="rowgroup">Processo</th></tr>`, `<td class="dataset-details"><ul><li>Comune di Formigine</li><li>`,
			`<a href="https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg" rel="nofollow">https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg</a>`,
			`<li><a class="tag" href="/it/dataset/?tags=Regione+Emilia-Romagna">Regione Emilia-Romagna</a></li>`, `>Ultimo aggiornamento</th>`},
		"decidim": {`<div class="definition-data__item stato_di_avanzamento"><span class="definition-data__title">Stato di avanzamento</span>Concluso</div>`,
			`<ul class="tags tags--list"><li><a href="https://partecipa.comune-emilia.it/search?term=Comune+di+Formigine">Comune di Formigine</a></li>`,
			`<div class="section"><h3 class="section-heading">Obiettivi</h3><div class="editor-content"><p>`, `<div class="process-header__phase">`,
			`<span class="statistic__title">Partecipanti</span>`, `class="card extra"`},
		"consul": {`<li><strong>Stato di avanzamento:</strong> Concluso</li>`, `<div class="proposal-description">`, `<h2>Gestione di Processo</h2>`,
			`<li><strong>Soggetti esterni:</strong> Comune di Formigine / Comune di Maranello`, `Stato di avanzamento: a noi risulta ancora in corso.`, `class="supports js-participation"`},
		"frontpage": {`<meta name="GENERATOR" content="Microsoft FrontPage 4.0">`, `<center>`, `<b>STATO DI AVANZAMENTO:</b><br>`, `<b>ANNO DI AVVIO:</b><br>
&nbsp;</font>`, `<b>&nbsp;&nbsp;GESTIONE DI PROCESSO</b>`, `<b>SOGGETTI ESTERNI:</b><br>
Comune di Formigine<br>
Comune di Maranello`, `<!--webbot bot="Timestamp"`, `images/spacer.gif`, `MM_swapImage(`},
		"hugo": {`<dl class="params">`, `<dt>Durata mesi</dt>`, `<dt>Mappa di impatto</dt>`, `<h2 id="gestione-di-processo">Gestione di processo<a hidden class="anchor"`,
			`<dd><ul><li>Comune di Formigine</li><li>`, `<meta name="generator" content="Hugo 0.125.4">`},
		"overlay": {`<ul class="fields-container">`, `<li class="field-entry stato-di-avanzamento"><span class="field-label " aria-label="Stato di avanzamento" data-acsb-field-label="true">Stato di avanzamento: </span><span class="field-value "><span class="acsb-sr-only" data-acsb-sr-only="true">Stato di avanzamento, valore: </span>Concluso</span></li>`,
			`<h3 class="field-group-title"`, `data-acsb-navigable="true"`, `class="acsb-skip-links"`, `data-acsb="widget" aria-hidden="true" style="display: none;"`},
		"rnweb": {`<div dir="auto" class="css-1rynq56 r-1b43r93 r-1lozj9u">Stato di avanzamento</div><div dir="auto" class="css-1rynq56 r-ubezar">Concluso</div>`,
			`<div dir="auto" role="heading" aria-level="2" class="css-1rynq56 r-ubezar r-b88u0q r-tsynxw">Processo</div>`,
			`<div dir="auto" class="css-1rynq56 r-ubezar">•</div><div dir="auto" class="css-1rynq56 r-ubezar">Comune di Formigine</div>`,
			`<img alt="" draggable="false" src="https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg" class="css-9pa8cd">`, `<div role="tablist"`},
	}
	for _, layout := range HeldOut5Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("%s: no traits listed", layout)
			continue
		}
		body, ct, err := RenderHeldOut5(p, layout)
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
	docOf := func(layout string) string {
		body, ct, err := RenderHeldOut5(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := decodeBody(t, body, ct)
		return doc
	}
	// Wix: bold labels with the colon inside the bold span and outside it,
	// generated class names.
	wix := docOf("wix")
	for _, re := range []string{`font-weight:bold;" class="wixui-rich-text__text">[^<:]+:</span><span class="wixui-rich-text__text">&nbsp;`,
		`font-weight:bold;" class="wixui-rich-text__text">[^<:]+</span><span class="wixui-rich-text__text">: `,
		`class="_?[A-Za-z0-9]{5,6} `} {
		if !regexp.MustCompile(re).MatchString(wix) {
			t.Errorf("141/wix: nothing matches %s", re)
		}
	}
	// React Native Web: no heading, paragraph, list or table elements.
	if m := regexp.MustCompile(`<(h[1-6]|p|ul|ol|li|dl|table|span|label)[ >]`).FindString(docOf("rnweb")[strings.Index(docOf("rnweb"), "<body>"):]); m != "" {
		t.Errorf("141/rnweb: semantic element %q in the body", m)
	}
	// Hugo: the keys in the order Hugo sorts them.
	hugo := docOf("hugo")
	if i, j := strings.Index(hugo, "<dt>Durata mesi</dt>"), strings.Index(hugo, "<dt>Stato di avanzamento</dt>"); i < 0 || j < 0 || i > j {
		t.Errorf("141/hugo: keys not sorted (Durata mesi at %d, Stato di avanzamento at %d)", i, j)
	}
}

// TestHeldOut5ScreenReading checks the reading of hidden classes,
// zero-width spaces, form choices and numbered labels that
// TestHeldOut5Read relies on.
func TestHeldOut5ScreenReading(t *testing.T) {
	doc := `<html><body><p>Sta` + "\u200b" + `to</p><div class="w-condition-invisible">Finanziato</div><span class="acsb-sr-only">copia</span>` +
		`<fieldset><legend>Esito</legend><label><input type="radio" value="c1"><span>Si</span></label><label><input type="radio" value="c2" checked><span>No</span></label></fieldset>` +
		`<label><input type="checkbox" checked><span>A</span></label><label><input type="checkbox"><span>B</span></label></body></html>`
	v := h5View{skip: []string{"acsb-sr-only"}, choices: true}
	r := read(t, h5Shown(t, doc, v), "https://www.osservatoriopartecipazione.it/scheda-processo/1")
	want := []string{"Stato", "Esito", "No", "A"}
	if strings.Join(r.chunks, "|") != strings.Join(want, "|") {
		t.Errorf("shown as %q, want %q", r.chunks, want)
	}
	// Without the view's choices, a form's boxes read as boxes.
	r = read(t, h5Shown(t, doc, h5View{}), "https://www.osservatoriopartecipazione.it/scheda-processo/1")
	if !contains(r.chunks, "copia") || !contains(r.chunks, checkedBox) || !contains(r.chunks, "B") {
		t.Errorf("without the view's choices and skip classes, read as %q", r.chunks)
	}

	names := map[string]bool{"processo": true, "stato di avanzamento": true, "indice di partecipazione": true}
	got := h5Unnumber([]string{"1. Processo", "1.2 Stato di avanzamento", "17 / 30", "2024 Progetto", "5.1 Indice di partecipazione"}, names)
	wantN := []string{"Processo", "Stato di avanzamento", "17 / 30", "2024 Progetto", "Indice di partecipazione"}
	if strings.Join(got, "|") != strings.Join(wantN, "|") {
		t.Errorf("unnumbered %q, want %q", got, wantN)
	}
	if got := hugoHumanize("numero_persone_partecipanti_stimate_o_effettive"); got != "Numero persone partecipanti stimate o effettive" {
		t.Errorf("humanize: %q", got)
	}
	if a, b := h5Gen("x", 6), h5Gen("x", 6); a != b || len(a) != 6 || strings.ContainsAny(a[:1], "0123456789") {
		t.Errorf("generated class names %q, %q", a, b)
	}
}
