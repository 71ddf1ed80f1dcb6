package parsers

import (
	"fmt"
	"strings"
)

// setValue reads a field's value by its kind and stores it in the record.
// v is the value as read from its blocks (see valueOf). It reports whether
// a value was stored; a value that cannot be read is left null with a
// bad_value warning.
func (a *assembler) setValue(f *openField, v fieldValue) bool {
	d, texts := f.def, v.texts
	if d.kind == kindHeader {
		return a.setHeader(f, texts)
	}
	if d.kind == kindBool && len(texts) == 0 && v.check != checkNone {
		b := v.check == checkOn
		*d.boolean(a.rec) = &b
		return true
	}
	switch d.kind {
	case kindText:
		if len(texts) == 0 {
			return false
		}
		t := strings.Join(texts, "\n")
		*d.str(a.rec) = &t
		return true
	case kindURL:
		if u := a.urlValue(f); u != "" {
			*d.str(a.rec) = &u
			return true
		}
	case kindImage:
		if u := a.imageValue(f); u != "" {
			*d.str(a.rec) = &u
			return true
		}
	case kindList, kindCommaList:
		items := listItems(f, d.kind)
		if len(items) == 1 && countOnly(items[0]) {
			// "Partecipanti 240": a statistic under the field's word; the
			// field lists names (of bodies, places, techniques).
			a.warn("bad_value", f, fmt.Sprintf("%q: a count, not a list of names: %q", f.label, items[0]))
			return false
		}
		if len(items) > 0 {
			*d.list(a.rec) = items
			return true
		}
		return false
	default:
		return a.setScalar(f, texts)
	}
	if len(texts) > 0 {
		a.warn("bad_value", f, fmt.Sprintf("%q: no address in %q", f.label, texts[0]))
	}
	return false
}

// setScalar reads a single-valued field: the first text block is the value;
// more blocks are reported, not merged.
func (a *assembler) setScalar(f *openField, texts []string) bool {
	if len(texts) == 0 {
		return false
	}
	d, s := f.def, texts[0]
	if len(texts) > 1 {
		a.warn("extra_value", f, fmt.Sprintf("%q: %d more blocks after %q ignored", f.label, len(texts)-1, s))
	}
	var err error
	switch d.kind {
	case kindEnum:
		*d.str(a.rec) = &s
	case kindInt:
		var n int
		if n, err = ParseCount(s); err == nil {
			*d.integer(a.rec) = &n
		}
	case kindYear:
		var n int
		if n, err = ParseYear(s); err == nil {
			*d.integer(a.rec) = &n
		}
	case kindMoney, kindPercent:
		var v float64
		if v, err = ParseDecimal(s); err == nil {
			*d.number(a.rec) = &v
		}
	case kindBool:
		var v bool
		if v, err = ParseBool(s); err == nil {
			*d.boolean(a.rec) = &v
		}
	case kindDate:
		var v string
		if v, err = ParseDate(s); err == nil {
			*d.str(a.rec) = &v
		}
	case kindIndex:
		var v, m int
		if v, m, err = ParseIndex(s); err == nil {
			a.rec.ParticipationIndex, a.rec.ParticipationIndexMax = &v, &m
		}
	}
	if err != nil {
		a.warn("bad_value", f, fmt.Sprintf("%q: %v", f.label, err))
		return false
	}
	return true
}

// urlValue is a link field's address: the first link target, else the first
// address written in the text, else a bare host name ("comune.fiorano.mo.it").
func (a *assembler) urlValue(f *openField) string {
	for _, b := range f.blocks {
		for _, l := range b.links() {
			if u := ResolveURL(a.base, l.href); strings.HasPrefix(u, "http") && !a.isSelf(u) {
				return u
			}
		}
	}
	for _, b := range f.blocks {
		for _, u := range findURLs(b.text) {
			if !a.isSelf(u.url) {
				return u.url
			}
		}
	}
	for _, b := range f.blocks {
		if t := b.text; t != "" && !strings.ContainsAny(t, " \t") && strings.Contains(t, ".") && !strings.Contains(t, "://") {
			if u := ResolveURL(nil, "http://"+t); !a.isSelf(u) {
				return u
			}
		}
	}
	return ""
}

// imageValue is an image field's address: the first image source, else the
// first link target, else a path written as text, resolved against the
// document's base URL.
func (a *assembler) imageValue(f *openField) string {
	for _, b := range f.blocks {
		for _, im := range b.images() {
			if u := ResolveURL(a.base, im.src); u != "" {
				return u
			}
		}
	}
	for _, b := range f.blocks {
		for _, l := range b.links() {
			if u := ResolveURL(a.base, l.href); u != "" {
				return u
			}
		}
	}
	for _, b := range f.blocks {
		if looksLikeImagePath(b.text) {
			return ResolveURL(a.base, b.text)
		}
	}
	return ""
}

// listItems reads a list: item by item when the page renders items as
// separate elements, else split on the list's separator. Icons without
// text (as "Ambito di intervento" often shows) count by their alt text.
func listItems(f *openField, k kind) []string {
	var items []string
	for _, b := range f.blocks {
		switch {
		case b.check == checkOff:
			// an option not chosen
		case b.text != "":
			// An item with the separator left after it: "Ascolto attivo /".
			items = append(items, strings.TrimSpace(strings.TrimRight(trimBullet(b.text), "/;,")))
		default:
			for _, im := range b.images() {
				if im.alt != "" {
					items = append(items, im.alt)
				}
			}
		}
	}
	if len(items) != 1 {
		return items
	}
	sep := " / "
	if k == kindCommaList {
		sep = ", "
	}
	switch {
	case strings.Contains(items[0], sep):
	case strings.Contains(items[0], "; "):
		// "A; B; C": the separator of list displays (SharePoint's
		// multiple choice among them), never inside an item here.
		sep = "; "
	case k == kindList && strings.Contains(items[0], ", "):
		// "A, B, C" as back offices join a list, the commas inside
		// brackets aside: "Gruppi di cittadini (non specificati, vari)".
		return splitOutsideBrackets(items[0], ", ")
	}
	return SplitList(items[0], sep)
}

// splitOutsideBrackets splits s on sep where sep is not inside brackets,
// as SplitList does.
func splitOutsideBrackets(s, sep string) []string {
	var out []string
	depth, from := 0, 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '(' || s[i] == '[':
			depth++
		case (s[i] == ')' || s[i] == ']') && depth > 0:
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			out = append(out, SplitList(s[from:i], sep)...)
			from = i + len(sep)
			i += len(sep) - 1
		}
	}
	return append(out, SplitList(s[from:], sep)...)
}

// trimBullet removes a bullet drawn as text before a list item ("• A",
// "· A", "- A"), as pages exported from word processors show them.
func trimBullet(s string) string {
	for _, b := range []string{"•", "·", "▪", "◦", "‣", "-", "–", "*"} {
		if rest, ok := strings.CutPrefix(s, b); ok && rest != "" && (startsWithSpace(rest) || b != "-") {
			if t := strings.TrimSpace(rest); t != "" {
				return t
			}
		}
	}
	return s
}

// countOnly reports whether a text is a number and nothing else: "240",
// "1.200".
func countOnly(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ',' || c == ' ':
		default:
			return false
		}
	}
	return digits > 0
}
