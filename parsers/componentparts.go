package parsers

import (
	"strings"

	"golang.org/x/net/html"
)

// isComponentPart reports whether n is an inline element side by side
// with another whose class names another part of the same component:
// "ant-page-header-heading-title" beside "ant-page-header-heading-sub-title",
// "card__title" beside "card__meta". A design system lays a component's
// parts out apart (a title, a subtitle, a row of tags), so a reader sees
// separate texts even when the markup puts nothing between them. A
// component's name is a stem of three or more parts ("ant-page-header-")
// or a BEM block ("card__"); a shorter stem ("text-bold", "text-italic")
// names a style, as does a BEM modifier ("btn--bold"), and styles change
// inside a word.
func isComponentPart(n *html.Node) bool {
	cls := attr(n, "class")
	if cls == "" || strings.IndexByte(cls, '-') < 0 && !strings.Contains(cls, "__") {
		return false
	}
	for _, dir := range [2]int{-1, +1} {
		s := elementSibling(n, dir)
		if s == nil || !inlineItemAtom(s) {
			continue
		}
		if sc := attr(s, "class"); sc != "" && sc != cls && sameComponent(cls, sc) {
			return true
		}
	}
	return false
}

// sameComponent reports whether two class lists hold classes naming two
// parts of one component (see isComponentPart).
func sameComponent(a, b string) bool {
	for _, ca := range strings.Fields(a) {
		for _, cb := range strings.Fields(b) {
			if componentParts(ca, cb) {
				return true
			}
		}
	}
	return false
}

// componentParts reports whether classes a and b share a component's stem
// and differ in the part named after it, a name each (not a number).
func componentParts(a, b string) bool {
	if a == b {
		return false
	}
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	cut := strings.LastIndexAny(a[:n], "-_")
	if cut < 0 {
		return false
	}
	stem, ra, rb := a[:cut+1], a[cut+1:], b[cut+1:]
	if !startsWithLetter(ra) || !startsWithLetter(rb) || strings.HasSuffix(stem, "--") {
		return false
	}
	if strings.Contains(stem, "__") {
		return true
	}
	return strings.Count(strings.Trim(stem, "-"), "-") >= 2
}

func startsWithLetter(s string) bool {
	return s != "" && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}
