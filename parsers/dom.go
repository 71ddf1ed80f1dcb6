package parsers

import (
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tokKind is what a linearized piece of the page is.
type tokKind uint8

const (
	tokText    tokKind = iota // a block of visible text, with its links and images
	tokLabel                  // a field label (field nil when the dictionary does not know it)
	tokSection                // a section heading
)

// checkState is the state of a checkbox or radio button a block shows.
type checkState uint8

const (
	checkNone checkState = iota
	checkOff
	checkOn
)

// anchor is a link inside a block.
type anchor struct {
	href string
	text string
}

// image is an image inside a block. An icon element with an accessible
// name (role="img" aria-label) is an image without a source.
type image struct {
	src string
	alt string
}

// token is one step of the linearized page: the page as a reader sees it,
// one block after another, without the markup that laid it out. A page of
// short blocks makes hundreds of thousands of them, so the token is kept
// small: the rare links and images sit behind a pointer.
type token struct {
	kind  tokKind
	check checkState
	// marked says the markup presents a tokLabel as a label (dt, th,
	// label, legend, heading, label class); weak that it is only a bold
	// text leading its block or a class name, a label only when the page's
	// known labels are written so (see gateWeakLabels).
	marked, weak bool
	// inline says a tokLabel was cut from the start of a line of text
	// ("Label: value", "Label – value") rather than shown apart.
	inline  bool
	how     matchKind // tokLabel, tokSection: how the text matched the dictionary
	text    string
	field   *fieldDef   // tokLabel
	shape   string      // how the markup presents a label: see marksLabel; "bold" for a leading bold text
	dropped string      // decorations removed from the label's text
	media   *blockMedia // links and images in the block, nil when none
	// top and left place a block drawn at a fixed position (pages
	// converted from PDF draw each line so), 0 when it is not.
	top, left int32
	node      *html.Node // the element the token came from
}

// blockMedia are the links and images of a block.
type blockMedia struct {
	links  []anchor
	images []image
}

// newMedia returns the media of a block, nil when it has none.
func newMedia(links []anchor, images []image) *blockMedia {
	if len(links) == 0 && len(images) == 0 {
		return nil
	}
	return &blockMedia{links: links, images: images}
}

func (t *token) links() []anchor {
	if t.media == nil {
		return nil
	}
	return t.media.links
}

func (t *token) images() []image {
	if t.media == nil {
		return nil
	}
	return t.media.images
}

// linearizer walks a parsed page and produces tokens.
type linearizer struct {
	tokens []token

	buf    blockText
	links  []anchor
	images []image
	atext  []strings.Builder // text of the open anchors, innermost last
	check  checkState        // the current block shows a checkbox or radio button

	scratch []byte // reused by visibleText
	folded  []byte // reused by visibleText: the scratch text collapsed
	// lastVisible is the last text visibleText made, given again when
	// the next element shows the same.
	lastVisible string
	// The last answer of lookup, and the text it was for.
	looked      bool
	lookedText  string
	lookedMatch match
	decor       []string   // decoration elements visibleText left out
	el          *html.Node // the element being walked
	blockNode   *html.Node // the element where the current block began
	scopes      []string   // legends of the fieldsets being walked, innermost last

	forms *formIndex // controls and the labels that point at them; nil on pages without

	full  bool // stopped at maxTokens
	ctx   context.Context
	steps int   // elements walked, to check ctx now and then
	err   error // ctx's error once canceled

	h1       string   // the first visible h1: the record's title in most layouts
	headings []string // the first h1 to h3 texts, to tell a title among a document title's parts
}

// maxTokens bounds the blocks read from one page. A record page has a few
// hundred; a page with more than this many is not a plausible record page
// past that point, and reading on would cost memory in proportion (a
// 2 MiB page of one-word paragraphs is a quarter of a million blocks).
// The record is read from the first maxTokens blocks, with a warning.
const maxTokens = 50_000

// ctxCheckEvery is how many elements are walked between two looks at the
// context: a huge page stops within milliseconds of a cancel.
const ctxCheckEvery = 4096

// linearize walks the page. sizeHint is the page's size in bytes, used to
// size the token list once instead of growing it.
func linearize(ctx context.Context, root *html.Node, sizeHint int) (*linearizer, error) {
	l := &linearizer{tokens: make([]token, 0, min(sizeHint/80+16, maxTokens)), ctx: ctx, forms: indexForms(root)}
	l.walk(root)
	l.flush()
	if l.err != nil {
		return nil, l.err
	}
	l.tokens = joinWrappedLabels(l.tokens)
	l.tokens = badgeBoxes(l.tokens)
	gateWeakLabels(l.tokens)
	dropStrayInline(l.tokens)
	return l, nil
}

func (l *linearizer) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		if l.textLabel(n) {
			return
		}
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
	if l.steps++; l.steps%ctxCheckEvery == 0 && l.err == nil {
		l.err = l.ctx.Err()
	}
	if len(l.tokens) >= maxTokens {
		l.full = true
		return
	}
	if l.err != nil || skipElement(n) {
		if l.err == nil && isPageFooter(n) {
			l.footerDate(n)
		}
		return
	}
	parent := l.el
	l.el = n
	defer func() { l.el = parent }()
	l.dataLabel(n)
	switch n.DataAtom {
	case atom.Img:
		if src := strings.TrimSpace(attr(n, "src")); src != "" {
			alt := attr(n, "alt")
			if alt == "" {
				alt = attr(n, "title")
			}
			if isHelpName(alt) || isSpacer(n, src) {
				return // a help or info icon, or a spacer, drawn as an image
			}
			if full := fullImage(n); full != "" {
				src = full // a thumbnail linking to the image it shows
			}
			l.startBlock()
			l.images = append(l.images, image{src: src, alt: collapseSpace(alt)})
		}
		return
	case atom.Br, atom.Hr:
		l.flush()
		return
	case atom.A:
		if t := textOf(n, 64); (isMarker(t) || isActionText(t) || isCitation(t)) && !hasImage(n) {
			return // a help link "?", an action ("Modifica"), a citation mark "[1]"
		}
		if noteRef(n) {
			return // a note's number after a label or a value
		}
		if scriptControl(n) {
			return // "0 riferimenti", "mostra": a control a script drives
		}
		if l.linkLabel(n) {
			return
		}
		l.anchor(n)
		return
	case atom.Input, atom.Select, atom.Textarea:
		l.control(n, false)
		return
	case atom.Option, atom.Optgroup, atom.Datalist:
		return // outside a select: not shown
	case atom.Abbr, atom.Sup:
		if t := textOf(n, 16); isMarker(t) || n.DataAtom == atom.Sup && isCitation(t) {
			return // a required-field or help mark standing alone, a citation mark ("Concluso[1]")
		}
	case atom.Table:
		if l.table(n) {
			return
		}
	case atom.Td, atom.Th:
		if l.labelCell(n) {
			return
		}
	case atom.Pre:
		if l.preColumns(n) || l.preLines(n) {
			return
		}
	case atom.Fieldset:
		l.scopes = append(l.scopes, legendText(n))
		defer func() { l.scopes = l.scopes[:len(l.scopes)-1] }()
	}
	if ariaCheck(n) && len(l.atext) == 0 {
		// The text inside it, or after it up to the end of the block, is
		// its option, as for a checkbox input.
		l.flush()
		l.check = checkOf(n)
		l.startBlock()
		l.children(n)
		return
	}
	if isIcon(n) {
		if name := collapseSpace(attr(n, "aria-label")); name != "" && !isHelpName(name) {
			l.startBlock()
			l.images = append(l.images, image{alt: name})
		}
		if len(l.buf.b) > 0 && spaceOnly(n) {
			// An empty element drawn over a space (a converter's
			// positioned gap between words) is that space.
			l.buf.WriteString(" ")
			for i := range l.atext {
				l.atext[i].WriteByte(' ')
			}
		}
		return
	}

	text, media, controls := l.visibleText(n)
	if n.DataAtom == atom.H1 && l.h1 == "" {
		l.h1 = text
	}
	if text != "" && len(l.headings) < 12 && (n.DataAtom == atom.H1 || n.DataAtom == atom.H2 || n.DataAtom == atom.H3) {
		l.headings = append(l.headings, text)
	}
	switch {
	case len(l.atext) > 0:
		// Inside a link: its text is a value ("Link", "Mappa" in a menu).
	case text != "" && !media && l.labelElement(n, text, controls):
		return
	case text != "" && media && l.imageLabel(n, text):
		return
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

// linkLabel emits a link that is a label as that label, and reports
// whether it did: a link that is all its parent shows, whose whole text is
// a known label of a field holding text, numbers or choices, leading to a
// page of the same site that is no image (a knowledge base's property
// names link to the property's page). Other links are values: "Mappa"
// linking to the map's image, the text of a link just after its label
// ("Link" under "Link"), an address, a document.
func (l *linearizer) linkLabel(n *html.Node) bool {
	if l.midBlock() || len(l.atext) > 0 || hasImage(n) || n.Parent == nil {
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
	l.atext = append(l.atext, strings.Builder{})
	l.children(n)
	t := l.atext[len(l.atext)-1].String()
	l.atext = l.atext[:len(l.atext)-1]
	l.links = append(l.links, anchor{href: href, text: collapseSpace(stripConfigLeaks(t))})
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// hasImage reports whether an image is inside n.
func hasImage(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Img || hasImage(c)) {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s begins with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// spaceOnly reports whether n holds white space and nothing else.
func spaceOnly(n *html.Node) bool {
	c := n.FirstChild
	return c != nil && c.NextSibling == nil && c.Type == html.TextNode && c.Data != "" && strings.TrimSpace(c.Data) == ""
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
