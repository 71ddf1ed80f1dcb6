package parsers

import (
	"net/url"
	"regexp"
	"strings"

	"archivio/source/osservatorio"
)

// recordID is the observatory's record id in a URL or path (see
// osservatorio.RecordID).
func recordID(u string) (int, bool) { return osservatorio.RecordID(u) }

// ResolveURL resolves a reference found on a page against the page's base
// URL (its <base href> when present, else the page URL). It returns "" for
// references that are not web addresses (mailto:, javascript:, #fragments).
// A link through a redirector ("https://www.google.com/url?q=TARGET")
// resolves to its target, where a reader following it arrives.
func ResolveURL(base *url.URL, ref string) string {
	if !strings.Contains(ref, "/web/") {
		return unwrapRedirect(resolveURL(base, ref))
	}
	if m := replayURL.FindStringSubmatch(strings.TrimSpace(ref)); m != nil {
		ref = m[1]
		switch {
		case strings.Contains(ref, "://"):
		case strings.HasPrefix(ref, "http:/") || strings.HasPrefix(ref, "https:/"):
			ref = strings.Replace(ref, ":/", "://", 1) // a replay that collapsed the slashes
		default:
			ref = "http://" + strings.TrimPrefix(ref, "/")
		}
		base = nil
	}
	return unwrapRedirect(resolveURL(base, ref))
}

// replayURL matches an address as a web archive's replay rewrites it
// ("/web/20200215103844im_/https://site/page", absolute or relative to
// the archive): a reader following it arrives at a capture of the
// original address, which is what the page links to.
var replayURL = regexp.MustCompile(`^(?:https?://web\.archive\.org)?/web/[0-9]{4,14}(?:[a-z]{2}_)?/((?:https?:/)?/?[A-Za-z0-9.-]+\.[A-Za-z]{2,}.*)$`)

// redirectParams are the query parameters redirectors carry their target in.
var redirectParams = []string{"q", "url", "u", "target", "to", "dest", "destination", "redirect", "link"}

// unwrapRedirect returns the target of a link through a redirector: a path
// ending in /url, /redirect, /l.php, /out or /link whose query names an
// absolute web address. Other addresses come back unchanged.
func unwrapRedirect(u string) string {
	if !strings.Contains(u, "?") {
		return u
	}
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	path := strings.ToLower(strings.TrimSuffix(p.Path, "/"))
	switch {
	case strings.HasSuffix(path, "/url"), strings.HasSuffix(path, "/redirect"), strings.HasSuffix(path, "/l.php"),
		strings.HasSuffix(path, "/out"), strings.HasSuffix(path, "/link"), strings.Contains(p.Host, "safelinks.protection.outlook.com"):
	default:
		return u
	}
	q := p.Query()
	for _, k := range redirectParams {
		if t := q.Get(k); strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://") {
			if r := resolveURL(nil, t); r != "" {
				return r
			}
		}
	}
	return u
}

func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" || strings.HasPrefix(ref, "#") {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		r = base.ResolveReference(r)
	}
	switch strings.ToLower(r.Scheme) {
	case "http", "https":
		r.Scheme = strings.ToLower(r.Scheme)
		r.Host = strings.ToLower(r.Host)
		if r.Host == "" {
			return ""
		}
		return r.String()
	case "":
		return r.String() // relative, with no base to resolve against
	}
	return ""
}

// textURL finds web addresses written in free text: with a scheme, or
// starting with "www.".
var textURL = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"'{}|\\^\[\]` + "`" + `]+`)

// foundURL is a web address found in text, with its place in the text.
type foundURL struct {
	url        string
	start, end int
}

// URLsInText returns the web addresses written in s, normalized: trailing
// punctuation is not part of them, and "www.example.it" becomes
// "http://www.example.it".
func URLsInText(s string) []string {
	var out []string
	for _, f := range findURLs(s) {
		out = append(out, f.url)
	}
	return out
}

func findURLs(s string) []foundURL {
	if !strings.Contains(s, "://") && !containsFoldASCII(s, "www.") {
		return nil
	}
	var out []foundURL
	for _, m := range textURL.FindAllStringIndex(s, -1) {
		raw := trimURLPunct(s[m[0]:m[1]])
		u := raw
		if !strings.Contains(strings.ToLower(u[:min(len(u), 8)]), "://") {
			u = "http://" + u
		}
		p, err := url.Parse(u)
		if err != nil || !strings.Contains(p.Host, ".") || strings.HasSuffix(p.Host, ".") {
			continue
		}
		p.Scheme = strings.ToLower(p.Scheme)
		p.Host = strings.ToLower(p.Host)
		out = append(out, foundURL{url: p.String(), start: m[0], end: m[0] + len(raw)})
	}
	return out
}

// trimURLPunct removes punctuation that ends a sentence rather than a URL,
// and a closing bracket that has no opening one inside the URL.
func trimURLPunct(u string) string {
	for len(u) > 0 {
		c := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'\"", c) >= 0:
			u = u[:len(u)-1]
		case c == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
			u = u[:len(u)-1]
		default:
			return u
		}
	}
	return u
}

// goneStrong are phrases that by themselves say a site is gone, folded
// (lower case, no accents). "non è più disponibile" is record 141's.
var goneStrong = []string{
	"non e piu disponibile", "non piu disponibile", "non e piu attivo", "non piu attivo",
	"non e piu raggiungibile", "non piu raggiungibile", "non e piu accessibile",
	"non piu accessibile", "non e piu online", "non piu online", "non e piu on line",
	"non piu on line", "non esiste piu", "non piu esistente", "non e piu consultabile",
	"non piu consultabile", "non e piu visibile", "non piu visibile", "non e piu presente",
	"non piu presente", "non e piu in funzione", "dominio scaduto", "sito scaduto",
	"link interrotto", "collegamento interrotto", "no longer available", "no longer exists",
	"no longer online", "has been shut down",
}

// goneWeak say a site is gone only in a sentence that speaks of a site:
// "chiuso" alone may be said of the process itself.
var goneWeak = []string{
	"non raggiungibile", "non funzionante", "non disponibile", "non attivo", "dismesso",
	"dismessa", "chiuso", "chiusa", "offline", "off line", "oscurato", "rimosso", "is offline",
	"is gone",
}

var siteNouns = []string{
	"sito", "siti", "pagina", "pagine", "portale", "dominio", "link", "indirizzo", "blog",
	"piattaforma", "website", "site", "page",
}

// containsWord reports whether s holds one of phrases as whole words.
func containsWord(s string, phrases []string) bool {
	for _, p := range phrases {
		for from := 0; ; {
			i := strings.Index(s[from:], p)
			if i < 0 {
				break
			}
			if wordAt(s, from+i, len(p)) {
				return true
			}
			from += i + 1
		}
	}
	return false
}

// wordAt reports whether s[i:i+n] stands as whole words.
func wordAt(s string, i, n int) bool {
	isLetter := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }
	if i > 0 && isLetter(s[i-1]) {
		return false
	}
	if j := i + n; j < len(s) && isLetter(s[j]) {
		return false
	}
	return true
}

// looksLikeImagePath reports whether a value written as text is an image
// path, as the observatory shows map and logo images ("archive/141.jpg").
func looksLikeImagePath(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\n") {
		return false
	}
	l := strings.ToLower(s)
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff"} {
		if strings.HasSuffix(l, ext) {
			return true
		}
	}
	return false
}
