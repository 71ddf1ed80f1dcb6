package parsers

import "strings"

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
