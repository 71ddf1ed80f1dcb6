package parsers

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// How the linearizer decides that an element, a text or an attribute is a
// label or a section heading: by its text against the dictionary, and by
// how the markup presents it.

// labelElement emits n as a section heading or a label when its text says
// so, with the values of the form controls it holds or points at, and
// reports whether it did.
func (l *linearizer) labelElement(n *html.Node, text string, controls bool) bool {
	marked, shape := marksLabel(n, text)
	if !marked && l.leadingBold(n) {
		marked, shape = true, "bold"
	}
	weak := shape != ""
	if !marked && l.midBlock() && runningText(n) {
		// A word of running text ("riguardanti il <span>processo</span>
		// partecipativo") is not a heading or a label, even when it spells
		// one; a label inside a paragraph is marked as one ("<b>Label:</b>").
		return false
	}
	if !isLabelElement(n) && l.forms != nil && l.namingLabelIn(n, text, 4) {
		// The text is that of a <label for> inside: read it there, where
		// it names its control.
		return false
	}
	if controls && !isLabelElement(n) && l.textInChild(n, text) {
		// A wrapper holding a label and controls: its label is the child
		// that shows the text, its values the controls (each may have its
		// own label, or be named by aria-label). Walk it.
		return false
	}
	m := l.lookup(text)
	if !m.found() && marked {
		m = dict.lookupFuzzy(text, l.scope())
	}
	if m.section != "" && !controls {
		l.flush()
		l.tokens = append(l.tokens, token{kind: tokSection, text: m.section, how: m.how, dropped: m.dropped, node: n})
		return true
	}
	target := l.forms.target(n)
	if n.DataAtom == atom.Label && m.field == nil {
		// The text of a checkbox or radio button is its option, not a
		// field: "Sì" beside the checked one.
		if c := l.forms.checkIn(n, target); c != nil {
			l.flush()
			l.check = checkOf(c)
			l.startBlock()
			l.buf.WriteString(text)
			l.flush()
			return true
		}
	}
	if m.field == nil && !marked {
		return false
	}
	if !m.found() {
		// A label box holding the label and its help ("Stato di avanzamento"
		// over "Indicare lo stato..."): the label is the child that shows a
		// known label; the rest is help, not a value.
		if c, cm := l.knownLabelIn(n, 3); c != nil {
			l.flush()
			l.tokens = append(l.tokens, token{kind: tokLabel, text: cm.text, field: cm.field, marked: true, shape: shape, how: cm.how, dropped: cm.dropped, node: c})
			if controls {
				l.controlsIn(n)
			}
			return true
		}
	}
	l.flush()
	dropped := m.dropped
	if len(l.decor) > 0 {
		dropped = strings.TrimSpace(strings.Join(l.decor, " ") + " " + dropped)
	}
	l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, marked: marked, weak: weak && m.how != matchExact && m.how != matchNormalized,
		shape: shape, how: m.how, dropped: dropped, node: n})
	switch {
	case target != nil:
		l.emitControl(target, n)
		l.flush() // the control's value is whole: what follows is not part of it
	case controls:
		l.controlsIn(n)
	}
	return true
}

// textLabel emits a text node that starts a block and is a known label as
// that label, so a value glued after it in another element ("<span>Stato
// di avanzamento<em>Concluso</em></span>", "Link <a href=...>") is its
// value. It reports whether it did.
func (l *linearizer) textLabel(n *html.Node) bool {
	if n.NextSibling == nil || len(n.Data) > dict.longest+lookupSlack*2 || len(l.astart) > 0 ||
		l.check != checkNone || len(l.links) > 0 || len(l.images) > 0 ||
		strings.TrimSpace(n.Data) == "" || !l.buf.blank() {
		return false
	}
	text := collapseSpace(stripConfigLeaks(n.Data))
	if text == "" {
		return false
	}
	m := dict.lookup(text)
	if m.found() && n.Parent != nil && lineWrap(prevElement(n.Parent), n.Parent) {
		return false // a word starting the next line of a wrapped paragraph (see lineWrap)
	}
	if !m.found() || m.section != "" && textAfter(n, n.Parent) {
		// A section's name followed by more text in its line
		// ("Processo<span> </span>non certificato") is a word of it: a
		// section heading stands alone.
		return false
	}
	l.flush()
	if m.section != "" {
		l.tokens = append(l.tokens, token{kind: tokSection, text: m.section, how: m.how, dropped: m.dropped, node: l.el})
	} else {
		l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, how: m.how, dropped: m.dropped, node: l.el})
	}
	return true
}

