package parsers

import (
	"strings"

	"golang.org/x/net/html"
)

// firstElement returns the first element below n, in document order,
// named name (in any namespace: an <svg> may hold a <title>) for which ok
// is true (ok nil: any), or nil. It is what a selector such as
// "base[href]" finds first, without compiling one on every page.
func firstElement(n *html.Node, name string, ok func(*html.Node) bool) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == name && (ok == nil || ok(c)) {
			return c
		}
		if f := firstElement(c, name, ok); f != nil {
			return f
		}
	}
	return nil
}

// anyAttr returns the value of n's first attribute named key, in any
// namespace, and whether there is one.
func anyAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// titleText is the text of the page's first <title>, as written (white
// space kept), "" when it has none.
func titleText(root *html.Node) string {
	t := firstElement(root, "title", nil)
	if t == nil {
		return ""
	}
	// The common case, one text node, without copying it.
	if c := t.FirstChild; c != nil && c.NextSibling == nil && c.Type == html.TextNode {
		return c.Data
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(t)
	return b.String()
}
