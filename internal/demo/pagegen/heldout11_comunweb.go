package pagegen

import (
	"fmt"
	"strings"
)

// renderComunWeb11 writes a record as a ComunWEB / OpenPA object full
// view: the ITA web toolkit grid, each attribute a Grid row of a
// <strong> label cell and a value cell.
func renderComunWeb11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="no-js">
<head>
<meta charset="utf-8" />
<title>%[1]s / Processi / Osservatorio Partecipazione</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="stylesheet" type="text/css" href="/var/cache/public/stylesheets/f3c0a1b2e4d5.css" />
<script type="text/javascript">var UiContext = "full"; var UriPrefix = "/"; var PathArray = [2,412,%[2]d]; var CurrentUserIsLoggedIn = false;</script>
<script type="text/javascript" src="/var/cache/public/javascript/7a9e2d41c0b3.js"></script>
</head>
<body class="t-Pac">
<ul class="Skiplinks js-fr-bypasslinks u-hiddenPrint"><li><a href="#main">Vai al Contenuto</a></li><li><a class="js-fr-offcanvas-open" href="#menu">Vai alla navigazione del sito</a></li></ul>
<header class="Header Headroom--fixed js-Headroom u-hiddenPrint">
<div class="Header-banner"><div class="Header-owner Headroom-hideme"><a href="https://www.regione.emilia-romagna.it"><span>Regione Emilia-Romagna</span></a></div></div>
<div class="Header-navbar"><div class="u-layout-wide Grid Grid--alignMiddle u-layoutCenter"><div class="Header-logo Grid-cell"><a href="/"><img src="/extension/openpa_theme_2014/design/ita/images/logo.png" alt="Osservatorio Partecipazione" /></a></div><div class="Header-title Grid-cell"><h1 class="Header-titleLink"><a href="/">Osservatorio Partecipazione</a></h1></div></div></div>
<div class="Headroom-hideme u-textCenter u-hidden u-sm-hidden u-md-block u-lg-block"><nav class="Megamenu Megamenu--default js-megamenu"><ul class="Megamenu-list">
`, esc(p.Title), p.ID)
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li class="Megamenu-item"><a href="/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav></div>
</header>
<div id="main" class="u-layout-wide u-layoutCenter u-layout-withGutter u-padding-r-top u-padding-bottom-xxl">
<div class="u-padding-bottom-l"><ul class="Breadcrumb"><li class="Breadcrumb-item"><a class="Breadcrumb-link u-color-50" href="/">Home</a></li><li class="Breadcrumb-item"><a class="Breadcrumb-link u-color-50" href="/processi">Processi</a></li><li class="Breadcrumb-item"><span class="u-color-50">%[1]s</span></li></ul></div>
<div class="openpa-full class-scheda_processo">
<div class="title">
<h2 class="u-text-h2">%[1]s</h2>
</div>
<div class="content-container"><div class="content">
`, esc(p.Title))
	if p.Region != "" {
		cwRow(b, "Ente", esc(p.Region))
	}
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="u-margin-bottom-m">`)
		for _, bd := range bs {
			fmt.Fprintf(b, `<span class="Chip Chip--verified u-margin-r-xs">%s</span>`, esc(bd))
		}
		b.WriteString("</div>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"openpa-widget u-margin-top-l\">\n<h2 class=\"openpa-widget-title u-text-h3\"><span>%s</span></h2>\n<div class=\"openpa-widget-content\">\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			val := h11Block(f, "list-unstyled")
			if h3Long(f) {
				val = `<div class="ezxmltext-field">` + val + `</div>`
			}
			cwRow(b, esc(f.Label), val)
		}
		b.WriteString("</div>\n</section>\n")
	}
	fmt.Fprintf(b, `</div></div>
<div class="u-margin-top-xl u-padding-all-s u-background-grey-10"><p>%[1]s <a class="Button Button--default" href="/integra?processo=%[3]d">%[2]s</a></p></div>
</div>
</div>
<footer class="Footer"><div class="u-layout-wide u-layoutCenter u-layout-r-withGutter"><div class="Footer-block Grid-cell"><h2 class="Footer-blockTitle">Contatti</h2><p>Assemblea legislativa della Regione Emilia-Romagna<br />Viale Aldo Moro, 50 - 40127 Bologna</p></div><ul class="Footer-links u-cf"><li><a href="/privacy">Privacy</a></li><li><a href="/note-legali">Note legali</a></li><li><a href="/accessibilita">Dichiarazione di accessibilità</a></li></ul></div></footer>
<div id="cookieChoiceInfo" class="CookieBar js-CookieBar u-background-95 u-padding-r-all" aria-hidden="false"><p class="u-color-white u-text-r-xs">%[4]s</p><button class="Button Button--default u-text-r-xxs js-cookieBarAccept">Accetto</button></div>
<script type="text/javascript">$(document).ready(function(){ $.opendataTools.settings('accessPath', '/'); });</script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}

// cwRow writes one attribute row; label and value are HTML.
func cwRow(b *strings.Builder, label, value string) {
	fmt.Fprintf(b, `<div class="Grid Grid--withGutter u-padding-bottom-s"><div class="Grid-cell u-md-size3of12 u-lg-size3of12"><strong>%s</strong></div><div class="Grid-cell u-md-size9of12 u-lg-size9of12 attribute-value">%s</div></div>
`, label, value)
}