// dataLabel emits the label a table cell carries in a data-label attribute
// (responsive tables draw it with CSS, "td::before { content:
// attr(data-label) }", where the page has no other label), before the
// cell's value.
func (l *linearizer) dataLabel(n *html.Node) {
	if n.DataAtom != atom.Td && n.DataAtom != atom.Th && n.DataAtom != atom.Div && n.DataAtom != atom.Li {
		return
	}
	var name string
	for _, k := range []string{"data-label", "data-title", "data-th", "data-column"} {
		if name = collapseSpace(attr(n, k)); name != "" {
			break
		}
	}
	if name == "" {
		return
	}
	m := dict.lookupFuzzy(name, l.scope())
	if m.field == nil || l.justLabelled(m.field) {
		return
	}
	if text, _, _ := l.visibleText(n); dict.lookup(text).field == m.field {
		return // the cell shows the label itself
	}
	l.flush()
	l.tokens = append(l.tokens, token{kind: tokLabel, text: name, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: n})
}

// labelMatch is a known label found inside an element, with its text.
type labelMatch struct {
	match
	text string
}

// knownLabelIn finds, up to depth levels down, an element of n whose text
// is a known label.
func (l *linearizer) knownLabelIn(n *html.Node, depth int) (*html.Node, labelMatch) {
	if depth == 0 {
		return nil, labelMatch{}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) || isIcon(c) {
			continue
		}
		text, media, _ := l.visibleText(c)
		if text != "" && !media {
			if m := dict.lookup(text); m.field != nil {
				return c, labelMatch{m, text}
			}
		}
		if found, m := l.knownLabelIn(c, depth-1); found != nil {
			return found, m
		}
	}
	return nil, labelMatch{}
}

// isLabelElement reports whether n is an element that labels what it
// holds: a <label> wrapping its control, a <legend> over its fieldset.
func isLabelElement(n *html.Node) bool {
	return n.DataAtom == atom.Label || n.DataAtom == atom.Legend
}

// namingLabelIn reports whether a <label for> that names a control, up to
// depth levels inside n, shows text.
func (l *linearizer) namingLabelIn(n *html.Node, text string, depth int) bool {
	if depth == 0 {
		return false
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Label && l.forms.target(c) != nil {
			if t, _, _ := l.visibleText(c); t == text {
				return true
			}
		}
		if l.namingLabelIn(c, text, depth-1) {
			return true
		}
	}
	return false
}

// textInChild reports whether a child element of n shows all of n's text.
func (l *linearizer) textInChild(n *html.Node, text string) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		if t, _, _ := l.visibleText(c); t == text {
			return true
		}
	}
	return false
}

// midBlock reports whether the current block already shows something.
func (l *linearizer) midBlock() bool {
	return len(l.links) > 0 || len(l.images) > 0 || !l.buf.blank()
}

// runningText reports whether n continues text written before it in its
// block ("riguardanti il <span>processo</span>"), rather than standing
// after another element (a cell of a grid of spans).
func runningText(n *html.Node) bool {
	for x := n; x != nil && x.Type == html.ElementNode && !isBlock(x); x = x.Parent {
		for s := x.PrevSibling; s != nil; s = s.PrevSibling {
			switch s.Type {
			case html.TextNode:
				if strings.TrimSpace(s.Data) != "" {
					return true
				}
			case html.ElementNode:
				return false
			}
		}
	}
	return false
}

