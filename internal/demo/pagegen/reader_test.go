package pagegen

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

var metaCharset = regexp.MustCompile(`<meta[^>]*charset=["']?([a-z0-9_-]+)`)

// decodeBody decodes a page as a browser would: the BOM, then the charset
// of contentType, then a <meta> declaration in the first 1024 bytes, then
// UTF-8 if the bytes are valid UTF-8, else windows-1252. It returns the
// text and the encoding.
func decodeBody(t *testing.T, body []byte, contentType string) (string, string) {
	t.Helper()
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if !certain {
		m := metaCharset.FindSubmatch(bytes.ToLower(body[:min(len(body), 1024)]))
		switch {
		case m != nil:
			if enc, name = charset.Lookup(string(m[1])); enc == nil {
				t.Fatalf("unknown charset %q in <meta>", m[1])
			}
		case utf8.Valid(body):
			enc, name = encoding.Nop, "utf-8"
		default:
			enc, name = charmap.Windows1252, "windows-1252"
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		t.Fatalf("decode as %s: %v", name, err)
	}
	return strings.TrimPrefix(string(out), "\ufeff"), name
}

// reading is what a person reading a page reads: the visible text in
// document order, in chunks, with form controls read as their values.
type reading struct {
	title  string   // the <title>
	h1     []string // the text of every h1
	chunks []string
	alts   []string // alt texts of images
}

// Chunks stand for text nodes (whitespace collapsed, non-breaking spaces
// read as spaces, trimmed), and for:
const (
	checkedBox   = "☑"     // a checked checkbox
	uncheckedBox = "☐"     // an unchecked one
	imgMark      = "⟨img " // an image: imgMark + absolute URL + "⟩"
	linkMark     = "⟨a "   // a link: linkMark + absolute URL + "⟩"
)

// read parses doc with an HTML5 parser and reads it. Hidden elements,
// scripts, styles and the page footer are not read; a text input reads as
// its value, a textarea as its text, a select as its selected option, and
// a control with an aria-label and no visible label as that label first.
// Links to the page itself or to scripts (help markers) are not read.
// URLs resolve against <base href> or pageURL.
func read(t *testing.T, doc, pageURL string) reading {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	base, err := url.Parse(pageURL)
	if err != nil {
		t.Fatal(err)
	}
	if b := find(root, "base"); b != nil {
		if u, err := base.Parse(attr(b, "href")); err == nil {
			base = u
		}
	}
	abs := func(ref string) string {
		u, err := base.Parse(strings.TrimSpace(ref))
		if err != nil {
			return "bad URL " + ref
		}
		return u.String()
	}
	hiddenClasses := styleHidden(root)
	var r reading
	if n := find(root, "title"); n != nil {
		r.title = normSpace(textOf(n))
	}
	glue := false // the last text goes on after a drawn space
	add := func(s string) {
		if s = normSpace(s); s != "" {
			if glue && len(r.chunks) > 0 {
				r.chunks[len(r.chunks)-1] += " " + s
			} else {
				r.chunks = append(r.chunks, s)
			}
		}
		glue = false
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			add(n.Data)
			return
		}
		if n.Type == html.ElementNode {
			if isHidden(n) && !tabPanel(n) || attr(n, "id") == "footer" || hasClass(n, "footer") {
				return
			}
			for _, c := range strings.Fields(attr(n, "class")) {
				if hiddenClasses[c] {
					return // the page's stylesheet hides it
				}
			}
			if c := n.FirstChild; n.Data == "span" && c != nil && c.NextSibling == nil && c.Type == html.TextNode && c.Data != "" && strings.TrimSpace(c.Data) == "" &&
				wordNode(n.PrevSibling) && wordNode(n.NextSibling) {
				glue = len(r.chunks) > 0 // a space drawn between two words of one text
				return
			}
			switch n.Data {
			case "head", "script", "style", "template", "footer":
				return
			case "h1":
				r.h1 = append(r.h1, normSpace(textOf(n)))
			case "img":
				add(imgMark + abs(attr(n, "src")) + "⟩")
				r.alts = append(r.alts, attr(n, "alt"))
			case "a":
				if h, ok := attrOK(n, "href"); ok && !strings.HasPrefix(h, "#") && !strings.HasPrefix(h, "javascript:") {
					add(linkMark + abs(h) + "⟩")
				}
			case "input":
				add(attr(n, "aria-label"))
				switch attr(n, "type") {
				case "hidden":
				case "checkbox":
					if _, on := attrOK(n, "checked"); on {
						add(checkedBox)
					} else {
						add(uncheckedBox)
					}
				default:
					add(attr(n, "value"))
				}
				return
			case "textarea":
				add(attr(n, "aria-label"))
				add(textOf(n))
				return
			case "select":
				add(attr(n, "aria-label"))
				for o := range n.Descendants() {
					if o.Type == html.ElementNode && o.Data == "option" {
						if _, sel := attrOK(o, "selected"); sel {
							add(textOf(o))
						}
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return r
}

func find(n *html.Node, tag string) *html.Node {
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			return d
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// normSpace reads whitespace as a reader does: non-breaking spaces as
// spaces, runs of white space as one, none at the ends.
func normSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// decorationTexts are the visible texts of label decorations.
var decorationTexts = []string{"(*)", "(i)", "ⓘ", "?", "*", ":"}

// stripDecorations takes decoration texts, colons and spaces off both ends
// of a chunk, and a lone "i" marker separated by a space.
func stripDecorations(s string) string {
	for {
		before := s
		s = strings.TrimSpace(s)
		for _, d := range decorationTexts {
			s = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, d), d))
		}
		s = strings.TrimSuffix(s, " i")
		if s == "i" {
			s = ""
		}
		if s == before {
			return s
		}
	}
}

// fold compares labels: case and spacing do not matter.
func fold(s string) string { return strings.ToLower(normSpace(s)) }

// expectedField is a label of the page and what its value must read as.
type expectedField struct {
	label   string
	pieces  []string // texts, and URLs of links and images + "⟩", that must appear in the value
	lines   []string // the value lines as written, whitespace collapsed
	boolean string   // "Si", "Sì" or "No" when a checkbox may stand for the value
}

// expectedFields lists the fields of p in page order, with what a reader
// must find in each value. Images and links read as their absolute URLs.
func expectedFields(p *Page) []expectedField {
	var out []expectedField
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			e := expectedField{label: f.Label}
			if f.MapImage != "" {
				e.pieces = append(e.pieces, mapLine, baseHref+f.MapImage+"⟩")
			}
			sep := listSep(f.Type)
			for _, line := range f.Lines {
				e.lines = append(e.lines, normSpace(line))
				switch {
				case isImagePath(line):
					e.pieces = append(e.pieces, baseHref+line+"⟩")
				case sep != "":
					for _, it := range listItems(line, sep) {
						e.pieces = append(e.pieces, normSpace(it))
					}
				default:
					e.pieces = append(e.pieces, normSpace(line))
				}
			}
			if f.Type == "bool" && len(f.Lines) == 1 && (f.Lines[0] == "Si" || f.Lines[0] == "Sì" || f.Lines[0] == "No") {
				e.boolean = f.Lines[0]
			}
			out = append(out, e)
		}
	}
	return out
}

// checkReading checks that a reader of the page finds the record of p:
// the title, the region, the badges, then every label in order, each
// followed by exactly its value and nothing else but decorations, section
// headings, the last-modified date and the chunks in allowed. A colon
// that opens a value chunk is read as the label's.
func checkReading(r reading, p *Page, allowed ...string) []string {
	var errs []string
	fail := func(format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	if !strings.Contains(r.title, p.Title) {
		fail("title %q does not hold %q", r.title, p.Title)
	}
	for _, h := range r.h1 {
		if h != "" && h != p.Title {
			fail("h1 %q, want the title %q", h, p.Title)
		}
	}
	sections := map[string]bool{}
	for _, s := range p.Sections {
		sections[fold(s.Name)] = true
	}
	start := len(r.chunks)
	for i, c := range r.chunks {
		if sections[fold(c)] {
			start = i
			break
		}
	}
	header := strings.Join(r.chunks[:start], " | ") + " | " + strings.Join(r.alts, " | ")
	if got := strings.Contains(header, regionName); got != (p.Region != "") {
		fail("region shown %v, want %v", got, p.Region != "")
	}
	if got := strings.Contains(header, badgeCertTxt); got != p.Certified {
		fail("Certificato shown %v, want %v", got, p.Certified)
	}
	if got := strings.Contains(header, badgeFinTxt); got != p.Financed {
		fail("Finanziato shown %v, want %v", got, p.Financed)
	}

	fields := expectedFields(p)
	pos := make([]int, len(fields)) // chunk index of each label
	at := start
	for i, f := range fields {
		pos[i] = -1
		for j := at + 1; j < len(r.chunks); j++ {
			if fold(stripDecorations(r.chunks[j])) == fold(f.label) {
				pos[i], at = j, j
				break
			}
		}
		if pos[i] < 0 {
			fail("label %q not found after chunk %d", f.label, at)
			return errs
		}
	}
	for i, f := range fields {
		end := len(r.chunks)
		if i+1 < len(fields) {
			end = pos[i+1]
		}
		var window []string
		for _, c := range r.chunks[pos[i]+1 : end] {
			if !contains(allowed, c) {
				window = append(window, strings.TrimSpace(strings.TrimPrefix(c, ":")))
			}
		}
		var texts, marks []string
		for _, c := range window {
			if strings.HasPrefix(c, imgMark) || strings.HasPrefix(c, linkMark) {
				marks = append(marks, c[strings.Index(c, " ")+1:])
			} else {
				texts = append(texts, c)
			}
		}
		joined := strings.Join(texts, " ")
		for _, piece := range f.pieces {
			if strings.HasSuffix(piece, "⟩") {
				if !contains(marks, piece) {
					fail("%q: no link or image to %q in %q", f.label, piece, window)
				}
				continue
			}
			if f.boolean != "" && !contains(window, piece) {
				prev := start
				if i > 0 {
					prev = pos[i-1]
				}
				box := uncheckedBox
				if f.boolean != "No" {
					box = checkedBox
				}
				if !contains(r.chunks[prev+1:end], box) {
					fail("%q: neither %q nor a matching checkbox in %q", f.label, piece, window)
				}
				continue
			}
			if !strings.Contains(joined, piece) {
				fail("%q: value %q not in %q", f.label, piece, window)
			}
		}
		for _, c := range window {
			if !accounted(c, f, fields, sections, p) {
				fail("%q: unexpected text %q in its value", f.label, c)
			}
		}
	}
	return errs
}

func contains(chunks []string, s string) bool {
	for _, c := range chunks {
		if c == s {
			return true
		}
	}
	return false
}

// accounted reports whether a chunk in a field's value is expected there:
// part of the value, a decoration, a checkbox, a section heading, a
// link or image mark of the value, or the last-modified date.
func accounted(c string, f expectedField, fields []expectedField, sections map[string]bool, p *Page) bool {
	if stripDecorations(c) == "" || c == checkedBox || c == uncheckedBox || sections[fold(c)] {
		return true
	}
	if p.LastModified != "" && (strings.Contains(c, p.LastModified) || fold(stripDecorations(c)) == fold(lastModLabel) || fold(c) == fold(lastModLabel)) {
		return true
	}
	if strings.HasPrefix(c, imgMark) || strings.HasPrefix(c, linkMark) {
		u := c[strings.Index(c, " ")+1:]
		for _, piece := range f.pieces {
			if piece == u || strings.Contains(piece, strings.TrimSuffix(u, "⟩")) {
				return true
			}
		}
		return false
	}
	for _, s := range append(f.pieces, f.lines...) {
		if strings.Contains(s, c) {
			return true
		}
	}
	return strings.Contains(strings.Join(f.lines, " "), c)
}

// wordNode reports whether n is text showing a word.
func wordNode(n *html.Node) bool {
	return n != nil && n.Type == html.TextNode && strings.TrimSpace(n.Data) != ""
}

// hiddenRule is a stylesheet rule hiding elements by class:
// ".a,.b{display:none}".
var hiddenRule = regexp.MustCompile(`([^{}]+)\{[^}]*display\s*:\s*none[^}]*\}`)

// styleHidden returns the classes the page's <style> elements hide.
func styleHidden(root *html.Node) map[string]bool {
	hidden := map[string]bool{}
	for n := range root.Descendants() {
		if n.Type != html.ElementNode || n.Data != "style" || n.FirstChild == nil {
			continue
		}
		for _, m := range hiddenRule.FindAllStringSubmatch(n.FirstChild.Data, -1) {
			for _, sel := range strings.Split(m[1], ",") {
				if sel = strings.TrimSpace(sel); strings.HasPrefix(sel, ".") && !strings.ContainsAny(sel[1:], " .:#>[") {
					hidden[sel[1:]] = true
				}
			}
		}
	}
	return hidden
}

// tabPanel reports whether n, hidden by its style, is a tab's panel, which
// a reader opens by choosing its tab: one of sibling elements of one kind
// and class, exactly one of them shown.
func tabPanel(n *html.Node) bool {
	if n.Parent == nil || attr(n, "class") == "" || !strings.Contains(strings.ReplaceAll(attr(n, "style"), " ", ""), "display:none") {
		return false
	}
	shown := 0
	for s := n.Parent.FirstChild; s != nil; s = s.NextSibling {
		if s.Type == html.ElementNode && s.Data == n.Data && attr(s, "class") == attr(n, "class") && !isHidden(s) {
			shown++
		}
	}
	return shown == 1
}
