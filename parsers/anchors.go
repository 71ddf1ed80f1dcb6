package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linkLabel emits a link that is a label as that label, and reports
// whether it did: a link that is all its parent shows, whose whole text is
// a known label of a field holding text, numbers or choices, leading to a
// page of the same site that is no image (a knowledge base's property
// names link to the property's page). Other links are values: "Mappa"
// linking to the map's image, the text of a link just after its label
// ("Link" under "Link"), an address, a document.
func (l *linearizer) linkLabel(n *html.Node) bool {
	if l.midBlock() || len(l.astart) > 0 || hasImage(n) || n.Parent == nil {
		return false
	}
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" || looksLikeImagePath(href) || strings.Contains(href, "://") || strings.HasPrefix(href, "//") ||
		strings.HasPrefix(strings.ToLower(href), "mailto:") {
		return false
	}
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c != n && (c.Type == html.ElementNode || c.Type == html.TextNode && strings.TrimSpace(c.Data) != "") {
			return false
		}
	}
	text, media, controls := l.visibleText(n)
	if text == "" || media || controls {
		return false
	}
	m := dict.lookup(text)
	if f := m.field; f == nil || l.justLabelled(f) || (m.how != matchExact && m.how != matchNormalized) {
		return false
	}
	l.flush()
	l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: n})
	return true
}

// noteRef reports whether n is a reference to a note: marked so (the
// roles and types of accessible and EPUB markup), or a link within the
// page whose text is a short number or mark set as a superscript.
func noteRef(n *html.Node) bool {
	if strings.EqualFold(attr(n, "role"), "doc-noteref") || strings.Contains(attr(n, "epub:type"), "noteref") {
		return true
	}
	if !strings.HasPrefix(strings.TrimSpace(attr(n, "href")), "#") {
		return false
	}
	sup := n.Parent != nil && n.Parent.DataAtom == atom.Sup
	for c := n.FirstChild; c != nil && !sup; c = c.NextSibling {
		sup = c.Type == html.ElementNode && c.DataAtom == atom.Sup
	}
	t := strings.TrimSpace(textOf(n, 8))
	return sup && t != "" && len(t) <= 4 && strings.Trim(t, "0123456789*†‡abcdefghij") == ""
}

// scriptControl reports whether n is a link that leads nowhere and is a
// control a script drives: no href, and a button role or a toggler's
// class ("ui-toggler" that opens a statement's references).
func scriptControl(n *html.Node) bool {
	if hasAttr(n, "href") {
		return false
	}
	if strings.EqualFold(strings.TrimSpace(attr(n, "role")), "button") {
		return true
	}
	return findClass(n, func(c string) bool { return strings.Contains(c, "toggle") }) != ""
}

// anchor walks a link, recording its target and text in the current block.
// Links are values, not labels ("Link" or "Mappa" as link text), but for
// those linkLabel reads.
func (l *linearizer) anchor(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	if nowhere(href) {
		// A link that leads nowhere (a help popup's "#", a script's
		// "javascript:"): a control a script drives, its text if any.
		l.children(n)
		return
	}
	l.startBlock()
	l.astart = append(l.astart, len(l.atext))
	l.children(n)
	start := l.astart[len(l.astart)-1]
	t := string(l.atext[start:])
	if l.astart = l.astart[:len(l.astart)-1]; len(l.astart) == 0 {
		l.atext = l.atext[:0]
	}
	l.links = append(l.links, anchor{href: href, text: collapseSpace(stripConfigLeaks(t))})
}

// fullImage is the address of the image file a link around an image leads
// to (a thumbnail opening its picture), "" when the image is in no such
// link.
func fullImage(img *html.Node) string {
	for d, p := 0, img.Parent; p != nil && d < 3; d, p = d+1, p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.A {
			if href := strings.TrimSpace(attr(p, "href")); looksLikeImagePath(href) {
				return href
			}
			return ""
		}
	}
	return ""
}

// nowhere reports whether a link's target leads nowhere: none, "#", or a
// script ("javascript:void(0)").
func nowhere(href string) bool {
	return href == "" || href == "#" || hasPrefixFold(href, "javascript:")
}

// nowhereLink reports whether a link element leads nowhere (see nowhere).
func nowhereLink(a *html.Node) bool {
	return nowhere(strings.TrimSpace(attr(a, "href")))
}
