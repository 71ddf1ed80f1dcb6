package parsers

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// assembler reads the token stream of a page into a Record: the header
// before the first label or section, then each label with the blocks up to
// the next label or section heading.
type assembler struct {
	rec       *Record
	base      *url.URL
	container *html.Node    // see recordContainer
	explain   *explainer    // nil unless the caller asked how the page was read
	self      string        // the page's own address, without scheme, fragment or final slash
	canonical func() string // the page's canonical address, so written; read when first needed
	canon     *string

	body        bool // past the header
	section     string
	open        *openField
	pendingMap  *openField // "Mappa" waiting for its image
	mapWaiting  *openField // the map, shown by a placeholder, waiting for its image's link (see imageArea)
	known       int
	headerTitle string
	// headerGeneric says whether headerTitle only names the kind of page
	// or numbers the record (a later header text replaces it): 0 not
	// known yet, 1 yes, 2 no.
	headerGeneric uint8
	headerLine    *html.Node // the element drawing headerTitle's last line
	labeledTitle  string     // a title shown as a labelled field ("Titolo: ...")
	// nearTitle is the heading, or the bold line standing alone, that the
	// record follows with only the region, badges or call to action between
	// them: the title of a record shown below a page's own heading.
	nearTitle string
	nearLine  token // nearTitle's last line
	// orphans are the blocks since the last label or section that no
	// field took, and prevLabel the last label's element: a value drawn
	// above its label (see valueBefore).
	orphans   []token
	prevLabel *html.Node
	// afterH1 counts the header blocks after the page's <h1> (-1 before
	// it); nearAfterH1 is that count at nearTitle. A record's own heading
	// far below the <h1> names it; one just below it (a page's "Statements")
	// leaves the title to the <h1>.
	afterH1, nearAfterH1 int

	knownSeen   map[*fieldDef]bool
	unknownSeen map[string]bool
	fuzzySeen   map[string]bool
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
	tok     token      // the label token
	cell    *html.Node // the table cell or dd holding the value, when one does
	box     *html.Node // the element holding the label and its value only, when one does
	more    bool       // the label was repeated: the next block starts another part of the value
	fold    bool       // a block scalar in code (YAML ">-"): the lines below are one text
}

// blank reports whether no block of the value so far shows anything.
func (f *openField) blank() bool {
	for _, b := range f.blocks {
		if b.text != "" || b.media != nil || b.check != checkNone {
			return false
		}
	}
	return true
}

// fieldBox is the smallest element holding both a label and the first
// block of its value, when that element is smaller than the record's
// container: the field's own wrapper. nil when label and value are only
// together in the container (dt and dd, a heading and its paragraphs).
func fieldBox(n, label, container *html.Node) *html.Node {
	if label == nil || container == nil {
		return nil
	}
	box := commonAncestor(n, label)
	if box == nil || box == container || inside(container, box) {
		return nil
	}
	return box
}

// nextCell reports whether n sits in a dd after the value's dd in the same
// list (a value with one dd per item), and makes that the value's cell.
// (A cell after a table's value cell is another column: a note, a
// language.)
func (f *openField) nextCell(n *html.Node) bool {
	for x := n; x != nil; x = x.Parent {
		if x.Parent == f.cell.Parent {
			if x.Type == html.ElementNode && x.DataAtom == f.cell.DataAtom && x.DataAtom == atom.Dd {
				f.cell = x
				return true
			}
			return false
		}
	}
	return false
}

// valueCell is the table cell or definition (td, th, dd) that holds a
// value whose first block is at n and whose label is at label: the highest
// such ancestor of n that does not hold the label; nil when there is none
// (a value in paragraphs after a heading runs on).
func valueCell(n, label, container *html.Node) *html.Node {
	var cell *html.Node
	for x := n; x != nil && x != container; x = x.Parent {
		if label != nil && inside(label, x) {
			break
		}
		if x.Type == html.ElementNode && (x.DataAtom == atom.Td || x.DataAtom == atom.Th || x.DataAtom == atom.Dd) {
			cell = x
		}
	}
	return cell
}

