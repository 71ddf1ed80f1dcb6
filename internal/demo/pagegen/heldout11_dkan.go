package pagegen

import (
	"fmt"
	"strings"
)

// renderDKAN11 writes a record as a DKAN dataset page: one table per
// section with a "Campo" / "Valore" header row and one row per field.
func renderDKAN11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 9 (https://www.drupal.org)" />
<title>%[1]s | Dati aperti - Osservatorio Partecipazione</title>
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_dkan_Qm1x.css" />
<script type="application/json" data-drupal-selector="drupal-settings-json">{"path":{"baseUrl":"\/","currentPath":"dataset\/%[2]d","currentLanguage":"it"},"dkan":{"datasetId":"a7c3e1f0-%[2]d"}}</script>
</head>
<body class="path-dataset">
<a href="#main-content" class="visually-hidden focusable skip-link">Vai al contenuto principale</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<header class="dc-header"><div class="branding"><a href="/" class="dc-logo"><img src="/themes/custom/dkan_theme/logo.svg" alt="Home" /></a><span class="dc-site-name">Osservatorio Partecipazione - Dati aperti</span></div>
<nav class="dc-main-navigation" aria-label="Navigazione principale"><ul class="menu">
`, esc(p.Title), p.ID)
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li class="menu-item"><a href="/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav></header>
<main id="main-content" role="main">
<div class="dc-breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/search">Dataset</a></li><li>%[1]s</li></ol></div>
<div class="dc-dataset-page container-fluid">
<div class="col-md-3 col-sm-12"><div class="dc-block-wrapper"><div class="dc-org-block"><h2 class="dc-org-name">%[2]s</h2></div></div>
<div class="dc-block-wrapper"><h3>Download</h3><ul><li><a href="/api/1/metastore/schemas/dataset/items/a7c3e1f0-%[3]d?show-reference-ids">Metadati JSON</a></li></ul></div></div>
<div class="col-md-9 col-sm-12 dc-dataset-content">
<h1>%[1]s</h1>
`, esc(p.Title), esc(p.Region), p.ID)
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="dc-tags"><strong>Tag:</strong> `)
		for _, bd := range bs {
			fmt.Fprintf(b, `<span class="dc-tag">%s</span> `, esc(bd))
		}
		b.WriteString("</div>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="dc-dataset-additional-info">
<h2>%s</h2>
<table class="table table-striped">
<thead><tr><th scope="col">Campo</th><th scope="col">Valore</th></tr></thead>
<tbody>
`, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>\n", esc(f.Label), h11Value(f, "dc-list", "<br />"))
		}
		b.WriteString("</tbody>\n</table>\n</div>\n")
	}
	fmt.Fprintf(b, `<div class="dc-dataset-cta"><p>%[1]s <a href="/contact?dataset=%[3]d">%[2]s</a></p></div>
</div>
</div>
</main>
<footer class="dc-footer"><p>Assemblea legislativa della Regione Emilia-Romagna</p><p>Realizzato con <a href="https://getdkan.org">DKAN</a></p></footer>
</div>
<div id="sliding-popup" class="sliding-popup-bottom" role="banner"><div class="eu-cookie-compliance-banner"><div class="popup-content info"><div id="popup-text"><p>%[4]s</p></div><div id="popup-buttons"><button type="button" class="agree-button eu-cookie-compliance-default-button">Accetto</button></div></div></div></div>
<script src="/sites/default/files/js/js_dkan_app.js"></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
