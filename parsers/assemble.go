package parsers

import (
	"fmt"
	"net/url"
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

func (a *assembler) close() {
	a.flushMap()
	if f := a.open; f != nil {
		a.open = nil
		a.finish(f)
	}
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

func (a *assembler) warn(code string, f *openField, msg string) {
	w := Warning{Code: code, Label: f.label, Message: msg}
	if f.def != nil {
		w.Field = f.def.name
	}
	a.rec.Warnings = append(a.rec.Warnings, w)
}
