package pagegen

import (
	"fmt"
	"strings"
)

// renderJoomla411 writes a record as a Joomla 4 article with custom
// fields: each field group a <ul class="fields-container"> under its
// <h3>, each field an li.field-entry of a span.field-label ending with
// ": " and a span.field-value.
func renderJoomla411(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-it" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>%[1]s - Osservatorio Partecipazione</title>
<link href="/media/templates/site/cassiopeia/css/template.min.css?4.4.2" rel="stylesheet">
<script type="application/json" class="joomla-script-options new">{"csrf.token":"8d1f0e2c3b4a59687f6e5d4c3b2a1f0e","system.paths":{"root":"","base":""}}</script>
<script src="/media/system/js/core.min.js?576eb51da909dcf692c98643faa6fc89629ead18"></script>
</head>
<body class="site com_content wrapper-static view-article no-layout no-task itemid-112">
<header class="header container-header full-width">
<div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/"><span title="Osservatorio Partecipazione">Osservatorio Partecipazione</span></a></div></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav ">
`, esc(p.Title))
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li class="nav-item"><a href="/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></div>
</header>
<div class="site-grid">
<div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Percorso"><ol class="mod-breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__item breadcrumb-item"><a href="/" class="pathway"><span>Home</span></a></li><li class="mod-breadcrumbs__item breadcrumb-item"><a href="/processi" class="pathway"><span>Processi</span></a></li><li class="mod-breadcrumbs__item breadcrumb-item active"><span>%[1]s</span></li></ol></nav>
<main>
<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">
<meta itemprop="inLanguage" content="it-IT">
<div class="page-header"><h2 itemprop="headline">%[1]s</h2></div>
`, esc(p.Title))
	if p.Region != "" || len(badgeNames(p)) > 0 {
		b.WriteString("<ul class=\"tags list-inline\">")
		if p.Region != "" {
			fmt.Fprintf(b, `<li class="list-inline-item tag-3 tag-list0"><a href="/component/tags/tag/regione" class="btn-sm btn-info">%s</a></li>`, esc(p.Region))
		}
		for _, bd := range badgeNames(p) {
			fmt.Fprintf(b, `<li class="list-inline-item tag-list1"><a href="/component/tags/tag/%s" class="btn-sm btn-info">%s</a></li>`, strings.ToLower(bd), esc(bd))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<div itemprop=\"articleBody\" class=\"com-content-article__body\">\n")
	fid := 0
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h3 class=\"fields-group-title\">%s</h3>\n<ul class=\"fields-container\">\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fid++
			fmt.Fprintf(b, "\t<li class=\"field-entry %s \"><span class=\"field-label \">%s: </span><span class=\"field-value \">%s</span>\n</li>\n", strings.ReplaceAll(h3Snake(f.Label), "_", "-"), esc(f.Label), h11Inline(f, ", "))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, `<p>%[1]s <a href="/integra?id=%[3]d">%[2]s</a></p>
</div>
</div>
</main>
</div>
</div>
<footer class="container-footer footer full-width"><div class="grid-child"><p>Assemblea legislativa della Regione Emilia-Romagna</p></div></footer>
<a href="#top" id="back-top" class="back-to-top-link" aria-label="Torna su"><span class="icon-arrow-up icon-fw" aria-hidden="true"></span></a>
<div id="cookieBanner" class="cookie-banner"><p>%[4]s</p><button class="btn btn-primary">Accetto</button></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
