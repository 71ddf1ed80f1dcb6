package parsers

import (
	"strings"
)

// A page converted from a PDF shows a picture as part of the page's
// background, with a placeholder in its text ("[immagine]") and the link
// the PDF laid over the picture (an empty link to the image file, placed
// after the page's lines). A reader sees the map there and clicks it: the
// map is the image that link opens.

// imagePlaceholder reports whether a text only stands for an image:
// "[immagine]", "[image]", "(foto)".
func imagePlaceholder(s string) bool {
	if len(s) < 5 || len(s) > 24 || !(s[0] == '[' && s[len(s)-1] == ']' || s[0] == '(' && s[len(s)-1] == ')') {
		return false
	}
	switch strings.ToLower(strings.TrimSpace(s[1 : len(s)-1])) {
	case "immagine", "image", "img", "foto", "figura", "picture", "mappa", "map":
		return true
	}
	return false
}

// imageArea reports whether a block is only a link to an image file with
// nothing shown: an area laid over a picture.
func (a *assembler) imageArea(t token) bool {
	ls := t.links()
	return t.text == "" && t.check == checkNone && len(ls) == 1 && len(t.images()) == 0 &&
		looksLikeImagePath(ResolveURL(a.base, ls[0].href))
}

// takeImageArea gives such a link to the map waiting for its image, and
// reports whether it did.
func (a *assembler) takeImageArea(t token) bool {
	m := a.mapWaiting
	if m == nil || !a.imageArea(t) || a.assigned[m.def.name] != "" {
		return false
	}
	a.mapWaiting = nil
	a.finish(&openField{def: m.def, label: m.label, section: m.section, blocks: []token{t}, tok: m.tok})
	return true
}

// mapInComment reads a comment in code inside the value of mapHost that
// gives the map's image ("# mappa: https://.../map.jpg": data written as
// code cannot show the picture, so its writer notes where it is) as the
// map, and reports whether it did. Other comments are not values.
func (a *assembler) mapInComment(t token) bool {
	f := a.open
	if f == nil || f.def == nil || f.def.name != mapHost || mapDef == nil || a.assigned[mapDef.name] != "" {
		return false
	}
	body := strings.TrimSpace(strings.TrimPrefix(t.text, "# "))
	if label, rest, ok := strings.Cut(body, ":"); ok && !strings.Contains(label, "/") && !strings.HasPrefix(rest, "//") {
		if m := dict.lookup(label); m.field == nil || m.field.name != mapDef.name {
			return false
		}
		body = strings.TrimSpace(rest)
	}
	if !looksLikeImagePath(body) {
		return false
	}
	a.finish(&openField{def: mapDef, label: mapLabel, section: a.section, blocks: []token{{kind: tokText, text: body, node: t.node}}, tok: f.tok})
	return true
}
