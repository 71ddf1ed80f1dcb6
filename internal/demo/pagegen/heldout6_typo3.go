package pagegen

import (
	"fmt"
	"strings"
)

// typo3Site is the address of the open data portal; typo3Empty what its
// template shows for a field without data; typo3Downloads the heading of
// the download links after the record.
const (
	typo3Site      = "https://dati.partecipazione-er.example.it"
	typo3Empty     = "n.d."
	typo3Downloads = "Scarica i dati"
)

// renderTypo36 writes a record as an Italian open data portal built on
// TYPO3 with the Bootstrap package shows a "scheda": the cookie consent
// modal (hidden), the navbar and breadcrumb, the title, the region as the
// lead and the badges, then one tab content element: a tab list with one
// button per section, and one tab panel per section, of which only the
// first is shown until a tab is chosen (the others are hidden by the
// stylesheet, in the markup all the same). Each field is a grid row whose
// label column is told apart by a bold class only. The last-modified
// date and the download links follow the tabs.
func renderTypo36(b *strings.Builder, p *Page) {
	uid := 300 + p.ID%97
	fmt.Fprintf(b, `<!DOCTYPE html>
<html dir="ltr" lang="it-IT">
<head>
<meta charset="utf-8">
<!--
	This website is powered by TYPO3 - inspiring people to share!
	TYPO3 is a free open source Content Management Framework initially created by Kasper Skaarhoj and licensed under GNU/GPL.
	TYPO3 is copyright 1998-2024 of Kasper Skaarhoj. Extensions are copyright of their respective owners.
	Information and contribution at https://typo3.org/
-->
<title>%[1]s | OpenData Partecipazione ER</title>
<meta name="generator" content="TYPO3 CMS">
<meta name="viewport" content="width=device-width, initial-scale=1, minimum-scale=1">
<link rel="stylesheet" href="/typo3temp/assets/bootstrappackage/css/theme-5f3c1d2e9a.css?1714723200" media="all">
<link rel="stylesheet" href="/typo3conf/ext/cookieman/Resources/Public/Themes/bootstrap5-modal/cookieman-theme.min.css?1714723200" media="all">
<script src="/typo3conf/ext/bootstrap_package/Resources/Public/Contrib/bootstrap5/js/bootstrap.bundle.min.js?1714723200"></script>
</head>
<body id="p%[2]d" class="page-%[2]d pagelevel-3 language-0 backendlayout-default layout-default">
<div id="top"></div>
<div class="body-bg">
<a class="visually-hidden-focusable page-skip-link" href="#page-content"><span>Vai al contenuto principale</span></a>
<header id="page-header" class="bp-page-header navbar navbar-mainnavigation navbar-default navbar-has-image navbar-top">
<div class="container"><a class="navbar-brand navbar-brand-image" title="OpenData Partecipazione ER" href="/"><img class="navbar-brand-logo-normal" src="/fileadmin/logo-opendata.svg" alt="OpenData Partecipazione ER logo" height="52" width="180"></a>
<nav aria-label="Navigazione principale" id="mainnavigation" class="navbar-collapse"><ul class="navbar-nav"><li class="nav-item"><a href="/dataset/" class="nav-link nav-link-main"><span class="nav-link-text">Dataset</span></a></li><li class="nav-item active"><a href="/schede/" class="nav-link nav-link-main" aria-current="true"><span class="nav-link-text">Schede processi</span></a></li><li class="nav-item"><a href="/api/" class="nav-link nav-link-main"><span class="nav-link-text">API</span></a></li></ul></nav></div>
</header>
<nav class="breadcrumb-section" aria-label="Percorso di navigazione"><div class="container"><p class="visually-hidden" id="breadcrumb">Sei qui:</p><ol class="breadcrumb"><li class="breadcrumb-item"><a class="breadcrumb-link" href="/" title="Home"><span class="breadcrumb-text">Home</span></a></li><li class="breadcrumb-item"><a class="breadcrumb-link" href="/schede/" title="Schede processi"><span class="breadcrumb-text">Schede processi</span></a></li><li class="breadcrumb-item active" aria-current="page"><span class="breadcrumb-text">Scheda n. %[3]d</span></li></ol></div></nav>
<div id="page-content" class="bp-page-content main-section">
<main>
<!--TYPO3SEARCH_begin-->
<div id="c%[2]d" class="frame frame-default frame-type-header frame-layout-default frame-size-default frame-height-default frame-background-none frame-space-before-none frame-space-after-none"><div class="frame-container"><div class="frame-inner"><div class="frame-header"><h1 class="element-header"><span>%[1]s</span></h1></div></div></div></div>
`, esc(p.Title), uid, p.ID)
	if p.Region != "" || p.Certified || p.Financed {
		b.WriteString(`<div class="container"><p class="lead">`)
		if p.Region != "" {
			b.WriteString(esc(p.Region))
		}
		for _, badge := range badgeNames(p) {
			fmt.Fprintf(b, ` <span class="badge bg-success">%s</span>`, badge)
		}
		b.WriteString("</p></div>\n")
	}
	fmt.Fprintf(b, `<div id="c%[1]d" class="frame frame-default frame-type-tab frame-layout-default frame-size-default frame-height-default frame-background-none frame-space-before-none frame-space-after-none"><div class="frame-container"><div class="frame-inner">
<div class="tab tab-top"><div class="tab-navigation"><ul class="nav nav-tabs" id="tab-%[1]d" role="tablist">
`, uid+1)
	for i, s := range p.Sections {
		active, selected := "", "false"
		if i == 0 {
			active, selected = " active", "true"
		}
		fmt.Fprintf(b, `<li class="nav-item" role="presentation"><button class="nav-link%[1]s" id="tab-%[2]d-%[3]d-link" data-bs-toggle="tab" data-bs-target="#tab-%[2]d-%[3]d" type="button" role="tab" aria-controls="tab-%[2]d-%[3]d" aria-selected="%[4]s">%[5]s</button></li>`+"\n",
			active, uid+1, i+1, selected, esc(s.Name))
	}
	fmt.Fprintf(b, "</ul></div>\n<div class=\"tab-content\" id=\"tab-%d-content\">\n", uid+1)
	for i, s := range p.Sections {
		shown := ""
		if i == 0 {
			shown = " show active"
		}
		fmt.Fprintf(b, "<div class=\"tab-pane fade%[1]s\" id=\"tab-%[2]d-%[3]d\" role=\"tabpanel\" aria-labelledby=\"tab-%[2]d-%[3]d-link\" tabindex=\"0\">\n<div class=\"tab-pane-inner\"><div class=\"container-fluid\">\n", shown, uid+1, i+1)
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<div class=\"row border-bottom py-2\"><div class=\"col-md-4 fw-bold text-secondary\">%s</div><div class=\"col-md-8\">%s</div></div>\n", esc(f.Label), typo3Value(f))
		}
		b.WriteString("</div></div>\n</div>\n")
	}
	b.WriteString("</div>\n</div>\n</div></div></div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"container\"><p class=\"small text-muted\">%s %s</p></div>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<div id="c%[1]d" class="frame frame-default frame-type-uploads frame-layout-default"><div class="frame-container"><div class="frame-inner"><div class="frame-header"><h2 class="element-header"><span>%[2]s</span></h2></div>
<ul class="list-inline"><li class="list-inline-item"><a class="btn btn-outline-primary" href="%[3]s/api/schede/%[4]d.csv">CSV</a></li><li class="list-inline-item"><a class="btn btn-outline-primary" href="%[3]s/api/schede/%[4]d.json">JSON</a></li><li class="list-inline-item"><a class="btn btn-outline-primary" href="%[3]s/api/schede/%[4]d.rdf">RDF</a></li></ul>
<p>Licenza: <a href="https://creativecommons.org/licenses/by/4.0/deed.it">CC BY 4.0</a>. Fonte: Osservatorio Partecipazione.</p>
</div></div></div>
<!--TYPO3SEARCH_end-->
</main>
</div>
<footer id="page-footer" class="bp-page-footer"><section class="section footer-section footer-section-content"><div class="container"><p>OpenData Partecipazione ER &middot; <a href="/privacy/">Privacy</a> &middot; <a href="#" data-cookieman-showonce="1" onclick="cookieman.show(); return false">Impostazioni cookie</a></p></div></section></footer>
</div>
<div class="modal fade" id="cookieman-modal" data-cookieman-showonce="1" tabindex="-1" role="dialog" aria-labelledby="cookieman-modal-title" aria-hidden="true"><div class="modal-dialog modal-lg modal-dialog-centered" role="document"><div class="modal-content"><div class="modal-body"><p id="cookieman-modal-title" class="h3">Questo sito usa cookie</p><p>Usiamo cookie tecnici e, con il tuo consenso, cookie statistici.</p></div><div class="modal-footer"><button class="btn btn-primary" data-cookieman-accept-all data-bs-dismiss="modal">Accetta tutti</button><button class="btn btn-secondary" data-cookieman-save data-bs-dismiss="modal">Salva</button></div></div></div></div>
<script src="/typo3conf/ext/cookieman/Resources/Public/Js/cookieman.min.js?1714723200"></script>
</body>
</html>
`, uid+2, typo3Downloads, typo3Site, p.ID)
}

// typo3Value renders a value column of the scheda: lists as unstyled
// lists, images as linked figures, long texts as paragraphs, addresses
// linked, "n.d." in muted text when there is no data.
func typo3Value(f Field) string {
	if isEmpty(f) {
		return `<span class="text-muted">` + typo3Empty + `</span>`
	}
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<ul class="list-unstyled mb-0"><li>`+strings.Join(items, "</li><li>")+`</li></ul>`)
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			items = append(items, esc(pt.text))
			continue
		case "img":
			flush()
			u := esc(absURL(pt.text))
			out = append(out, `<figure class="image"><a href="`+u+`" class="lightbox" rel="lightbox-image"><img class="img-fluid" src="`+u+`" width="320" alt=""></a></figure>`)
		case "map":
			flush()
			out = append(out, `<span class="d-block small">`+esc(pt.text)+`</span>`)
		default:
			flush()
			if h3Long(f) {
				out = append(out, `<p>`+h6Text(pt.text)+`</p>`)
			} else {
				out = append(out, h6Text(pt.text))
			}
		}
	}
	flush()
	return strings.Join(out, "")
}
