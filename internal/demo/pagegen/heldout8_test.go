package pagegen

import (
	"errors"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// h8Encodings are the encodings a browser decodes the pages of the eighth
// held-out set in, where not utf-8.
var h8Encodings = map[string]string{"excel": "windows-1252", "pipermail": "windows-1252", "domino": "windows-1252"}

// h8Show is what a page shows, as h7Show has it, with the alternative
// texts of images, the targets of Google's and the Wayback Machine's
// redirects as the addresses they lead to, and a mail archive's quoting
// marks taken out.
func h8Show(t *testing.T, doc, layout string) h7Shown {
	t.Helper()
	s := h7Show(t, doc)
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var alts []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "img" {
			alts = append(alts, attr(n, "alt"))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	s.text += strings.Join(alts, " ") + " "
	for target := range s.targets {
		if u, err := url.Parse(target); err == nil && u.Host == "www.google.com" && u.Path == "/url" {
			s.targets[u.Query().Get("q")] = true
		}
		if rest, ok := strings.CutPrefix(target, "/web/"+waybackStamp); ok {
			if i := strings.Index(rest, "/"); i >= 0 {
				s.targets[rest[i+1:]] = true
			}
		}
	}
	if layout == "pipermail" {
		s.text = strings.ReplaceAll(s.text, " > ", " ")
	}
	return s
}

// h8Doc renders p in layout and decodes it as a browser would.
func h8Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut8(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// h8Missing returns what of the record p a page showing shown leaves out,
// as h7Missing does, also taking dates written in words and wrapped
// lines.
func h8Missing(p *Page, shown h7Shown) []string {
	var out []string
	has := func(s string) bool { return strings.Contains(shown.text, normSpace(s)) }
	for _, want := range append([]string{p.Title, p.Region}, badgeNames(p)...) {
		if want != "" && !has(want) {
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
					if !has(pt.text) && !has(h8LongDate(pt.text)) {
						out = append(out, f.Label+": "+pt.text)
					}
				}
			}
		}
	}
	return out
}

// TestHeldOut8Pages checks every record in every layout of the eighth
// held-out set: well-formed markup in the expected encoding, the
// provenance comment, and the title, region, badges, every label with a
// value and every piece of every value shown.
func TestHeldOut8Pages(t *testing.T) {
	if n := len(HeldOut8Layouts()); n < 10 {
		t.Fatalf("%d layouts in the eighth held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(),
		HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts(), HeldOut7Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	for _, layout := range HeldOut8Layouts() {
		if names[layout] {
			t.Errorf("layout name %s is already taken", layout)
		}
	}
	for _, p := range pages(t) {
		for _, layout := range HeldOut8Layouts() {
			doc, enc := h8Doc(t, p, layout)
			errs := checkWellFormed(doc)
			want := h8Encodings[layout]
			if want == "" {
				want = "utf-8"
			}
			if enc != want {
				errs = append(errs, "decodes as "+enc+", want "+want)
			}
			if !strings.Contains(doc[:min(len(doc), 200)], "<!-- Fixture data: record ") {
				errs = append(errs, "no provenance comment")
			}
			for _, m := range h8Missing(p, h8Show(t, doc, layout)) {
				errs = append(errs, "not shown: "+m)
			}
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
	if _, _, err := RenderHeldOut8(parseRecord(t, 141), "albo"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut8(albo): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut8(nil, "moodle"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut8Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut8Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"moodle": {`<h1 class="h2">Laboratorio di democrazia partecipativa</h1>`, `<td class="template-field cell c0" style="">Stato di avanzamento: </td>`,
			`<td colspan="2" class="cell c0" style=""><h4>Processo</h4></td>`[:0] + `<h4>Processo</h4>`, `Comune di Formigine<br />Comune di Maranello`, `15 febbraio 2020`},
		"excel": {`<meta name=ProgId content=Excel.Sheet>`, `<td colspan=3 height=20 class=xl66 style='height:15.0pt'>Processo</td>`,
			`>Stato di avanzamento</td>`, `class=xl71 align=right x:num="43876"`, `<td height=400 class=xl69 style='height:300.0pt'>No</td>`},
		"gsheets": {`class="column-headers-background">A</th>`, `<div class="row-header-wrapper" style="line-height: 20px">`,
			`<td class="s3" dir="ltr">Stato di avanzamento</td><td class="s2" dir="ltr">Concluso</td>`, `https://www.google.com/url?q=`},
		"pipermail": {`&gt;<i> Stato di avanzamento: Concluso` + "\n</I>", `&gt;<i> == Processo ==`, `<!--beginarticle-->`, `&gt;<i> Anno di avvio:` + "\n</I>"},
		"docutils": {`<th class="field-name">Codecisione:</th><td class="field-body">No</td>`,
			`<th class="field-name" colspan="2">Stato di avanzamento:</th></tr>` + "\n" + `<tr class="field"><td>&nbsp;</td><td class="field-body">Concluso</td>`,
			`<ul class="first last simple">`, `<div class="footer">`},
		"aria": {`role="term" id="t-1-1" class="campo-nome">Stato di avanzamento</span><span id="h-1-1" class="hint">`,
			`class="visually-hidden">Durata (mesi)</span>`, `<span aria-hidden="true">—</span><span class="visually-hidden">Nessun dato</span>`},
		"vuetify": {`<div class="v-list-item-title"><span>Concluso</span></div><div class="v-list-item-subtitle">Stato di avanzamento</div>`,
			`<div class="v-list-subheader__text">Processo</div>`, `v-expansion-panel--active`, `<div class="v-chip__content" data-no-activator="">Comune di Formigine</div>`},
		"wayback": {`<!-- BEGIN WAYBACK TOOLBAR INSERT -->`, `href="/web/20200215103844/http://www.fabbricaideedistretto.it"`,
			`src="/web/20200215103844im_/https://www.osservatoriopartecipazione.it/archive/2012615000000.141.jpg"`, `_lblEtichetta_0">Stato di avanzamento</span>`},
		"wagtail": {`<b>Stato di avanzamento</b><br/>Concluso</p>`, `<div class="block-heading"><h2>Processo</h2></div>`, `<div class="block-raw_html">`, `<li data-block-key="`},
		"domino": {`alt="Hide details for Processo"`, `<font size="2" face="Arial">Stato di avanzamento:</font>`, `src="/icons/ecblank.gif"`,
			`Comune di Formigine<br>` + "\n" + `Comune di Maranello`},
	}
	for _, layout := range HeldOut8Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h8Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
	}
}
