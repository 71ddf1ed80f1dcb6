package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokKind is what a linearized piece of the page is.
type tokKind int

const (
	tokText    tokKind = iota // a block of visible text, with its links and images
	tokLabel                  // a field label (field nil when the dictionary does not know it)
	tokSection                // a section heading
)

// anchor is a link inside a block.
type anchor struct {
	href string
	text string
}

// image is an image inside a block.
type image struct {
	src string
	alt string
}

// token is one step of the linearized page: the page as a reader sees it,
// one block after another, without the markup that laid it out.
type token struct {
	kind   tokKind
	text   string
	field  *fieldDef // tokLabel
	marked bool      // tokLabel: the markup marks it as a label (dt, th, label, ...)
	links  []anchor
	images []image
	node   *html.Node // the element the token came from
}

// linearizer walks a parsed page and produces tokens.
type linearizer struct {
	tokens []token

	buf    strings.Builder
	links  []anchor
	images []image
	atext  []strings.Builder // text of the open anchors, innermost last

	scratch   []byte     // reused by visibleText
	el        *html.Node // the element being walked
	blockNode *html.Node // the element where the current block began

	h1 string // the first visible h1: the record's title in most layouts
}

// linearize walks the page. sizeHint is the page's size in bytes, used to
// size the token list once instead of growing it.
func linearize(root *html.Node, sizeHint int) *linearizer {
	l := &linearizer{tokens: make([]token, 0, sizeHint/80+16)}
	l.walk(root)
	l.flush()
	return l
}

func (l *linearizer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		l.startBlock()
		l.buf.WriteString(n.Data)
		for i := range l.atext {
			l.atext[i].WriteString(n.Data)
		}
		return
	case html.DocumentNode:
		l.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if skipElement(n) {
		return
	}
	parent := l.el
	l.el = n
	defer func() { l.el = parent }()
	switch n.DataAtom {
	case atom.Img:
		if src := strings.TrimSpace(attr(n, "src")); src != "" {
			l.startBlock()
			alt := attr(n, "alt")
			if alt == "" {
				alt = attr(n, "title")
			}
			l.images = append(l.images, image{src: src, alt: collapseSpace(alt)})
		}
		return
	case atom.Br, atom.Hr:
		l.flush()
		return
	case atom.A:
		l.anchor(n)
		return
	}

	text, media := l.visibleText(n)
	if n.DataAtom == atom.H1 && l.h1 == "" {
		l.h1 = text
	}
	if text != "" && !media {
		s, f := dict.lookup(text)
		if s != "" {
			l.flush()
			l.tokens = append(l.tokens, token{kind: tokSection, text: s, node: n})
			return
		}
		marked := marksLabel(n, text)
		if f != nil || marked {
			l.flush()
			l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: f, marked: marked, node: n})
			return
		}
	}
	block := isBlock(n)
	if block {
		l.flush()
	}
	l.children(n)
	if block {
		l.flush()
	}
}

func (l *linearizer) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		l.walk(c)
	}
}

// anchor walks a link, recording its target and text in the current block.
// Links are never labels: "Link" or "Mappa" as link text is a value.
func (l *linearizer) anchor(n *html.Node) {
	href := strings.TrimSpace(attr(n, "href"))
	if href == "" {
		l.children(n)
		return
	}
	l.startBlock()
	l.atext = append(l.atext, strings.Builder{})
	l.children(n)
	t := l.atext[len(l.atext)-1].String()
	l.atext = l.atext[:len(l.atext)-1]
	l.links = append(l.links, anchor{href: href, text: collapseSpace(stripConfigLeaks(t))})
}

// startBlock notes where the current block begins, when it is empty.
func (l *linearizer) startBlock() {
	if l.blockNode == nil {
		l.blockNode = l.el
	}
}

// flush ends the current block and emits it. A block whose whole text is a
// label or a section heading becomes one; a block that begins with a known
// label and a colon ("Data ultima modifica: 15/02/2020") becomes the label
// and its value.
func (l *linearizer) flush() {
	raw := l.buf.String()
	l.buf.Reset()
	links, images, node := l.links, l.images, l.blockNode
	l.links, l.images, l.blockNode = nil, nil, nil
	text := collapseSpace(stripConfigLeaks(raw))
	if text == "" && len(links) == 0 && len(images) == 0 {
		return
	}
	media := len(links) > 0 || len(images) > 0
	if text != "" {
		s, f := dict.lookup(text)
		if s != "" && !media {
			l.tokens = append(l.tokens, token{kind: tokSection, text: s, node: node})
			return
		}
		if f != nil && (!media || f.mapLink) {
			l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: f, node: node})
			if media { // <a href="map.jpg">Mappa</a>
				l.tokens = append(l.tokens, token{kind: tokText, links: links, images: images, node: node})
			}
			return
		}
		if i := strings.IndexByte(text, ':'); i > 0 && i <= dict.longest+8 {
			if f := dict.field(text[:i]); f != nil {
				l.tokens = append(l.tokens, token{kind: tokLabel, text: strings.TrimSpace(text[:i]), field: f, node: node})
				text = strings.TrimSpace(text[i+1:])
			}
		}
	}
	l.tokens = append(l.tokens, token{kind: tokText, text: text, links: links, images: images, node: node})
}

// visibleTextLimit bounds the text read to decide whether an element is a
// label: labels are short, and reading more would make the walk quadratic.
const (
	visibleTextLimit  = 160
	visibleNodesLimit = 64
)

// visibleText returns the collapsed visible text of n when it is short, and
// whether n holds an image or a link. Long text returns "".
func (l *linearizer) visibleText(n *html.Node) (text string, media bool) {
	l.scratch = l.scratch[:0]
	nodes := 0
	if !l.collectText(n, &nodes, &media) {
		return "", media
	}
	if len(l.scratch) == 0 {
		return "", media
	}
	return collapseSpace(stripConfigLeaks(string(l.scratch))), media
}

// collectText appends the visible text under n to l.scratch and reports
// false as soon as it grows past the limits.
func (l *linearizer) collectText(n *html.Node, nodes *int, media *bool) bool {
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
				continue
			}
			switch c.DataAtom {
			case atom.Img, atom.A:
				// An image or a link inside is a value (a map, a URL, a
				// document), so the element is not a label.
				*media = true
			case atom.Br:
				l.scratch = append(l.scratch, ' ')
			}
			if !l.collectText(c, nodes, media) {
				return false
			}
		}
	}
	return true
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}