func newAssembler(base *url.URL, container *html.Node) *assembler {
	return &assembler{
		rec:         &Record{},
		afterH1:     -1,
		nearAfterH1: -1,
		base:        base,
		container:   container,
		knownSeen:   make(map[*fieldDef]bool),
		unknownSeen: make(map[string]bool),
		fuzzySeen:   make(map[string]bool),
		assigned:    make(map[string]string),
		linkAt:      make(map[linkKey]int),
	}
}

func (a *assembler) run(tokens []token) {
	a.presize(tokens)
	for _, t := range tokens {
		switch t.kind {
		case tokSection:
			if f := a.open; f != nil && len(f.blocks) > 0 {
				if last := f.blocks[len(f.blocks)-1]; last.text == "" && disclosure(t.text, last.links(), last.images()) {
					// The icon that opens or closes the next section, just
					// before its heading: not the last value's.
					f.blocks = f.blocks[:len(f.blocks)-1]
				}
			}
			a.close()
			a.orphans = a.orphans[:0]
			a.body = true
			a.section = t.text
			a.explain.section(t)
		case tokLabel:
			if t.field == nil && !a.body {
				a.header(t) // a badge styled as a label, a header cell
				continue
			}
			if a.body && a.container != nil && t.node != nil && !inside(t.node, a.container) {
				// A label met again past the record (a history line, "Stato
				// di avanzamento cambiato da ... a ..."): not a field.
				a.close()
				a.explain.unused(t, "a label outside the element holding the record's labels")
				continue
			}
			a.body = true
			if t.field != nil && t.field.mapLink {
				a.flushMap()
				a.pendingMap = &openField{def: t.field, label: shownLabel(t.text), section: a.section, tok: t}
				continue
			}
			if f := a.open; f != nil && t.field != nil && f.def == t.field && len(f.blocks) > 0 && t.node != nil {
				// The label again right after its value: one row per value
				// (a repository's record, an export), the same field going on.
				f.tok, f.cell, f.box, f.more = t, nil, nil, true
				continue
			}
			carried := a.valueBefore(t)
			a.close()
			a.orphans = a.orphans[:0]
			a.prevLabel = t.node
			a.open = &openField{def: t.field, label: shownLabel(t.text), section: a.section, tok: t}
			for _, c := range carried {
				if !a.mapInValue(c) {
					a.open.blocks = append(a.open.blocks, c)
				}
			}
			switch {
			case t.field == nil:
				a.unknownLabel(shownLabel(t.text))
			case t.how == matchFuzzy:
				a.fuzzyLabel(a.open)
			}
		case tokText:
			if a.body && a.container != nil && t.node != nil && !inside(t.node, a.container) {
				a.close() // past the record: page furniture
				if a.tagHeader(t) {
					continue
				}
				a.explain.unused(t, "outside the element holding the record's labels")
				continue
			}
			if t.check == checkNone && (isMarker(t.text) || pictographs(t.text)) && len(t.links()) == 0 && len(t.images()) == 0 {
				a.explain.decoration(t.text, t.node, "a block of its own")
				continue
			}
			if a.pendingMap != nil && a.takeMap(t) {
				continue
			}
			if a.mapWaiting != nil && a.takeImageArea(t) {
				continue
			}
			switch {
			case !a.body:
				a.header(t)
			case a.open != nil && a.open.box != nil && t.node != nil && !inside(t.node, a.open.box):
				// The label and its value sat together in a box of their own
				// (a field's wrapper): text past that box is not the value's,
				// but may be the next label's, drawn above it.
				a.close()
				if a.section == "" && (regionIn(t.text) == t.text || isBadgeText(t.text)) {
					// A badge or the region standing in a box of its own
					// among the header fields, as a status.
					a.unknownHeader([]string{t.text})
					continue
				}
				a.orphans = append(a.orphans[:0], t)
				a.explain.unused(t, "after the box that held the last field")
			case a.open != nil && a.open.cell != nil && t.node != nil && !inside(t.node, a.open.cell) && a.open.cell.DataAtom != atom.Dd &&
				a.open.cell.Parent != nil && inside(t.node, a.open.cell.Parent):
				// Another column of the value's row (a note, a language):
				// not the value, and not the end of the field either, whose
				// label may come again on the next row with more of it.
				a.explain.unused(t, "another column of the row holding the last value")
			case a.open != nil && a.open.cell != nil && t.node != nil && !inside(t.node, a.open.cell) && !a.open.nextCell(t.node):
				// The value sat in a cell (a table cell, a dd): text past
				// that cell is not part of it (the text after a wiki's
				// infobox, a newsletter's footer).
				a.close()
				a.explain.unused(t, "after the cell that held the last value")
			case a.open != nil && blockScalar(t.text) != 0 && !a.open.fold && t.check == checkNone && t.media == nil &&
				a.open.blank() && inCode(t.node):
				// "Label: >-" in YAML shown as code: the value is the
				// indented lines below, folded into one text by ">".
				a.open.fold = blockScalar(t.text) == '>'
				a.open.cell, a.open.box, a.open.more = nil, nil, true
				a.explain.decoration(t.text, t.node, "a block scalar's indicator before the value of "+a.open.label)
			case a.open != nil && t.check == checkNone && strings.HasPrefix(t.text, "# ") && inCode(t.node):
				if !a.mapInComment(t) {
					a.explain.unused(t, "a comment in code")
				}
			case a.open != nil && a.mapInValue(t):
			case a.open != nil:
				if (len(a.open.blocks) == 0 || a.open.more) && t.node != nil {
					a.open.cell = valueCell(t.node, a.open.tok.node, a.container)
					a.open.box = fieldBox(t.node, a.open.tok.node, a.container)
					a.open.more = false
				}
				a.open.blocks = append(a.open.blocks, t)
			case a.section == "" && (regionIn(t.text) == t.text || isBadgeText(t.text)):
				// The region or a badge standing alone among labelled
				// header fields ("Titolo", "Editore"), before the sections.
				a.unknownHeader([]string{t.text})
			default:
				a.orphans = append(a.orphans, t)
				a.explain.unused(t, "after a section heading, before any label")
			}
		}
	}
	a.close()
}

