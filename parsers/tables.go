package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tables usually pair a label cell with a value cell in one row, which the
// walk reads in order. Some lay fields out in columns instead: a row of
// labels over a row of values ("Anno di avvio | Anno di chiusura" over
// "2010 | 2011"). A reader pairs those by column; so does table.

// table reads a table whose rows include a row of labels over a row of
// values, pairing them by column, and reports whether it did. Other
// tables are left to the walk.
func (l *linearizer) table(t *html.Node) bool {
	rows := tableRows(t)
	if len(rows) < 2 {
		return false
	}
	pairs := make([]bool, len(rows))
	any := false
	for i := 0; i+1 < len(rows); i++ {
		if l.labelRow(rows[i]) && len(cells(rows[i+1])) == len(cells(rows[i])) && !l.labelRow(rows[i+1]) {
			pairs[i], any = true, true
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
		if !pairs[i] {
			l.walk(rows[i])
			continue
		}
		labels, values := cells(rows[i]), cells(rows[i+1])
		for j := range labels {
			l.walk(labels[j])
			l.walk(values[j])
			l.flush()
		}
		i++
	}
	return true
}

// labelRow reports whether every cell of a row (at least two) is a known
// label.
func (l *linearizer) labelRow(tr *html.Node) bool {
	cs := cells(tr)
	if len(cs) < 2 {
		return false
	}
	for _, c := range cs {
		text, media, controls := l.visibleText(c)
		if text == "" || media || controls || dict.lookup(text).field == nil {
			return false
		}
	}
	return true
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
