package parsers

import (
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