// valueBefore takes back the open field's last blocks when they are the
// new label's value drawn above it: a card that shows a figure over its
// label ("12" over "Durata (mesi)"), a list item whose title is the value
// and whose subtitle, last in it, the label. The blocks and the label
// share a box that holds no other label; they may hold links (a source's
// address), not images. Such blocks are not the open field's. Where no
// field is open (the first field of a section), the
// blocks no field took are looked at the same way.
func (a *assembler) valueBefore(label token) []token {
	if label.node == nil {
		return nil
	}
	blocks, prev := a.orphans, a.prevLabel
	if f := a.open; f != nil {
		blocks, prev = f.blocks, f.tok.node
		if prev == nil {
			return nil
		}
	}
	var box *html.Node
	k := len(blocks)
	for k > 0 {
		b := blocks[k-1]
		if b.node == nil || len(b.images()) > 0 && (label.field == nil || label.field.name != mapHost) {
			break // an image is taken back only by the field showing the map
		}
		c := commonAncestor(b.node, label.node)
		if c == nil || (box != nil && c != box) || (prev != nil && inside(prev, c)) || c == a.container || (a.container != nil && inside(a.container, c)) {
			break
		}
		box = c
		k--
	}
	if k == len(blocks) {
		return nil
	}
	if (k < len(blocks)-1 || a.open == nil) && !lastIn(label.node, box) {
		// More than the one block, or blocks no field took: only when the
		// label ends the box, as a caption under its value.
		return nil
	}
	taken := append([]token(nil), blocks[k:]...)
	if a.open != nil {
		a.open.blocks = a.open.blocks[:k]
	} else {
		a.orphans = a.orphans[:k]
	}
	return taken
}

// lastIn reports whether nothing visible follows n inside box.
func lastIn(n, box *html.Node) bool {
	for x := n; x != nil && x != box; x = x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && skipElement(s) {
				continue
			}
			if strings.TrimSpace(textOf(s, 64)) != "" {
				return false
			}
		}
	}
	return true
}

// mapHost is the field in whose value the observatory shows the map of
// the process's impact (see the schema's impact_map).
const mapHost = "territory"

