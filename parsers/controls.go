package parsers

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Form controls. Server-side form frameworks (ASP.NET WebForms among them)
// render a record as a form in read-only mode: the values sit in controls,
// and a reader sees what the controls show. A text input shows its value, a
// select its selected option, a textarea its text, a checkbox or radio
// button whether it is ticked and the text beside it.

// formIndex links <label for=id> elements and the controls they name.
type formIndex struct {
	targets  map[*html.Node]*html.Node // label -> the control it names
	labelled map[*html.Node]bool       // controls some label names
	emitted  map[*html.Node]bool       // controls whose value is already out
}

// indexForms finds the labels that name a control elsewhere on the page.
// It returns nil for pages without any, the common case. On its way it
// reads AMP's <amp-img> as the <img> it stands for.
func indexForms(root *html.Node) *formIndex {
	var labels []*html.Node
	controls := map[string]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == 0 && c.Data == "amp-img" {
				c.DataAtom, c.Data = atom.Img, "img"
			}
			switch c.DataAtom {
			case atom.Label:
				if hasAttr(c, "for") {
					labels = append(labels, c)
				}
			case atom.Input, atom.Select, atom.Textarea:
				if id := attr(c, "id"); id != "" && controls[id] == nil {
					controls[id] = c
				}
			case atom.Script, atom.Style, atom.Template:
				continue
			}
			walk(c)
		}
	}
	walk(root)
	if len(labels) == 0 || len(controls) == 0 {
		return nil
	}
	fi := &formIndex{targets: map[*html.Node]*html.Node{}, labelled: map[*html.Node]bool{}, emitted: map[*html.Node]bool{}}
	for _, lb := range labels {
		c := controls[strings.TrimSpace(attr(lb, "for"))]
		if c == nil || inside(c, lb) || !shownControl(c) || fi.labelled[c] {
			continue
		}
		fi.targets[lb] = c
		fi.labelled[c] = true
	}
	return fi
}

// target is the control a label element names, or nil.
func (fi *formIndex) target(lb *html.Node) *html.Node {
	if fi == nil {
		return nil
	}
	return fi.targets[lb]
}

// checkIn is the checkbox or radio button a label is the text of: the one
// it names, or the one inside it.
func (fi *formIndex) checkIn(lb, target *html.Node) *html.Node {
	if target != nil {
		if isCheck(target) {
			return target
		}
		return nil
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if isCheck(c) {
				found = c
				return
			}
			walk(c)
		}
	}
	walk(lb)
	return found
}

// control handles a control met while walking the page. A control some
// label names is shown with that label, not where it stands.
func (l *linearizer) control(n *html.Node, fromLabel bool) {
	if !shownControl(n) {
		return
	}
	if fi := l.forms; !fromLabel && fi != nil && fi.labelled[n] {
		return
	}
	if name := collapseSpace(attr(n, "aria-label")); name != "" && !fromLabel {
		// A control with no visible label, named for screen readers.
		if m := dict.lookupFuzzy(name, l.scope()); m.field != nil && !l.justLabelled(m.field) {
			l.flush()
			l.tokens = append(l.tokens, token{kind: tokLabel, text: name, field: m.field, marked: true, how: m.how, dropped: m.dropped, node: n})
		}
	}
	l.emitControl(n, n)
}

// justLabelled reports whether the last token is a label of f with nothing
// after it: a visible label the control's aria-label repeats.
func (l *linearizer) justLabelled(f *fieldDef) bool {
	if len(l.tokens) == 0 || !l.buf.blank() {
		return false
	}
	t := l.tokens[len(l.tokens)-1]
	return t.kind == tokLabel && t.field == f
}

// emitControl writes what a control shows into the token stream, as blocks
// of element at: the control, or the label that names it (a value shown
// with its label belongs where the label is).
func (l *linearizer) emitControl(n, at *html.Node) {
	if fi := l.forms; fi != nil {
		if fi.emitted[n] {
			return
		}
		fi.emitted[n] = true
	}
	parent := l.el
	l.el = at
	defer func() { l.el = parent }()
	switch n.DataAtom {
	case atom.Input:
		if isCheck(n) {
			// The text after it, up to the end of the block, is its option.
			l.flush()
			l.check = checkOf(n)
			l.startBlock()
			return
		}
		if v := attr(n, "value"); strings.TrimSpace(v) != "" {
			l.startBlock()
			l.buf.WriteString(" " + v + " ")
		}
	case atom.Select:
		l.flush()
		for _, o := range selectedOptions(n) {
			l.startBlock()
			l.buf.WriteString(o)
			l.flush()
		}
	case atom.Textarea:
		l.flush()
		for _, line := range strings.Split(textOf(n, 1<<20), "\n") {
			if strings.TrimSpace(line) != "" {
				l.startBlock()
				l.buf.WriteString(line)
				l.flush()
			}
		}
	}
}

// controlsIn emits the values of the controls inside n, in page order.
func (l *linearizer) controlsIn(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || skipElement(c) {
			continue
		}
		switch c.DataAtom {
		case atom.Input, atom.Select, atom.Textarea:
			if shownControl(c) {
				l.emitControl(c, c)
			}
			continue
		}
		l.controlsIn(c)
	}
	if l.check != checkNone {
		l.flush()
	}
}

// shownControl reports whether a control shows a value to the reader.
func shownControl(n *html.Node) bool {
	if n.DataAtom != atom.Input {
		return n.DataAtom == atom.Select || n.DataAtom == atom.Textarea
	}
	switch strings.ToLower(strings.TrimSpace(attr(n, "type"))) {
	case "hidden", "submit", "button", "reset", "image", "file", "password":
		return false
	}
	return true
}

func isCheck(n *html.Node) bool {
	if n.DataAtom != atom.Input {
		return ariaCheck(n)
	}
	t := strings.ToLower(strings.TrimSpace(attr(n, "type")))
	return t == "checkbox" || t == "radio"
}

// ariaCheck reports whether n is a checkbox or radio button drawn by a
// script: an element with such a role and an aria-checked state (a survey
// tool's response view draws every option so).
func ariaCheck(n *html.Node) bool {
	switch strings.ToLower(strings.TrimSpace(attr(n, "role"))) {
	case "checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio":
		return hasAttr(n, "aria-checked")
	}
	return false
}

func checkOf(n *html.Node) checkState {
	if hasAttr(n, "checked") || strings.EqualFold(attr(n, "aria-checked"), "true") {
		return checkOn
	}
	return checkOff
}

// selectedOptions are the texts a select shows: its selected options, or,
// for a single select with none selected, the first one unless it is a
// prompt ("-- Seleziona --").
func selectedOptions(sel *html.Node) []string {
	var all, selected []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if c.DataAtom == atom.Option {
				t := collapseSpace(textOf(c, 1<<16))
				if t == "" {
					t = collapseSpace(attr(c, "label"))
				}
				all = append(all, t)
				if hasAttr(c, "selected") && t != "" {
					selected = append(selected, t)
				}
				continue
			}
			walk(c)
		}
	}
	walk(sel)
	if len(selected) > 0 || hasAttr(sel, "multiple") || len(all) == 0 {
		return selected
	}
	if isPrompt(all[0]) {
		return nil
	}
	return all[:1]
}

// isPrompt reports whether an option is a select's prompt rather than a
// value.
func isPrompt(t string) bool {
	f := foldText(strings.Trim(t, " -_.*=[]()"))
	return f == "" || strings.HasPrefix(f, "selezion") || strings.HasPrefix(f, "scegli") ||
		strings.HasPrefix(f, "select") || strings.HasPrefix(f, "choose") || f == "nessuno" || f == "nessuna"
}
