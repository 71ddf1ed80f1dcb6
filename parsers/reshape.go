package parsers

import (
	"bytes"
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// A page may draw parts of itself from markup that is not where a reader
// sees it: web components render a declarative shadow root
// (<template shadowrootmode="open">) with the host's children placed in its
// slots, and an <iframe srcdoc="..."> shows a whole document inside the
// page. reshape rebuilds the tree as it is drawn, so the walk reads it in
// reading order.

// maxEmbedDepth bounds documents inside documents (an iframe's srcdoc
// holding another).
const maxEmbedDepth = 3

// reshape composes declarative shadow roots and inlines iframe documents
// under root.
func reshape(ctx context.Context, root *html.Node, depth int) {
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				switch {
				case c.DataAtom == atom.Iframe && depth < maxEmbedDepth && hasAttr(c, "srcdoc"):
					inlineSrcdoc(ctx, c, depth)
				case shadowTemplate(c) != nil:
					composeShadow(c, shadowTemplate(c))
					walk(c)
				default:
					walk(c)
				}
			}
			c = next
		}
	}
	walk(root)
}

// shadowTemplate returns host's declarative shadow root template, or nil.
func shadowTemplate(host *html.Node) *html.Node {
	for c := host.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Template {
			if m := strings.ToLower(attr(c, "shadowrootmode") + attr(c, "shadowroot")); strings.Contains(m, "open") || strings.Contains(m, "closed") {
				return c
			}
			return nil
		}
		if c.Type == html.ElementNode {
			return nil
		}
	}
	return nil
}

// composeShadow replaces host's children by its shadow root's content,
// each <slot> taking the host's children assigned to it (by their slot
// attribute, the others to the slot without a name) or its own fallback
// content when none is.
func composeShadow(host, tmpl *html.Node) {
	var light []*html.Node
	for c := host.FirstChild; c != nil; c = c.NextSibling {
		if c != tmpl {
			light = append(light, c)
		}
	}
	for _, c := range light {
		host.RemoveChild(c)
	}
	host.RemoveChild(tmpl)
	for c := tmpl.FirstChild; c != nil; {
		next := c.NextSibling
		tmpl.RemoveChild(c)
		host.AppendChild(c)
		c = next
	}
	assigned := map[string][]*html.Node{}
	for _, c := range light {
		name := ""
		if c.Type == html.ElementNode {
			name = attr(c, "slot")
		}
		assigned[name] = append(assigned[name], c)
	}
	var slots []*html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.Data == "slot" {
				slots = append(slots, c)
				continue
			}
			if shadowTemplate(c) == nil { // a nested host composes its own slots
				find(c)
			}
		}
	}
	find(host)
	for _, s := range slots {
		nodes, ok := assigned[attr(s, "name")]
		if !ok {
			continue // the slot shows its fallback content
		}
		delete(assigned, attr(s, "name"))
		for c := s.FirstChild; c != nil; {
			next := c.NextSibling
			s.RemoveChild(c)
			c = next
		}
		for _, c := range nodes {
			s.AppendChild(c)
		}
	}
}

// inlineSrcdoc puts the body of an iframe's inline document where the
// iframe is.
func inlineSrcdoc(ctx context.Context, iframe *html.Node, depth int) {
	src := attr(iframe, "srcdoc")
	if len(src) > 4<<20 || ctx.Err() != nil {
		return
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return
	}
	reshape(ctx, doc, depth+1)
	body := findElement(doc, atom.Body)
	if body == nil {
		return
	}
	box := &html.Node{Type: html.ElementNode, DataAtom: atom.Div, Data: "div"}
	for c := body.FirstChild; c != nil; {
		next := c.NextSibling
		body.RemoveChild(c)
		box.AppendChild(c)
		c = next
	}
	iframe.Parent.InsertBefore(box, iframe)
	iframe.Parent.RemoveChild(iframe)
}

func findElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if f := findElement(c, a); f != nil {
			return f
		}
	}
	return nil
}

// reshapeNeeded reports whether a page may hold a shadow root or an inline
// document, so the common page pays nothing.
func reshapeNeeded(text []byte) bool {
	return bytes.Contains(text, []byte("shadowroot")) || bytes.Contains(text, []byte("srcdoc"))
}
