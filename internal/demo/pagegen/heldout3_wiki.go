package pagegen

import (
	"fmt"
	"net/url"
	"strings"
)

// renderConfluence3 writes a Confluence page of a space where the
// observatory keeps its records: breadcrumbs through the region, the
// badges as status lozenges, the call to action in an info macro, and one
// page-properties (details) macro per section under an <h2>.
func renderConfluence3(b *strings.Builder, p *Page) {
	pageID := 4128768 + p.ID
	anchor := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, fmt.Sprintf("%d%s", p.ID, p.Title))
	if len(anchor) > 40 {
		anchor = anchor[:40]
	}
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<title>%s - Schede processi - Confluence</title>
<meta http-equiv="X-UA-Compatible" content="IE=EDGE,chrome=IE7">
<meta charset="UTF-8">
<meta id="confluence-context-path" name="confluence-context-path" content="">
<meta id="confluence-base-url" name="confluence-base-url" content="https://wiki.osservatoriopartecipazione.it">
<meta name="ajs-page-id" content="%d">
<meta name="ajs-space-key" content="OSS">
<link rel="stylesheet" href="/s/d41d8cd98f00b204e9800998ecf8427e-CDN/it_IT/8804/batch.css" media="all">
</head>
<body id="com-atlassian-confluence" class="theme-default aui-layout aui-theme-default">
<div id="page">
<div id="full-height-container">
<header id="header" role="banner">
<nav class="aui-header aui-dropdown2-trigger-group" role="navigation"><div class="aui-header-inner"><div class="aui-header-primary"><span id="logo" class="aui-header-logo aui-header-logo-custom"><a href="/"><span class="aui-header-logo-text">Wiki Osservatorio</span></a></span><ul class="aui-nav"><li><a href="/spacedirectory/view.action" class="aui-nav-link">Spazi</a></li><li><a href="/browsepeople.action" class="aui-nav-link">Persone</a></li></ul></div></div></nav>
</header>
<div id="main" class="aui-page-panel">
<div id="main-header">
<div id="navigation" class="content-navigation view"><ul class="ajs-menu-bar"><li class="ajs-button normal"><a id="editPageLink" href="/pages/editpage.action?pageId=%d" rel="nofollow" class="aui-button aui-button-subtle edit" accesskey="e" title="Modifica (e)"><span><span class="aui-icon aui-icon-small aui-iconfont-edit"></span> <span class="trigger-text">Modifica</span></span></a></li><li class="ajs-button normal"><a id="shareContentLink" href="#" class="aui-button aui-button-subtle share" title="Condividi questa pagina"><span><span class="aui-icon aui-icon-small aui-iconfont-share"></span> <span class="trigger-text">Condividi</span></span></a></li></ul></div>
<div id="breadcrumb-section"><nav aria-label="Breadcrumbs"><ol id="breadcrumbs"><li class="first"><span><a href="/display/OSS/Osservatorio+Partecipazione">Osservatorio Partecipazione</a></span></li>`,
		esc(p.Title), pageID, pageID)
	if p.Region != "" {
		fmt.Fprintf(b, "<li><span><a href=\"/display/OSS/%s\">%s</a></span></li>", url.PathEscape(strings.ReplaceAll(p.Region, " ", "+")), esc(p.Region))
	}
	fmt.Fprintf(b, `<li><span><a href="/display/OSS/Schede+processi">Schede processi</a></span></li></ol></nav></div>
<h1 id="title-heading" class="pagetitle with-breadcrumbs"><span id="title-text"><a href="/pages/viewpage.action?pageId=%d">%s</a></span></h1>
</div>
<div id="content" class="page view">
<div class="page-metadata"><ul><li class="page-metadata-modification-info">Creato da <span class="author"><a href="/display/~redazione" class="url fn confluence-userlink" data-username="redazione">Redazione Osservatorio</a></span></li></ul></div>
<div id="main-content" class="wiki-content">
`, pageID, esc(p.Title))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<p>")
		for _, name := range n {
			fmt.Fprintf(b, "<span class=\"status-macro aui-lozenge aui-lozenge-success conf-macro output-inline\" data-hasbody=\"false\" data-macro-name=\"status\">%s</span> ", esc(name))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, `<div class="confluence-information-macro confluence-information-macro-information conf-macro output-block" data-hasbody="true" data-macro-name="info"><span class="aui-icon aui-icon-small aui-iconfont-info confluence-information-macro-icon"></span><div class="confluence-information-macro-body"><p>%s <a href="https://www.osservatoriopartecipazione.it/integra?processo=%d" class="external-link" rel="nofollow">%s</a></p></div></div>
`, esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h2 id=\"%s-%s\">%s</h2>\n", anchor, strings.Join(h3Words(s.Name), ""), esc(s.Name))
		fmt.Fprintf(b, "<div class=\"plugin-tabmeta-details conf-macro output-block\" data-hasbody=\"true\" data-macro-name=\"details\"><div class=\"table-wrap\"><table class=\"confluenceTable\"><colgroup><col style=\"width: 240.0px;\"><col style=\"width: 520.0px;\"></colgroup><tbody>\n")
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<tr><th class=\"confluenceTh\"><p>%s</p></th><td class=\"confluenceTd\">%s</td></tr>\n", esc(f.Label), confluenceValue(f))
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			fmt.Fprintf(b, "<tr><th class=\"confluenceTh\"><p>%s</p></th><td class=\"confluenceTd\"><div class=\"content-wrapper\"><p><time datetime=\"%s\" class=\"date-past\">%s</time></p></div></td></tr>\n", lastModLabel, isoDate(p.LastModified), esc(p.LastModified))
		}
		b.WriteString("</tbody></table></div></div>\n")
	}
	fmt.Fprintf(b, `</div>
<div id="likes-and-labels-container"><div id="likes-section"><a href="#" class="like-button"><span class="aui-icon aui-icon-small aui-iconfont-like"></span><span class="like-button-text">Mi piace</span></a><div class="like-summary">Piace a nessuno</div></div>
<div id="labels-section" class="pageSection group"><div class="labels-section-content content-column" entityid="%d" entitytype="page"><div class="labels-content"><ul class="label-list label-list-right"><li class="aui-label" data-label-id="98311"><a class="aui-label-split-main" href="/label/OSS/scheda-processo" rel="tag">scheda-processo</a></li><li class="aui-label" data-label-id="98312"><a class="aui-label-split-main" href="/label/OSS/osservatorio" rel="tag">osservatorio</a></li></ul></div></div></div>
</div>
<div id="comments-section" class="pageSection group"><div class="section-header"><h2 id="comments-section-title" class="section-title">Nessun commento</h2></div></div>
</div>
</div>
<div id="footer" role="contentinfo"><section class="footer-body"><ul id="poweredby"><li class="noprint">Con tecnologia Atlassian Confluence 8.5.4</li></ul></section></div>
</div>
</div>
</body>
</html>
`, pageID)
}

// confluenceValue renders a cell of a page-properties table: paragraphs in
// a content wrapper, autolinked URLs, images embedded from their URL,
// short list items as status lozenges and other lists as bullets, an
// empty cell as an empty paragraph.
func confluenceValue(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return "<p><br></p>"
	}
	lozenges := h3ShortItems(f, 32)
	var out []string
	var items []string
	flush := func() {
		if len(items) == 0 {
			return
		}
		if lozenges {
			out = append(out, "<p>"+strings.Join(items, " ")+"</p>")
		} else {
			out = append(out, "<ul>"+strings.Join(items, "")+"</ul>")
		}
		items = nil
	}
	for _, pt := range parts {
		switch pt.kind {
		case "map":
			flush()
			out = append(out, "<p>"+mapLine+"</p>")
		case "img":
			flush()
			u := esc(absURL(pt.text))
			out = append(out, fmt.Sprintf("<p><span class=\"confluence-embedded-file-wrapper confluence-embedded-manual-size\"><img class=\"confluence-embedded-image confluence-external-resource\" height=\"150\" src=\"%s\" data-image-src=\"%s\" alt=\"\"></span></p>", u, u))
		case "item":
			if lozenges {
				items = append(items, "<span class=\"status-macro aui-lozenge conf-macro output-inline\" data-hasbody=\"false\" data-macro-name=\"status\">"+esc(pt.text)+"</span>")
			} else {
				items = append(items, "<li>"+esc(pt.text)+"</li>")
			}
		default:
			flush()
			out = append(out, "<p>"+h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" class="external-link" rel="nofollow">` + esc(u) + `</a>`
			})+"</p>")
		}
	}
	flush()
	return "<div class=\"content-wrapper\">" + strings.Join(out, "") + "</div>"
}

// wikiLong reports whether the wiki shows f as an article section rather
// than in the infobox.
func wikiLong(f Field) bool { return h3Long(f) }

