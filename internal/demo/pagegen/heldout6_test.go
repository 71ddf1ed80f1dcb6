package pagegen

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h6View describes, for a layout of the sixth held-out set, what a
// reader sees on its pages besides the record and how the record shows.
type h6View struct {
	notTitle func(p *Page) []string // <h1> texts that are not the record's title
	texts    []string               // visible texts that are no value (placeholders, buttons, help)
	prefixes []string               // visible texts starting so are no value
	links    []string               // links and images whose target holds one of these are furniture
	cut      string                 // from this text on (after the first section) the page holds no record
	skip     []string               // classes of elements hidden by the page's own stylesheet
	encoding string                 // the encoding a browser decodes the page in ("" for utf-8)
	srcdoc   bool                   // an iframe's srcdoc is shown in its place
	shadow   bool                   // declarative shadow roots are composed with their light DOM
	radios   bool                   // radio buttons: the checked one's label is the answer
	swap     []string               // classes whose children a reader takes in reverse order
	columns  bool                   // <pre> blocks are two columns of labels and values
	// expect is the record as the layout shows it, fields in page order
	// (nil: as written).
	expect func(p *Page) *Page
}

var h6Views = map[string]h6View{
	"gutenberg": {texts: []string{gutenbergEmpty}, cut: gutenbergRelated},
	"typo3":     {texts: []string{typo3Empty}, cut: typo3Downloads},
	"powerpages": {
		texts:  powerPagesHelp(),
		cut:    powerPagesChat,
		radios: true,
		expect: h3MapsApart,
	},
	"discourse": {cut: discourseAfter},
	"jupyter": {
		notTitle: func(p *Page) []string { return []string{p.Title + "¶"} },
		texts:    []string{jupyterNA},
		cut:      jupyterNext,
		expect:   h3MapsApart,
	},
	"sveltekit": {texts: []string{svelteNoFigure, svelteNoData}, cut: svelteSimilar, swap: []string{"stat"}, expect: svelteShown},
	"litssr":    {texts: []string{litEmpty}, cut: litFooter, shadow: true},
	"lite":      {cut: liteAfter, encoding: "windows-1252", columns: true},
	"mjml":      {texts: []string{mjmlEmpty, mjmlButton}, links: []string{"utm_source=notifica"}, cut: mjmlOthers},
	"singlefile": {
		links:  []string{"data:image/"},
		cut:    singleFileNews,
		srcdoc: true,
	},
	"powershell": {prefixes: []string{powerShellGenerated}, encoding: "utf-16le", expect: h3MapsApart},
}

func powerPagesHelp() []string {
	var out []string
	for l := range powerPagesDescribed {
		out = append(out, helpFor(l))
	}
	return out
}

// svelteShown returns p as its SvelteKit page shows it: per section the
// stat cards, then the rows.
func svelteShown(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		stats, rows := svelteArrange(s.Fields)
		c.Sections = append(c.Sections, Section{Name: s.Name, Fields: append(stats, rows...)})
	}
	return &c
}

// h6Expect is the record as layout shows it.
func h6Expect(layout string, p *Page) *Page {
	if e := h6Views[layout].expect; e != nil {
		return e(p)
	}
	return p
}

