package parsers

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// skipElement reports whether n and everything inside it is left out of the
// record: content a reader does not see (hidden elements, tooltips, help
// text, leaked field metadata), and page furniture that is not the record
// (navigation, footers, buttons, scripts). Form controls are not skipped:
// their values are read (controls.go).
func skipElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Dialog:
		// A closed dialog is not drawn; an open one (an expanded record
		// shown over the page) is read. Dialogs hidden by their class or
		// aria-hidden are left out below.
		if !hasAttr(n, "open") {
			return true
		}
	case atom.Footer:
		// The page's footer is furniture; an article's or a section's
		// footer is part of it ("Data ultima modifica" may sit there).
		if !inContent(n) {
			return true
		}
	case atom.Button:
		// Buttons are controls, but the one that opens a panel (an
		// accordion's header, aria-expanded) titles what it opens: a
		// label or a section heading when its text is one.
		if !strings.EqualFold(strings.TrimSpace(attr(n, "aria-expanded")), "true") || !dict.lookup(collapseSpace(textOf(n, 256))).found() {
			return true
		}
	case atom.Th:
		if gridHeading(n) {
			return true // a sheet's row number or column letter
		}
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav,
		atom.Iframe,
		atom.Svg, atom.Math, atom.Object, atom.Embed, atom.Audio, atom.Video, atom.Canvas,
		atom.Head, atom.Title, atom.Meta, atom.Link:
		return true
	}
	if n.Data == "svg" || n.Data == "math" {
		return true
	}
	hasClass, term := false, false
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			// Icons and marks, and content a script keeps out of view
			// (collapsed panels, inactive tabs, pending revisions).
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if hiddenStyle(a.Val) && !hiddenTab(n) {
				return true
			}
		case "role":
			if equalFoldAny(strings.TrimSpace(a.Val), "navigation", "contentinfo", "search", "tooltip", "menu", "menubar", "toolbar") {
				return true
			}
			// A term of a description list kept for screen readers only:
			// the label of a value the page shows beside an icon.
			term = strings.EqualFold(strings.TrimSpace(a.Val), "term")
		case "data-toggle", "data-bs-toggle":
			// The icon that opens a help tooltip or popover.
			if equalFoldAny(a.Val, "tooltip", "popover", "modal") {
				return true
			}
		case "class":
			hasClass = true
		case "id":
			if lowerIn(skipIDs, strings.TrimSpace(a.Val)) || cookieNotice(a.Val) {
				return true
			}
		}
	}
	switch n.Data {
	case "mat-hint", "mat-error":
		return true // custom elements of form hints
	}
	return hasClass && !term && findClass(n, skipClass) != ""
}

// cookieNotice reports whether an id names a cookie consent notice
// ("cookieBar", "cookie-notice"): furniture.
func cookieNotice(id string) bool {
	for i := 0; i+6 <= len(id); i++ {
		if strings.EqualFold(id[i:i+6], "cookie") {
			return true
		}
	}
	return false
}

// skipClass reports whether a class name hides an element or marks it as
// help: the names in skipClasses, and framework variants of them
// ("govuk-visually-hidden", "slds-assistive-text", "mat-mdc-form-field-hint").
func skipClass(c string) bool {
	if skipClasses[c] || strings.Contains(c, "cookie") || strings.HasPrefix(c, "toolbar") {
		return true // a cookie consent notice ("cookie-bar"), a toolbar ("ToolbarPageNav")
	}
	for _, suffix := range []string{"visually-hidden", "-sr-only", "assistive-text", "-hint", "__hint", "-helptext", "_helptext", "-help-text", "__help", "-tooltip", "-invisible", "tooltip", "helptext"} {
		if strings.HasSuffix(c, suffix) {
			return true
		}
	}
	return false
}

// findClass returns the first class name of n (lower case) for which
// match is true, or "". It runs on every element, so it splits the class
// attribute without allocating unless a name has capitals.
func findClass(n *html.Node, match func(string) bool) string {
	cls := attr(n, "class")
	for len(cls) > 0 {
		i := indexClassSpace(cls)
		var c string
		if i < 0 {
			c, cls = cls, ""
		} else {
			c, cls = cls[:i], cls[i+1:]
		}
		if c == "" {
			continue
		}
		for j := 0; j < len(c); j++ {
			if c[j] >= 'A' && c[j] <= 'Z' {
				c = lowerClass(c)
				break
			}
		}
		if match(c) {
			return c
		}
	}
	return ""
}

