package pagegen

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h3SplitLists reads a chunk that is exactly the items of one of p's
// lists joined by sep as those items, as a reader of "A, B, C" does.
func h3SplitLists(chunks []string, p *Page, sep string) []string {
	lists := map[string][]string{}
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			var items []string
			for _, pt := range valueParts(f, true) {
				if pt.kind == "item" {
					items = append(items, normSpace(pt.text))
				}
			}
			if len(items) > 1 {
				lists[strings.Join(items, sep)] = items
			}
		}
	}
	var out []string
	for _, c := range chunks {
		if items, ok := lists[c]; ok {
			out = append(out, items...)
			continue
		}
		out = append(out, c)
	}
	return out
}

// h3Hidden are the classes that hide text from the screen in the
// layouts' frameworks (screen reader texts, inactive tab panels).
var h3Hidden = set("govuk-visually-hidden", "slds-assistive-text", "slds-hide", "visually-hidden")

// h3Shown returns doc as shown on screen (see h3Read).
func h3Shown(t *testing.T, doc string) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode {
				hidden := false
				for _, cls := range strings.Fields(attr(c, "class")) {
					hidden = hidden || h3Hidden[cls]
				}
				if hidden {
					n.RemoveChild(c)
					c = next
					continue
				}
				if c.Data == "a" {
					h3Unredirect(c)
				}
				walk(c)
			}
			c = next
		}
		h3MergeLines(n)
	}
	walk(root)
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// h3Unredirect points a link through the www.google.com/url redirect at
// the target the redirect sends a reader to.
func h3Unredirect(a *html.Node) {
	for i, at := range a.Attr {
		if at.Key != "href" || !strings.HasPrefix(at.Val, "https://www.google.com/url?") {
			continue
		}
		u, err := url.Parse(at.Val)
		if err != nil {
			continue
		}
		if q := u.Query().Get("q"); q != "" {
			a.Attr[i].Val = q
		}
	}
}

var h3Pos = regexp.MustCompile(`position:absolute;top:([0-9]+)px;left:([0-9]+)px`)

// h3Pitch is the line pitch of the text classes of converted PDFs.
var h3Pitch = map[string]int{"ft10": pdfLine, "ft12": pdfLine, "ft11": pdfTitleLine}

// h3MergeLines joins the lines of one paragraph of a converted PDF:
// consecutive positioned paragraphs of n in the same column and class,
// exactly one line pitch apart, become one paragraph whose text runs on
// with a space where the lines broke.
func h3MergeLines(n *html.Node) {
	type line struct{ top, left int }
	pos := func(c *html.Node) (line, bool) {
		if c == nil || c.Type != html.ElementNode || c.Data != "p" {
			return line{}, false
		}
		m := h3Pos.FindStringSubmatch(attr(c, "style"))
		if m == nil {
			return line{}, false
		}
		top, _ := strconv.Atoi(m[1])
		left, _ := strconv.Atoi(m[2])
		return line{top, left}, true
	}
	// inner is where a line's text runs: its <b> when the whole line is
	// bold.
	inner := func(c *html.Node) *html.Node {
		var elems []*html.Node
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			if k.Type == html.ElementNode {
				elems = append(elems, k)
			}
		}
		if len(elems) == 1 && elems[0].Data == "b" && elems[0] == c.FirstChild && c.LastChild == elems[0] {
			return elems[0]
		}
		return c
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		first, ok := pos(c)
		if !ok {
			continue
		}
		prev := first
		for {
			d := c.NextSibling
			for d != nil && d.Type == html.TextNode && strings.TrimSpace(d.Data) == "" {
				d = d.NextSibling
			}
			next, ok := pos(d)
			pitch := h3Pitch[attr(c, "class")]
			if !ok || pitch == 0 || attr(d, "class") != attr(c, "class") || next.left != prev.left || next.top-prev.top != pitch {
				break
			}
			into, from := inner(c), inner(d)
			into.AppendChild(&html.Node{Type: html.TextNode, Data: " "})
			for k := from.FirstChild; k != nil; k = from.FirstChild {
				from.RemoveChild(k)
				into.AppendChild(k)
			}
			for k := c.NextSibling; k != d; k = c.NextSibling {
				n.RemoveChild(k)
			}
			n.RemoveChild(d)
			prev = next
		}
		for k := inner(c).FirstChild; k != nil; k = k.NextSibling {
			for k.Type == html.TextNode && k.NextSibling != nil && k.NextSibling.Type == html.TextNode {
				k.Data += k.NextSibling.Data
				k.Parent.RemoveChild(k.NextSibling)
			}
		}
	}
}

