package pagegen

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// h3View describes, for a layout of the third held-out set, what a
// reader sees on its pages besides the record.
type h3View struct {
	notTitle func(p *Page) []string // <h1> texts that are not the record's title
	texts    []string               // visible texts that are no value (actions, help, furniture)
	prefixes []string               // visible texts starting so are no value
	pattern  *regexp.Regexp         // visible texts matching it are no value
	links    []string               // links and images whose target holds one of these are furniture
	page     func(p *Page) []string // per page: visible texts that are no value
	encoding string                 // the encoding a browser decodes the page in ("" for utf-8)
	listSep  string                 // lists may be shown as their items joined by listSep
	// expect is the record as the layout shows it, fields in page order
	// (nil: as written).
	expect func(p *Page) *Page
}

var h3Views = map[string]h3View{
	"django": {
		notTitle: func(*Page) []string { return []string{"Visualizza processo"} },
		texts:    append([]string{djangoEmpty, "Chiudi"}, h3HelpTexts()...),
		links:    []string{"/admin/"},
		listSep:  ", ",
	},
	"govuk": {
		texts:    []string{"Modifica"},
		prefixes: []string{"Aggiungi "},
		links:    []string{"/modifica/"},
	},
	"lightning": {texts: []string{"Informazioni di sistema"}, listSep: "; "},
	"confluence": {
		texts: []string{"Mi piace", "Piace a nessuno", "scheda-processo", "osservatorio", "Nessun commento"},
		links: []string{"/label/OSS/"},
	},
	"gdocs": {},
	"newsletter": {
		texts:    []string{"•", "·", "Aggiorna le preferenze", "Annulla l'iscrizione"},
		prefixes: []string{"Ricevi questa e-mail"},
		links:    []string{"list-manage.com/track/"},
		expect:   withoutEmpty,
	},
	"pdftohtml": {
		prefixes: []string{"Osservatorio Partecipazione – Scheda processo "},
		pattern:  regexp.MustCompile(`^Pagina [0-9]+ di [0-9]+$`),
		links:    []string{".png⟩"},
		encoding: "windows-1252",
	},
	"jsonview": {expect: h3MapsApart},
	"nuxt":     {},
	"wiki": {
		texts: []string{"[", "]", "modifica", "Note", "↑", "Scheda del processo", ", Osservatorio Partecipazione.",
			"Categorie", ":", "Processi partecipativi", "è un processo partecipativo censito dall'Osservatorio Partecipazione.",
			ctaQuestion, ctaAction},
		pattern: regexp.MustCompile(`^\[[0-9]+\]$`),
		links:   []string{"action=edit", "/wiki/", "/integra?processo=", "/scheda-processo/"},
		page:    func(p *Page) []string { return []string{p.Title} },
		expect:  wikiShown,
	},
	"angular": {texts: h3HelpTexts()},
}

func h3HelpTexts() []string {
	var out []string
	for l := range h3Helped {
		out = append(out, helpFor(l))
	}
	return out
}

// h3MapsApart returns p with the map of a field shown as a "Mappa" field
// of its own just before it, as the open data API returns it.
func h3MapsApart(p *Page) *Page {
	c := *p
	c.Sections = nil
	for _, s := range p.Sections {
		t := Section{Name: s.Name}
		for _, f := range s.Fields {
			if f.MapImage != "" {
				t.Fields = append(t.Fields, Field{Label: mapLine, Type: "url", Lines: []string{f.MapImage}})
				f.MapImage = ""
			}
			t.Fields = append(t.Fields, f)
		}
		c.Sections = append(c.Sections, t)
	}
	return &c
}

// wikiShown returns p as its wiki article shows it: the short fields of
// every section in the infobox, then the long texts section by section,
// empty fields left out.
func wikiShown(p *Page) *Page {
	c := *p
	c.Sections = nil
	var long []Section
	for _, s := range p.Sections {
		short, text := Section{Name: s.Name}, Section{Name: s.Name}
		for _, f := range s.Fields {
			switch {
			case isEmpty(f):
			case wikiLong(f):
				text.Fields = append(text.Fields, f)
			default:
				short.Fields = append(short.Fields, f)
			}
		}
		c.Sections = append(c.Sections, short)
		if len(text.Fields) > 0 {
			long = append(long, text)
		}
	}
	c.Sections = append(c.Sections, long...)
	return &c
}