// lowerClass is strings.ToLower of a class name, lowerASCII's when the
// name is ASCII (nearly all are).
func lowerClass(c string) string {
	for i := 0; i < len(c); i++ {
		if c[i] >= utf8.RuneSelf {
			return strings.ToLower(c)
		}
	}
	return lowerASCII(c)
}

// indexClassSpace is strings.IndexAny(s, " \t\n\r\f"), the white space
// that separates class names, without building a set on every call.
func indexClassSpace(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f':
			return i
		}
	}
	return -1
}

// inContent reports whether n sits in an article, a section, the main
// content or an aside.
func inContent(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		switch p.DataAtom {
		case atom.Article, atom.Section, atom.Main, atom.Aside:
			return true
		}
	}
	return false
}

// skipClasses are class names that hide an element or mark it as help,
// navigation or chrome in the CSS frameworks the observatory's pages and
// municipal CMSs use.
var skipClasses = map[string]bool{
	"hidden": true, "d-none": true, "hide": true, "invisible": true, "sr-only": true,
	"visually-hidden": true, "visuallyhidden": true, "screen-reader-text": true,
	"tooltip": true, "tooltip-text": true, "tooltiptext": true, "tooltip-inner": true,
	"popover": true, "popover-content": true, "help-block": true, "help-text": true,
	"helptext": true, "form-text": true, "formhelp": true, "form-help": true, "field-help": true,
	"help": true, "hint": true, "form-hint": true, "field-hint": true, "helper-text": true,
	"help-inline": true, "input-help": true, "field-description": true, "istruzioni": true, "modal": true, "breadcrumb": true, "breadcrumbs": true,
	"navbar": true, "nav": true, "menu": true, "skip-link": true, "cookie-banner": true,
	"cookiebar": true, "share": true, "social-share": true, "footer": true, "site-footer": true,
	"piede": true, "copyright": true,
}

// skipIDs are element ids that name navigation or a footer.
var skipIDs = map[string]bool{
	"footer": true, "piede": true, "site-footer": true, "nav": true, "navigation": true,
	"menu": true, "navbar": true, "breadcrumb": true, "breadcrumbs": true, "cookie-banner": true,
}

// hiddenTab reports whether n, hidden by its style, is a tab's panel: one
// of sibling elements of the same kind and class of which exactly one is
// shown (a multipage shows one panel at a time, the others when their tab
// is chosen). A reader opens each tab: the panels are read. A row hidden
// among rows shown (a draft value kept out of view) is not a tab.
func hiddenTab(n *html.Node) bool {
	cls := strings.TrimSpace(attr(n, "class"))
	if cls == "" || n.Parent == nil {
		return false
	}
	shown := 0
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type != html.ElementNode || s.DataAtom != n.DataAtom || s.Data != n.Data || strings.TrimSpace(attr(s, "class")) != cls {
			continue
		}
		if !hiddenStyle(attr(s, "style")) {
			if shown++; shown > 1 {
				return false
			}
		}
	}
	return shown == 1
}

// hiddenStyle reports whether an inline style hides the element, or marks
// it as a word processor's list bullet ("mso-list:Ignore": the bullet a
// page saved from Word draws before each item).
func hiddenStyle(style string) bool {
	if !strings.Contains(style, ":") {
		return false
	}
	s := strings.ToLower(strings.ReplaceAll(style, " ", ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") ||
		strings.Contains(s, "mso-list:ignore")
}

// isBlock reports whether n starts and ends a block of text, as a browser
// would lay it out. Elements styled as items (badges, tags) count as blocks,
// so items rendered side by side without spaces stay separate.
func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption,
		atom.Dd, atom.Details, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption,
		atom.Figure, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Header, atom.Legend, atom.Li, atom.Main, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead,
		atom.Tr, atom.Ul, atom.Html, atom.Center, atom.Label:
		return true
	}
	if findClass(n, func(c string) bool { return itemClasses[c] }) != "" {
		return true
	}
	return isSiblingItem(n)
}