// h6Read reads a page of the sixth held-out set as a person sees it on
// screen (see h6Shown), with the view's furniture dropped.
func h6Read(t *testing.T, doc, layout string, p *Page) reading {
	t.Helper()
	v := h6Views[layout]
	r := read(t, h6Shown(t, doc, v), p.URL)
	if v.notTitle != nil {
		r.h1 = drop3(r.h1, v.notTitle(p))
	}
	if v.cut != "" {
		sections := map[string]bool{}
		for _, s := range h6Expect(layout, p).Sections {
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
	fv := h3View{texts: v.texts, prefixes: v.prefixes, links: v.links}
	var kept []string
	for _, c := range r.chunks {
		if !h3Furniture(fv, v.texts, c) {
			kept = append(kept, c)
		}
	}
	r.chunks = kept
	return r
}

// h6Doc renders p in layout and decodes it as a browser would.
func h6Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut6(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// TestHeldOut6Read checks every record in every layout of the sixth
// held-out set as a person reads it on screen (see h6Read): well-formed
// markup in the expected encoding (the framed document too), the
// provenance comment, and the title, region, badges and every label in
// order with exactly its value.
func TestHeldOut6Read(t *testing.T) {
	if n := len(HeldOut6Layouts()); n < 10 {
		t.Fatalf("%d layouts in the sixth held-out set, want at least 10", n)
	}
	for _, layout := range HeldOut6Layouts() {
		if _, ok := h6Views[layout]; !ok {
			t.Errorf("layout %s has no reading view", layout)
		}
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(), HeldOut4Layouts(), HeldOut5Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	for _, layout := range HeldOut6Layouts() {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut6Layouts() {
			v := h6Views[layout]
			doc, enc := h6Doc(t, p, layout)
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
			if v.srcdoc {
				for _, f := range h6Frames(t, doc) {
					for _, e := range checkWellFormed(f) {
						errs = append(errs, "framed document: "+e)
					}
				}
			}
			errs = append(errs, checkReading(h6Read(t, doc, layout, p), h6Expect(layout, p))...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut6(parseRecord(t, 141), "wix"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut6(wix): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut6(nil, "lite"); err == nil {
		t.Error("nil page: no error")
	}
}

// h6Frames returns the srcdoc documents of doc's iframes.
func h6Frames(t *testing.T, doc string) []string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == "iframe" {
			if s, ok := attrOK(n, "srcdoc"); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestHeldOut6Record141 checks that record 141, the complete one, shows
// every label in every layout and its last-modified date.
func TestHeldOut6Record141(t *testing.T) {
	p := parseRecord(t, 141)
	all := 0
	for _, s := range p.Sections {
		all += len(s.Fields)
	}
	for _, layout := range HeldOut6Layouts() {
		doc, _ := h6Doc(t, p, layout)
		chunks := h6Read(t, doc, layout, p).chunks
		shown := map[string]bool{}
		for _, c := range chunks {
			shown[fold(stripDecorations(c))] = true
		}
		n := 0
		for _, s := range h6Expect(layout, p).Sections {
			for _, f := range s.Fields {
				n++
				if !shown[fold(f.Label)] {
					t.Errorf("141/%s: label %q not shown", layout, f.Label)
				}
			}
		}
		if n < all {
			t.Errorf("141/%s: %d labels checked, want the whole record (%d fields)", layout, n, all)
		}
		if !strings.Contains(strings.Join(chunks, "\n"), p.LastModified) {
			t.Errorf("141/%s: last-modified date %q not shown", layout, p.LastModified)
		}
	}
}

// TestHeldOut6Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut6Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"gutenberg": {`<figure class="wp-block-table is-style-stripes"><table class="has-fixed-layout"><tbody><tr><td>Stato di avanzamento</td><td>Concluso</td></tr>`,
			`<tr><td>Anno di avvio</td><td>—</td></tr>`, `<details class="wp-block-details is-layout-flow"><summary>Obiettivi</summary>`,
			`<td>Comune di Formigine<br>Comune di Maranello<br>`, `class="cky-consent-container`, `<h2 class="wp-block-heading">Related records</h2>`,
			`rel="tag">Regione Emilia-Romagna</a>`, `<html lang="en-US">`},
		"typo3": {`role="tablist"`, `<button class="nav-link active" id="tab-`, `<div class="tab-pane fade" id="tab-`,
			`<div class="row border-bottom py-2"><div class="col-md-4 fw-bold text-secondary">Stato di avanzamento</div><div class="col-md-8">Concluso</div></div>`,
			`<div class="col-md-8"><span class="text-muted">n.d.</span></div>`, `<ul class="list-unstyled mb-0"><li>Comune di Formigine</li>`, `This website is powered by TYPO3`},
		"powerpages": {`<legend class="section-title">Processo</legend>`, `<label for="oss_statodiavanzamento" id="oss_statodiavanzamento_label" class="field-label">Stato di avanzamento</label>`,
			`<option value="100000001">In corso</option><option value="100000002" selected="selected">Concluso</option>`,
			`value="0" disabled="disabled" checked="checked"><label for="oss_codecisione_0">No</label>`, `<input type="text" id="oss_duratamesi" name="oss_duratamesi" class="text form-control readonly" readonly aria-readonly="true" value="12">`,
			`<span class="msos-selected-display-item-text">Comune di Formigine</span>`, `multiple="multiple" disabled="disabled" style="display:none"`,
			`<div class="description above">`, `class="textarea form-control readonly" readonly`, `>Chat with us</span>`},
		"discourse": {`<aside class="quote no-group"><div class="title">Osservatorio Partecipazione:</div><blockquote>`, "<p>Processo<br>\nStato di avanzamento<br>\nConcluso<br>\nNatura Processo<br>",
			"Anno di avvio<br>\nAnno di chiusura<br>\n2011", `class="topic-body crawler-post"`, `<blockquote><p>Stato di avanzamento<br>Concluso</p></blockquote>`},
		"jupyter": {`class="row_heading level0 row0" rowspan="3">Processo</th>`, `class="row_heading level1 row0">Stato di avanzamento</th>`, `class="data row0 col0">Concluso</td>`,
			`col0">nan</td>`, `<a href="https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg" target="_blank">`, `<div class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;[2]:</div>`,
			`<a class="anchor-link" href="#`, `>Mappa di Impatto</th>`},
		"sveltekit": {`<span class="stat-value svelte-`, `">Concluso</span> <span class="stat-label svelte-`, `<!--[-->`, `<!--]-->`, `<!---->`, `<!--[!-->`,
			`<span class="empty svelte-`, `">—</span> <span class="stat-label svelte-`, `__sveltekit_`},
		"litssr": {`<template shadowrootmode="open" shadowroot="open">`, `<oss-field label="Stato di avanzamento"><template shadowrootmode="open"`, `<!--lit-part-->Stato di avanzamento<!--/lit-part-->`,
			`<!--/lit-part--></template>Concluso</oss-field>`, `<span class="empty">Non specificato</span>`, `<h1><slot name="title"></slot></h1>`, `<span slot="title">`},
		"lite": {"<pre>\nPROCESSO\n========\n", "\nStato di avanzamento            Concluso\n", "\nSoggetti esterni                * Comune di Formigine\n                                * Comune di Maranello\n",
			"\nAnno di avvio\n", "\nTra i soggetti partecipanti si  Non indicato o dato non disponibile nelle\nregistra la presenza femminile  fonti consultate\n", "&egrave;"},
		"mjml": {`<div style="` + mjmlLabel + `">Stato di avanzamento</div>`, `<div style="` + mjmlValue + `">Concluso</div>`, `<!--[if mso | IE]>`,
			`class="mj-column-per-100 mj-outlook-group-fix"`, `>Non disponibile</div>`, `>Altre schede aggiornate questa settimana</div>`},
		"singlefile": {`Page saved with SingleFile`, `<iframe title="Scheda del processo nell'Osservatorio Partecipazione" srcdoc="<!DOCTYPE html><html lang=&quot;it&quot;>`, `<th scope=&quot;row&quot;>Stato di avanzamento</th><td>Concluso</td>`,
			`src=&quot;data:image/jpeg;base64,`},
		"powershell": {`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">`, "<colgroup><col/><col/></colgroup>\r\n<tr><td>Stato di avanzamento:</td><td>Concluso</td></tr>",
			"<tr><td>Anno di avvio:</td><td></td></tr>", `Comune di Formigine / Comune di Maranello`, `&#232;`, `<td>Mappa di Impatto:</td><td><a href="https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg">`},
	}
	for _, layout := range HeldOut6Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("%s: no traits listed", layout)
			continue
		}
		body, _, err := RenderHeldOut6(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		raw := string(body)
		if layout != "lite" && layout != "singlefile" {
			raw, _ = h6Doc(t, p, layout)
		}
		for _, s := range want {
			if !strings.Contains(raw, s) {
				t.Errorf("141/%s: no %q", layout, s)
			}
		}
	}

	// Text-only page: nothing but ASCII bytes, and no element that marks
	// a label.
	body, _, err := RenderHeldOut6(p, "lite")
	if err != nil {
		t.Fatal(err)
	}
	if !isASCII(body) {
		t.Error("141/lite: bytes beyond ASCII")
	}
	if m := regexp.MustCompile(`<(dl|dt|dd|table|th|td|label|strong|b|span|div|h2|h3)[ >]`).Find(body); m != nil {
		t.Errorf("141/lite: element %q", m)
	}
	// PowerShell's export: a UTF-16LE byte order mark, CRLF line ends.
	body, _, err = RenderHeldOut6(p, "powershell")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(body, []byte{0xff, 0xfe}) {
		t.Errorf("141/powershell: starts with % x, want a UTF-16LE byte order mark", body[:4])
	}
	if doc, _ := h6Doc(t, p, "powershell"); strings.Count(doc, "\n") != strings.Count(doc, "\r\n") {
		t.Error("141/powershell: line ends that are not CRLF")
	}
	// Labels that exist only in shadow roots, values that exist only
	// outside frames: read without composing or framing, the pages show
	// no label.
	for _, layout := range []string{"litssr", "singlefile"} {
		doc, _ := h6Doc(t, p, layout)
		for _, c := range read(t, doc, p.URL).chunks {
			if findLabel(p, stripDecorations(c)) != nil {
				t.Errorf("141/%s: label %q readable without composing the page", layout, c)
			}
		}
	}
	// A Discourse post quotes the record as text lines: no label is an
	// element's whole text.
	doc, _ := h6Doc(t, p, "discourse")
	quote := doc[strings.Index(doc, "<blockquote>"):strings.Index(doc, "</blockquote>")]
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if strings.Contains(quote, ">"+esc(f.Label)+"<") {
				t.Errorf("141/discourse: label %q is an element's whole text", f.Label)
			}
		}
	}
	// TYPO3: one panel shown, the others in the markup.
	doc, _ = h6Doc(t, p, "typo3")
	if n, m := strings.Count(doc, `class="tab-pane fade show active"`), strings.Count(doc, `class="tab-pane fade"`); n != 1 || m != len(p.Sections)-1 {
		t.Errorf("141/typo3: %d panels shown and %d hidden, want 1 and %d", n, m, len(p.Sections)-1)
	}
	// SvelteKit: every stat card's value comes before its label.
	doc, _ = h6Doc(t, p, "sveltekit")
	stats := regexp.MustCompile(`<div class="stat svelte-[0-9a-f]+"><span class="stat-(value|label)`).FindAllStringSubmatch(doc, -1)
	if len(stats) < 5 {
		t.Errorf("141/sveltekit: %d stat cards", len(stats))
	}
	for _, m := range stats {
		if m[1] != "value" {
			t.Error("141/sveltekit: a stat card whose label comes first")
		}
	}
	// MJML: no heading, table header or bold label element; labels and
	// values are divs told apart by style.
	doc, _ = h6Doc(t, p, "mjml")
	if m := regexp.MustCompile(`<(h[1-6]|th|dt|label|strong|b)[ >]`).FindString(doc); m != "" {
		t.Errorf("141/mjml: element %q", m)
	}
}
