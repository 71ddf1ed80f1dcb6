package pagegen

import (
	"fmt"
	"strings"
)

// renderFastBoot12 writes a record as an Ember app rendered by
// FastBoot: ember-view divs between the boundary scripts, each field a
// detail row of a label div and a value div.
func renderFastBoot12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
  <head>
    <meta charset="utf-8">
    <title>%[1]s - Osservatorio Partecipazione</title>
    <meta name="osservatorio/config/environment" content="%%7B%%22modulePrefix%%22%%3A%%22osservatorio%%22%%2C%%22environment%%22%%3A%%22production%%22%%2C%%22rootURL%%22%%3A%%22%%2F%%22%%7D">
    <link integrity="" rel="stylesheet" href="/assets/vendor-3f1e2d4c5b6a.css">
    <link integrity="" rel="stylesheet" href="/assets/osservatorio-9a8b7c6d5e4f.css">
  </head>
  <body>
    <script type="x/boundary" id="fastboot-body-start"></script><div id="ember4" class="ember-view application"><header class="app-header"><a href="/" id="ember5" class="ember-view app-header__brand">Osservatorio Partecipazione</a><nav class="app-header__nav">`, esc(p.Title))
	h12Nav(b, `<a href="/%s" class="ember-view app-header__link">%s</a>`)
	fmt.Fprintf(b, `</nav></header>
<div class="page"><ol class="breadcrumbs"><li><a href="/" class="ember-view">Home</a></li><li><a href="/processi" class="ember-view">Processi</a></li><li class="active">%[1]s</li></ol>
<div id="ember21" class="ember-view process-detail"><h1 class="process-detail__title">%[1]s</h1>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<div class="process-detail__subtitle">%s</div>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<span class="process-badge">`, `</span>`); bd != "" {
		fmt.Fprintf(b, `<div class="process-detail__badges">%s</div>`, bd)
	}
	b.WriteString("\n")
	n := 30
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div id=\"ember%d\" class=\"ember-view detail-section\"><h2 class=\"detail-section__title\">%s</h2>\n", n, esc(s.Name))
		n++
		for _, f := range h7Fields(p, i) {
			v := h12Value(f, "<br>", "detail-row__image")
			if h3IsList(f) && !isEmpty(f) {
				v = `<ul class="detail-row__list">` + h12List(f, "<li>", "</li>", "detail-row__image") + `</ul>`
			}
			fmt.Fprintf(b, "  <div id=\"ember%d\" class=\"ember-view detail-row\"><div class=\"detail-row__label\">%s</div><div class=\"detail-row__value\">%s</div></div>\n", n, esc(f.Label), v)
			n++
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, `<div class="integra-box">%[1]s <a href="/processi/%[2]d/integra" id="ember%[5]d" class="ember-view button">%[3]s</a></div>
</div></div>
<footer class="app-footer">Assemblea legislativa della Regione Emilia-Romagna</footer>
<div id="ember%[6]d" class="ember-view cookie-notice"><p>%[4]s</p><button type="button" class="cookie-notice__accept">Accetto</button></div>
</div><script type="x/boundary" id="fastboot-body-end"></script>
    <script type="fastboot/shoebox" id="shoebox-process">{"id":"%[2]d","type":"process","attributes":{"name":"%[7]s"}}</script>
    <script src="/assets/vendor-1b2c3d4e5f6a.js"></script>
    <script src="/assets/osservatorio-6f5e4d3c2b1a.js"></script>
  </body>
</html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), n, n+1, h12JSON(p.Title))
}
