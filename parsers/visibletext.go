package parsers

import (
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// visibleTextLimit bounds the text read to decide whether an element is a
// label: labels are short, and reading more would make the walk quadratic.
const (
	visibleTextLimit  = 200
	visibleNodesLimit = 64
)

// visibleText returns the collapsed visible text of n when it is short,
// whether n holds an image or a link, and whether it holds a form control
// (whose value is not part of the text). Long text returns "".
func (l *linearizer) visibleText(n *html.Node) (text string, media, controls bool) {
	l.scratch = l.scratch[:0]
	l.decor = l.decor[:0]
	nodes := 0
	if !l.collectText(n, &nodes, &media, &controls) {
		return "", media, controls
	}
	if len(l.scratch) == 0 {
		return "", media, controls
	}
	// The text is collapsed from the scratch buffer straight into a second
	// one, and made a string once: this runs on every element.
	l.folded = appendCollapsed(l.folded[:0], unsafe.String(unsafe.SliceData(l.scratch), len(l.scratch)))
	if string(l.folded) == l.lastVisible {
		// A wrapper and the element inside it (<dd><p>value</p></dd>)
		// show the same text: it is made a string once.
		text = l.lastVisible
	} else {
		text = string(l.folded)
		l.lastVisible = text
	}
	if strings.IndexByte(text, '=') >= 0 {
		text = collapseSpace(stripConfigLeaks(text))
	}
	return text, media, controls
}

// collectText appends the visible text under n to l.scratch and reports
// false as soon as it grows past the limits. Decorations that are elements
// (<abbr>, icons) are left out: they are never part of a label.
func (l *linearizer) collectText(n *html.Node, nodes *int, media, controls *bool) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		*nodes++
		if *nodes > visibleNodesLimit || len(l.scratch) > visibleTextLimit {
			return false
		}
		switch c.Type {
		case html.TextNode:
			l.scratch = append(l.scratch, c.Data...)
		case html.ElementNode:
			if skipElement(c) {
				if t := textOf(c, 16); c.DataAtom != atom.Script && c.DataAtom != atom.Style && isMarker(t) {
					l.decor = append(l.decor, strings.TrimSpace(t)) // a help mark styled as help
				}
				continue
			}
			if isIcon(c) {
				switch t := strings.TrimSpace(textOf(c, 16)); {
				case t != "":
					l.decor = append(l.decor, t)
				case spaceOnly(c):
					l.scratch = append(l.scratch, ' ') // a drawn space between two words
				default:
					l.decor = append(l.decor, "<"+c.Data+">")
				}
				continue
			}
			switch c.DataAtom {
			case atom.A:
				if t := textOf(c, 64); (isMarker(t) || isActionText(t) || isCitation(t)) && !hasImage(c) {
					l.decor = append(l.decor, strings.TrimSpace(t)) // a help link "?", "[modifica]"
					continue
				}
				if nowhereLink(c) {
					// A script's control ("#", "javascript:"): its text, if
					// any, is text; an empty one opens a help popup.
					if textOf(c, 1) == "" && !hasImage(c) {
						continue
					}
					break
				}
				// A link inside is a value (a URL, a document), so the
				// element is not a label.
				*media = true
			case atom.Img:
				if isHelpName(attr(c, "alt")) || isHelpName(attr(c, "title")) && attr(c, "alt") == "" {
					l.decor = append(l.decor, "<img>")
					continue
				}
				*media = true
			case atom.Input, atom.Select, atom.Textarea:
				if shownControl(c) {
					*controls = true
				}
				continue
			case atom.Abbr:
				if t := textOf(c, 16); isMarker(t) {
					l.decor = append(l.decor, strings.TrimSpace(t)) // <abbr title="obbligatorio">*</abbr>
					continue
				}
			case atom.Br:
				l.scratch = append(l.scratch, ' ')
			}
			if isBlock(c) {
				l.scratch = append(l.scratch, ' ')
			}
			if !l.collectText(c, nodes, media, controls) {
				return false
			}
		}
	}
	return true
}

// isIcon reports whether n is an icon: an element with role="img" (an
// <img> is an image, not an icon), or an empty <i> or <span> (a font icon
// drawn by CSS).
func isIcon(n *html.Node) bool {
	if n.DataAtom == atom.Img {
		return false
	}
	if strings.EqualFold(strings.TrimSpace(attr(n, "role")), "img") {
		return true
	}
	if n.DataAtom == atom.I || n.DataAtom == atom.Span {
		empty := true
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.TextNode || strings.TrimSpace(c.Data) != "" {
				empty = false
				break
			}
		}
		// An emoji drawn as an image over its character (a messaging
		// app's "<i class=emoji><b>📌</b></i>") is an icon too.
		return empty || pictographNode(n)
	}
	return false
}

// pictographNode reports whether the text under n, a few elements deep, is
// pictographs only (see pictographs), without copying it.
func pictographNode(n *html.Node) bool {
	seen := false
	var walk func(n *html.Node, depth int) bool
	walk = func(n *html.Node, depth int) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if strings.TrimSpace(c.Data) == "" {
					continue
				}
				if !pictographs(c.Data) {
					return false
				}
				seen = true
			case html.ElementNode:
				if depth == 0 || !walk(c, depth-1) {
					return false
				}
			}
		}
		return true
	}
	return walk(n, 2) && seen
}

// pictographs reports whether s is only emoji and pictographic symbols
// (with their joiners and variation selectors), at least one: a marker
// before a label or an item, never a value. Check marks and ballot boxes
// are left out: a page may show them as a yes or no.
func pictographs(s string) bool {
	seen := false
	for _, r := range s {
		switch {
		case r == ' ' || r == '\u00a0' || r == '\n' || r == '\t' || r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' || r == '\u20e3':
		case r >= 0x2610 && r <= 0x2612, r >= 0x2713 && r <= 0x2718:
			return false
		case r >= 0x1f000 && r <= 0x1faff, r >= 0x2600 && r <= 0x27bf, r >= 0x25a0 && r <= 0x25ff, r >= 0x2b00 && r <= 0x2bff:
			seen = true
		default:
			return false
		}
	}
	return seen
}

// textOf returns up to limit bytes of the text under n.
func textOf(n *html.Node, limit int) string {
	// Most elements hold one text: it is returned as it is, and a copy is
	// made only when a second one joins it.
	var first string
	var b []byte
	size, pieces := 0, 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && size <= limit; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				switch pieces {
				case 0:
					first = c.Data
				case 1:
					b = append(make([]byte, 0, len(first)+len(c.Data)), first...)
					fallthrough
				default:
					b = append(b, c.Data...)
				}
				size += len(c.Data)
				pieces++
			case html.ElementNode:
				walk(c)
			}
		}
	}
	walk(n)
	if pieces <= 1 {
		return first
	}
	return string(b)
}

// legendText is the visible text of a fieldset's legend, "" when it has
// none.
func legendText(fs *html.Node) string {
	for c := fs.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Legend && !skipElement(c) {
			t, _ := trimLabelDecor(collapseSpace(textOf(c, visibleTextLimit)))
			return t
		}
	}
	return ""
}
