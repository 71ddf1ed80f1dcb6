package pagegen

import (
	"fmt"
	"strings"
)

// renderComuni9 writes a record in a WordPress theme for Italian
// municipalities built on Bootstrap Italia: a hero, the sections as
// accordion items (all but the first collapsed), fields as the
// components' multi-line list items whose value is an <em> inside the
// label's span.
func renderComuni9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no" />
<title>%[1]s &#8211; Osservatorio Partecipazione</title>
<link rel='stylesheet' id='bootstrap-italia-css' href='https://www.osservatoriopartecipazione.it/wp-content/themes/design-comuni-wordpress-theme/assets/css/bootstrap-italia-comuni.min.css?ver=6.4.3' media='all' />
<script src="https://www.osservatoriopartecipazione.it/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
</head>
<body class="scheda_processo-template-default single single-scheda_processo postid-%[2]d">
<div class="skiplink"><a class="visually-hidden-focusable" href="#main-container">Vai ai contenuti</a><a class="visually-hidden-focusable" href="#footer">Vai al footer</a></div>
<header class="it-header-wrapper" data-bs-target="#header-nav-wrapper">
<div class="it-header-slim-wrapper"><div class="container"><div class="it-header-slim-wrapper-content"><a class="d-lg-block navbar-brand" target="_blank" href="https://www.assemblea.emr.it">Assemblea legislativa Emilia-Romagna</a></div></div></div>
<div class="it-nav-wrapper"><div class="it-header-center-wrapper"><div class="container"><div class="it-header-center-content-wrapper"><div class="it-brand-wrapper"><a href="/"><span class="it-brand-text"><span class="it-brand-title">Osservatorio Partecipazione</span></span></a></div></div></div></div>
<div class="it-header-navbar-wrapper" id="header-nav-wrapper"><div class="container"><nav class="navbar navbar-expand-lg has-megamenu" aria-label="Menu principale"><div class="navbar-collapsable" id="nav4"><ul class="navbar-nav" data-element="main-navigation">
`, esc(p.Title), p.ID)
	for _, n := range h9Nav {
		fmt.Fprintf(b, "<li class=\"nav-item\"><a class=\"nav-link\" href=\"/%s/\"><span>%s</span></a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString(`</ul></div></nav></div></div></div>
</header>
<main id="main-container">
<div class="container" id="main-container-inner"><div class="row justify-content-center"><div class="col-12 col-lg-10">
<div class="cmp-breadcrumbs" role="navigation"><nav class="breadcrumb-container" aria-label="breadcrumb"><ol class="breadcrumb p-0" data-element="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a><span class="separator">/</span></li><li class="breadcrumb-item"><a href="/processi/">Processi</a><span class="separator">/</span></li><li class="breadcrumb-item active" aria-current="page">` + esc(p.Title) + `</li></ol></nav></div>
<div class="cmp-heading pb-3 pb-lg-4">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "<span class=\"text-paragraph-small\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<h1 class=\"title-xxxlarge\" data-element=\"page-name\">%s</h1>\n", esc(p.Title))
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<div class=\"chip chip-simple chip-primary\"><span class=\"chip-label\">%s</span></div>\n", bd)
	}
	fmt.Fprintf(b, "<p class=\"subtitle-small\">%s <a href=\"/integra-informazioni/?processo=%d\" class=\"t-primary\">%s</a></p>\n</div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	b.WriteString(`<div class="accordion" id="accordionScheda">` + "\n")
	for i, s := range p.Sections {
		show, expanded, btn := " show", "true", "accordion-button"
		if i > 0 {
			show, expanded, btn = "", "false", "accordion-button collapsed"
		}
		fmt.Fprintf(b, `<div class="accordion-item">
<h2 class="accordion-header" id="heading-%[1]d"><button class="%[2]s" type="button" data-bs-toggle="collapse" data-bs-target="#collapse-%[1]d" aria-expanded="%[3]s" aria-controls="collapse-%[1]d">%[4]s</button></h2>
<div id="collapse-%[1]d" class="accordion-collapse collapse%[5]s" role="region" aria-labelledby="heading-%[1]d"><div class="accordion-body"><div class="it-list-wrapper"><ul class="it-list">
`, i, btn, expanded, esc(s.Name), show)
		for _, f := range h7Fields(p, i) {
			v := h9Value(f, false, "<br>", func(src string) string {
				return `<img src="` + esc(src) + `" class="img-fluid" alt="" loading="lazy">`
			})
			fmt.Fprintf(b, "<li><div class=\"list-item\"><div class=\"it-right-zone\"><span class=\"text\">%s<em>%s</em></span></div></div></li>\n", esc(f.Label), v)
		}
		b.WriteString("</ul></div></div></div>\n</div>\n")
	}
	fmt.Fprintf(b, `</div>
</div></div></div>
</main>
<footer class="it-footer" id="footer"><div class="it-footer-main"><div class="container"><section><div class="row"><div class="col-12 footer-items-wrapper"><h3 class="footer-heading-title">Contatti</h3><p class="footer-info">Assemblea legislativa della Regione Emilia-Romagna<br>Viale Aldo Moro 50 - 40127 Bologna</p></div></div></section></div></div>
<div class="it-footer-small-prints"><div class="container"><ul class="it-footer-small-prints-list list-inline mb-0"><li class="list-inline-item"><a href="/privacy/">Informativa privacy</a></li><li class="list-inline-item"><a href="/note-legali/">Note legali</a></li><li class="list-inline-item"><a href="/dichiarazione-di-accessibilita/">Dichiarazione di accessibilità</a></li></ul></div></div></footer>
<div class="cookiebar" role="dialog" aria-label="Cookie"><p>%s</p><div class="cookiebar-buttons"><button class="cookiebar-btn cookiebar-confirm">Accetto<span class="visually-hidden"> i cookies</span></button></div></div>
<script src="https://www.osservatoriopartecipazione.it/wp-content/themes/design-comuni-wordpress-theme/assets/js/bootstrap-italia.bundle.min.js?ver=2.8.2" id="dci-boostrap-italia-min-js"></script>
</body>
</html>
`, esc(h9Cookie))
}
