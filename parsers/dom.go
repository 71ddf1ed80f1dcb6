package parsers

import (
	"context"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// linearizer walks a parsed page and produces tokens.
type linearizer struct {
	tokens []token

	buf    blockText
	links  []anchor
	images []image
	// atext is the text written since the outermost open anchor began,
	// and astart where each open anchor's text begins in it, innermost
	// last: what is written inside an anchor is inside every anchor open.
	atext  []byte
	astart []int
	check  checkState // the current block shows a checkbox or radio button

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
		if len(l.astart) > 0 {
			l.atext = append(l.atext, n.Data...)
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
	if ariaCheck(n) && len(l.astart) == 0 {
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
			if len(l.astart) > 0 {
				l.atext = append(l.atext, ' ')
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
	case len(l.astart) > 0:
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