// mapDef is the dictionary entry of the map shown inside mapHost's value.
var mapDef = func() *fieldDef {
	for i := range fieldDefs {
		if fieldDefs[i].mapLink {
			return &fieldDefs[i]
		}
	}
	return nil
}()

// mapInValue reads a block that is only an image, or only a link to one
// named by its file, inside the value of mapHost as the map, where no
// "Mappa" announces it (an uploaded file's chip, a statement's value), and
// reports whether it did.
func (a *assembler) mapInValue(t token) bool {
	f := a.open
	if f.def == nil || f.def.name != mapHost || mapDef == nil || a.assigned[mapDef.name] != "" || t.check != checkNone {
		return false
	}
	ims, ls := t.images(), t.links()
	switch {
	case len(ims) == 1 && len(ls) <= 1 && (t.text == "" || looksLikeImagePath(t.text)):
	case len(ims) == 0 && len(ls) == 1 && looksLikeImagePath(ResolveURL(a.base, ls[0].href)) && (t.text == "" || looksLikeImagePath(t.text)):
	case len(ims) == 0 && len(ls) == 0 && looksLikeImagePath(t.text) && len(f.blocks) == 0:
		// The image's address written as text, first in the value.
	case len(ims) == 1 && len(ls) == 0 && ims[0].src != "":
		// The map's image beside the value's text in one line ("<img
		// alt=Mappa>, Ravenna"): the image is the map, the text the value.
		a.finish(&openField{def: mapDef, label: mapLabel, section: a.section, blocks: []token{{kind: tokText, media: t.media, node: t.node}}, tok: f.tok})
		if f.blocks == nil && t.node != nil {
			f.cell = valueCell(t.node, f.tok.node, a.container)
			f.box = fieldBox(t.node, f.tok.node, a.container)
		}
		f.blocks = append(f.blocks, token{kind: tokText, text: t.text, node: t.node})
		return true
	default:
		return false
	}
	a.finish(&openField{def: mapDef, label: mapLabel, section: a.section, blocks: []token{t}, tok: f.tok})
	return true
}

