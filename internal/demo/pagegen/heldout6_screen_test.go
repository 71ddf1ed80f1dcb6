package pagegen

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h6Hidden are the classes that hide text from the screen in the
// layouts' frameworks (screen reader texts).
var h6Hidden = set("visually-hidden", "sr-only")

// h6Shown returns doc as shown on screen, for read: the document of an
// iframe's srcdoc shown in the iframe's place, declarative shadow roots
// composed with the light DOM they slot, elements hidden by class
// removed, only the checked radio button's label read as the answer,
// the children of the view's swapped classes read in the order a reader
// takes them (a stat card's caption before its figure), and the columns
// of text-only pages read as labels and values.
func h6Shown(t *testing.T, doc string, v h6View) string {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if v.srcdoc {
		h6InlineFrames(t, root)
	}
	if v.shadow {
		h6Compose(root)
	}
	skipped := set(v.skip...)
	swapped := set(v.swap...)
	var radios []*html.Node
	var drop []*html.Node
	for n := range root.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		for _, cls := range strings.Fields(attr(n, "class")) {
			if h6Hidden[cls] || skipped[cls] {
				drop = append(drop, n)
			}
		}
		if v.radios && n.Data == "input" && attr(n, "type") == "radio" {
			radios = append(radios, n)
		}
	}
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	for _, r := range radios {
		if _, on := attrOK(r, "checked"); !on {
			if l := h6LabelFor(root, attr(r, "id")); l != nil {
				l.Parent.RemoveChild(l)
			}
		}
		if r.Parent != nil {
			r.Parent.RemoveChild(r)
		}
	}
	var swaps []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && slices.ContainsFunc(strings.Fields(attr(n, "class")), func(c string) bool { return swapped[c] }) {
			swaps = append(swaps, n)
		}
	}
	for _, n := range swaps {
		var kids []*html.Node
		for c := n.FirstChild; c != nil; c = n.FirstChild {
			n.RemoveChild(c)
			if c.Type == html.ElementNode {
				kids = append(kids, c)
			}
		}
		for i := len(kids) - 1; i >= 0; i-- {
			n.AppendChild(kids[i])
		}
	}
	if v.columns {
		var pres []*html.Node
		for n := range root.Descendants() {
			if n.Type == html.ElementNode && n.Data == "pre" {
				pres = append(pres, n)
			}
		}
		for _, pre := range pres {
			h6ReadColumns(pre)
		}
	}
	var b strings.Builder
	if err := html.Render(&b, root); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// h6LabelFor returns the <label> whose for names id, or nil.
func h6LabelFor(root *html.Node, id string) *html.Node {
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == "label" && attr(n, "for") == id {
			return n
		}
	}
	return nil
}

// h6InlineFrames replaces every iframe that has a srcdoc with the body
// of the document in it, as the browser shows it in the frame.
func h6InlineFrames(t *testing.T, root *html.Node) {
	t.Helper()
	var frames []*html.Node
	for n := range root.Descendants() {
		if n.Type == html.ElementNode && n.Data == "iframe" {
			if _, ok := attrOK(n, "srcdoc"); ok {
				frames = append(frames, n)
			}
		}
	}
	for _, f := range frames {
		inner, err := html.Parse(strings.NewReader(attr(f, "srcdoc")))
		if err != nil {
			t.Fatal(err)
		}
		div := &html.Node{Type: html.ElementNode, Data: "div"}
		if body := find(inner, "body"); body != nil {
			for c := body.FirstChild; c != nil; c = body.FirstChild {
				body.RemoveChild(c)
				div.AppendChild(c)
			}
		}
		f.Parent.InsertBefore(div, f)
		f.Parent.RemoveChild(f)
	}
}

