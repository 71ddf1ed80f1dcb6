package pagegen

import (
	"fmt"
	"strings"
)

// renderOpenCms11 writes a record as an OpenCms Mercury detail page:
// each field a "piece" of an <h3 class="piece-heading"> and a body div.
func renderOpenCms11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="noscript">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%[1]s | Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/export/system/modules/alkacon.mercury.theme/css/theme-standard.min.css">
<script>var mercury = {"project":"online","locale":"it","path":"/sites/osservatorio/processi/scheda-%[2]d.xml"};</script>
</head>
<body>
<div id="mercury-page">
<div class="area-header fh header-notfixed pad-md"><div class="container"><div class="h-logo"><a href="/it/"><img src="/export/sites/osservatorio/.galleries/logo.png" alt="Osservatorio Partecipazione"></a></div>
<nav class="nav-main-container" id="nav-main"><ul class="nav-main-items">
`, esc(p.Title), p.ID)
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li><a href="/it/%s/">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav></div></div>
<div class="container area-content"><div class="row">
<div class="col-xs-12"><div class="element type-nav-breadcrumbs"><ul class="nav-breadcrumbs"><li><a href="/it/">Home</a></li><li><a href="/it/processi/">Processi</a></li><li>%[1]s</li></ul></div></div>
<main class="col-lg-9 area-main">
<div class="element type-article detail-page"><div class="detail-visual piece full"><div class="heading"><h1 class="piece-heading" tabindex="0">%[1]s</h1></div>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"visual-info\"><div class=\"info\">%s</div></div>\n", esc(p.Region))
	}
	b.WriteString("</div>\n<div class=\"detail-content\">\n")
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="detail-addition"><ul class="list-tags">`)
		for _, bd := range bs {
			fmt.Fprintf(b, `<li><span class="tag">%s</span></li>`, esc(bd))
		}
		b.WriteString("</ul></div>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"element type-section\"><div class=\"heading\"><h2 class=\"element-heading\">%s</h2></div>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<div class=\"subelement piece full only-text\"><div class=\"heading\"><h3 class=\"piece-heading\" tabindex=\"0\">%s</h3></div><div class=\"body\"><div class=\"text\">%s</div></div></div>\n", esc(f.Label), h11Block(f, ""))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, `</div>
<div class="element type-linksequence"><p>%[1]s</p><a class="btn" href="/it/integra/?scheda=%[3]d">%[2]s</a></div>
</div>
</main>
</div></div>
<footer class="area-foot"><div class="container"><p>Assemblea legislativa della Regione Emilia-Romagna</p><ul><li><a href="/it/privacy/">Privacy</a></li><li><a href="/it/note-legali/">Note legali</a></li></ul></div></footer>
<div id="privacy-policy-banner" class="pp-banner"><div class="banner"><div class="container"><div class="message">%[4]s</div><div class="buttons"><button class="btn btn-accept">Accetta</button></div></div></div></div>
</div>
<script src="/export/system/modules/alkacon.mercury.theme/js/mercury.js"></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
