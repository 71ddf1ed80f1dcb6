package parsers

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// recordContainer returns the smallest element that holds every known label
// and section heading of the page. A record's values sit beside its labels,
// so text outside this element is page furniture (a footer a layout did not
// mark as one, a "back to the list" link), never a value: without this, the
// last field of a page would swallow whatever follows it.
//
// A label met again does not widen it: a page may name a field once more
// outside the record (a change history: "Stato di avanzamento cambiato da
// ... a ..."), and that text is not the record's.
func recordContainer(tokens []token) *html.Node {
	if c := labelsAncestor(tokens, true); c != nil {
		return c
	}
	return labelsAncestor(tokens, false)
}

// labelsAncestor is recordContainer's element, leaving out the labels in
// comments and in other items' cards when skipComments is set: a reply
// under the record ("Anno di avvio 2010, say the minutes") is someone's
// comment, and a similar record's card ("Durata (mesi) 8" under a
// heading linking to it) that record's, not this one's.
func labelsAncestor(tokens []token, skipComments bool) *html.Node {
	var c *html.Node
	seen := map[*fieldDef]bool{}
	cards := map[*html.Node]bool{} // elements looked at by inOtherCard: whether they hold a linked heading
	for _, t := range tokens {
		if t.node == nil || t.kind == tokText || (t.kind == tokLabel && t.field == nil) {
			continue
		}
		if skipComments && (inUserComment(t.node) || inOtherCard(t.node, cards)) {
			continue
		}
		if t.field != nil {
			if seen[t.field] {
				continue
			}
			seen[t.field] = true
		}
		if c == nil {
			c = t.node
			continue
		}
		c = commonAncestor(c, t.node)
	}
	// Labels in one row of a table (a row of labels over a row of values)
	// hold their values in the next rows: the record is the table.
	for c != nil && c.Type == html.ElementNode && (c.DataAtom == atom.Tr || c.DataAtom == atom.Thead || c.DataAtom == atom.Tbody || c.DataAtom == atom.Tfoot) {
		c = c.Parent
	}
	return c
}

func commonAncestor(a, b *html.Node) *html.Node {
	da, db := depth(a), depth(b)
	for da > db {
		a, da = a.Parent, da-1
	}
	for db > da {
		b, db = b.Parent, db-1
	}
	for a != b {
		a, b = a.Parent, b.Parent
	}
	return a
}

func depth(n *html.Node) int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

// inside reports whether n is c or one of its descendants.
func inside(n, c *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == c {
			return true
		}
	}
	return false
}

// minShownLabels is how many labels and headings shown apart a page needs
// before a label cut from text outside them can be taken for another
// record's.
const minShownLabels = 5

// dropStrayInline turns back into text the labels cut from a line of text
// ("Durata (mesi) – 6" on a card of another record, a reply's
// "Partecipanti: ...") that stand outside the element holding the labels
// shown apart, after all of them: they are not the record's, and must not
// widen the record's container. The last-modified date is left alone: the
// observatory writes it inline after the record.
func dropStrayInline(tokens []token) {
	if !slices.ContainsFunc(tokens, func(t token) bool { return t.inline }) {
		return
	}
	var c *html.Node
	shown, last := 0, -1
	seen := map[*fieldDef]bool{}
	for i, t := range tokens {
		if t.node == nil || t.kind == tokText || t.inline || (t.kind == tokLabel && t.field == nil) {
			continue
		}
		last = i
		if t.field != nil {
			if seen[t.field] {
				continue
			}
			seen[t.field] = true
		}
		shown++
		if c == nil {
			c = t.node
		} else {
			c = commonAncestor(c, t.node)
		}
	}
	if c == nil || shown < minShownLabels {
		return
	}
	for i := last + 1; i < len(tokens); i++ {
		t := &tokens[i]
		if t.kind == tokLabel && t.inline && t.field != nil && t.field.name != "last_modified" && t.node != nil && !inside(t.node, c) {
			*t = token{kind: tokText, text: t.text, node: t.node}
		}
	}
}

// inUserComment reports whether n is in a comment a page marks as one
// (microdata: itemprop="comment", or a schema.org Comment).
func inUserComment(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "itemprop":
				if strings.EqualFold(strings.TrimSpace(a.Val), "comment") {
					return true
				}
			case "itemtype":
				if strings.HasSuffix(strings.TrimSpace(a.Val), "/Comment") {
					return true
				}
			}
		}
	}
	return false
}

// inOtherCard reports whether n is in a card of another item: an element,
// up to three levels above n, holding a heading whose text is a link to
// another page ("<h3><a href="/processi/3870">Piazze in comune</a></h3>").
// Each element's answer is kept in seen: a page of many labels in one
// element is looked at once.
func inOtherCard(n *html.Node, seen map[*html.Node]bool) bool {
	for d := 0; n != nil && d < 4; d, n = d+1, n.Parent {
		holds, ok := seen[n]
		if !ok {
			for c := n.FirstChild; c != nil && !holds; c = c.NextSibling {
				if c.Type != html.ElementNode {
					continue
				}
				switch c.DataAtom {
				case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
					holds = linkedHeading(c)
				}
			}
			seen[n] = holds
		}
		if holds {
			return true
		}
	}
	return false
}

// linkedHeading reports whether a heading's text is a link to another
// page, not a fragment of this one.
func linkedHeading(h *html.Node) bool {
	var a *html.Node
	for c := h.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.ElementNode && c.DataAtom == atom.A && a == nil:
			a = c
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
		default:
			return false
		}
	}
	if a == nil {
		return false
	}
	href := strings.TrimSpace(attr(a, "href"))
	return href != "" && href[0] != '#' && !nowhere(href)
}
