package linkcheck

import (
	"bytes"
	"hash/fnv"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// checkPage is what the link checker reads from an answer's body: enough
// to recognise soft 404s, parking pages and challenges, and to compare two
// pages.
type checkPage struct {
	mediaType string
	textual   bool     // HTML or text: phrases apply
	title     string   // normalized <title>
	headings  []string // normalized <h1> texts
	text      string   // normalized visible text, title excluded
	raw       string   // decoded body in lower case, for markers and links
	size      int      // decoded body length in bytes
	sum       uint64   // hash of the body as received
}

// readCheckPage decodes body (any charset, by header, <meta> or sniffing)
// and extracts its title, headings and visible text.
func readCheckPage(body []byte, h http.Header) checkPage {
	ct := h.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil {
		mt, _, _ = mime.ParseMediaType(http.DetectContentType(body))
	}
	sum := fnv.New64a()
	sum.Write(body)
	p := checkPage{mediaType: mt, sum: sum.Sum64()}
	isHTML := slices.Contains(htmlTypes, mt)
	if !isHTML && !strings.HasPrefix(mt, "text/") {
		p.size = len(body)
		return p
	}
	p.textual = true
	text := decodeCheckBody(body, ct)
	p.size = len(text)
	p.raw = strings.ToLower(string(text))
	if !isHTML {
		p.text = foldForMatch(string(text))
		return p
	}
	p.title, p.headings, p.text = htmlText(text)
	return p
}

// decodeCheckBody converts body to UTF-8 with x/net/html/charset: byte
// order mark, then the Content-Type charset, then a <meta> declaration,
// then sniffing. A page said or sniffed to be UTF-8 whose bytes are not is
// read as windows-1252, which is what old CMSs produce.
func decodeCheckBody(body []byte, contentType string) []byte {
	e, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		if utf8.Valid(body) {
			return body
		}
		e = charmap.Windows1252
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return out
}

// htmlText returns the normalized title, h1 texts and visible text of an
// HTML page (script, style and the like left out).
func htmlText(b []byte) (title string, headings []string, text string) {
	z := html.NewTokenizer(bytes.NewReader(b))
	var titleB, h1B, textB strings.Builder
	skip, inTitle, inH1 := 0, false, false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if inH1 {
				headings = append(headings, foldForMatch(h1B.String()))
			}
			return foldForMatch(titleB.String()), headings, foldForMatch(textB.String())
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			start := tt == html.StartTagToken
			switch atom.Lookup(name) {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe:
				if start {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.Title:
				inTitle = start
			case atom.H1:
				if !start && inH1 {
					headings = append(headings, foldForMatch(h1B.String()))
				}
				inH1 = start
				h1B.Reset()
			}
			textB.WriteByte(' ')
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := z.Text()
			switch {
			case inTitle:
				titleB.Write(t)
			default:
				textB.Write(t)
				if inH1 {
					h1B.Write(t)
					h1B.WriteByte(' ')
				}
			}
		}
	}
}

// foldForMatch normalizes text for phrase matching: accents folded, lower
// case, every run of characters other than letters and digits made one
// space, no space at either end. "Non è stata TROVATA!" becomes
// "non e stata trovata", "doesn’t" becomes "doesn t".
func foldForMatch(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // no leading space
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// hasPhrase reports whether phrase (normalized) occurs in text
// (normalized) as whole words.
func hasPhrase(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(text[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if (start == 0 || text[start-1] == ' ') && (end == len(text) || text[end] == ' ') {
			return true
		}
		i = start + 1
	}
}

// anyPhrase reports whether any of phrases occurs in text.
func anyPhrase(text string, phrases []string) bool {
	for _, ph := range phrases {
		if hasPhrase(text, ph) {
			return true
		}
	}
	return false
}

// foldAll normalizes a phrase table.
func foldAll(phrases []string) []string {
	out := make([]string, len(phrases))
	for i, ph := range phrases {
		out[i] = foldForMatch(ph)
	}
	return out
}

// linkedHosts returns the host names of the absolute and scheme-relative
// URLs ("//host") written anywhere in raw (lower-cased) HTML, scripts
// included.
func linkedHosts(raw string) []string {
	var hosts []string
	for i := 0; ; {
		j := strings.Index(raw[i:], "//")
		if j < 0 {
			return hosts
		}
		start := i + j + 2
		end := start
		for end < len(raw) && isHostByte(raw[end]) {
			end++
		}
		if h := strings.Trim(raw[start:end], ".-"); strings.Contains(h, ".") {
			hosts = append(hosts, h)
		}
		i = max(end, start)
	}
}

func isHostByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-'
}

// isParkingHost reports whether host is one of parkingHosts or a
// subdomain of one (so "jordan.com" is not "dan.com").
func isParkingHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	for _, p := range parkingHosts {
		if host == p || strings.HasSuffix(host, "."+p) {
			return true
		}
	}
	return false
}

// similarPages reports whether two answers are near-identical: the same
// bytes; or, for text, the same non-empty title and sizes within 10%, or
// word sets with a Jaccard index of at least 0.9. Pages of different
// media types never are.
func similarPages(a, b checkPage) bool {
	switch {
	case a.mediaType != b.mediaType:
		return false
	case a.sum == b.sum && a.size == b.size:
		return true
	case !a.textual || !b.textual:
		return false
	case a.title != "" && a.title == b.title && within10(a.size, b.size):
		return true
	}
	return jaccard(wordSet(a), wordSet(b)) >= 0.9
}

func within10(a, b int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d*10 <= max(a, b)
}

func wordSet(p checkPage) map[string]struct{} {
	set := make(map[string]struct{})
	for _, w := range strings.Fields(p.title + " " + p.text) {
		set[w] = struct{}{}
	}
	return set
}

// jaccard is |a∩b| / |a∪b|, 0 when both are empty.
func jaccard(a, b map[string]struct{}) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if _, ok := b[w]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
