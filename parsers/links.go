package parsers

import (
	"net/url"
	"sort"
	"strings"
)

// collectLinks adds every URL of a field's value to the record's links:
// link targets, image sources of image fields, and addresses written in the
// text, with whether the text around them says they are gone. Its work is
// linear in the value's size, however many links it holds.
func (a *assembler) collectLinks(f *openField, field string) {
	for _, b := range f.blocks {
		if b.check == checkOff {
			continue // an option not chosen
		}
		found := findURLs(b.text)
		var g *goneText
		if len(found) > 0 || len(b.links()) > 0 {
			g = newGoneText(b.text, found)
		}
		cursor := 0
		for _, l := range b.links() {
			gone := false
			if l.text != "" && cursor <= len(b.text) {
				// Links appear in the text in order: look from the last one.
				if i := strings.Index(b.text[cursor:], l.text); i >= 0 {
					start := cursor + i
					cursor = start + len(l.text)
					gone = g.at(start)
				}
			}
			u := ResolveURL(a.base, l.href)
			if a.vocabularyLink(f, b, l, u) {
				continue
			}
			a.addLink(u, field, "href", gone)
		}
		if f.def != nil && f.def.kind == kindImage {
			for _, im := range b.images() {
				a.addLink(ResolveURL(a.base, im.src), field, "src", false)
			}
			if len(b.images()) == 0 && len(b.links()) == 0 && looksLikeImagePath(b.text) {
				a.addLink(ResolveURL(a.base, b.text), field, "text", false)
			}
		}
		for _, u := range found {
			a.addLink(u.url, field, "text", g.at(u.start))
		}
	}
}

// vocabularyLink reports whether a link is a choice drawn as a link to the
// site's own page about it: the whole text of a value of a field of
// choices (a status, yes or no, a list's items) linking to a page of the
// site the record is on, which is navigation, not a link the record
// carries.
func (a *assembler) vocabularyLink(f *openField, b token, l anchor, u string) bool {
	if f.def == nil || l.text == "" || l.text != b.text || len(findURLs(l.text)) > 0 || a.base == nil {
		return false
	}
	switch f.def.kind {
	case kindEnum, kindBool, kindList, kindCommaList:
	default:
		return false
	}
	p, err := url.Parse(u)
	return err == nil && strings.EqualFold(p.Host, a.base.Host)
}

func (a *assembler) addLink(u, field, source string, gone bool) {
	if u == "" || !strings.HasPrefix(u, "http") || a.isSelf(u) || a.isSiteSearch(u) {
		return
	}
	k := linkKey{u, field}
	if i, ok := a.linkAt[k]; ok {
		a.rec.Links[i].DeclaredGone = a.rec.Links[i].DeclaredGone || gone
		return
	}
	a.linkAt[k] = len(a.rec.Links)
	a.rec.Links = append(a.rec.Links, Link{URL: u, Field: field, Source: source, DeclaredGone: gone})
}

// isSelf reports whether u is the page itself (a permalink, the title's
// link to the page, the page's canonical address in a share box), which
// the record does not carry as a link.
func (a *assembler) isSelf(u string) bool {
	k := selfKey(u)
	if a.self != "" && k == a.self {
		return true
	}
	if a.canon == nil {
		c := ""
		if a.canonical != nil {
			c = a.canonical()
		}
		a.canon = &c
	}
	if *a.canon == "" {
		return false
	}
	if k == *a.canon {
		return true
	}
	// A link within the site to the path the canonical address names (the
	// page served under another host than its canonical one: a shop's
	// "view all details" to its own product page).
	i, j := strings.IndexByte(k, '/'), strings.IndexByte(*a.canon, '/')
	return i > 0 && j > 0 && k[i:] == (*a.canon)[j:] && len(k[i:]) > 1 && a.base != nil && strings.EqualFold(k[:i], a.base.Host)
}

// selfKey is an address without scheme, fragment or final slash, to tell
// whether two addresses name the same page.
func selfKey(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://"), "/")
}

// isSiteSearch reports whether u is a site's search or tag page: a value
// drawn as a link to find more like it ("Comune di Carpi" linking to
// /search?term=...), which is navigation, not a link the record carries.
func (a *assembler) isSiteSearch(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	path := strings.ToLower(p.Path)
	for _, s := range []string{"/search", "/cerca", "/ricerca", "/tag/", "/tags/", "/categoria/", "/category/"} {
		if strings.Contains(path, s) {
			return true
		}
	}
	q := p.Query()
	return q.Has("term") || q.Has("q") || q.Has("tag") || q.Has("search")
}

// goneText answers, for places in a text, whether the sentence there says
// a site is gone. Each sentence is read once, with the addresses in it left
// out ("www.chiuso.it" says nothing), however many links it holds.
type goneText struct {
	text  string
	ends  []int // end of each sentence, ascending
	urls  []foundURL
	cache map[int]bool
}

func newGoneText(s string, urls []foundURL) *goneText {
	g := &goneText{text: s, urls: urls, cache: map[int]bool{}}
	for i := 0; i < len(s); i++ {
		if sentenceEnd(s, i) {
			g.ends = append(g.ends, i)
		}
	}
	g.ends = append(g.ends, len(s))
	return g
}

// sentenceEnd reports whether s[i] ends a sentence: a line break, a
// semicolon, or ".", "!" or "?" followed by a space or the end.
func sentenceEnd(s string, i int) bool {
	switch s[i] {
	case '\n', ';':
		return true
	case '.', '!', '?':
		return i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'
	}
	return false
}

// at reports whether the sentence holding position pos says a site is gone.
func (g *goneText) at(pos int) bool {
	if g == nil {
		return false
	}
	k := sort.SearchInts(g.ends, pos)
	if v, ok := g.cache[k]; ok {
		return v
	}
	from := 0
	if k > 0 {
		from = g.ends[k-1] + 1
	}
	to := g.ends[min(k, len(g.ends)-1)]
	var b strings.Builder
	last := from
	// Leave the addresses out of the sentence.
	j := sort.Search(len(g.urls), func(i int) bool { return g.urls[i].end > from })
	for ; j < len(g.urls) && g.urls[j].start < to; j++ {
		u := g.urls[j]
		if u.start > last {
			b.WriteString(g.text[last:u.start])
		}
		b.WriteByte(' ')
		last = max(last, u.end)
	}
	if last < to {
		b.WriteString(g.text[last:to])
	}
	v := sentenceSaysGone(foldText(b.String()))
	g.cache[k] = v
	return v
}

// sentenceSaysGone reports whether a folded sentence says a site is no
// longer available.
func sentenceSaysGone(sentence string) bool {
	if containsWord(sentence, goneStrong) {
		return true
	}
	return containsWord(sentence, goneWeak) && containsWord(sentence, siteNouns)
}
