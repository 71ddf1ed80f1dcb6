package pagegen

import (
	"fmt"
	"strings"
)

// ampStyle is the page's own stylesheet: labels, values and list items
// are blocks, so that spans written with nothing between them show on
// lines of their own.
const ampStyle = `body{font-family:"Titillium Web",Arial,sans-serif;margin:0;color:#1a1a1a}
.amp-header{display:flex;align-items:center;justify-content:space-between;padding:8px 16px;background:#004a7f}
.scheda{padding:0 16px 24px}
.scheda-titolo{font-size:1.6rem;line-height:1.2}
.badge{display:inline-block;padding:2px 8px;margin-right:4px;border-radius:4px;background:#2e7d32;color:#fff;font-size:.8rem}
.sezione-titolo{font-size:1.1rem;background:#eef3f8;padding:8px;margin:0}
.campo{margin:12px 0}
.etichetta{display:block;font-weight:600;color:#004a7f}
.valore{display:block}
.voce,.voce-testo{display:block}`

// renderAMP4 writes the AMP version of the record page, as the site's AMP
// plugin serves it to mobile search results: the AMP runtime and
// components, a header with the logo as amp-img and a menu button, a
// sidebar that is not displayed until opened, the title, region and
// badges, then an amp-accordion with one <section> per section (only the
// first expanded), each field a paragraph of a label span and a value
// span with nothing between them, list items as spans, images as
// amp-img. Empty fields are left out.
func renderAMP4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html ⚡ lang="it">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-accordion" src="https://cdn.ampproject.org/v0/amp-accordion-0.1.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<title>%s | Osservatorio Partecipazione</title>
<link rel="canonical" href="%s">
<meta name="viewport" content="width=device-width">
<style amp-custom>%s</style>
<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style>
</head>
<body>
<header class="amp-header"><a href="https://www.osservatoriopartecipazione.it/"><amp-img src="https://www.osservatoriopartecipazione.it/img/logo-bianco.png" width="180" height="40" layout="fixed" alt="Osservatorio Partecipazione"></amp-img></a><button class="menu" on="tap:sidebar.toggle" aria-label="Apri il menu">☰</button></header>
<amp-sidebar id="sidebar" layout="nodisplay" side="right">
<nav><ul><li><a href="https://www.osservatoriopartecipazione.it/processi">Processi</a></li><li><a href="https://www.osservatoriopartecipazione.it/mappa">Mappa dei processi</a></li><li><a href="https://www.osservatoriopartecipazione.it/crediti">Crediti</a></li></ul></nav>
</amp-sidebar>
<main>
<article class="scheda">
<h1 class="scheda-titolo">%s</h1>
`, esc(p.Title), esc(p.URL), ampStyle, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"scheda-regione\">%s</p>\n", esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<p class=\"scheda-badge\">")
		for _, name := range n {
			fmt.Fprintf(b, "<span class=\"badge\">%s</span>", esc(name))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<p class=\"scheda-integra\">%s <a href=\"https://www.osservatoriopartecipazione.it/integra?processo=%d\">%s</a></p>\n<amp-accordion class=\"scheda-sezioni\" disable-session-states>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		expanded := ""
		if i == 0 {
			expanded = " expanded"
		}
		fmt.Fprintf(b, "<section%s>\n<h2 class=\"sezione-titolo\">%s</h2>\n<div class=\"sezione-corpo\">\n", expanded, esc(s.Name))
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<p class=\"campo\"><span class=\"etichetta\">%s</span><span class=\"valore\">%s</span></p>\n", esc(f.Label), ampValue(f))
		}
		b.WriteString("</div>\n</section>\n")
	}
	fmt.Fprintf(b, `</amp-accordion>
<div class="condividi"><amp-social-share type="facebook" data-param-app_id="254325784911610" width="40" height="40"></amp-social-share><amp-social-share type="whatsapp" width="40" height="40"></amp-social-share><amp-social-share type="email" width="40" height="40"></amp-social-share></div>
</article>
</main>
<footer class="amp-footer"><p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p><p><a href="%s">Versione completa</a></p></footer>
</body>
</html>
`, esc(p.URL))
}

// ampValue renders a value span's content: list items as spans with
// nothing between them, images as amp-img, lines as spans.
func ampValue(f Field) string {
	var out strings.Builder
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			out.WriteString(`<span class="voce">` + esc(pt.text) + `</span>`)
		case "img":
			fmt.Fprintf(&out, `<amp-img src="%s" width="300" height="200" layout="responsive" alt=""></amp-img>`, esc(absURL(pt.text)))
		default:
			if len(f.Lines) > 1 || f.MapImage != "" {
				out.WriteString(`<span class="voce-testo">` + textHTML(f.Type, pt.text) + `</span>`)
				continue
			}
			out.WriteString(textHTML(f.Type, pt.text))
		}
	}
	return out.String()
}