// h3Read reads a page of the third held-out set as a person sees it on
// screen: visually hidden text unread, links through redirects read as
// their targets, wrapped lines of converted PDFs read as one text, JSON
// punctuation read past and snake_case keys read as the labels they
// spell, and the layout's furniture (see h3View) dropped.
func h3Read(t *testing.T, doc, layout string, p *Page) reading {
	t.Helper()
	r := read(t, h3Shown(t, doc), p.URL)
	if layout == "jsonview" {
		r.chunks = h3ReadJSON(r.chunks, p)
	}
	v := h3Views[layout]
	if v.listSep != "" {
		r.chunks = h3SplitLists(r.chunks, p, v.listSep)
	}
	if v.notTitle != nil {
		r.h1 = drop3(r.h1, v.notTitle(p))
	}
	texts := v.texts
	if v.page != nil {
		texts = append(append([]string(nil), texts...), v.page(p)...)
	}
	var kept []string
	for _, c := range r.chunks {
		if h3Furniture(v, texts, c) {
			continue
		}
		kept = append(kept, c)
	}
	r.chunks = kept
	return r
}

func h3Furniture(v h3View, texts []string, c string) bool {
	if strings.HasPrefix(c, imgMark) || strings.HasPrefix(c, linkMark) {
		for _, l := range v.links {
			if strings.Contains(c, l) {
				return true
			}
		}
		return false
	}
	if contains(texts, c) || v.pattern != nil && v.pattern.MatchString(c) {
		return true
	}
	for _, pre := range v.prefixes {
		if strings.HasPrefix(c, pre) {
			return true
		}
	}
	return false
}

func drop3(chunks, texts []string) []string {
	var out []string
	for _, c := range chunks {
		if !contains(texts, c) {
			out = append(out, c)
		}
	}
	return out
}

