package parsers

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// assembler reads the token stream of a page into a Record: the header
// before the first label or section, then each label with the blocks up to
// the next label or section heading.
type assembler struct {
	rec       *Record
	base      *url.URL
	container *html.Node // see recordContainer

	body        bool // past the header
	section     string
	open        *openField
	pendingMap  *openField // "Mappa" waiting for its image
	known       int
	headerTitle string

	knownSeen   map[*fieldDef]bool
	unknownSeen map[string]bool
	assigned    map[string]string // field name -> raw text it was set from
	linkAt      map[linkKey]int
}

type linkKey struct{ url, field string }

// openField is a label whose value is being read.
type openField struct {
	def     *fieldDef
	label   string
	section string
	blocks  []token
}

func newAssembler(base *url.URL, container *html.Node) *assembler {
	return &assembler{
		rec:         &Record{},
		base:        base,
		container:   container,
		knownSeen:   make(map[*fieldDef]bool),
		unknownSeen: make(map[string]bool),
		assigned:    make(map[string]string),
		linkAt:      make(map[linkKey]int),
	}
}

func (a *assembler) run(tokens []token) {
	for _, t := range tokens {
		switch t.kind {
		case tokSection:
			a.close()
			a.body = true
			a.section = t.text
		case tokLabel:
			if t.field == nil && !a.body {
				a.header(t) // a badge styled as a label, a header cell
				continue
			}
			a.body = true
			if t.field != nil && t.field.mapLink {
				a.flushMap()
				a.pendingMap = &openField{def: t.field, label: shownLabel(t.text), section: a.section}
				continue
			}
			a.close()
			a.open = &openField{def: t.field, label: shownLabel(t.text), section: a.section}
			if t.field == nil {
				a.unknownLabel(t.text)
			}
		case tokText:
			if a.body && a.container != nil && t.node != nil && !inside(t.node, a.container) {
				a.close() // past the record: page furniture
				continue
			}
			if a.pendingMap != nil && a.takeMap(t) {
				continue
			}
			switch {
			case !a.body:
				a.header(t)
			case a.open != nil:
				a.open.blocks = append(a.open.blocks, t)
			}
		}
	}
	a.close()
}

// takeMap gives the image in t to a pending "Mappa" label and reports
// whether t is used up. A "Mappa" not followed by an image was just a word:
// it goes back to the open field's text.
func (a *assembler) takeMap(t token) bool {
	m := a.pendingMap
	switch {
	case len(t.images) > 0, len(t.links) > 0 && looksLikeImagePath(t.links[0].href), looksLikeImagePath(t.text):
		m.blocks = append(m.blocks, t)
		a.flushMap()
		return true
	}
	a.pendingMap = nil
	if a.open != nil {
		a.open.blocks = append(a.open.blocks, token{kind: tokText, text: m.label})
	}
	return false
}

func (a *assembler) flushMap() {
	if m := a.pendingMap; m != nil {
		a.pendingMap = nil
		a.finish(m)
	}
}

func (a *assembler) close() {
	a.flushMap()
	if f := a.open; f != nil {
		a.open = nil
		a.finish(f)
	}
}

// cta matches the observatory's call to action, which is not a field.
var cta = regexp.MustCompile(`(?i)^(hai gestito, partecipato|integra le informazioni)`)

// header reads the blocks above the first section: the region, the badges,
// and a title candidate for pages without h1 or <title>.
func (a *assembler) header(t token) {
	for _, im := range t.images {
		a.badges(im.alt)
	}
	text := t.text
	switch {
	case text == "", cta.MatchString(text):
	case a.badges(text):
	case strings.HasPrefix(text, "Regione ") && len(text) < 60 && a.rec.Region == nil:
		a.rec.Region = &text
	case a.headerTitle == "":
		a.headerTitle = text
	}
}