// h6Compose flattens declarative shadow roots as a browser renders them:
// a host with a <template shadowrootmode> child shows the template's
// content, each <slot> showing the host's children assigned to it (by
// their slot attribute, the others to the unnamed slot) or, with none,
// its own fallback content. Hosts inside hosts and inside shadow roots
// are composed first.
func h6Compose(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h6Compose(c)
	}
	var tpl *html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == "template" {
			if _, ok := attrOK(c, "shadowrootmode"); ok {
				tpl = c
				break
			}
		}
	}
	if tpl == nil {
		return
	}
	n.RemoveChild(tpl)
	assigned := map[string][]*html.Node{}
	for c := n.FirstChild; c != nil; c = n.FirstChild {
		n.RemoveChild(c)
		name := ""
		if c.Type == html.ElementNode {
			name = attr(c, "slot")
		}
		assigned[name] = append(assigned[name], c)
	}
	var slots []*html.Node
	for d := range tpl.Descendants() {
		if d.Type == html.ElementNode && d.Data == "slot" {
			slots = append(slots, d)
		}
	}
	for _, s := range slots {
		nodes := assigned[attr(s, "name")]
		if !slices.ContainsFunc(nodes, func(c *html.Node) bool { return c.Type == html.ElementNode || strings.TrimSpace(c.Data) != "" }) {
			nodes = nil
			for c := s.FirstChild; c != nil; c = c.NextSibling {
				nodes = append(nodes, c)
			}
		}
		for _, c := range nodes {
			if c.Parent != nil {
				c.Parent.RemoveChild(c)
			}
			s.Parent.InsertBefore(c, s)
		}
		s.Parent.RemoveChild(s)
	}
	for c := tpl.FirstChild; c != nil; c = tpl.FirstChild {
		tpl.RemoveChild(c)
		n.AppendChild(c)
	}
}

// liteColumn is where the value column of a text-only page starts.
const liteColumn = liteLabelWidth + liteGap

// h6ReadColumns reads a <pre> of a text-only page as a person reads its
// two columns: blocks separated by blank lines; a block whose second line
// underlines the first is a heading; in any other block the left column's
// lines are one label, and each line of the right column is a piece of
// the value (a "* " bullet read as the start of an item). The pre is
// replaced by one <div> per label, heading and value line, addresses
// kept as links.
func h6ReadColumns(pre *html.Node) {
	var text strings.Builder
	links := map[string]string{}
	for c := pre.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode:
			text.WriteString(c.Data)
		case c.Type == html.ElementNode && c.Data == "a":
			links[textOf(c)] = attr(c, "href")
			text.WriteString(textOf(c))
		}
	}
	var out []*html.Node
	div := func(s string) {
		d := &html.Node{Type: html.ElementNode, Data: "div"}
		for s != "" {
			at, link := -1, ""
			for l := range links {
				if i := strings.Index(s, l); i >= 0 && (at < 0 || i < at) {
					at, link = i, l
				}
			}
			if at < 0 {
				d.AppendChild(&html.Node{Type: html.TextNode, Data: s})
				break
			}
			if at > 0 {
				d.AppendChild(&html.Node{Type: html.TextNode, Data: s[:at]})
			}
			a := &html.Node{Type: html.ElementNode, Data: "a", Attr: []html.Attribute{{Key: "href", Val: links[link]}}}
			a.AppendChild(&html.Node{Type: html.TextNode, Data: link})
			d.AppendChild(a)
			s = s[at+len(link):]
		}
		out = append(out, d)
	}
	for _, block := range strings.Split(strings.Trim(text.String(), "\n"), "\n\n") {
		lines := strings.Split(block, "\n")
		if len(lines) == 2 && strings.Trim(lines[1], "=") == "" {
			div(lines[0])
			continue
		}
		var label []string
		var values []string
		for _, l := range lines {
			r := []rune(l)
			left, right := string(r[:min(len(r), liteColumn)]), ""
			if len(r) > liteColumn {
				right = string(r[liteColumn:])
			}
			if s := strings.TrimSpace(left); s != "" {
				label = append(label, s)
			}
			if s := strings.TrimSpace(right); s != "" {
				values = append(values, strings.TrimPrefix(s, "* "))
			}
		}
		div(strings.Join(label, " "))
		for _, v := range values {
			div(v)
		}
	}
	for _, d := range out {
		pre.Parent.InsertBefore(d, pre)
	}
	pre.Parent.RemoveChild(pre)
}

