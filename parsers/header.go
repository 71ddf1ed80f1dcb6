package parsers

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// cta matches the observatory's call to action, which is not a field.
var cta = regexp.MustCompile(`(?i)^(hai gestito, partecipato|integra le informazioni)`)

// header reads the blocks above the first section: the region, the badges,
// and a title candidate for pages without h1 or <title>.
func (a *assembler) header(t token) {
	for _, im := range t.images() {
		a.badges(im.alt)
	}
	text := t.text
	if text == "" {
		return
	}
	region := ""
	if a.rec.Region == nil {
		region = regionIn(text)
	}
	switch {
	case cta.MatchString(text):
		a.explain.unused(t, "the call to action")
	case a.badges(text):
	case a.rec.Region != nil && strings.Contains(text, *a.rec.Region):
		a.explain.unused(t, "header text")
	case region != "" && a.ownerLink(t, region):
		a.explain.unused(t, "the site's owner")
	case region != "":
		// "Regione Emilia-Romagna – Certificato – Finanziato": the region,
		// and the badges when the rest of the line is badges.
		a.rec.Region = &region
		if rest := strings.TrimSpace(strings.Replace(text, region, "", 1)); rest != "" {
			a.badges(rest)
		}
	default:
		a.headerText(t)
		if a.headerTitle != "" && lineWrap(a.headerLine, t.node) {
			// The title drawn over two lines (see lineWrap).
			a.headerTitle += " " + text
			a.headerLine = t.node
		} else if linksOnly(t) {
			a.explain.unused(t, "header text: links only")
		} else if a.headerTitle == "" || a.headerMaybeGeneric() && !genericTitle(text) {
			// The first header text, past one that only numbers the
			// record ("Scheda 141" in a viewer's top bar).
			a.headerTitle, a.headerGeneric, a.headerLine = text, 0, t.node
		} else {
			a.explain.unused(t, "header text")
		}
	}
}

// linksOnly reports whether a block shows nothing but its links' text
// ("[ Accedi ]", "Home · Contatti"): a menu, not a title.
func linksOnly(t token) bool {
	ls := t.links()
	if len(ls) == 0 {
		return false
	}
	rest := t.text
	for _, l := range ls {
		if l.text == "" {
			return false
		}
		rest = strings.Replace(rest, l.text, "", 1)
	}
	return strings.Trim(rest, " []()|·•-–—/>»") == ""
}

// headerMaybeGeneric reports whether headerTitle only names the kind of
// page or numbers the record, working it out once.
func (a *assembler) headerMaybeGeneric() bool {
	if a.headerGeneric == 0 {
		a.headerGeneric = 2
		if len(a.headerTitle) < 80 && genericTitle(a.headerTitle) {
			a.headerGeneric = 1
		}
	}
	return a.headerGeneric == 1
}

// headerText follows, among the header's blocks other than the region,
// badges and call to action, the heading the record follows (nearTitle)
// and how far below the <h1> it is.
func (a *assembler) headerText(t token) {
	switch {
	case inH1(t.node):
		a.afterH1 = 0
		a.nearTitle = ""
		return
	case t.field == nil && titleLike(t):
		if a.nearTitle != "" && (wrapped(&a.nearLine, &t) || lineWrap(a.nearLine.node, t.node)) {
			a.nearTitle += " " + t.text // the heading's next line
		} else {
			a.nearTitle = t.text
		}
		a.nearLine = t
	default:
		a.nearTitle = ""
	}
	if a.afterH1 >= 0 {
		a.afterH1++
	}
	if a.nearTitle != "" {
		a.nearAfterH1 = a.afterH1
	}
}

// inH1 reports whether n is in an <h1>.
func inH1(n *html.Node) bool {
	for d := 0; n != nil && d < 4; d, n = d+1, n.Parent {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
			return true
		}
	}
	return false
}

// nearTitleFar is how many header blocks below the <h1> a heading must be
// for it, rather than the <h1>, to name the record.
const nearTitleFar = 4

// titleLike reports whether a block is drawn as a title: a heading, or a
// bold text that is its whole block.
func titleLike(t token) bool {
	n := t.node
	if n == nil || n.Type != html.ElementNode || len(t.links()) > 0 {
		return false
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	case atom.B, atom.Strong:
		return collapseSpace(textOf(n, len(t.text)+16)) == t.text
	}
	return false
}

// tagHeader reads a tag of the page, wherever it stands, for the header:
// a link to the pages filed under a label or tag whose text is the region
// or a badge (an issue's labels in a sidebar). It reports whether it did.
func (a *assembler) tagHeader(t token) bool {
	ls := t.links()
	if len(ls) != 1 || ls[0].text != t.text || len(t.images()) > 0 || !(regionIn(t.text) == t.text || isBadgeText(t.text)) {
		return false
	}
	h := strings.ToLower(ls[0].href)
	if !strings.Contains(h, "label") && !strings.Contains(h, "tag") && !strings.Contains(h, "categor") {
		return false
	}
	a.unknownHeader([]string{t.text})
	return true
}

// unknownHeader reads the value of a label the dictionary does not know
// for the header it may carry: the region as a whole value ("Editore:
// Regione Emilia-Romagna"), badges as whole values ("Parole chiave:
// Certificato").
func (a *assembler) unknownHeader(texts []string) {
	for _, t := range texts {
		switch {
		case a.rec.Region == nil && regionIn(t) == t:
			r := t
			a.rec.Region = &r
		case isBadgeText(t):
			a.badges(t)
		}
	}
}
