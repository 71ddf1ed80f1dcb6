package linkcheck

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// verdictRules holds the phrase tables of verdict.go normalized for
// matching; a Checker makes its own in New.
type verdictRules struct {
	softPhrases      []string
	softTitles       []string
	parkedPhrases    []string
	challengePhrases []string
	challengeTitles  []string
}

func newVerdictRules() verdictRules {
	return verdictRules{
		softPhrases:      foldAll(softNotFoundPhrases),
		softTitles:       foldAll(softNotFoundTitles),
		parkedPhrases:    foldAll(parkedPhrases),
		challengePhrases: foldAll(challengePhrases),
		challengeTitles:  foldAll(challengeTitles),
	}
}

// softNotFound reports whether a page says it does not exist: in its
// title, an h1, or anywhere in a short page.
func (r verdictRules) softNotFound(p checkPage) bool {
	if !p.textual {
		return false
	}
	for _, t := range append([]string{p.title}, p.headings...) {
		if anyPhrase(t, r.softPhrases) {
			return true
		}
		for _, whole := range r.softTitles {
			if t == whole {
				return true
			}
		}
	}
	return len(p.text) <= softTextMax && anyPhrase(p.text, r.softPhrases)
}

// parked reports whether a page is a parking or domain-sale page: a
// phrase in its title or h1, or, in a short page, a phrase in its text or
// a link to a parking service.
func (r verdictRules) parked(p checkPage) bool {
	if !p.textual {
		return false
	}
	for _, t := range append([]string{p.title}, p.headings...) {
		if anyPhrase(t, r.parkedPhrases) {
			return true
		}
	}
	if len(p.text) > parkedTextMax {
		return false
	}
	if anyPhrase(p.text, r.parkedPhrases) {
		return true
	}
	for _, h := range linkedHosts(p.raw) {
		if isParkingHost(h) {
			return true
		}
	}
	return false
}

// challenge reports whether an answer (a 503, typically) is a bot wall:
// a challenge header, a raw marker, or a challenge phrase.
func (r verdictRules) challenge(p checkPage, h http.Header) bool {
	if strings.EqualFold(h.Get("Cf-Mitigated"), "challenge") {
		return true
	}
	for _, m := range challengeMarkers {
		if strings.Contains(p.raw, m) {
			return true
		}
	}
	return anyPhrase(p.title, r.challengePhrases) || anyPhrase(p.text, r.challengePhrases)
}

// challengeTitle reports whether a 2xx page is a challenge by its title
// or header alone.
func (r verdictRules) challengeTitle(p checkPage, h http.Header) bool {
	return strings.EqualFold(h.Get("Cf-Mitigated"), "challenge") || anyPhrase(p.title, r.challengeTitles)
}

// parkedChain reports whether any hop of a chain is on a parking service.
func parkedChain(hops []Hop) bool {
	for _, h := range hops {
		if u, err := url.Parse(h.URL); err == nil && isParkingHost(u.Hostname()) {
			return true
		}
	}
	return false
}

// isHomePath reports whether a URL path is a site's home page (homePaths).
func isHomePath(path string) bool {
	p := strings.ToLower(strings.TrimSuffix(path, "/"))
	for _, h := range homePaths {
		if p == h {
			return true
		}
	}
	return false
}

// isDeepLink reports whether u points below a site's home page: a path
// that is not a home path, or a query ("/index.php?id=141").
func isDeepLink(u *url.URL) bool {
	return !isHomePath(u.Path) || u.RawQuery != ""
}

// sameResource reports whether two URLs name the same page, whatever the
// scheme, host case, default port or trailing slash.
func sameResource(a, b *url.URL) bool {
	key := func(u *url.URL) string {
		host := strings.ToLower(u.Hostname())
		if p := u.Port(); p != "" && p != "80" && p != "443" {
			host += ":" + p
		}
		return host + strings.TrimSuffix(u.EscapedPath(), "/") + "?" + u.RawQuery
	}
	return key(a) == key(b)
}

// bodyMatters reports whether a 2xx answer to HEAD needs a GET: unless its
// Content-Type names a binary type, it may be a soft 404 or a parking page.
func bodyMatters(h http.Header) bool {
	mt, _, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return true
	}
	for _, p := range binaryTypePrefixes {
		if strings.HasPrefix(mt, p) {
			return false
		}
	}
	return true
}
