package parsers

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables usually pair a label cell with a value cell in one row, which the
// walk reads in order. Some lay fields out in columns instead: a row of
// labels over a row of values ("Anno di avvio | Anno di chiusura" over
// "2010 | 2011"). A reader pairs those by column; so does table.

// table reads a table whose rows include a row of labels over a row of
// values, pairing them by column, and reports whether it did. A row of
// labels may hold a few columns the dictionary does not know (a sheet's
// "ID", a badge answered Sì or No) and sit under a row of merged cells
// naming the sections over their columns, as a register kept in a
// spreadsheet does. Other tables are left to the walk.
func (l *linearizer) table(t *html.Node) bool {
	rows := tableRows(t)
	if len(rows) < 2 {
		return false
	}
	pairs := make([]bool, len(rows))
	heads := make([][]*html.Node, len(rows)) // the section cell over each column of a row of labels
	skip := make([]bool, len(rows))          // rows of section cells read with the labels
	any := false
	for i := 0; i+1 < len(rows); i++ {
		if l.labelRow(rows[i]) && len(cells(rows[i+1])) == len(cells(rows[i])) && !l.labelRow(rows[i+1]) {
			pairs[i], any = true, true
			if i > 0 && !pairs[i-1] {
				if h := sectionCells(rows[i-1], len(cells(rows[i]))); h != nil {
					heads[i], skip[i-1] = h, true
				}
			}
			i++
		}
	}
	if !any {
		return false
	}
	l.flush()
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Caption {
			l.walk(c)
		}
	}
	for i := 0; i < len(rows); i++ {
		if skip[i] {
			continue
		}
		if !pairs[i] {
			l.walk(rows[i])
			continue
		}
		labels, values := cells(rows[i]), cells(rows[i+1])
		for j := range labels {
			if h := heads[i]; h != nil && h[j] != nil && (j == 0 || h[j] != h[j-1]) {
				l.walk(h[j])
				l.flush()
			}
			l.column(labels[j], values[j])
		}
		i++
	}
	return true
}

// column reads a label cell and the value cell under it. A label the
// dictionary does not know is a label all the same (the row says so); a
// badge over "Sì" is that badge, over "No" nothing.
func (l *linearizer) column(label, value *html.Node) {
	text, media, controls := l.visibleText(label)
	if text != "" && !media && !controls && dict.lookup(text).field == nil {
		v, vmedia, vcontrols := l.visibleText(value)
		if cert, fin, ok := badgeFlags(text); ok && !vmedia && !vcontrols && badgesDef != nil {
			if yes, known := yesNo(v); known {
				if yes && (cert || fin) {
					l.tokens = append(l.tokens, token{kind: tokLabel, text: badgesDef.labels[0], field: badgesDef, marked: true, how: matchExact, node: label},
						token{kind: tokText, text: text, node: value})
				}
				return
			}
		}
		l.flush()
		l.tokens = append(l.tokens, token{kind: tokLabel, text: text, marked: true, how: matchExact, node: label})
		l.walk(value)
		l.flush()
		return
	}
	l.walk(label)
	l.walk(value)
	l.flush()
}

