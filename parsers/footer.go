package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page's footer is furniture, left out of the reading, but it is also
// where many pages state when they were last changed ("Data ultima
// modifica: 15/02/2020" under a documentation generator's rule, "Last
// updated" in a wiki's footer). A reader takes that date from it, and
// nothing else.

// isPageFooter reports whether n, skipped, is the page's footer: a
// <footer>, or an element whose class or id names one.
func isPageFooter(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if n.DataAtom == atom.Footer {
		return true
	}
	for _, a := range n.Attr {
		if a.Key == "id" && footerNames[strings.ToLower(strings.TrimSpace(a.Val))] {
			return true
		}
	}
	return findClass(n, func(c string) bool { return footerNames[c] }) != ""
}

var footerNames = map[string]bool{"footer": true, "site-footer": true, "piede": true}

// footerDate reads a footer and keeps, of what it shows, only the
// last-modified label and the block after it, its value, when the page has not shown that
// label before. The rest of the footer is dropped as before.
func (l *linearizer) footerDate(n *html.Node) {
	for i := range l.tokens {
		if t := &l.tokens[i]; t.kind == tokLabel && t.field != nil && t.field.name == "last_modified" {
			return
		}
	}
	if !l.footerMayDate(n) {
		return
	}
	l.flush()
	start, h1, headings := len(l.tokens), l.h1, len(l.headings)
	parent := l.el
	l.el = n
	l.children(n)
	l.flush()
	l.el = parent
	l.h1, l.headings = h1, l.headings[:headings]
	kept := l.tokens[:start]
	for i := start; i < len(l.tokens); i++ {
		t := l.tokens[i]
		if t.kind != tokLabel || t.field == nil || t.field.name != "last_modified" {
			continue
		}
		kept = append(kept, t)
		if i+1 < len(l.tokens) && l.tokens[i+1].kind == tokText {
			kept = append(kept, l.tokens[i+1]) // the date; what follows it is the footer's
		}
		break
	}
	clear(l.tokens[len(kept):])
	l.tokens = kept
}

// footerMayDate reports whether a footer shows a digit: a date is written
// with some. Most footers show none, and are not walked.
func (l *linearizer) footerMayDate(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.ContainsAny(c.Data, "0123456789") {
				return true
			}
		case html.ElementNode:
			if !skipElement(c) && l.footerMayDate(c) {
				return true
			}
		}
	}
	return false
}
