package pagegen

import (
	"fmt"
	"strings"
)

// joomlaSite is the address of the municipal Joomla site.
const joomlaSite = "https://www.comune-partecipa.it"

// overlaySR is the class of the texts the overlay adds for screen readers
// only, hidden from the screen by its stylesheet.
const overlaySR = "acsb-sr-only"

// overlayRecent is the heading of the sidebar module that follows the
// article.
const overlayRecent = "Processi recenti"

// overlayNav are the attributes the overlay adds to what it makes
// navigable.
const overlayNav = ` data-acsb-navigable="true" data-acsb-now-navigable="false"`

// renderOverlay5 writes a Joomla 4 article (Cassiopeia template) holding
// a record in custom fields, as the browser shows it once an
// accessibility overlay has rewritten the page: skip links, data-acsb
// attributes and aria-labels on headings, labels and links, a visually
// hidden copy of each label at the start of its value, notes for links
// that open a new window, a trigger button and a hidden widget. The
// article shows its title, its tags (the region and the badges), a
// short text, then one field group per section (a heading and a list of
// field-entry items, each a field-label and a field-value span); empty
// fields are not shown and a field's map is a media field of its own.
// The info block with the last-modified date, the page navigation and
// the sidebar follow.
func renderOverlay5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-it" dir="ltr" data-acsb-font-size="16">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Processi partecipativi del Comune">
<meta name="generator" content="Joomla! - Open Source Content Management">
<title>%[1]s - Comune partecipa</title>
<link href="/media/templates/site/cassiopeia/css/template.min.css?4b1e9a" rel="stylesheet">
<link href="/media/system/css/joomla-fontawesome.min.css?4b1e9a" rel="stylesheet">
<script type="application/json" class="joomla-script-options new">{"joomla.jtext":{"JLIB_FORM_CONTAINS_INVALID_FIELDS":"Il modulo non può essere inviato perché mancano dati obbligatori."},"system.paths":{"root":"","rootFull":"%[2]s/","base":"","baseFull":"%[2]s/"}}</script>
<script src="https://acsbapp.com/apps/app/dist/js/app.js" async></script>
<style id="acsb-styles">.%[3]s{position:absolute!important;width:1px!important;height:1px!important;padding:0!important;margin:-1px!important;overflow:hidden!important;clip:rect(0,0,0,0)!important;white-space:nowrap!important;border:0!important}</style>
</head>
<body class="site com_content wrapper-static view-article no-layout no-task itemid-112 has-sidebar-right" data-acsb-body="true">
<nav class="acsb-skip-links" aria-label="Link di salto" data-acsb-skip-links="true"><a href="#content" class="acsb-skip-link" data-acsb-skip-link="true">Vai al contenuto principale</a> <a href="#menu" class="acsb-skip-link" data-acsb-skip-link="true">Vai al menu</a></nav>
<header class="header container-header full-width" data-acsb-header="true">
<div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="%[2]s/"%[4]s><img loading="eager" decoding="async" src="%[2]s/images/logo-comune.png" alt="Comune partecipa" data-acsb-original-alt="" width="300" height="80"></a></div></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav" id="menu" role="menubar" data-acsb-menu="true"><li class="nav-item item-101 default" role="none"><a href="%[2]s/" role="menuitem"%[4]s>Home</a></li><li class="nav-item item-112 current active" role="none"><a href="%[2]s/processi" aria-current="page" role="menuitem"%[4]s>Processi partecipativi</a></li><li class="nav-item item-113" role="none"><a href="https://www.osservatoriopartecipazione.it/" target="_blank" role="menuitem"%[4]s>Osservatorio regionale<span class="%[3]s" data-acsb-sr-only="true"> (si apre in una nuova finestra)</span></a></li></ul></div>
</header>
<div class="site-grid">
<div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Percorso"><ol class="mod-breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__here float-start">Sei qui: &#160;</li><li class="mod-breadcrumbs__item breadcrumb-item"><a href="%[2]s/" class="pathway"%[4]s><span>Home</span></a></li><li class="mod-breadcrumbs__item breadcrumb-item"><a href="%[2]s/processi" class="pathway"%[4]s><span>Processi partecipativi</span></a></li></ol></nav>
<main id="content" data-acsb-main="true">
<div class="com-content-article item-page" data-acsb-article="true">
<div class="page-header"><h1 data-acsb-heading="true" aria-level="1"%[4]s>%[1]s</h1></div>
`, esc(p.Title), joomlaSite, overlaySR, overlayNav)
	var tags []string
	if p.Region != "" {
		tags = append(tags, p.Region)
	}
	tags = append(tags, badgeNames(p)...)
	if len(tags) > 0 {
		b.WriteString("<ul class=\"tags list-inline\">\n")
		for i, t := range tags {
			fmt.Fprintf(b, "<li class=\"list-inline-item tag-%d tag-list%d\"><a href=\"%s/component/tags/tag/%s\" class=\"btn btn-sm btn-info\"%s>%s</a></li>\n", i+3, i, joomlaSite, h5Slug(t), overlayNav, esc(t))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, "<div class=\"com-content-article__body\"><p>Scheda del processo partecipativo ripresa dall'Osservatorio Partecipazione. %s <a href=\"mailto:partecipazione@comune-partecipa.it\"%s>%s</a></p></div>\n", esc(ctaQuestion), overlayNav, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h3 class=\"field-group-title\" data-acsb-heading=\"true\" aria-level=\"3\"%s>%s</h3>\n<ul class=\"fields-container\">\n", overlayNav, esc(s.Name))
		for _, f := range h5NonEmpty(h5MapsApart(s.Fields)) {
			fmt.Fprintf(b, "<li class=\"field-entry %s\"><span class=\"field-label \" aria-label=\"%s\" data-acsb-field-label=\"true\">%s: </span><span class=\"field-value \"><span class=\"%s\" data-acsb-sr-only=\"true\">%s, valore: </span>%s</span></li>\n",
				strings.ReplaceAll(h3Snake(f.Label), "_", "-"), esc(f.Label), esc(f.Label), overlaySR, esc(f.Label), overlayValue(f))
		}
		b.WriteString("</ul>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, `<dl class="article-info text-muted"><dt class="article-info-term">Dettagli</dt><dd class="modified"><span class="icon-calendar icon-fw" aria-hidden="true"></span> <time datetime="%sT00:00:00+01:00">%s %s</time></dd></dl>