// takeMap gives the image in t to a pending "Mappa" label and reports
// whether t is used up. A "Mappa" not followed by an image was just a word:
// it goes back to the open field's text.
func (a *assembler) takeMap(t token) bool {
	m := a.pendingMap
	switch {
	case len(t.images()) > 0 && t.text != "" && !looksLikeImagePath(t.text):
		// The map's image and, after it in the same line, the value it
		// interrupts ("Mappa <img> Ravenna").
		m.blocks = append(m.blocks, token{kind: tokText, media: t.media, node: t.node})
		a.flushMap()
		if a.open != nil {
			a.open.blocks = append(a.open.blocks, token{kind: tokText, text: t.text, node: t.node})
		}
		return true
	case len(t.images()) > 0, len(t.links()) > 0 && looksLikeImagePath(t.links()[0].href), looksLikeImagePath(t.text):
		m.blocks = append(m.blocks, t)
		a.flushMap()
		return true
	case len(t.images()) == 0 && len(t.links()) == 0 && imagePlaceholder(t.text):
		// "Mappa [immagine]": the image is elsewhere (see imageArea).
		a.pendingMap, a.mapWaiting = nil, m
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
	for _, im := range t.images() {
		a.badges(im.alt)
	}
	text := t.text
	if text == "" {
		return
	}
	region := ""
	if a.rec.Region == nil {
		region = regionIn(text)
	}
	switch {
	case cta.MatchString(text):
		a.explain.unused(t, "the call to action")
	case a.badges(text):
	case a.rec.Region != nil && strings.Contains(text, *a.rec.Region):
		a.explain.unused(t, "header text")
	case region != "":
		// "Regione Emilia-Romagna – Certificato – Finanziato": the region,
		// and the badges when the rest of the line is badges.
		a.rec.Region = &region
		if rest := strings.TrimSpace(strings.Replace(text, region, "", 1)); rest != "" {
			a.badges(rest)
		}
	default:
		a.headerText(t)
		if a.headerTitle != "" && lineWrap(a.headerLine, t.node) {
			// The title drawn over two lines (see lineWrap).
			a.headerTitle += " " + text
			a.headerLine = t.node
		} else if linksOnly(t) {
			a.explain.unused(t, "header text: links only")
		} else if a.headerTitle == "" || a.headerMaybeGeneric() && !genericTitle(text) {
			// The first header text, past one that only numbers the
			// record ("Scheda 141" in a viewer's top bar).
			a.headerTitle, a.headerGeneric, a.headerLine = text, 0, t.node
		} else {
			a.explain.unused(t, "header text")
		}
	}
}

// linksOnly reports whether a block shows nothing but its links' text
// ("[ Accedi ]", "Home · Contatti"): a menu, not a title.
func linksOnly(t token) bool {
	ls := t.links()
	if len(ls) == 0 {
		return false
	}
	rest := t.text
	for _, l := range ls {
		if l.text == "" {
			return false
		}
		rest = strings.Replace(rest, l.text, "", 1)
	}
	return strings.Trim(rest, " []()|·•-–—/>»") == ""
}

// headerMaybeGeneric reports whether headerTitle only names the kind of
// page or numbers the record, working it out once.
func (a *assembler) headerMaybeGeneric() bool {
	if a.headerGeneric == 0 {
		a.headerGeneric = 2
		if len(a.headerTitle) < 80 && genericTitle(a.headerTitle) {
			a.headerGeneric = 1
		}
	}
	return a.headerGeneric == 1
}

// headerText follows, among the header's blocks other than the region,
// badges and call to action, the heading the record follows (nearTitle)
// and how far below the <h1> it is.
func (a *assembler) headerText(t token) {
	switch {
	case inH1(t.node):
		a.afterH1 = 0
		a.nearTitle = ""
		return
	case t.field == nil && titleLike(t):
		if a.nearTitle != "" && (wrapped(&a.nearLine, &t) || lineWrap(a.nearLine.node, t.node)) {
			a.nearTitle += " " + t.text // the heading's next line
		} else {
			a.nearTitle = t.text
		}
		a.nearLine = t
	default:
		a.nearTitle = ""
	}
	if a.afterH1 >= 0 {
		a.afterH1++
	}
	if a.nearTitle != "" {
		a.nearAfterH1 = a.afterH1
	}
}

// inH1 reports whether n is in an <h1>.
func inH1(n *html.Node) bool {
	for d := 0; n != nil && d < 4; d, n = d+1, n.Parent {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
			return true
		}
	}
	return false
}

// nearTitleFar is how many header blocks below the <h1> a heading must be
// for it, rather than the <h1>, to name the record.
const nearTitleFar = 4

// titleLike reports whether a block is drawn as a title: a heading, or a
// bold text that is its whole block.
func titleLike(t token) bool {
	n := t.node
	if n == nil || n.Type != html.ElementNode || len(t.links()) > 0 {
		return false
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	case atom.B, atom.Strong:
		return collapseSpace(textOf(n, len(t.text)+16)) == t.text
	}
	return false
}

// isBadgeText reports whether text is badges only (see badges).
func isBadgeText(text string) bool {
	_, _, ok := badgeFlags(text)
	return ok
}

// badges sets the Certificato / Finanziato flags from a badge text, which
// may run both together ("CertificatoFinanziato").
func (a *assembler) badges(text string) bool {
	cert, fin, ok := badgeFlags(text)
	if !ok {
		return false
	}
	a.rec.Certified = a.rec.Certified || cert
	a.rec.Financed = a.rec.Financed || fin
	return true
}

