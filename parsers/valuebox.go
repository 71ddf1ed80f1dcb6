package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// fieldBox is the smallest element holding both a label and the first
// block of its value, when that element is smaller than the record's
// container: the field's own wrapper. nil when label and value are only
// together in the container (dt and dd, a heading and its paragraphs).
func fieldBox(n, label, container *html.Node) *html.Node {
	if label == nil || container == nil {
		return nil
	}
	box := commonAncestor(n, label)
	if box == nil || box == container || inside(container, box) {
		return nil
	}
	return box
}

// nextCell reports whether n sits in a dd after the value's dd in the same
// list (a value with one dd per item), and makes that the value's cell.
// (A cell after a table's value cell is another column: a note, a
// language.)
func (f *openField) nextCell(n *html.Node) bool {
	for x := n; x != nil; x = x.Parent {
		if x.Parent == f.cell.Parent {
			if x.Type == html.ElementNode && x.DataAtom == f.cell.DataAtom && x.DataAtom == atom.Dd {
				f.cell = x
				return true
			}
			return false
		}
	}
	return false
}

// valueCell is the table cell or definition (td, th, dd) that holds a
// value whose first block is at n and whose label is at label: the highest
// such ancestor of n that does not hold the label; nil when there is none
// (a value in paragraphs after a heading runs on).
func valueCell(n, label, container *html.Node) *html.Node {
	var cell *html.Node
	for x := n; x != nil && x != container; x = x.Parent {
		if label != nil && inside(label, x) {
			break
		}
		if x.Type == html.ElementNode && (x.DataAtom == atom.Td || x.DataAtom == atom.Th || x.DataAtom == atom.Dd) {
			cell = x
		}
	}
	return cell
}

// valueBefore takes back the open field's last blocks when they are the
// new label's value drawn above it: a card that shows a figure over its
// label ("12" over "Durata (mesi)"), a list item whose title is the value
// and whose subtitle, last in it, the label. The blocks and the label
// share a box that holds no other label; they may hold links (a source's
// address), not images. Such blocks are not the open field's. Where no
// field is open (the first field of a section), the
// blocks no field took are looked at the same way.
func (a *assembler) valueBefore(label token) []token {
	if label.node == nil {
		return nil
	}
	blocks, prev := a.orphans, a.prevLabel
	if f := a.open; f != nil {
		blocks, prev = f.blocks, f.tok.node
		if prev == nil {
			return nil
		}
	}
	var box *html.Node
	k := len(blocks)
	for k > 0 {
		b := blocks[k-1]
		if b.node == nil || len(b.images()) > 0 && (label.field == nil || label.field.name != mapHost) {
			break // an image is taken back only by the field showing the map
		}
		c := commonAncestor(b.node, label.node)
		if c == nil || (box != nil && c != box) || (prev != nil && inside(prev, c)) || c == a.container || (a.container != nil && inside(a.container, c)) {
			break
		}
		box = c
		k--
	}
	if k == len(blocks) {
		return nil
	}
	if (k < len(blocks)-1 || a.open == nil) && !lastIn(label.node, box) {
		// More than the one block, or blocks no field took: only when the
		// label ends the box, as a caption under its value.
		return nil
	}
	taken := append([]token(nil), blocks[k:]...)
	if a.open != nil {
		a.open.blocks = a.open.blocks[:k]
	} else {
		a.orphans = a.orphans[:k]
	}
	return taken
}

// lastIn reports whether nothing visible follows n inside box.
func lastIn(n, box *html.Node) bool {
	for x := n; x != nil && x != box; x = x.Parent {
		for s := x.NextSibling; s != nil; s = s.NextSibling {
			if s.Type == html.ElementNode && skipElement(s) {
				continue
			}
			if strings.TrimSpace(textOf(s, 64)) != "" {
				return false
			}
		}
	}
	return true
}