// wikiCited are the fields whose value carries a citation marker.
var wikiCited = set("Costo complessivo del processo", "Importo finanziato dal Bando", "Numero persone partecipanti (stimate o effettive)",
	"Partecipanti", "Design del processo partecipativo", "Obiettivi", "Risultati conseguiti", "Stato di avanzamento")

// renderWiki3 writes a MediaWiki article about the record: an infobox
// (template "sinottico") with the title, region, badges and every short
// field under a division row per section, then the long texts as article
// sections, the references and the categories. Empty fields are left out,
// as infobox templates leave out empty parameters.
func renderWiki3(b *strings.Builder, p *Page) {
	page := strings.ReplaceAll(p.Title, " ", "_")
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class="client-nojs vector-feature-language-in-header-enabled" lang="it" dir="ltr">
<head>
<meta charset="UTF-8">
<title>%s - WikiPartecipazione</title>
<script>(function(){var className="client-js";var cookie=document.cookie.match(/(?:^|; )wikimwclientpreferences=([^;]+)/);document.documentElement.className=className;}());</script>
<link rel="stylesheet" href="/w/load.php?lang=it&amp;modules=ext.cite.styles%%7Cskins.vector.styles&amp;only=styles&amp;skin=vector-2022">
<meta name="generator" content="MediaWiki 1.41.1">
<link rel="canonical" href="https://wiki.osservatoriopartecipazione.it/wiki/%s">
</head>
<body class="skin-vector skin-vector-search-vue mediawiki ltr sitedir-ltr mw-hide-empty-elt ns-0 ns-subject page-%s rootpage-%s skin-vector-2022 action-view">
<a class="mw-jump-link" href="#bodyContent">Vai al contenuto</a>
<div class="vector-header-container"><header class="vector-header mw-header"><div class="vector-header-start"><a href="/wiki/Pagina_principale" class="mw-logo"><span class="mw-logo-container">WikiPartecipazione</span></a></div></header></div>
<div class="mw-page-container"><div class="mw-page-container-inner"><div class="mw-content-container">
<main id="content" class="mw-body">
<header class="mw-body-header vector-page-titlebar">
<h1 id="firstHeading" class="firstHeading mw-first-heading"><span class="mw-page-title-main">%s</span></h1>
</header>
<div id="bodyContent" class="vector-body" aria-labelledby="firstHeading">
<div id="siteSub" class="noprint">Da WikiPartecipazione, l'enciclopedia dei processi partecipativi.</div>
<div id="mw-content-text" class="mw-body-content"><div class="mw-content-ltr mw-parser-output" lang="it" dir="ltr">
<table class="sinottico">
<tbody><tr class="sinottico_testata"><th colspan="2">%s</th></tr>
`, esc(p.Title), esc(url.PathEscape(page)), esc(url.PathEscape(page)), esc(url.PathEscape(page)), esc(p.Title), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<tr><td colspan=\"2\" class=\"sinottico_sottotitolo\"><a href=\"/wiki/Regione_Emilia-Romagna\" title=\"Regione Emilia-Romagna\">%s</a></td></tr>\n", esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<tr><td colspan=\"2\" style=\"text-align:center\">")
		for i, name := range n {
			if i > 0 {
				b.WriteString(" &#183; ")
			}
			fmt.Fprintf(b, "<span class=\"bollino\"><img alt=\"\" src=\"/w/images/thumb/bollino.svg/16px-bollino.svg.png\" width=\"16\" height=\"16\"> %s</span>", esc(name))
		}
		b.WriteString("</td></tr>\n")
	}
	refs := 0
	cite := func() string {
		refs++
		return fmt.Sprintf("<sup id=\"cite_ref-%d\" class=\"reference\"><a href=\"#cite_note-%d\">[%d]</a></sup>", refs, refs, refs)
	}
	for i, s := range p.Sections {
		var short []Field
		for _, f := range s.Fields {
			if !isEmpty(f) && !wikiLong(f) {
				short = append(short, f)
			}
		}
		last := i == len(p.Sections)-1 && p.LastModified != ""
		if len(short) == 0 && !last {
			continue
		}
		fmt.Fprintf(b, "<tr class=\"sinottico_divisione\"><th colspan=\"2\">%s</th></tr>\n", esc(s.Name))
		for _, f := range short {
			v := wikiValue(f)
			if wikiCited[f.Label] {
				v += cite()
			}
			fmt.Fprintf(b, "<tr><th>%s</th><td>%s</td></tr>\n", esc(f.Label), v)
		}
		if last {
			fmt.Fprintf(b, "<tr><th>%s</th><td>%s</td></tr>\n", lastModLabel, esc(p.LastModified))
		}
	}
	b.WriteString("</tbody></table>\n")
	fmt.Fprintf(b, "<p><b>%s</b> è un processo partecipativo censito dall'Osservatorio Partecipazione. <i>%s <a rel=\"nofollow\" class=\"external text\" href=\"https://www.osservatoriopartecipazione.it/integra?processo=%d\">%s</a></i></p>\n",
		esc(p.Title), esc(ctaQuestion), p.ID, esc(ctaAction))
	section := 0
	for _, s := range p.Sections {
		var long []Field
		for _, f := range s.Fields {
			if !isEmpty(f) && wikiLong(f) {
				long = append(long, f)
			}
		}
		if len(long) == 0 {
			continue
		}
		section++
		wikiHeading(b, 2, s.Name, page, &section)
		for _, f := range long {
			section++
			wikiHeading(b, 3, f.Label, page, &section)
			for _, line := range f.Lines {
				b.WriteString("<p>" + h3Autolink(line, wikiLink))
				if wikiCited[f.Label] {
					b.WriteString(cite())
				}
				b.WriteString("</p>\n")
			}
		}
	}
	if refs > 0 {
		section++
		wikiHeading(b, 2, "Note", page, &section)
		b.WriteString("<div class=\"reflist\"><ol class=\"references\">\n")
		for i := 1; i <= refs; i++ {
			fmt.Fprintf(b, "<li id=\"cite_note-%d\"><span class=\"mw-cite-backlink\"><a href=\"#cite_ref-%d\">&#8593;</a></span> <span class=\"reference-text\"><a rel=\"nofollow\" class=\"external text\" href=\"%s\">Scheda del processo</a>, Osservatorio Partecipazione.</span></li>\n", i, i, esc(p.URL))
		}
		b.WriteString("</ol></div>\n")
	}
	fmt.Fprintf(b, `</div></div>
<div id="catlinks" class="catlinks" data-mw="interface"><div id="mw-normal-catlinks" class="mw-normal-catlinks"><a href="/wiki/Speciale:Categorie" title="Speciale:Categorie">Categorie</a>: <ul><li><a href="/wiki/Categoria:Processi_partecipativi" title="Categoria:Processi partecipativi">Processi partecipativi</a></li></ul></div></div>
</div>
</main>
</div></div></div>
<footer id="footer" class="mw-footer"><ul id="footer-info"><li id="footer-info-lastmod"> Questa pagina è stata modificata per l'ultima volta il 3 mar 2024 alle 09:41.</li></ul></footer>
</body>
</html>
`)
}

// wikiHeading writes an article section heading with its edit link.
func wikiHeading(b *strings.Builder, level int, text, page string, section *int) {
	id := strings.ReplaceAll(text, " ", "_")
	fmt.Fprintf(b, "<h%d><span class=\"mw-headline\" id=\"%s\">%s</span><span class=\"mw-editsection\"><span class=\"mw-editsection-bracket\">[</span><a href=\"/w/index.php?title=%s&amp;action=edit&amp;section=%d\" title=\"Modifica la sezione %s\">modifica</a><span class=\"mw-editsection-bracket\">]</span></span></h%d>\n",
		level, esc(url.PathEscape(id)), esc(text), esc(url.QueryEscape(page)), *section, esc(text), level)
}

// wikiLink renders an external link as MediaWiki renders a bare URL.
func wikiLink(u string) string {
	return `<a rel="nofollow" class="external free" href="` + esc(u) + `">` + esc(u) + `</a>`
}

// wikiValue renders an infobox value: lists as a plain list, images
// embedded from their URL, the map with its caption, URLs linked.
func wikiValue(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, "<div class=\"plainlist\"><ul>"+strings.Join(items, "")+"</ul></div>")
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "map":
			flush()
			out = append(out, "<i>"+mapLine+"</i><br>")
		case "img":
			flush()
			out = append(out, fmt.Sprintf("<img src=\"%s\" alt=\"\" width=\"200\" class=\"mw-file-element\">", esc(absURL(pt.text))))
		case "item":
			items = append(items, "<li>"+esc(pt.text)+"</li>")
		default:
			flush()
			out = append(out, h3Autolink(pt.text, wikiLink))
		}
	}
	flush()
	return strings.Join(out, "")
}
