package parsers

import (
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

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
	text := l.buf.collapsed()
	l.buf.reset()
	links, images, node, check := l.links, l.images, l.blockNode, l.check
	l.links, l.images, l.blockNode, l.check = nil, nil, nil, checkNone
	if text == "" && len(links) == 0 && len(images) == 0 && check == checkNone {
		return
	}
	media := len(links) > 0 || len(images) > 0
	if strings.HasPrefix(text, ":") && len(l.tokens) > 0 && l.tokens[len(l.tokens)-1].kind == tokLabel {
		// "<em>Label</em>: value": the colon is the label's.
		text = strings.TrimSpace(text[1:])
	}
	if text != "" && check == checkNone {
		m := l.lookup(text)
		if m.section != "" && !media {
			l.tokens = append(l.tokens, token{kind: tokSection, text: m.section, how: m.how, dropped: m.dropped, node: node})
			return
		}
		if f := m.field; f != nil && (!media || f.mapLink) {
			l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: f, how: m.how, dropped: m.dropped, node: node})
			if media { // <a href="map.jpg">Mappa</a>
				l.tokens = append(l.tokens, token{kind: tokText, media: newMedia(links, images), node: node})
			}
			return
		}
		if i, j := dashedLabel(text); i > 0 && !colonLabelPast(text, j) {
			// "Stato di avanzamento – Concluso": a label, a dash and the
			// value in one line, as rich text editors keep lists.
			m := dict.lookup(text[:i])
			l.tokens = append(l.tokens, token{kind: tokLabel, text: text[:i], field: m.field, how: m.how, dropped: m.dropped, node: node, inline: true})
			text = strings.TrimSpace(text[j:])
			if text == "" && !media {
				return // the value on the next line
			}
			if m := dict.lookup(text); m.field != nil && m.field.mapLink && !media {
				// "Territorio Interessato – Mappa", the map's image next.
				l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, how: m.how, node: node})
				return
			}
		} else if i := strings.IndexByte(text, ':'); i > 0 && i <= dict.longest+lookupSlack {
			if m := dict.lookup(text[:i]); m.field != nil {
				l.tokens = append(l.tokens, token{kind: tokLabel, text: strings.TrimSpace(text[:i]), field: m.field, how: m.how, dropped: m.dropped, node: node, inline: true})
				text = strings.TrimSpace(text[i+1:])
				if m := dict.lookup(text); m.field != nil && m.field.mapLink && !media {
					// "Territorio Interessato: Mappa", the map's image next.
					l.tokens = append(l.tokens, token{kind: tokLabel, text: text, field: m.field, how: m.how, node: node})
					return
				}
			}
		}
	}
	t := token{kind: tokText, text: text, media: newMedia(links, images), check: check, node: node}
	if node != nil {
		t.top, t.left = position(node)
	}
	l.tokens = append(l.tokens, t)
}

// disclosure reports whether the links and images of a heading's block
// are only the icon that opens or closes its section: images whose
// alternative text names the heading ("Hide details for Processo"), alone
// in links that show no text.
func disclosure(text string, links []anchor, images []image) bool {
	if len(images) == 0 || len(links) > len(images) {
		return false
	}
	for _, a := range links {
		if a.text != "" {
			return false
		}
	}
	f := foldText(text)
	for _, im := range images {
		if alt := foldText(im.alt); alt == f || !strings.HasSuffix(alt, " "+f) {
			return false
		}
	}
	return true
}

// colonLabelPast reports whether a line begins with a known label that
// ends in a colon past j, where a shorter label ends with a dash:
// "Comitato di Garanzia locale - Altre Funzioni Assegnate: ..." is that
// label and its value, not "Comitato di Garanzia locale" and "Altre
// Funzioni Assegnate: ...". The longest known label wins.
func colonLabelPast(text string, j int) bool {
	i := strings.IndexByte(text, ':')
	if i <= j || i > dict.longest+lookupSlack {
		return false
	}
	m := dict.lookup(text[:i])
	return m.field != nil && (m.how == matchExact || m.how == matchNormalized)
}

// labelDashes separate a label from its value written on the same line.
var labelDashes = []string{" – ", " — ", " - "}

// dashedLabel finds, in a line that begins with a known label followed by
// a dash between spaces and a value, where the label ends (i) and the value
// begins (j); 0, 0 when the line does not. Labels may hold " - " themselves
// ("Comitato di Garanzia locale - Funzioni assegnate"): the longest known
// label wins. Only exact or normalized matches count, never near misses.
func dashedLabel(text string) (i, j int) {
	limit := min(len(text), dict.longest+lookupSlack)
	if head := text[:limit]; !strings.Contains(head, " -") && !strings.Contains(head, " \u2013") && !strings.Contains(head, " \u2014") {
		return 0, 0 // no dash after a space: hyphenated words, addresses
	}
	for _, d := range labelDashes {
		for at := 0; at < limit; {
			k := strings.Index(text[at:limit], d)
			if k < 0 {
				break
			}
			end := at + k
			if m := dict.lookup(text[:end]); m.field != nil && (m.how == matchExact || m.how == matchNormalized) && end > i {
				i, j = end, end+len(d)
			}
			at = end + len(d)
		}
		// "Mappa di Impatto –" and the value on the next line.
		if t := strings.TrimSuffix(text, d[:len(d)-1]); i == 0 && len(t) < len(text) {
			if m := dict.lookup(t); m.field != nil && (m.how == matchExact || m.how == matchNormalized) {
				i, j = len(t), len(text)
			}
		}
	}
	return i, j
}