// badgeFlags reads a text that is badges only: which badges it shows, and
// whether it is one.
func badgeFlags(text string) (cert, fin, ok bool) {
	if len(text) > 80 || !strings.ContainsAny(text, "cCfF") {
		return false, false, false
	}
	f := foldText(text)
	if len(f) > 60 {
		return false, false, false
	}
	// "Certificato · Finanziato", "Certificato | Finanziato", or run
	// together: every word must be a badge.
	words := strings.FieldsFunc(f, func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	for _, w := range words {
		switch w {
		case "tag", "tags", "etichette", "categorie", "categoria", "riconoscimenti":
			// "Tag: Certificato, Finanziato"
		case "certificato":
			cert = true
		case "finanziato":
			fin = true
		case "certificatofinanziato", "finanziatocertificato":
			cert, fin = true, true
		default:
			return false, false, false
		}
	}
	return cert, fin, cert || fin
}

// shownLabel is a label as the page shows it, without the colon and the
// decorations that some layouts put around it.
func shownLabel(s string) string {
	t, _ := trimLabelDecor(s)
	if t == "" {
		return strings.TrimRight(s, " :*")
	}
	return t
}

// fuzzyLabel reports a near-miss label, once per label text.
func (a *assembler) fuzzyLabel(f *openField) {
	if a.fuzzySeen[f.label] {
		return
	}
	a.fuzzySeen[f.label] = true
	a.rec.Warnings = append(a.rec.Warnings, Warning{
		Code:    "fuzzy_label",
		Field:   f.def.name,
		Label:   f.label,
		Message: fmt.Sprintf("label %q read as %q (%s): the source may have changed", f.label, f.def.labels[0], f.def.name),
	})
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
	v := a.valueOf(f)
	raw := strings.Join(v.lines, "\n")
	name := ""
	if f.def != nil {
		name = f.def.name
		if !a.knownSeen[f.def] && f.def.kind != kindHeader {
			a.knownSeen[f.def] = true
			a.known++
		}
	}
	a.rec.Raw = append(a.rec.Raw, RawField{Section: f.section, Label: f.label, Field: name, Text: raw})
	ex := a.explain.label(f, raw)
	if f.def != nil {
		// A label the dictionary does not know keeps its text in raw; its
		// links are not the record's until the dictionary knows the field.
		a.collectLinks(f, name)
	}
	switch {
	case f.def == nil:
		ex.note("not in the dictionary")
		a.unknownHeader(v.texts)
		return
	case len(v.lines) == 0:
		ex.note("empty")
		return
	case len(v.texts) == 1 && (dict.isPlaceholder(v.texts[0]) || isNoData(v.texts[0])):
		ex.note("the observatory's placeholder for no data: null")
		return
	case len(v.lines) == 1 && len(v.texts) == 1 && name == "impact_map" && imagePlaceholder(v.texts[0]):
		ex.note("a placeholder for the image: the link over the picture is read")
		if a.assigned[name] == "" {
			a.mapWaiting = f
		}
		return
	}
	if prev, ok := a.assigned[name]; ok {
		if prev != raw {
			a.warn("duplicate_label", f, fmt.Sprintf("%q appears again; the first value is kept", f.label))
		}
		ex.note("repeated: the first value is kept")
		return
	}
	if a.setValue(f, v) {
		a.assigned[name] = raw
	} else {
		ex.note("no value read")
	}
}

// tagHeader reads a tag of the page, wherever it stands, for the header:
// a link to the pages filed under a label or tag whose text is the region
// or a badge (an issue's labels in a sidebar). It reports whether it did.
func (a *assembler) tagHeader(t token) bool {
	ls := t.links()
	if len(ls) != 1 || ls[0].text != t.text || len(t.images()) > 0 || !(regionIn(t.text) == t.text || isBadgeText(t.text)) {
		return false
	}
	h := strings.ToLower(ls[0].href)
	if !strings.Contains(h, "label") && !strings.Contains(h, "tag") && !strings.Contains(h, "categor") {
		return false
	}
	a.unknownHeader([]string{t.text})
	return true
}

// unknownHeader reads the value of a label the dictionary does not know
// for the header it may carry: the region as a whole value ("Editore:
// Regione Emilia-Romagna"), badges as whole values ("Parole chiave:
// Certificato").
func (a *assembler) unknownHeader(texts []string) {
	for _, t := range texts {
		switch {
		case a.rec.Region == nil && regionIn(t) == t:
			r := t
			a.rec.Region = &r
		case isBadgeText(t):
			a.badges(t)
		}
	}
}

func (a *assembler) warn(code string, f *openField, msg string) {
	w := Warning{Code: code, Label: f.label, Message: msg}
	if f.def != nil {
		w.Field = f.def.name
	}
	a.rec.Warnings = append(a.rec.Warnings, w)
}