`, isoDate(p.LastModified), lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<nav class="pagenavigation" aria-label="Navigazione pagina"><span class="pagination ms-0"><a class="btn btn-sm btn-secondary previous" href="%[1]s/processi/%[2]d" rel="prev"%[3]s><span class="visually-hidden">Articolo precedente: Scheda precedente</span><span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">Prec</span></a></span></nav>
</div>
</main>
</div>
<div class="grid-child container-sidebar-right">
<div class="sidebar-right card"><h3 class="card-header">%[4]s</h3><div class="card-body"><ul class="mod-articleslatest latestnews mod-list"><li><a href="%[1]s/processi/2976"%[3]s><span>Formigine Città della longevità</span></a></li><li><a href="%[1]s/processi/2974"%[3]s><span>Verso la Piazza del sapere</span></a></li></ul></div></div>
</div>
</div>
<footer class="container-footer footer full-width"><div class="grid-child"><p>Comune partecipa – Ufficio partecipazione</p></div></footer>
<div class="acsb-trigger acsb-bg-lead acsb-trigger-size-medium acsb-trigger-shape-circle acsb-trigger-position-x-right acsb-trigger-position-y-bottom acsb-ready" data-acsb-custom-trigger="false" data-acsb-clickable="true" role="button" aria-label="Apri il menu di accessibilità" tabindex="0" aria-haspopup="dialog"><span class="acsb-trigger-icon" aria-hidden="true"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24"><path fill="currentColor" d="M12 2a2 2 0 110 4 2 2 0 010-4zm9 7h-6v13h-2v-6h-2v6H9V9H3V7h18v2z"></path></svg></span></div>
<div class="acsb-widget acsb-widget-position-right" data-acsb="widget" aria-hidden="true" style="display: none;"><div class="acsb-main"><div class="acsb-header"><span class="acsb-title">Regolazioni di accessibilità</span></div><div class="acsb-profiles"><span class="acsb-profile-title">Profili di accessibilità</span><span>Modalità sicura per epilessia</span><span>Modalità ipovedenti</span><span>Modalità disabilità cognitiva</span></div><div class="acsb-content-adjustments"><span>Regolazioni del contenuto</span><span>Evidenzia i titoli</span><span>Evidenzia i link</span></div></div></div>
<script src="/media/templates/site/cassiopeia/js/template.min.js?4b1e9a" defer></script>
</body>
</html>
`, joomlaSite, p.ID-1, overlayNav, overlayRecent)
}

// overlayValue renders a field-value as Joomla's field plugins do: text
// as written, media fields as images whose missing alt text the overlay
// filled in.
func overlayValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		if pt.kind == "img" {
			out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="Immagine della mappa" data-acsb-original-alt="" loading="lazy" width="400" height="280">`)
			continue
		}
		out = append(out, esc(pt.text))
	}
	return strings.Join(out, "<br>")
}
