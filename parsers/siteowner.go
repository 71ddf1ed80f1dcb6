package parsers

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The site's owner named above the record: a top bar linking to the
// owner's own site ("Regione Emilia-Romagna" leading to
// www.regione.emilia-romagna.it), or a body of the region that runs the
// site ("Assemblea legislativa della Regione Emilia-Romagna"). Neither is
// the record's region.

// ownerPrepositions are the words before "Regione" that make it part of
// a longer name: what belongs to the region, not the region.
var ownerPrepositions = []string{"della", "dalla", "nella", "alla", "sulla", "of the", "of"}

// ownedByRegion reports whether the region at i in text ends a longer
// name ("Assemblea legislativa della Regione Emilia-Romagna").
func ownedByRegion(text string, i int) bool {
	before := strings.ToLower(strings.TrimRight(text[:i], " "))
	for _, p := range ownerPrepositions {
		if strings.HasSuffix(before, p) && (len(before) == len(p) || before[len(before)-len(p)-1] == ' ') {
			return true
		}
	}
	return false
}

// ownerLink reports whether a block of the page's banner (a <header>
// element or role="banner", outside the main content) shows the region as
// the whole text of a link to another site: the site's owner in a top
// bar, not the record's region. A tag of the record linking to the
// platform's site is not in the banner.
func (a *assembler) ownerLink(t token, region string) bool {
	if a.base == nil || !inBanner(t.node) {
		return false
	}
	for _, l := range t.links() {
		if l.text != region {
			continue
		}
		u, err := url.Parse(ResolveURL(a.base, l.href))
		if err == nil && u.Host != "" && !strings.EqualFold(u.Host, a.base.Host) {
			return true
		}
	}
	return false
}

// inBanner reports whether n is in the page's banner: a <header> or an
// element with role="banner" not inside an article, section or main
// (a <header> there heads the record).
func inBanner(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.DataAtom {
		case atom.Article, atom.Section, atom.Main:
			return false
		case atom.Header:
			return !inContentAbove(n.Parent)
		}
		if attr(n, "role") == "banner" {
			return true
		}
	}
	return false
}

// inContentAbove reports whether n or an element above it is an article,
// a section or the main content.
func inContentAbove(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && (n.DataAtom == atom.Article || n.DataAtom == atom.Section || n.DataAtom == atom.Main) {
			return true
		}
	}
	return false
}
