package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A spreadsheet shown as a web page keeps its grid's headings: a column of
// row numbers down the side (1, 2, 3, ...) and a row of column letters
// across the top (A, B, C, ...). A reader looks past them: they are
// neither labels nor values nor the record's title.

// gridHeading reports whether a header cell only numbers its row (the
// first cell of its row, in a column of consecutive numbers) or letters
// its column (in a row of consecutive letters).
func gridHeading(th *html.Node) bool {
	t := cellWord(th)
	if t == "" {
		return false
	}
	if k := atoiDigits(t); k >= 0 {
		if prevCell(th) != nil {
			return false
		}
		return rowNumber(siblingRow(th.Parent, -1)) == k-1 || rowNumber(siblingRow(th.Parent, 1)) == k+1
	}
	if len(t) != 1 || t[0] < 'A' || t[0] > 'Z' {
		return false
	}
	p, n := prevCell(th), nextCell(th)
	return p != nil && cellLetter(p) == t[0]-1 || n != nil && cellLetter(n) == t[0]+1
}

// cellLetter is the capital letter a header cell shows alone, or 0.
func cellLetter(c *html.Node) byte {
	if c.DataAtom != atom.Th {
		return 0
	}
	t := cellWord(c)
	if len(t) != 1 || t[0] < 'A' || t[0] > 'Z' {
		return 0
	}
	return t[0]
}

// rowNumber is the number a row's first cell, a header cell, shows alone;
// -1 when it shows anything else.
func rowNumber(tr *html.Node) int {
	if tr == nil {
		return -1
	}
	c := tr.FirstChild
	for c != nil && c.Type != html.ElementNode {
		c = c.NextSibling
	}
	if c == nil || c.DataAtom != atom.Th {
		return -1
	}
	return atoiDigits(cellWord(c))
}

// siblingRow is the row before (dir -1) or after (dir 1) tr in its row
// group, nil when there is none.
func siblingRow(tr *html.Node, dir int) *html.Node {
	if tr == nil || tr.DataAtom != atom.Tr {
		return nil
	}
	for s := step(tr, dir); s != nil; s = step(s, dir) {
		if s.Type == html.ElementNode {
			if s.DataAtom == atom.Tr {
				return s
			}
			return nil
		}
	}
	return nil
}

func step(n *html.Node, dir int) *html.Node {
	if dir < 0 {
		return n.PrevSibling
	}
	return n.NextSibling
}

// prevCell and nextCell are the cells beside c in its row, nil at either
// end.
func prevCell(c *html.Node) *html.Node { return besideCell(c, -1) }
func nextCell(c *html.Node) *html.Node { return besideCell(c, 1) }

func besideCell(c *html.Node, dir int) *html.Node {
	for s := step(c, dir); s != nil; s = step(s, dir) {
		if s.Type == html.ElementNode {
			if s.DataAtom == atom.Td || s.DataAtom == atom.Th {
				return s
			}
			return nil
		}
	}
	return nil
}

// cellWord is the text of a cell that shows one short text node alone (a
// number, a letter), trimmed; "" for any other cell. It does not
// allocate: it runs on every header cell.
func cellWord(c *html.Node) string {
	var word *html.Node
	var find func(n *html.Node) bool // false when the cell shows more than one text
	find = func(n *html.Node) bool {
		for x := n.FirstChild; x != nil; x = x.NextSibling {
			switch x.Type {
			case html.TextNode:
				if strings.TrimSpace(x.Data) == "" {
					continue
				}
				if word != nil {
					return false
				}
				word = x
			case html.ElementNode:
				if !find(x) {
					return false
				}
			}
		}
		return true
	}
	if !find(c) || word == nil {
		return ""
	}
	t := strings.TrimSpace(word.Data)
	if len(t) > 6 {
		return ""
	}
	return t
}

// atoiDigits is the number a text of digits only writes, -1 for any other
// text. Unlike strconv.Atoi it does not allocate an error.
func atoiDigits(t string) int {
	if t == "" || len(t) > 6 {
		return -1
	}
	k := 0
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return -1
		}
		k = k*10 + int(t[i]-'0')
	}
	return k
}

// prevElement is the element before n among its siblings, past white
// space and comments; nil when there is none.
func prevElement(n *html.Node) *html.Node {
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		switch {
		case s.Type == html.ElementNode:
			return s
		case s.Type == html.TextNode && strings.TrimSpace(s.Data) != "":
			return nil
		}
	}
	return nil
}