// badges sets the Certificato / Finanziato flags from a badge text, which
// may run both together ("CertificatoFinanziato").
func (a *assembler) badges(text string) bool {
	f := strings.ReplaceAll(foldText(text), " ", "")
	switch f {
	case "certificato":
		a.rec.Certified = true
	case "finanziato":
		a.rec.Financed = true
	case "certificatofinanziato", "finanziatocertificato":
		a.rec.Certified, a.rec.Financed = true, true
	default:
		return false
	}
	return true
}

// shownLabel is a label as the page shows it, without the colon or
// asterisk that some layouts put after it.
func shownLabel(s string) string {
	return strings.TrimRight(s, " :*")
}

func (a *assembler) unknownLabel(label string) {
	if a.unknownSeen[label] {
		return
	}
	a.unknownSeen[label] = true
	a.rec.Warnings = append(a.rec.Warnings, Warning{
		Code:    "unknown_label",
		Label:   label,
		Message: fmt.Sprintf("label %q is not in the dictionary: the source may have changed", label),
	})
}

// finish ends a field: it keeps the raw text, collects the links, and sets
// the typed value.
func (a *assembler) finish(f *openField) {
	var lines, texts []string
	for _, b := range f.blocks {
		switch {
		case b.text != "":
			lines = append(lines, b.text)
			texts = append(texts, b.text)
		case len(b.images) > 0:
			lines = append(lines, b.images[0].src)
		case len(b.links) > 0:
			lines = append(lines, b.links[0].href)
		}
	}
	raw := strings.Join(lines, "\n")
	name := ""
	if f.def != nil {
		name = f.def.name
		if !a.knownSeen[f.def] {
			a.knownSeen[f.def] = true
			a.known++
		}
	}
	a.rec.Raw = append(a.rec.Raw, RawField{Section: f.section, Label: f.label, Field: name, Text: raw})
	a.collectLinks(f, name)
	if f.def == nil || len(lines) == 0 {
		return
	}
	if len(texts) == 1 && dict.isPlaceholder(texts[0]) {
		return
	}
	if prev, ok := a.assigned[name]; ok {
		if prev != raw {
			a.warn("duplicate_label", f, fmt.Sprintf("%q appears again; the first value is kept", f.label))
		}
		return
	}
	if a.setValue(f, texts) {
		a.assigned[name] = raw
	}
}

func (a *assembler) warn(code string, f *openField, msg string) {
	w := Warning{Code: code, Label: f.label, Message: msg}
	if f.def != nil {
		w.Field = f.def.name
	}
	a.rec.Warnings = append(a.rec.Warnings, w)
}

// collectLinks adds every URL of a field's value to the record's links:
// link targets, image sources of image fields, and addresses written in the
// text, with whether the text around them says they are gone.
func (a *assembler) collectLinks(f *openField, field string) {
	for _, b := range f.blocks {
		for _, l := range b.links {
			gone := false
			if i := strings.Index(b.text, l.text); l.text != "" && i >= 0 {
				gone = declaredGone(b.text, i, i+len(l.text))
			}
			a.addLink(ResolveURL(a.base, l.href), field, "href", gone)
		}
		if f.def != nil && f.def.kind == kindImage {
			for _, im := range b.images {
				a.addLink(ResolveURL(a.base, im.src), field, "src", false)
			}
			if len(b.images) == 0 && len(b.links) == 0 && looksLikeImagePath(b.text) {
				a.addLink(ResolveURL(a.base, b.text), field, "text", false)
			}
		}
		for _, u := range findURLs(b.text) {
			a.addLink(u.url, field, "text", declaredGone(b.text, u.start, u.end))
		}
	}
}

func (a *assembler) addLink(u, field, source string, gone bool) {
	if u == "" || !strings.HasPrefix(u, "http") {
		return
	}
	k := linkKey{u, field}
	if i, ok := a.linkAt[k]; ok {
		a.rec.Links[i].DeclaredGone = a.rec.Links[i].DeclaredGone || gone
		return
	}
	a.linkAt[k] = len(a.rec.Links)
	a.rec.Links = append(a.rec.Links, Link{URL: u, Field: field, Source: source, DeclaredGone: gone})
}
