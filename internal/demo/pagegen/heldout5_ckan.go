package pagegen

import (
	"fmt"
	"strings"
)

// ckanSite is the address of the open data catalogue.
const ckanSite = "https://dati.partecipazione-emilia.it"

// renderCKAN5 writes a record published as a dataset of a CKAN 2.10
// catalogue with a scheming schema, as an anonymous visitor sees it: the
// account bar, the masthead with the search form, the breadcrumb, the
// sidebar (organization, social links, licence) before the content, the
// title, the description, the resources, the tags (the region and the
// badges), and the "Informazioni aggiuntive" table: one row per section,
// then a dataset-label header cell and a dataset-details cell per field
// with a value (lists as <ul>, images as links showing their address, a
// map as a field of its own), then the catalogue's own dates.
func renderCKAN5(b *strings.Builder, p *Page) {
	name := fmt.Sprintf("processo-%d-%s", p.ID, h5Slug(p.Title))
	crumb := p.Title
	if r := []rune(crumb); len(r) > 35 {
		crumb = string(r[:35]) + "..."
	}
	fmt.Fprintf(b, `<!DOCTYPE html>
<!--[if IE 9]> <html lang="it" class="ie9"> <![endif]-->
<!--[if gt IE 8]><!--> <html lang="it"> <!--<![endif]-->
<head>
<meta charset="utf-8">
<meta name="csrf_field_name" content="_csrf_token">
<meta name="_csrf_token" content="%[1]s">
<meta name="generator" content="ckan 2.10.4">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%[2]s - Dataset - Catalogo dei processi partecipativi</title>
<link rel="shortcut icon" href="/base/images/ckan.ico">
<link rel="alternate" type="text/n3" href="%[3]s/dataset/%[4]s.n3">
<link rel="alternate" type="application/ld+json" href="%[3]s/dataset/%[4]s.jsonld">
<link href="/webassets/base/1c87a999_main.css" rel="stylesheet">
</head>
<body data-site-root="%[3]s/" data-locale-root="%[3]s/it/">
<div class="visually-hidden-focusable"><a href="#content">Vai al contenuto</a></div>
<header class="account-masthead"><div class="container"><nav class="account not-authed" aria-label="Account"><ul class="list-unstyled"><li><a href="/it/user/login">Accedi</a></li><li><a class="sub" href="/it/user/register">Registrati</a></li></ul></nav></div></header>
<header class="masthead">
<div class="container">
<nav class="navbar navbar-expand-lg navbar-light">
<hgroup class="header-image navbar-left"><a class="logo" href="/it/"><img src="/base/images/ckan-logo.png" alt="Catalogo dei processi partecipativi" title="Catalogo dei processi partecipativi"></a></hgroup>
<div class="collapse navbar-collapse justify-content-end" id="main-navigation-toggle">
<ul class="navbar-nav ms-auto mb-2 mb-lg-0"><li class="active"><a href="/it/dataset/">Dataset</a></li><li><a href="/it/organization/">Organizzazioni</a></li><li><a href="/it/group/">Gruppi</a></li><li><a href="/it/about">Informazioni</a></li></ul>
<form class="d-flex site-search simple-input" action="/it/dataset/" method="get"><div class="field"><label class="visually-hidden" for="field-sitewide-search">Cerca Dataset</label><input id="field-sitewide-search" class="form-control me-2" type="text" name="q" placeholder="Cerca" aria-label="Cerca dataset"><button class="btn" type="submit" aria-label="Invia"><i class="fa fa-search"></i></button></div></form>
</div>
</nav>
</div>
</header>
<div class="main">
<div id="content" class="container">
<div class="toolbar" role="navigation" aria-label="Briciole di pane"><ol class="breadcrumb"><li class="home"><a href="/it/" aria-label="Home"><i class="fa fa-home"></i><span> Home</span></a></li><li><a href="/it/organization/">Organizzazioni</a></li><li><a href="/it/organization/osservatorio-partecipazione">Osservatorio Partecipazione</a></li><li class="active"><a href="/it/dataset/%[4]s">%[5]s</a></li></ol></div>
<div class="row wrapper">
<aside class="secondary col-md-3">
<div class="module module-narrow module-shallow context-info"><section class="module-content"><h1 class="heading">Osservatorio Partecipazione</h1><p>Il catalogo dei processi partecipativi censiti dall'Osservatorio dell'Assemblea legislativa.</p><div class="nums"><dl><dt>Seguaci</dt><dd data-module="followers-counter"><span>0</span></dd></dl><dl><dt>Dataset</dt><dd><span>3102</span></dd></dl></div></section></div>
<section class="module module-narrow social"><h2 class="module-heading"><i class="fa fa-share-square"></i> Social</h2><ul class="nav nav-simple"><li class="nav-item"><a href="https://twitter.com/share?url=%[3]s/dataset/%[4]s" target="_blank"><i class="fa fa-twitter-square"></i> Twitter</a></li><li class="nav-item"><a href="https://www.facebook.com/sharer.php?u=%[3]s/dataset/%[4]s" target="_blank"><i class="fa fa-facebook-square"></i> Facebook</a></li></ul></section>
<section class="module module-narrow module-shallow license"><h2 class="module-heading"><i class="fa fa-lock"></i> Licenza</h2><p class="module-content"><a href="http://www.opendefinition.org/licenses/cc-by" rel="dc:rights">Creative Commons Attribution</a> <a href="http://www.opendefinition.org/okd/" title="Questo dataset soddisfa la Open Definition."><img class="open-data" src="/base/images/od_80x15_blue.png" alt="[Open Data]"></a></p></section>
</aside>
<div class="primary col-md-9 col-xs-12" role="main">
<article class="module">
<div class="page-header"><ul class="nav nav-tabs"><li class="active"><a href="/it/dataset/%[4]s">Dataset</a></li><li><a href="/it/dataset/groups/%[4]s">Gruppi</a></li><li><a href="/it/dataset/activity/%[4]s">Stream delle attività</a></li></ul></div>
<div class="module-content">
<h1>%[2]s</h1>
<div class="notes embedded-content"><p>Scheda n. %[6]d dell'Osservatorio Partecipazione, ripubblicata come dataset aperto.</p></div>
<section id="dataset-resources" class="resources">
<h2>Dati e Risorse</h2>
<ul class="resource-list">
<li class="resource-item" data-id="%[7]s"><a class="heading" href="/it/dataset/%[4]s/resource/%[7]s" title="Scheda originale">Scheda originale<span class="format-label" property="dc:format" data-format="html">HTML</span></a><p class="description">La pagina della scheda sul sito dell'Osservatorio</p><div class="dropdown btn-group"><a href="#" class="btn btn-primary dropdown-toggle" role="button" id="dropdownRes1" data-bs-toggle="dropdown" aria-expanded="false"><i class="fa fa-arrow-circle-right"></i> Esplora</a><ul class="dropdown-menu" aria-labelledby="dropdownRes1"><li><a class="dropdown-item" href="/it/dataset/%[4]s/resource/%[7]s"><i class="fa fa-info-circle"></i> Maggiori informazioni</a></li><li><a class="dropdown-item resource-url-analytics" href="%[8]s" target="_blank" rel="noreferrer"><i class="fa fa-external-link"></i> Vai alla risorsa</a></li></ul></div></li>
</ul>
</section>
`, h3ID(p.URL+"#csrf", 40), esc(p.Title), ckanSite, name, esc(crumb), p.ID, h3ID(p.URL+"#res", 8)+"-"+h3ID(p.URL+"#res2", 4), esc(p.URL))
	var tags []string
	if p.Region != "" {
		tags = append(tags, p.Region)
	}
	tags = append(tags, badgeNames(p)...)
	if len(tags) > 0 {
		b.WriteString("<section class=\"tags\"><h2 class=\"visually-hidden\">Tag</h2><ul class=\"tag-list\">")
		for _, t := range tags {
			fmt.Fprintf(b, "<li><a class=\"tag\" href=\"/it/dataset/?tags=%s\">%s</a></li>", strings.ReplaceAll(esc(t), " ", "+"), esc(t))
		}
		b.WriteString("</ul></section>\n")
	}
	b.WriteString(`<section class="additional-info">
<h3>Informazioni aggiuntive</h3>
<table class="table table-striped table-bordered table-condensed">
<thead><tr><th scope="col">Campo</th><th scope="col">Valore</th></tr></thead>
<tbody>
`)
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr class=\"dataset-section\"><th colspan=\"2\" scope=\"rowgroup\">%s</th></tr>\n", esc(s.Name))
		for _, f := range h5NonEmpty(h5MapsApart(h4Fields(s, i == len(p.Sections)-1, p))) {
			fmt.Fprintf(b, "<tr><th scope=\"row\" class=\"dataset-label\">%s</th><td class=\"dataset-details\">%s</td></tr>\n", esc(f.Label), ckanValue(f))
		}
	}
	b.WriteString(`<tr><th scope="row" class="dataset-label">Ultimo aggiornamento</th><td class="dataset-details">3 maggio 2024</td></tr>
<tr><th scope="row" class="dataset-label">Creato</th><td class="dataset-details">12 giugno 2012</td></tr>
</tbody>
</table>
</section>
</div>
</article>
</div>
</div>
</div>
</div>
<footer class="site-footer"><div class="container"><div class="row"><div class="col-md-8 footer-links"><ul class="list-unstyled"><li><a href="/it/about">Informazioni su Catalogo dei processi partecipativi</a></li></ul></div><div class="col-md-4 attribution"><p><strong>Powered by</strong> <a class="hide-text ckan-footer-logo" href="http://ckan.org">CKAN</a></p></div></div></div></footer>
<script src="/webassets/base/a8f5e2b0_main.js" type="text/javascript"></script>
</body>
</html>
`)
}

// ckanValue renders a dataset-details cell as the scheming display
// snippets do: multiple values as a list, image addresses as links
// showing the address, other text as written with addresses linked.
func ckanValue(f Field) string {
	if items := h4Items(f); len(items) > 0 {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, it := range items {
			fmt.Fprintf(&b, "<li>%s</li>", esc(it))
		}
		b.WriteString("</ul>")
		return b.String()
	}
	var out []string
	for _, pt := range valueParts(f, false) {
		if pt.kind == "img" {
			u := esc(absURL(pt.text))
			out = append(out, `<a href="`+u+`" rel="nofollow">`+u+`</a>`)
			continue
		}
		out = append(out, h3Autolink(pt.text, func(u string) string {
			return `<a href="` + esc(u) + `" rel="nofollow">` + esc(u) + `</a>`
		}))
	}
	return strings.Join(out, "<br>")
}
