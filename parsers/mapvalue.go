package parsers

import "strings"

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
		// alt=Mappa>, Ravenna", "Mappa, <img>, Ravenna"): the image is the
		// map, the text the value less the map's caption.
		a.finish(&openField{def: mapDef, label: mapLabel, section: a.section, blocks: []token{{kind: tokText, media: t.media, node: t.node}}, tok: f.tok})
		if f.blocks == nil && t.node != nil {
			f.cell = valueCell(t.node, f.tok.node, a.container)
			f.box = fieldBox(t.node, f.tok.node, a.container)
		}
		f.blocks = append(f.blocks, token{kind: tokText, text: withoutMapCaption(t.text), node: t.node})
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

// withoutMapCaption takes off the start of a value's line the map's
// label first in a list joined by commas or semicolons ("Mappa, <img>,
// Ravenna", "Mappa di Impatto; Bologna"): the caption of the map shown
// there, not an item of the value.
func withoutMapCaption(text string) string {
	i := strings.IndexAny(text, ",;")
	if i <= 0 || mapDef == nil {
		return text
	}
	if m := dict.lookup(strings.TrimSpace(text[:i])); m.field == nil || m.field.name != mapDef.name {
		return text
	}
	return strings.TrimLeft(text[i+1:], " ,;")
}