// badgeBoxes reads a badge's name followed by a check box alone (a form
// showing the badges as boxes: "Certificato ☑") as that badge when the
// box is ticked, and as nothing when it is not, as column does for a
// badge column answered Sì or No. A field labelled with a badge's name
// and answered yes or no ("Certificato: true", "Finanziato: No", as a
// scaffold or a data view prints a yes/no column) is read the same way.
func badgeBoxes(tokens []token) []token {
	out := tokens[:0]
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		if i+1 < len(tokens) && badgesDef != nil {
			box := tokens[i+1]
			answered, yes := false, false
			if box.kind == tokText && box.text != "" && box.check == checkNone && box.media == nil && t.kind == tokLabel && t.field == nil {
				yes, answered = yesNo(box.text)
			}
			if (answered || box.kind == tokText && box.text == "" && box.check != checkNone && box.media == nil &&
				(t.kind == tokText && t.check == checkNone && t.media == nil || t.kind == tokLabel && t.field == nil)) && isBadgeText(t.text) {
				if box.check == checkOn || answered && yes {
					out = append(out, token{kind: tokLabel, text: badgesDef.labels[0], field: badgesDef, marked: true, how: matchExact, node: t.node},
						token{kind: tokText, text: t.text, node: box.node})
				}
				i++
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// badgesDef is the header field of the badges.
var badgesDef = func() *fieldDef {
	for i := range headerDefs {
		if headerDefs[i].name == "badges" {
			return &headerDefs[i]
		}
	}
	return nil
}()

// yesNo reads a yes or no answer: whether it is yes, and whether it is
// one.
func yesNo(s string) (yes, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "sì", "si", "sí", "yes", "vero", "true", "x", "✓", "✔":
		return true, true
	case "no", "falso", "false", "":
		return false, true
	}
	return false, false
}

// sectionCells maps the n columns under a row of merged cells to the cell
// over each, when the row spans exactly those columns and names at least
// one section; nil otherwise.
func sectionCells(tr *html.Node, n int) []*html.Node {
	var out []*html.Node
	section := false
	for _, c := range cells(tr) {
		span := 1
		if v, err := strconv.Atoi(strings.TrimSpace(attr(c, "colspan"))); err == nil && v > 1 {
			span = v
		}
		if len(out)+span > n {
			return nil
		}
		for k := 0; k < span; k++ {
			out = append(out, c)
		}
		if dict.lookup(collapseSpace(textOf(c, visibleTextLimit))).section != "" {
			section = true
		}
	}
	if len(out) != n || !section {
		return nil
	}
	return out
}

// labelRow reports whether a row is a row of labels: at least two cells,
// every one a known label, or, in a row of more than four, at least four
// known labels among cells holding mostly labels (three in four).
func (l *linearizer) labelRow(tr *html.Node) bool {
	cs := cells(tr)
	if len(cs) < 2 {
		return false
	}
	allowed := 0 // unknown cells a row of labels may hold
	if len(cs) > 4 {
		allowed = len(cs) / 4
	}
	unknown := 0
	for _, c := range cs {
		text, media, controls := l.visibleText(c)
		if text == "" || media || controls {
			return false
		}
		if m := dict.lookup(text); m.field == nil || m.how == matchFuzzy {
			if unknown++; unknown > allowed {
				return false
			}
		}
	}
	return unknown == 0 || len(cs)-unknown >= 4
}

// tableRows lists a table's own rows, in order, not those of nested tables.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr && !skipElement(r) {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// cells lists a row's visible cells.
func cells(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) && !skipElement(c) {
			out = append(out, c)
		}
	}
	return out
}

// labelCell emits a table cell that begins with a known label and goes on
// with more text, in a row whose next cell holds the value, as that label
// alone, and reports whether it did: what follows the label in its cell
// describes it (a metadata key, a hint under the label), while the value
// is the next cell. A next cell that begins with a label of its own (two
// "Label<br>value" cells in a row) leaves the cell to the walk.
func (l *linearizer) labelCell(n *html.Node) bool {
	next := n.NextSibling
	for next != nil && next.Type != html.ElementNode {
		next = next.NextSibling
	}
	if next == nil || (next.DataAtom != atom.Td && next.DataAtom != atom.Th) || skipElement(next) {
		return false
	}
	first := firstText(n)
	if first == nil || !textAfter(first, n) {
		return false // the cell shows one text: the walk reads it
	}
	label := collapseSpace(first.Data)
	m := dict.lookup(label)
	if m.field == nil || m.how == matchFuzzy {
		return false
	}
	text, media, controls := l.visibleText(n)
	if text == "" || text == label || media || controls || dict.lookup(text).found() {
		return false
	}
	nextText, nextMedia, nextControls := l.visibleText(next)
	if nextText == "" && !nextMedia && !nextControls {
		return false
	}
	if f := firstText(next); f != nil && dict.lookup(collapseSpace(f.Data)).found() {
		return false
	}
	l.flush()
	l.tokens = append(l.tokens, token{kind: tokLabel, text: label, field: m.field, marked: true, how: m.how,
		dropped: strings.TrimSpace(strings.TrimPrefix(text, label)), node: n})
	return true
}

// textAfter reports whether text shows after the text node t inside n.
func textAfter(t, n *html.Node) bool {
	for x := t; x != nil && x != n; x = x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			switch {
			case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
				return true
			case s.Type == html.ElementNode && !skipElement(s) && firstText(s) != nil:
				return true
			}
		}
	}
	return false
}

// firstText is the first text node under n that shows something, outside
// skipped elements; nil when there is none.
func firstText(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) != "":
			return c
		case c.Type == html.ElementNode && !skipElement(c):
			if t := firstText(c); t != nil {
				return t
			}
		}
	}
	return nil
}