// h3ReadJSON reads the chunks of a JSON tree as a person reads JSON:
// punctuation and null are no text, strings are read without their
// quotes and escapes, and a member name spelling a label (or a section
// name) in snake_case is read as that label.
func h3ReadJSON(chunks []string, p *Page) []string {
	names := map[string]string{h3Snake(mapLine): mapLine, h3Snake(lastModLabel): lastModLabel}
	for _, s := range p.Sections {
		names[h3Snake(s.Name)] = s.Name
		for _, f := range s.Fields {
			names[h3Snake(f.Label)] = f.Label
		}
	}
	unescape := strings.NewReplacer(`\"`, `"`, `\\`, `\`, `\n`, "\n", `\t`, "\t")
	var out []string
	for _, c := range chunks {
		if strings.HasPrefix(c, imgMark) || strings.HasPrefix(c, linkMark) {
			out = append(out, c)
			continue
		}
		if strings.Trim(c, `{}[],:" `) == "" || c == "null" {
			continue
		}
		if strings.HasPrefix(c, `"`) && strings.HasSuffix(c, `":`) {
			key := strings.TrimSuffix(strings.TrimPrefix(c, `"`), `":`)
			if name, ok := names[key]; ok {
				out = append(out, name)
				continue
			}
			out = append(out, key)
			continue
		}
		if len(c) >= 2 && strings.HasPrefix(c, `"`) && strings.HasSuffix(c, `"`) {
			c = unescape.Replace(c[1 : len(c)-1])
		}
		out = append(out, c)
	}
	return out
}

// TestHeldOut3ScreenReading checks the reading of converted PDFs and JSON
// trees that TestHeldOut3Read relies on.
func TestHeldOut3ScreenReading(t *testing.T) {
	line := func(top, left int, class, text string) string {
		return `<p style="position:absolute;top:` + strconv.Itoa(top) + `px;left:` + strconv.Itoa(left) + `px;white-space:nowrap" class="` + class + `">` + text + "</p>\n"
	}
	doc := `<div id="page1-div">` +
		line(100, 108, "ft12", "<b>Struttura&#160;responsabile&#160;del&#160;</b>") +
		line(115, 108, "ft12", "<b>processo&#160;</b>") +
		line(100, 330, "ft10", "Ufficio&#160;di&#160;Piano&#160;") +
		line(115, 330, "ft10", "del&#160;Comune&#160;") +
		line(138, 108, "ft12", "<b>Anno&#160;di&#160;avvio&#160;</b>") +
		line(161, 108, "ft12", "<b>Anno&#160;di&#160;chiusura&#160;</b>") +
		line(161, 330, "ft10", "2011&#160;") + "</div>"
	got := read(t, h3Shown(t, doc), "https://www.osservatoriopartecipazione.it/").chunks
	want := []string{"Struttura responsabile del processo", "Ufficio di Piano del Comune", "Anno di avvio", "Anno di chiusura", "2011"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("converted PDF read as %q, want %q", got, want)
	}

	p := &Page{Sections: []Section{{Name: "Processo", Fields: []Field{{Label: "Durata (mesi)", Type: "int"}}}}}
	chunks := []string{`"processo":`, "{", `"durata_mesi":`, "12", ",", `"note":`, `"Il \"Parco\""`, ",", `"anno":`, "null", "}"}
	gotJSON := h3ReadJSON(chunks, p)
	wantJSON := []string{"Processo", "Durata (mesi)", "12", "note", `Il "Parco"`, "anno"}
	if strings.Join(gotJSON, "|") != strings.Join(wantJSON, "|") {
		t.Errorf("JSON tree read as %q, want %q", gotJSON, wantJSON)
	}
}
