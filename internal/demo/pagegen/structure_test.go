package pagegen

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestLabelElements parses every rendered page with an HTML5 parser and
// checks that each layout's label elements hold exactly the page's labels,
// in order, once hidden decoys are skipped.
func TestLabelElements(t *testing.T) {
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		p, err := ParseText(s.Text)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, sec := range p.Sections {
			for _, f := range sec.Fields {
				want = append(want, f.Label)
			}
		}
		for _, layout := range Layouts() {
			b, err := Render(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(strings.NewReader(decodePage(t, layout, b)))
			if err != nil {
				t.Fatalf("%d/%s: %v", s.ID, layout, err)
			}
			got := labelTexts(doc, layout)
			w := want
			if layout == "table" && p.LastModified != "" {
				w = append(append([]string(nil), want...), lastModLabel)
			}
			if !reflect.DeepEqual(got, w) {
				t.Errorf("%d/%s: labels\n got %q\nwant %q", s.ID, layout, got, w)
			}
		}
	}
}

// labelTexts collects the label elements of a page in layout, skipping
// hidden elements.
func labelTexts(n *html.Node, layout string) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isHidden(n) {
			return
		}
		if n.Type == html.ElementNode {
			switch {
			case layout == "dl" && n.Data == "dt",
				layout == "table" && n.Data == "th",
				layout == "inline" && (n.Data == "strong" || n.Data == "h4"):
				out = append(out, strings.TrimSuffix(textOf(n), ":"))
				return
			case layout == "divs" && hasClass(n, "etichetta"):
				out = append(out, n.FirstChild.Data) // the label text before the tooltip
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden",
			a.Key == "aria-hidden" && a.Val == "true",
			a.Key == "style" && strings.Contains(strings.ReplaceAll(a.Val, " ", ""), "display:none"):
			return true
		}
	}
	return false
}

func hasClass(n *html.Node, class string) bool {
	for _, a := range n.Attr {
		if a.Key == "class" {
			for _, c := range strings.Fields(a.Val) {
				if c == class {
					return true
				}
			}
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
