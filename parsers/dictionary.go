package parsers

import "strings"

// dictionary is the label dictionary indexed by normalized text. It is built
// once from the tables in labels.go and only read afterwards.
type dictionary struct {
	labels       map[string]*fieldDef
	exact        map[string]bool // labels as written in the table
	sections     map[string]string
	placeholders map[string]bool
	fuzzy        []fuzzyLabel
	longest      int // longest normalized label, in bytes
}

var dict = newDictionary()

func newDictionary() *dictionary {
	d := &dictionary{
		labels:       make(map[string]*fieldDef),
		exact:        make(map[string]bool),
		sections:     make(map[string]string),
		placeholders: make(map[string]bool),
	}
	for i := range fieldDefs {
		f := &fieldDefs[i]
		for _, l := range f.labels {
			n := NormalizeLabel(l)
			d.labels[n] = f // uniqueness is checked by TestDictionaryMatchesSchema
			d.exact[l] = true
			d.longest = max(d.longest, len(n))
			if !f.mapLink {
				d.fuzzy = append(d.fuzzy, fuzzyLabel{field: f, stems: labelStems(n)})
			}
		}
	}
	for i := range headerDefs {
		f := &headerDefs[i]
		for _, l := range f.labels {
			d.labels[NormalizeLabel(l)] = f
			d.exact[l] = true
		}
	}
	for _, s := range sectionNames {
		d.sections[NormalizeLabel(s)] = s
		d.exact[s] = true
	}
	for _, p := range placeholders {
		d.placeholders[NormalizeLabel(p)] = true
	}
	return d
}

// matchKind says how a text matched the dictionary.
type matchKind uint8

const (
	matchNone       matchKind = iota
	matchExact                // as written in the dictionary
	matchNormalized           // after folding case, accents, dashes, spaces, colons and decorations
	matchFuzzy                // a near miss (see fuzzy.go)
)

func (m matchKind) String() string {
	switch m {
	case matchExact:
		return "exact"
	case matchNormalized:
		return "normalized"
	case matchFuzzy:
		return "fuzzy"
	}
	return "none"
}

// match is what a text is to the dictionary: a section heading (its
// canonical name), a field label (its entry), or neither.
type match struct {
	section string
	field   *fieldDef
	how     matchKind
	dropped string // decorations removed to match
}

func (m match) found() bool { return m.section != "" || m.field != nil }

// lookupSlack is how much longer than the longest label a text may be and
// still be looked up: room for decorations, colons and spacing.
const lookupSlack = 24

// lookup matches a text exactly or normalized. Texts much longer than any
// label are not normalized at all: most blocks of a page are values.
func (d *dictionary) lookup(text string) match {
	if len(text) > d.longest+lookupSlack || text == "" {
		return match{}
	}
	n := NormalizeLabel(text)
	m := d.lookupNormalized(n)
	if m.found() {
		if d.exact[strings.TrimRight(strings.TrimSpace(text), ":")] {
			m.how = matchExact
		}
		return m
	}
	if rest, num := cutNumbering(n); num != "" {
		// "1.2 Stato di avanzamento", "3. Caratteristiche": a survey's or an
		// outline's numbering before the label.
		if m = d.lookup(rest); m.found() {
			m.dropped = strings.TrimSpace(num + " " + m.dropped)
			return m
		}
	}
	t, dropped := trimLabelDecor(n)
	if dropped != "" {
		if m = d.lookupNormalized(t); m.found() {
			m.dropped = dropped
			return m
		}
	}
	// A bare "i" before the label: the info icon, not the article, when
	// what follows is a label.
	if rest, ok := strings.CutPrefix(t, "i "); ok {
		if m = d.lookupNormalized(rest); m.found() {
			m.dropped = strings.TrimSpace(dropped + " i")
			return m
		}
	}
	return match{}
}

// cutNumbering splits an outline number off the start of a label: "1.",
// "1.2", "2)", "a)", "iv." followed by a space. It returns the label and
// the number, or the text and "" when there is none.
func cutNumbering(s string) (rest, num string) {
	i := strings.IndexByte(s, ' ')
	if i <= 0 || i > 8 {
		return s, ""
	}
	head := s[:i]
	digits, letters := 0, 0
	for j := 0; j < len(head); j++ {
		switch c := head[j]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ')':
		case c >= 'a' && c <= 'z':
			letters++
		default:
			return s, ""
		}
	}
	last := head[len(head)-1]
	if digits == 0 && !(letters == 1 && (last == ')' || last == '.')) || letters > 1 || digits > 0 && letters > 0 {
		return s, ""
	}
	if digits > 0 && last != '.' && last != ')' && !strings.Contains(head, ".") {
		return s, "" // "2020 ..." is a year, not a number
	}
	return strings.TrimSpace(s[i+1:]), head
}

func (d *dictionary) lookupNormalized(n string) match {
	if s, ok := d.sections[n]; ok {
		return match{section: s, how: matchNormalized}
	}
	if f := d.labels[n]; f != nil {
		return match{field: f, how: matchNormalized}
	}
	return match{}
}

// lookupFuzzy is lookup, then a near-miss match for texts the markup
// presents as labels. scope, when set, is the group the label sits in (a
// fieldset's legend): "Funzioni assegnate" under "Comitato di Garanzia
// locale" is that committee's functions.
func (d *dictionary) lookupFuzzy(text, scope string) match {
	if m := d.lookup(text); m.found() {
		return m
	}
	if len(text) > d.longest+lookupSlack {
		return match{}
	}
	if scope != "" {
		if m := d.lookup(scope + " - " + text); m.field != nil {
			return m
		}
	}
	n, dropped := trimLabelDecor(NormalizeLabel(text))
	if f := d.fuzzyMatch(n); f != nil {
		return match{field: f, how: matchFuzzy, dropped: dropped}
	}
	return match{}
}

// field returns the dictionary entry for a label as shown, or nil.
func (d *dictionary) field(label string) *fieldDef {
	return d.lookup(label).field
}

// section returns the canonical section name for a heading as shown, or "".
func (d *dictionary) section(heading string) string {
	return d.lookup(heading).section
}

// isPlaceholder reports whether a value text is one of the observatory's
// "no data" placeholders.
func (d *dictionary) isPlaceholder(text string) bool {
	if len(text) > 120 {
		return false
	}
	return d.placeholders[NormalizeLabel(text)]
}