// position reads where an absolutely positioned element, or its parent or
// grandparent, is drawn, from the inline style
// ("position:absolute;top:344px;left:330px"); 0, 0 otherwise.
func position(n *html.Node) (top, left int32) {
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; d, n = d+1, n.Parent {
		if style := attr(n, "style"); strings.Contains(style, "absolute") {
			return styleLength(style, "top"), styleLength(style, "left")
		}
	}
	return 0, 0
}

// styleLength reads a length in pixels of an inline style property.
func styleLength(style, prop string) int32 {
	for _, decl := range strings.Split(style, ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok || strings.TrimSpace(strings.ToLower(k)) != prop {
			continue
		}
		v = strings.TrimSuffix(strings.TrimSpace(v), "px")
		if n, err := strconv.ParseFloat(v, 64); err == nil && n > 0 && n < 1e7 {
			return int32(n)
		}
	}
	return 0
}

// wrapped reports whether block b continues block a on the next line of
// the same paragraph: drawn at fixed positions, at the same left edge, one
// line lower.
func wrapped(a, b *token) bool {
	return a.top > 0 && b.top > a.top && b.top-a.top <= 24 && a.left == b.left
}

// lineWrap reports whether element b draws the line after element a in
// the same paragraph, as converters from PDF draw each line: b is the
// element right after a, of the same kind, their classes differ in one
// name only (the line's vertical position: "t x2 y1a ff1", "t x2 y1b
// ff1"), and a's line ends with the space where it broke.
func lineWrap(a, b *html.Node) bool {
	if a == nil || b == nil || a == b || a.Type != html.ElementNode || b.Type != html.ElementNode || a.DataAtom != b.DataAtom {
		return false
	}
	prev := b.PrevSibling
	for prev != nil && (prev.Type == html.TextNode && strings.TrimSpace(prev.Data) == "" || prev.Type == html.CommentNode) {
		prev = prev.PrevSibling
	}
	if prev != a || !endsInSpace(a) {
		return false
	}
	ca, cb := attr(a, "class"), attr(b, "class")
	if ca == "" || ca == cb {
		return false
	}
	differ := 0
	for {
		x, restA, _ := strings.Cut(ca, " ")
		y, restB, _ := strings.Cut(cb, " ")
		if x != y {
			if differ++; differ > 1 {
				return false
			}
		}
		ca, cb = restA, restB
		if ca == "" || cb == "" {
			return ca == cb && differ == 1
		}
	}
}

// endsInSpace reports whether the last text under n ends with white space.
func endsInSpace(n *html.Node) bool {
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		switch c.Type {
		case html.TextNode:
			if c.Data == "" {
				continue
			}
			last := c.Data[len(c.Data)-1]
			return last == ' ' || last == '\n' || last == '\t'
		case html.ElementNode:
			return endsInSpace(c)
		}
	}
	return false
}

// joinWrappedLabels joins a label drawn over two to four lines at fixed
// positions ("Dettagli o note sulle fonti" then "utilizzate", as pages
// converted from PDF draw them, by inline style or by class: see
// lineWrap) into one label: consecutive short blocks
// whose text together is a known label. (A label broken by <br> inside one
// element is read whole where that element is.)
func joinWrappedLabels(tokens []token) []token {
	short := func(t *token) bool {
		return t.media == nil && t.check == checkNone && len(t.text) < dict.longest &&
			(t.kind == tokText || t.kind == tokLabel && t.field == nil)
	}
	// next reports whether token j continues the line of token j-1; the
	// label's last line may spell a section's name ("Struttura
	// responsabile del" over "processo").
	place := func(t *token) {
		if t.kind != tokText && t.top == 0 && t.node != nil {
			t.top, t.left = position(t.node) // labels and headings are not placed when read
		}
	}
	next := func(j int) bool {
		t, prev := &tokens[j], &tokens[j-1]
		if !short(t) && (t.kind != tokSection || t.media != nil) {
			return false
		}
		place(prev)
		if prev.top > 0 {
			place(t)
		}
		return t.top > 0 && prev.top > 0 || lineWrap(prev.node, t.node)
	}
	out := tokens[:0]
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		known := t.kind == tokLabel && t.field != nil && t.media == nil
		if short(&t) && (t.top > 0 || i+1 < len(tokens) && next(i+1)) || known && i+1 < len(tokens) && next(i+1) {
			// A line that is a label itself may begin a longer one:
			// "Numero persone partecipanti" over "(stimate o effettive)",
			// "Comitato di Garanzia locale -" (a label cut before its dash)
			// over "Funzioni assegnate".
			joined := t.text
			if t.inline && t.node != nil {
				joined = collapseSpace(textOf(t.node, dict.longest+lookupSlack))
			}
			for j := i + 1; j < len(tokens) && j <= i+3 && next(j) && len(joined) < dict.longest; j++ {
				joined += " " + tokens[j].text
				if m := dict.lookup(joined); m.field != nil && (known || dict.lookup(t.text).field == nil) {
					t = token{kind: tokLabel, text: joined, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: t.node}
					i = j
					break
				}
			}
		}
		out = append(out, t)
	}
	return out
}

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

// lookup is dict.lookup remembering its last answer: a wrapper and the
// element inside it often show the same text (<dd><p>value</p></dd>), and
// the walk asks about both, the element's text then the block's.
func (l *linearizer) lookup(text string) match {
	if l.looked && text == l.lookedText {
		return l.lookedMatch
	}
	m := dict.lookup(text)
	l.looked, l.lookedText, l.lookedMatch = true, text, m
	return m
}

// showsBlock reports whether a block of the page is text.
func (l *linearizer) showsBlock(text string) bool {
	for i := range l.tokens {
		if l.tokens[i].text == text {
			return true
		}
	}
	return false
}

// shows reports whether a block of the page holds text.
func (l *linearizer) shows(text string) bool {
	for i := range l.tokens {
		if strings.Contains(l.tokens[i].text, text) {
			return true
		}
	}
	return false
}