// TestHeldOut3Read checks every record in every layout of the third
// held-out set as a person reads it on screen (see h3Read): well-formed
// markup in the expected encoding, the provenance comment, and the title,
// region, badges and every label in order with exactly its value.
func TestHeldOut3Read(t *testing.T) {
	if n := len(HeldOut3Layouts()); n < 10 {
		t.Fatalf("%d layouts in the third held-out set, want at least 10", n)
	}
	for _, layout := range HeldOut3Layouts() {
		if _, ok := h3Views[layout]; !ok {
			t.Errorf("layout %s has no reading view", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut3Layouts() {
			body, ct, err := RenderHeldOut3(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			v := h3Views[layout]
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
			errs = append(errs, checkReading(h3Read(t, doc, layout, p), expect)...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut3(parseRecord(t, 141), "dl"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut3(dl): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut3(nil, "wiki"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut3Record141 checks that record 141, the complete one, shows
// every label in every layout (every label with a value where the layout
// leaves empty fields out) and its last-modified date.
func TestHeldOut3Record141(t *testing.T) {
	p := parseRecord(t, 141)
	omits := map[string]bool{"newsletter": true, "wiki": true}
	for _, layout := range HeldOut3Layouts() {
		body, ct, err := RenderHeldOut3(p, layout)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := decodeBody(t, body, ct)
		chunks := h3Read(t, doc, layout, p).chunks
		shown := map[string]bool{}
		for _, c := range chunks {
			shown[fold(stripDecorations(c))] = true
		}
		n := 0
		for _, s := range p.Sections {
			for _, f := range s.Fields {
				if omits[layout] && isEmpty(f) {
					continue
				}
				n++
				if !shown[fold(f.Label)] {
					t.Errorf("141/%s: label %q not shown", layout, f.Label)
				}
			}
		}
		if n < 20 {
			t.Errorf("141/%s: %d labels checked, want the whole record", layout, n)
		}
		if !strings.Contains(strings.Join(chunks, "\n"), p.LastModified) {
			t.Errorf("141/%s: last-modified date %q not shown", layout, p.LastModified)
		}
	}
}

// TestHeldOut3Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut3Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"django":     {`<label>Stato di avanzamento:</label>`, `<div class="readonly">-</div>`, `<div class="help"`, `Comune di Formigine, Comune di Maranello`},
		"govuk":      {`<dd class="govuk-summary-list__actions">`, `<span class="govuk-visually-hidden"> stato di avanzamento</span>`, `>Aggiungi anno di avvio</a>`, `govuk-caption-l`},
		"lightning":  {`<records-record-layout-item field-label="Stato di avanzamento"`, `<span class="slds-assistive-text">Modifica Stato di avanzamento</span>`, `slds-tabs_default__content slds-hide`, `Interviste e questionari strutturati; OST`},
		"confluence": {`<th class="confluenceTh"><p>Stato di avanzamento</p></th>`, `<span class="status-macro aui-lozenge`, `class="external-link"`},
		"gdocs":      {`<span class="c2">Stato di avanzamento</span>`, `href="https://www.google.com/url?q=http://www.fabbricaideedistretto.it&amp;sa=D`, `.c2{color:#000000;font-weight:700`},
		"newsletter": {`display:none;font-size:1px`, `Stato di avanzamento: Concluso`, `&zwnj;`, `<!--[if mso]>`, `font-weight:bold`},
		"pdftohtml":  {`class="ft12"><b>Tra&#160;i&#160;soggetti&#160;partecipanti&#160;si&#160;`, `Pagina&#160;1&#160;di&#160;`, `<div id="page2-div"`},
		"jsonview":   {`&#34;stato_di_avanzamento&#34;:</span> <span class="string">&#34;Concluso&#34;</span>`, `&#34;durata_mesi&#34;:</span> <span class="number">12</span>`, `<span class="null">null</span>`},
		"nuxt":       {`<td class="el-descriptions__cell el-descriptions__label is-bordered-label" colspan="1" style="width:180px;">Stato di avanzamento</td>`, `</span><span class="el-tag el-tag--info`, `id="__NUXT_DATA__"`, `<!---->`},
		"wiki":       {`<tr><th>Stato di avanzamento</th><td>Concluso<sup id="cite_ref-1" class="reference">`, `<span class="mw-headline" id="Obiettivi">Obiettivi</span>`, `class="mw-editsection"`},
		"angular":    {`<mat-label _ngcontent-ng-c2417733489="">Stato di avanzamento</mat-label>`, `aria-hidden="true" data-mat-icon-type="font">info</mat-icon>`, `<span class="mat-mdc-select-min-line">Concluso</span>`, `<mat-chip-row`, `<base href="/">`},
	}
	for _, layout := range HeldOut3Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("%s: no traits listed", layout)
			continue
		}
		body, ct, err := RenderHeldOut3(p, layout)
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
	// Labels the open data viewer shows only as snake_case keys.
	body, ct, err := RenderHeldOut3(p, "jsonview")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := decodeBody(t, body, ct)
	for _, c := range read(t, doc, p.URL).chunks {
		for _, s := range p.Sections {
			for _, f := range s.Fields {
				if strings.Contains(c, f.Label) && strings.Contains(f.Label, " ") {
					t.Errorf("141/jsonview: label %q shown as written in %q", f.Label, c)
				}
			}
		}
	}
	// Every link of a published document goes through the redirect.
	body, ct, err = RenderHeldOut3(p, "gdocs")
	if err != nil {
		t.Fatal(err)
	}
	doc, _ = decodeBody(t, body, ct)
	contents := doc[strings.Index(doc, `<div id="contents">`):strings.Index(doc, `<div id="footer">`)]
	if n, m := strings.Count(contents, `<a class="c8" href="https://www.google.com/url?q=`), strings.Count(contents, "href="); n == 0 || n != m {
		t.Errorf("141/gdocs: %d of %d links in the document go through the redirect", n, m)
	}
}
