package pagegen

import (
	"fmt"
	"strings"
)

// wikibaseNoValue is what Wikibase shows for a statement with no value;
// wikibaseSitelinks heads the site links after the statements.
const (
	wikibaseNoValue   = "nessun valore"
	wikibaseSitelinks = "Collegamenti wiki"
)

// wikibaseItems reports whether the values of f are items of the
// knowledge base (enumerations and yes/no answers), shown as links.
func wikibaseItems(f Field) bool {
	switch f.Type {
	case "enum", "bool":
		return true
	}
	return f.Label == "Figure Professionali" || f.Label == "Tecniche di Partecipazione" || f.Label == "Ambito di intervento"
}

// renderWikibase7 writes a record as a Wikibase item page: badges as
// page status indicators, the title in the <h1> followed by the item id,
// the region in the description, then the statements without the
// record's sections: property labels as links, one statement per list
// item or line, enumerated values as links to items, "nessun valore" for
// empty fields, rank selectors, edit links and reference togglers.
func renderWikibase7(b *strings.Builder, p *Page) {
	q := fmt.Sprintf("Q%d", 2000+p.ID)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class="client-nojs vector-feature-language-in-header-enabled" lang="it" dir="ltr">
<head>
<meta charset="UTF-8">
<title>%[1]s - Partecipa Wikibase</title>
<script>(function(){var className="client-js";document.documentElement.className=className;}());RLCONF={"wgCanonicalNamespace":"Item","wgTitle":"%[2]s","wbEntityId":"%[2]s"};</script>
<link rel="stylesheet" href="/w/load.php?lang=it&amp;modules=skins.vector.styles%%7Cwikibase.common&amp;only=styles&amp;skin=vector-2022">
<meta name="generator" content="MediaWiki 1.39.5">
<link rel="canonical" href="https://wikibase.partecipa.example/wiki/Item:%[2]s">
</head>
<body class="skin-vector skin-vector-search-vue mediawiki ltr sitedir-ltr ns-120 ns-subject page-Item_%[2]s rootpage-Item_%[2]s skin-vector-2022 action-view wb-entitypage wb-itempage">
<div class="mw-page-container"><div class="mw-page-container-inner">
<header class="vector-header mw-header"><div class="vector-header-start"><a href="/wiki/Pagina_principale" class="mw-logo"><span class="mw-logo-container">Partecipa Wikibase</span></a></div>
<div class="vector-header-end"><div id="p-search" role="search" class="vector-search-box-vue"><form action="/w/index.php" id="searchform"><input type="search" name="search" placeholder="Cerca in Partecipa Wikibase" aria-label="Cerca in Partecipa Wikibase" autocapitalize="sentences" title="Cerca in Partecipa Wikibase [f]" accesskey="f" id="searchInput"><button class="cdx-button cdx-search-input__end-button">Cerca</button></form></div></div></header>
<div class="mw-content-container"><main id="content" class="mw-body" role="main">
<div class="vector-body-before-content"><div class="mw-indicators">
`, esc(p.Title), q)
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, `<div id="mw-indicator-wb-badges-%[1]s" class="mw-indicator"><span class="wb-badge wb-badge-%[2]s" title="%[3]s"><img alt="%[3]s" src="/w/images/badge-%[1]s.svg" width="16" height="16"></span></div>
`, strings.ToLower(bd), h3ID(bd, 6), esc(bd))
	}
	fmt.Fprintf(b, `</div></div>
<header class="mw-body-header vector-page-titlebar"><h1 id="firstHeading" class="firstHeading mw-first-heading"><span class="wikibase-title"><span class="wikibase-title-label">%[1]s</span> <span class="wikibase-title-id">(%[2]s)</span></span></h1></header>
<div id="bodyContent" class="vector-body"><div id="siteSub" class="noprint">Da Partecipa Wikibase</div>
<div id="mw-content-text" class="mw-body-content"><div id="wb-item-%[2]s" class="wikibase-entityview wb-item" lang="it" dir="ltr"><div class="wikibase-entityview-main">
<div class="wikibase-entitytermsview"><div class="wikibase-entitytermsview-heading"><div class="wikibase-entitytermsview-heading-description ">%[3]s</div><div class="wikibase-entitytermsview-heading-aliases wb-empty"></div></div></div>
<h2 class="wb-section-heading section-heading wikibase-statements" dir="auto"><span class="mw-headline" id="claims">Dichiarazioni</span></h2>
<div class="wikibase-statementgrouplistview"><div class="wikibase-listview">
`, esc(p.Title), q, wikibaseDescription(p))
	prop := 10
	for i := range p.Sections {
		for _, f := range h7Fields(p, i) {
			prop++
			pid := fmt.Sprintf("P%d", prop)
			fmt.Fprintf(b, `<div class="wikibase-statementgroupview listview-item" id="%[1]s" data-property-id="%[1]s"><div class="wikibase-statementgroupview-property"><div class="wikibase-statementgroupview-property-label" dir="auto"><a title="Property:%[1]s" href="/wiki/Property:%[1]s">%[2]s</a></div></div><div class="wikibase-statementlistview"><div class="wikibase-statementlistview-listview">
`, pid, esc(f.Label))
			vals := wikibaseValues(f)
			if len(vals) == 0 {
				vals = []string{`<div class="wikibase-snakview-value wikibase-snakview-variation-novaluesnak">` + wikibaseNoValue + `</div>`}
			}
			for k, v := range vals {
				fmt.Fprintf(b, `<div class="wikibase-statementview wikibase-statement-%[1]s$%[2]s wb-normal listview-item wikibase-toolbar-item"><div class="wikibase-statementview-rankselector"><div class="wikibase-rankselector ui-state-disabled"><span class="ui-icon ui-icon-rankselector wikibase-rankselector-normal" title="Rango normale"></span></div></div><div class="wikibase-statementview-mainsnak-container"><div class="wikibase-statementview-mainsnak" dir="auto"><div class="wikibase-snakview"><div class="wikibase-snakview-property-container"><div class="wikibase-snakview-property" dir="auto"></div></div><div class="wikibase-snakview-value-container" dir="auto"><div class="wikibase-snakview-typeselector"></div><div class="wikibase-snakview-body">%[3]s<div class="wikibase-snakview-indicators"></div></div></div></div></div><div class="wikibase-statementview-qualifiers"></div></div><span class="wikibase-toolbar-container wikibase-edittoolbar-container"><span class="wikibase-toolbar wikibase-toolbar-item wikibase-toolbar-container"><span class="wikibase-toolbarbutton wikibase-toolbar-item wikibase-toolbar-button wikibase-toolbar-button-edit"><a href="/wiki/Special:SetClaim/%[1]s" title=""><span class="wb-icon"></span>modifica</a></span></span></span><div class="wikibase-statementview-references-container"><div class="wikibase-statementview-references-heading"><a class="ui-toggler ui-toggler-toggle ui-state-default"><span class="ui-toggler-icon ui-icon ui-icon-triangle-1-e"></span><span class="ui-toggler-label">0 riferimenti</span></a></div><div class="wikibase-statementview-references"></div></div></div>
`, q, h3ID(fmt.Sprint(pid, k), 8)+"-"+h3ID(f.Label, 4), v)
			}
			b.WriteString(`</div><span class="wikibase-toolbar-container"><span class="wikibase-toolbar-item wikibase-toolbar wikibase-addtoolbar wikibase-toolbar-container wikibase-addtoolbar-container"><span class="wikibase-toolbarbutton wikibase-toolbar-item wikibase-toolbar-button wikibase-toolbar-button-add"><a href="#" title="Aggiungi un nuovo valore"><span class="wb-icon"></span>aggiungi valore</a></span></span></span></div></div>
`)
		}
	}
	fmt.Fprintf(b, `</div></div>
<h2 class="wb-section-heading section-heading wikibase-sitelinks" dir="auto"><span class="mw-headline" id="sitelinks">%s</span></h2>
<div class="wikibase-sitelinkgrouplistview"><div class="wikibase-sitelinkgroupview-heading-container"><h3 class="wb-sitelinks-heading">Wikipedia<span class="wikibase-sitelinkgroupview-counter">(0 voci)</span></h3></div></div>
</div></div></div>
<div class="printfooter">Estratto da &quot;<a dir="ltr" href="https://wikibase.partecipa.example/w/index.php?title=Item:%s&amp;oldid=9021">https://wikibase.partecipa.example/w/index.php?title=Item:%s&amp;oldid=9021</a>&quot;</div>
</div></main></div>
<footer id="footer" class="mw-footer" role="contentinfo"><ul id="footer-info"><li id="footer-info-lastmod"> Questa pagina è stata modificata per l'ultima volta il 15 feb 2020 alle 10:12.</li><li id="footer-info-copyright">Tutti i dati strutturati sono disponibili secondo la licenza <a class="external" rel="nofollow" href="https://creativecommons.org/publicdomain/zero/1.0/">Creative Commons CC0</a>.</li></ul></footer>
</div></div>
</body>
</html>
`, wikibaseSitelinks, q, q)
}

// wikibaseDescription is the item's description: what it is and where.
func wikibaseDescription(p *Page) string {
	if p.Region == "" {
		return "processo partecipativo"
	}
	return "processo partecipativo, " + esc(p.Region)
}

// wikibaseValues returns the statement values of f, one per list item,
// line or image: items of the knowledge base as links to them, addresses
// as external links, the rest as strings.
func wikibaseValues(f Field) []string {
	var out []string
	for _, pt := range h7Lines(f) {
		var v string
		switch {
		case pt.kind == "map":
			continue
		case pt.kind == "img":
			v = `<a class="external free" href="` + esc(pt.text) + `" rel="nofollow">` + esc(pt.text) + `</a>`
		case wikibaseItems(f):
			v = fmt.Sprintf(`<a title="Item:Q%d" href="/wiki/Item:Q%d">%s</a>`, 100+h3Hash(pt.text)%9000, 100+h3Hash(pt.text)%9000, esc(pt.text))
		default:
			v = h6Text(pt.text)
		}
		out = append(out, `<div class="wikibase-snakview-value wikibase-snakview-variation-valuesnak">`+v+`</div>`)
	}
	return out
}