// leadingBold reports whether n is bold text at the start of its block
// followed by a line break: "<p><strong>Label</strong><br>value</p>".
func (l *linearizer) leadingBold(n *html.Node) bool {
	if n.DataAtom != atom.Strong && n.DataAtom != atom.B {
		return false
	}
	if !l.buf.blank() || len(l.links) > 0 || len(l.images) > 0 {
		return false
	}
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch {
		case s.Type == html.TextNode && strings.TrimSpace(s.Data) == "":
			continue
		case s.Type == html.ElementNode && s.DataAtom == atom.Br:
			return true
		}
		return false
	}
	return false
}

// imageLabel emits an element holding an image field's label and its
// image ("<span>Mappa <img src=map.jpg></span>") as the label and the
// image, and reports whether it did.
func (l *linearizer) imageLabel(n *html.Node, text string) bool {
	m := dict.lookup(text)
	if m.field == nil || m.field.kind != kindImage || !imageUnder(n) {
		return false
	}
	l.flush()
	l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, how: m.how, dropped: m.dropped, node: n})
	l.mediaIn(n)
	l.flush()
	return true
}

// imageUnder reports whether n holds an image, or a link to one: a label
// beside links to other pages (a property's page) holds no value.
func imageUnder(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Img || c.DataAtom == atom.A && looksLikeImagePath(strings.TrimSpace(attr(c, "href"))) || imageUnder(c) {
			return true
		}
	}
	return false
}

// mediaIn adds the images and links under n to the current block, leaving
// out their text.
func (l *linearizer) mediaIn(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Img:
			l.walk(c)
		case atom.A:
			if t := textOf(c, 64); (isMarker(t) || isActionText(t) || isCitation(t)) && !hasImage(c) {
				continue // a help link, an action ("Modifica"), a citation mark, as walk leaves them
			}
			if href := strings.TrimSpace(attr(c, "href")); !nowhere(href) {
				l.startBlock()
				l.links = append(l.links, anchor{href: href})
			}
			l.mediaIn(c)
		default:
			l.mediaIn(c)
		}
	}
}

// isSpacer reports whether an image is layout, not content: a spacer GIF
// or a one-pixel image.
func isSpacer(n *html.Node, src string) bool {
	for _, k := range []string{"width", "height"} {
		if v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(attr(n, k)), "px")); err == nil && v <= 2 {
			return true
		}
	}
	base := strings.ToLower(src[strings.LastIndexByte(src, '/')+1:])
	for _, s := range []string{"spacer", "blank.gif", "pixel.gif", "clear.gif", "trasparente", "transparent.gif", "1x1", "spc.gif", "dot.gif"} {
		if strings.Contains(base, s) {
			return true
		}
	}
	return false
}

func (l *linearizer) scope() string {
	for i := len(l.scopes) - 1; i >= 0; i-- {
		if l.scopes[i] != "" {
			return l.scopes[i]
		}
	}
	return ""
}

// gateWeakLabels keeps a label that only a weak sign marks (a bold text
// leading its block, a class name) and that the dictionary does not know
// only when at least two of the page's known labels have the same shape;
// on other pages it is emphasis inside a value ("<strong>Fase 1</strong>
// <br>ascolto") or text that merely carries a label-like class (a chip's
// "chip-label"), and goes back to being text.
func gateWeakLabels(tokens []token) {
	known := map[string]int{}
	weak := false
	for _, t := range tokens {
		switch {
		case t.kind != tokLabel:
		case t.weak:
			weak = true
		case t.field != nil && t.shape != "":
			known[t.shape]++
		case t.field != nil && t.node != nil && (t.node.DataAtom == atom.Strong || t.node.DataAtom == atom.B):
			known["bold"]++
		}
	}
	if !weak {
		return
	}
	for i := range tokens {
		if t := &tokens[i]; t.kind == tokLabel && t.weak && known[t.shape] < 2 {
			*t = token{kind: tokText, text: t.text, node: t.node}
		}
	}
}