// TestHeldOut6ScreenReading checks the readings of frames, shadow roots,
// radio buttons, stat cards and text columns that TestHeldOut6Read
// relies on.
func TestHeldOut6ScreenReading(t *testing.T) {
	const u = "https://www.osservatoriopartecipazione.it/scheda-processo/1"
	chunks := func(doc string, v h6View) string { return strings.Join(read(t, h6Shown(t, doc, v), u).chunks, "|") }

	frame := `<html><body><p>Prima</p><iframe srcdoc="&lt;p&gt;Dentro &amp;amp; fuori&lt;/p&gt;&lt;img src=&quot;/a.jpg&quot;&gt;"></iframe><p>Dopo</p></body></html>`
	if got, want := chunks(frame, h6View{srcdoc: true}), "Prima|Dentro & fuori|"+imgMark+"https://www.osservatoriopartecipazione.it/a.jpg⟩|Dopo"; got != want {
		t.Errorf("frame read as %q, want %q", got, want)
	}
	if got := chunks(frame, h6View{}); got != "Prima|Dopo" {
		t.Errorf("frame without srcdoc reading: %q", got)
	}

	shadow := `<html><body><x-card><template shadowrootmode="open"><h1><slot name="title"></slot></h1><p>Regione</p><slot></slot><p>Fine: <slot name="end">mai</slot></p></template>` +
		`<span slot="title">Titolo</span> <x-field><template shadowrootmode="open"><b>Etichetta</b><slot><i>vuoto</i></slot></template>Valore</x-field><x-field><template shadowrootmode="open"><b>Altra</b><slot><i>vuoto</i></slot></template> </x-field></x-card></body></html>`
	r := read(t, h6Shown(t, shadow, h6View{shadow: true}), u)
	if got, want := strings.Join(r.chunks, "|"), "Titolo|Regione|Etichetta|Valore|Altra|vuoto|Fine: mai"; got != want || len(r.h1) != 1 || r.h1[0] != "Titolo" {
		t.Errorf("shadow roots read as %q (h1 %q), want %q", got, r.h1, want)
	}
	if got := chunks(shadow, h6View{}); got != "Titolo|Valore" {
		t.Errorf("shadow roots left alone read as %q", got)
	}

	radios := `<html><body><label id="c_label">Codecisione</label><span><input id="c_1" type="radio" value="1" disabled><label for="c_1">Sì</label><input id="c_0" type="radio" value="0" checked disabled><label for="c_0">No</label></span><span class="visually-hidden">nascosto</span></body></html>`
	if got := chunks(radios, h6View{radios: true}); got != "Codecisione|No" {
		t.Errorf("radio buttons read as %q", got)
	}

	stat := `<html><body><div class="stat"><span>12</span> <span>Durata (mesi)</span></div><div class="row"><span>A</span><span>B</span></div></body></html>`
	if got := chunks(stat, h6View{swap: []string{"stat"}}); got != "Durata (mesi)|12|A|B" {
		t.Errorf("stat card read as %q", got)
	}

	pad := strings.Repeat(" ", liteColumn)
	pre := "<html><body><pre>\nPROCESSO\n========\n\nStato di avanzamento" + strings.Repeat(" ", liteColumn-20) + "Concluso\n\n" +
		"Tra i soggetti partecipanti si  Non indicato o dato\nregistra la presenza femminile  non disponibile\n\nAnno di avvio\n\n" +
		"Soggetti esterni" + strings.Repeat(" ", liteColumn-16) + "* Comune di A\n" + pad + "* Comune di B\n\nMappa di Impatto" + strings.Repeat(" ", liteColumn-16) +
		`<a href="https://x.it/m.jpg">https://x.it/m.jpg</a>` + "\n\nNote" + strings.Repeat(" ", liteColumn-4) + `Il sito <a href="http://y.it">http://y.it</a> chiuso - non` + "\n" + pad + "- riaperto\n</pre></body></html>"
	want := "PROCESSO|Stato di avanzamento|Concluso|Tra i soggetti partecipanti si registra la presenza femminile|Non indicato o dato|non disponibile|Anno di avvio|Soggetti esterni|Comune di A|Comune di B|Mappa di Impatto|" +
		linkMark + "https://x.it/m.jpg⟩|https://x.it/m.jpg|Note|Il sito|" + linkMark + "http://y.it⟩|http://y.it|chiuso - non|- riaperto"
	if got := chunks(pre, h6View{columns: true}); got != want {
		t.Errorf("text columns read as\n %q\nwant\n %q", got, want)
	}
}
