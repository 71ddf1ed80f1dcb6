package pagegen

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h7Encodings are the encodings a browser decodes the pages of the
// seventh held-out set in, where not utf-8.
var h7Encodings = map[string]string{"albo": "iso-8859-15", "writer": "windows-1252"}

// h7Shown is what a page shows, for checking that a layout carries the
// whole record: the text of its elements (not scripts, styles or the
// head), whitespace collapsed, with the values of form controls, and the
// targets of its links and images.
type h7Shown struct {
	text    string
	targets map[string]bool
}

func h7Show(t *testing.T, doc string) h7Shown {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	s := h7Shown{targets: map[string]bool{}}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "head", "template":
				return
			case "input":
				b.WriteString(" " + attr(n, "value") + " ")
			case "a":
				s.targets[attr(n, "href")] = true
			case "img":
				s.targets[attr(n, "src")] = true
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode {
			b.WriteString(" ")
		}
	}
	walk(root)
	s.text = " " + normSpace(b.String()) + " "
	return s
}

// h7Doc renders p in layout and decodes it as a browser would.
func h7Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut7(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// h7Missing returns what of the record p a page showing shown leaves
// out: the title, region, badges, the label of every field shown (empty
// fields may be left out) and every piece of every value (text lines and
// list items, images and addresses as link or image targets or as text;
// dates also as ISO dates, as date inputs hold them).
func h7Missing(p *Page, shown h7Shown) []string {
	var out []string
	has := func(s string) bool { return strings.Contains(shown.text, normSpace(s)) }
	for _, want := range append([]string{p.Title, p.Region}, badgeNames(p)...) {
		if want != "" && !has(want) && !shown.targets["/w/images/badge-"+strings.ToLower(want)+".svg"] &&
			!shown.targets["/images/stories/bollini/"+strings.ToLower(want)+".png"] {
			out = append(out, "header "+want)
		}
	}
	for i := range p.Sections {
		for _, f := range h7Fields(p, i) {
			parts := h7Lines(f)
			if len(parts) > 0 && !has(f.Label) {
				out = append(out, "label "+f.Label)
			}
			for _, pt := range parts {
				switch pt.kind {
				case "map":
				case "img":
					if !shown.targets[pt.text] && !has(pt.text) {
						out = append(out, f.Label+": image "+pt.text)
					}
				default:
					ok := has(pt.text) || has(strings.ReplaceAll(pt.text, "'", "''")) || (pt.text == "Si" && has("Sì"))
					if d := strings.Split(pt.text, "/"); !ok && f.Type == "date" && len(d) == 3 {
						ok = has(d[2] + "-" + d[1] + "-" + d[0])
					}
					if !ok {
						out = append(out, f.Label+": "+pt.text)
					}
				}
			}
		}
	}
	return out
}

// TestHeldOut7Pages checks every record in every layout of the seventh
// held-out set: well-formed markup in the expected encoding, the
// provenance comment, and the title, region, badges, every label with a
// value and every piece of every value shown.
func TestHeldOut7Pages(t *testing.T) {
	if n := len(HeldOut7Layouts()); n < 10 {
		t.Fatalf("%d layouts in the seventh held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(), HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	for _, layout := range HeldOut7Layouts() {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut7Layouts() {
			doc, enc := h7Doc(t, p, layout)
			errs := checkWellFormed(doc)
			want := h7Encodings[layout]
			if want == "" {
				want = "utf-8"
			}
			if enc != want {
				errs = append(errs, "decodes as "+enc+", want "+want)
			}
			if !strings.Contains(doc[:min(len(doc), 200)], "<!-- Fixture data: record ") {
				errs = append(errs, "no provenance comment")
			}
			for _, m := range h7Missing(p, h7Show(t, doc)) {
				errs = append(errs, "not shown: "+m)
			}
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut7(parseRecord(t, 141), "lite"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut7(lite): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut7(nil, "albo"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut7Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut7Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"blogger": {`<span style="color: #38761d;">Stato di avanzamento</span></div>`, `<div style="text-align: justify;"><br></div>`,
			`<h3 class='post-title entry-title' itemprop='name'>`, `<div class="separator" style="clear: both; text-align: center;">`},
		"shopify": {`<li>Stato di avanzamento – Concluso</li>`, `<span class="h4 accordion__title inline-richtext">Descrizione</span>`,
			`<h3>Fasi del percorso</h3>`, `Aggiungi al carrello`, `<li>Soggetti esterni – Comune di Formigine / Comune di Maranello`},
		"albo": {`<caption>Processo</caption>`, `<tr><th width="30%" align="left" valign="top">Anno di avvio</th><td>--</td></tr>`,
			`<th align="left">Oggetto</th>`, `<td>Comune di Formigine<br>Comune di Maranello<br>`, `>2012615000000.141.jpg</a>`},
		"joomla15": {`<td class="contentheading" width="100%">`, `<p><span style="text-decoration: underline;">Stato di avanzamento</span><br />Concluso</p>`,
			`<base href="https://www.osservatoriopartecipazione.it/scheda-processo/141" />`, `Ultimo aggiornamento`},
		"writer": {`<FONT SIZE=5 STYLE="font-size: 20pt"><B>`, `Stato di avanzamento</FONT></FONT>` + "\t" + `Concluso</P>`,
			`<BR>` + "\t" + `Comune di Maranello`, `<DIV TITLE="header">`, `<SDFIELD TYPE=PAGE`},
		"gforms": {`role="heading" aria-level="1">`, `role="radio" aria-label="Concluso" aria-checked="true"`, `role="radio" aria-label="Progetto" aria-checked="false"`,
			`aria-label="Altro risposta" value="Non indicato o dato non disponibile nelle fonti consultate"`, `>Sezione 2 di 5</div>`, `type="date"`, `<textarea class="KHxj8b tL9Q4c" disabled`},
		"slack": {`<div class="field short"><div class="field-title">Stato di avanzamento</div><div class="field-value">Concluso</div></div>`,
			`<div class="field-value">n/d</div>`, `• Comune di Formigine<br>• Comune di Maranello`, `<div class="attachment-title">Processo</div>`},
		"gitlab": {`<span class="na">Stato di avanzamento</span><span class="pi">:</span> <span class="s">Concluso</span>`,
			`<span class="pi">-</span> <span class="s">Comune di Formigine</span>`, `<span class="kc">null</span>`, `<span class="s1">&#39;No&#39;</span>`,
			`<span class="pi">&gt;-</span>`, `<div class="title">2 Partecipanti</div>`},
		"epub": {`<p class="field"><span class="sc">Stato di avanzamento.</span><a epub:type="noteref"`, `<span class="sc">Anno di avvio.</span> —</p>`,
			`Comune di Formigine; Comune di Maranello`, `<aside epub:type="footnote"`, `<figure class="map">`},
		"dspace": {`<td class="label-cell">Soggetti esterni<br><span class="text-muted small">oss.gestione_di_processo.soggetti_esterni</span></td><td class="word-break">Comune di Maranello</td><td>it</td>`,
			`<h2 class="page-header first-page-header">`, `dc.identifier.uri`},
		"wikibase": {`<span class="wikibase-title-id">(Q2141)</span>`, `>nessun valore</div>`, `title="Rango normale"`,
			`<a title="Property:P11" href="/wiki/Property:P11">Stato di avanzamento</a>`, `">Concluso</a></div>`},
		"telegram": {`<b>PROCESSO</b><br/>`, `<b>Stato di avanzamento:</b> Concluso<br/>`, `<b>Anno di avvio:</b> –<br/>`,
			`<b>▫️</b></i> Comune di Formigine`, `class="tgme_widget_message_views"`},
	}
	for _, layout := range HeldOut7Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h7Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
		if layout != "epub" && layout != "telegram" && layout != "gforms" && strings.Count(doc, p.Title) == 0 {
			t.Errorf("141/%s: title not in the page", layout)
		}
	}
	if doc, _ := h7Doc(t, p, "joomla15"); strings.ContainsAny(doc[strings.Index(doc, "<html"):], "àèéìòù€") {
		t.Error("141/joomla15: non-ASCII characters not written as references")
	}
}
