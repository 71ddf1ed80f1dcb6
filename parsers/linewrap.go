package parsers

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// position reads where an absolutely positioned element, or its parent or
// grandparent, is drawn, from the inline style
// ("position:absolute;top:344px;left:330px"); 0, 0 otherwise.
func position(n *html.Node) (top, left int32) {
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; d, n = d+1, n.Parent {
		if style := attr(n, "style"); strings.Contains(style, "absolute") {
			return styleLength(style, "top"), styleLength(style, "left")
		}
	}
	return 0, 0
}

// styleLength reads a length in pixels of an inline style property.
func styleLength(style, prop string) int32 {
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok || strings.TrimSpace(strings.ToLower(k)) != prop {
			continue
		}
		v = strings.TrimSuffix(strings.TrimSpace(v), "px")
		if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < 1e7 {
			return int32(n)
		}
	}
	return 0
}

// wrapped reports whether block b continues block a on the next line of
// the same paragraph: drawn at fixed positions, at the same left edge, one
// line lower.
func wrapped(a, b *token) bool {
	return a.top > 0 && b.top > a.top && b.top-a.top <= 24 && a.left == b.left
}

// lineWrap reports whether element b draws the line after element a in
// the same paragraph, as converters from PDF draw each line: b is the
// element right after a, of the same kind, their classes differ in one
// name only (the line's vertical position: "t x2 y1a ff1", "t x2 y1b
// ff1"), and a's line ends with the space where it broke.
func lineWrap(a, b *html.Node) bool {
	if a == nil || b == nil || a == b || a.Type != html.ElementNode || b.Type != html.ElementNode || a.DataAtom != b.DataAtom {
		return false
	}
	prev := b.PrevSibling
	for prev != nil && (prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" || prev.Type == html.CommentNode) {
		prev = prev.PrevSibling
	}
	if prev != a || !endsInSpace(a) {
		return false
	}
	ca, cb := attr(a, "class"), attr(b, "class")
	if ca == "" || ca == cb {
		return false
	}
	differ := 0
	for {
		x, restA, _ := strings.Cut(ca, " ")
		y, restB, _ := strings.Cut(cb, " ")
		if x != y {
			if differ++; differ > 1 {
				return false
			}
		}
		ca, cb = restA, restB
		if ca == "" || cb == "" {
			return ca == cb && differ == 1
		}
	}
}

// endsInSpace reports whether the last text under n ends with white space.
func endsInSpace(n *html.Node) bool {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			if c.Data == "" {
				continue
			}
			last := c.Data[len(c.Data)-1]
			return last == ' ' || last == '\n' || last == '\t'
		case html.ElementNode:
			return endsInSpace(c)
		}
	}
	return false
}

// joinWrappedLabels joins a label drawn over two to four lines at fixed
// positions ("Dettagli o note sulle fonti" then "utilizzate", as pages
// converted from PDF draw them, by inline style or by class: see
// lineWrap) into one label: consecutive short blocks
// whose text together is a known label. (A label broken by <br> inside one
// element is read whole where that element is.)
func joinWrappedLabels(tokens []token) []token {
	short := func(t *token) bool {
		return t.media == nil && t.check == checkNone && len(t.text) < dict.longest &&
			(t.kind == tokText || t.kind == tokLabel && t.field == nil)
	}
	// next reports whether token j continues the line of token j-1; the
	// label's last line may spell a section's name ("Struttura
	// responsabile del" over "processo").
	place := func(t *token) {
		if t.kind != tokText && t.top == 0 && t.node != nil {
			t.top, t.left = position(t.node) // labels and headings are not placed when read
		}
	}
	next := func(j int) bool {
		t, prev := &tokens[j], &tokens[j-1]
		if !short(t) && (t.kind != tokSection || t.media != nil) {
			return false
		}
		place(prev)
		if prev.top > 0 {
			place(t)
		}
		return t.top > 0 && prev.top > 0 || lineWrap(prev.node, t.node)
	}
	out := tokens[:0]
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		known := t.kind == tokLabel && t.field != nil && t.media == nil
		if short(&t) && (t.top > 0 || i+1 < len(tokens) && next(i+1)) || known && i+1 < len(tokens) && next(i+1) {
			// A line that is a label itself may begin a longer one:
			// "Numero persone partecipanti" over "(stimate o effettive)",
			// "Comitato di Garanzia locale -" (a label cut before its dash)
			// over "Funzioni assegnate".
			joined := t.text
			if t.inline && t.node != nil {
				joined = collapseSpace(textOf(t.node, dict.longest+lookupSlack))
			}
			for j := i + 1; j < len(tokens) && j <= i+3 && next(j) && len(joined) < dict.longest; j++ {
				joined += " " + tokens[j].text
				if m := dict.lookup(joined); m.field != nil && (known || dict.lookup(t.text).field == nil) {
					t = token{kind: tokLabel, text: joined, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: t.node}
					i = j
					break
				}
			}
		}
		out = append(out, t)
	}
	return out
}