// isSiblingItem reports whether n is one of a run of inline elements of the
// same kind (same tag and class, or same itemprop) side by side: items of
// a list drawn without separators, which a reader sees as separate; or a
// part of a component beside another (isComponentPart).
func isSiblingItem(n *html.Node) bool {
	if !inlineItemAtom(n) {
		return false
	}
	key := attr(n, "itemprop")
	byProp := key != ""
	if !byProp {
		if key = attr(n, "class"); key == "" {
			return false
		}
	}
	same := func(s *html.Node) bool {
		if s == nil || s.DataAtom != n.DataAtom {
			return false
		}
		if byProp {
			return attr(s, "itemprop") == key
		}
		return attr(s, "class") == key
	}
	return same(elementSibling(n, -1)) || same(elementSibling(n, +1)) || !byProp && isComponentPart(n)
}

// inlineItemAtom reports whether n is an inline element that may be drawn
// as an item or a part of a component.
func inlineItemAtom(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Span, atom.Em, atom.I, atom.Small, atom.Mark, atom.Font, atom.Cite, atom.Data, atom.Code:
		return true
	}
	return false
}

// elementSibling is the element next to n (dir +1) or before it (-1), when
// only white space or a list separator ("A, B", "A; B", "A · B") separates
// them; nil otherwise.
func elementSibling(n *html.Node, dir int) *html.Node {
	next := func(s *html.Node) *html.Node {
		if dir < 0 {
			return s.PrevSibling
		}
		return s.NextSibling
	}
	for s := next(n); s != nil; s = next(s) {
		switch {
		case s.Type == html.TextNode && isSeparator(s.Data):
			continue
		case s.Type == html.CommentNode:
			continue
		case s.Type == html.ElementNode:
			return s
		}
		return nil
	}
	return nil
}

// isSeparator reports whether s is white space, or a list separator with
// white space around it.
func isSeparator(s string) bool {
	t := strings.TrimSpace(s)
	switch t {
	case "", ",", ";", "/", "·", "|", "•", "-", "–", "—":
		return true
	}
	// The brackets and braces of a data view drawn as text: "[", "],", "}".
	return strings.Trim(t, "[]{},") == ""
}

var itemClasses = map[string]bool{
	"badge": true, "tag": true, "chip": true, "pill": true,
	"item": true, "list-item": true, "list-group-item": true, "value-item": true,
}

// marksLabel reports whether the markup presents n as a label: a term of a
// definition list, a table header cell, a form label, a heading, an element
// whose class says label, or bold text ending in a colon. Such an element
// whose text the dictionary does not know is reported as schema drift.
//
// It returns the label's shape as well: "" for elements that are labels by
// their kind (dt, th, label, legend, caption, headings, bold text ending in
// a colon), or "class:NAME" for an element that is one only by a class
// name. A class is a weaker sign ("chip-label" is a chip's text): such an
// element whose text is not a known label counts as a label only where
// the page's known labels have the same shape (see gateWeakLabels).
func marksLabel(n *html.Node, text string) (marked bool, shape string) {
	if len(text) > visibleTextLimit {
		return false, ""
	}
	switch n.DataAtom {
	case atom.Dt, atom.Th, atom.Label, atom.Legend, atom.Caption, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true, ""
	case atom.Strong, atom.B:
		// "Label:", also with a decoration after the colon ("Label: ?").
		if strings.HasSuffix(strings.TrimRight(text, " *?ⓘ\u00a0"), ":") {
			return true, ""
		}
	}
	if c := labelClass(n); c != "" {
		return true, "class:" + c
	}
	return false, ""
}

// labelClass is the class of n that names it a label, or "".
func labelClass(n *html.Node) string {
	return findClass(n, func(c string) bool {
		return labelClasses[c] || strings.HasSuffix(c, "-label") || strings.HasSuffix(c, "_label") ||
			strings.HasSuffix(c, "-key") || strings.HasPrefix(c, "etichetta")
	})
}

var labelClasses = map[string]bool{
	"label": true, "field-label": true, "field-name": true, "etichetta": true,
	"key": true, "term": true, "nome-campo": true,
}

// equalFoldAny reports whether s equals one of words, ignoring case,
// without allocating.
func equalFoldAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.EqualFold(s, w) {
			return true
		}
	}
	return false
}
