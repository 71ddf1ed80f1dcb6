package pagegen

import (
	"fmt"
	"strings"
)

// renderMagnolia11 writes a record as a Magnolia CMS page of text
// components: each field an <h3> heading followed by its value
// paragraphs, sections as <h2> of a section component.
func renderMagnolia11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html xml:lang="it" lang="it">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>%[1]s | Osservatorio Partecipazione</title>
<link rel="stylesheet" type="text/css" href="/.resources/osspa-theme/css/main~2024-10-03-08-14-22-000~cache.css" media="all" />
<script src="/.resources/osspa-theme/js/main~2024-10-03-08-14-22-000~cache.js"></script>
</head>
<body class="page-scheda" data-mgnl-page="/osservatorio/processi/scheda-%[2]d">
<div class="wrapper">
<header class="site-header">
<div class="container"><a class="site-logo" href="/osservatorio.html"><img src="/.imaging/default/dam/osservatorio/logo.png/jcr:content/logo.png" alt="Osservatorio Partecipazione" /></a>
<nav class="main-nav"><ul>
`, esc(p.Title), p.ID)
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li><a href="/osservatorio/%s.html">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav></div>
</header>
<div class="breadcrumb container"><ol><li><a href="/osservatorio.html">Home</a></li><li><a href="/osservatorio/processi.html">Processi</a></li><li class="active">%[1]s</li></ol></div>
<main class="main container">
<div class="stage"><h1>%[1]s</h1>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"stage-subline\">%s</p>\n", esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<span class=\"tag\">%s</span>\n", esc(bd))
	}
	b.WriteString("</div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"section-component\" id=\"%s\">\n<h2 class=\"section-title\">%s</h2>\n", h3ID(s.Name, 24), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<div class=\"text-section\">\n<h3>%s</h3>\n<div class=\"text\">%s</div>\n</div>\n", esc(f.Label), h11Block(f, ""))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, `<div class="teaser teaser-cta"><p>%[1]s</p><a class="btn" href="/osservatorio/integra.html?processo=%[3]d">%[2]s</a></div>
</main>
<footer class="site-footer"><div class="container"><p>&copy; Assemblea legislativa della Regione Emilia-Romagna</p><ul><li><a href="/osservatorio/privacy.html">Privacy</a></li><li><a href="/osservatorio/cookie.html">Cookie</a></li></ul></div></footer>
</div>
<div class="cookie-consent" id="cookie-consent"><p>%[4]s</p><button type="button" class="btn js-cookie-accept">Accetta</button></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
