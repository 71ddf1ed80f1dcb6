package pagegen

import (
	"fmt"
	"strings"
)

// dspaceFiles heads the files of the item, after the record.
const dspaceFiles = "File in questo prodotto"

// renderDSpace7 writes a record as the full item record of a DSpace
// repository (XMLUI Mirage 2): the title in an <h2>, a table of the
// item's descriptive metadata (title, publisher, subjects), then per
// section a table whose label cells hold the label and, under it, the
// metadata key, one row per value (a list repeats its label on every
// item), a language column, empty fields left out; the system metadata,
// files and collections after the record.
func renderDSpace7(b *strings.Builder, p *Page) {
	handle := fmt.Sprintf("11585/%d", 70000+p.ID)
	fmt.Fprintf(b, `<!DOCTYPE html>
<!--[if lt IE 7]> <html class="no-js lt-ie9 lt-ie8 lt-ie7" lang="it"> <![endif]-->
<!--[if gt IE 8]><!--> <html class="no-js" lang="it"> <!--<![endif]-->
<head><META http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type">
<meta content="IE=edge,chrome=1" http-equiv="X-UA-Compatible">
<meta name="Generator" content="DSpace 6.3">
<link href="/themes/Mirage2/styles/main.css" rel="stylesheet">
<meta name="DC.title" content="%[1]s" xml:lang="it">
<meta name="citation_title" content="%[1]s">
<title>%[1]s</title>
</head>
<body>
<header><div role="navigation" class="navbar navbar-default navbar-static-top"><div class="container"><div class="navbar-header"><a class="navbar-brand" href="/"><img src="/themes/Mirage2/images/logo.svg" alt="Archivio istituzionale"></a></div></div></div></header>
<div class="trail-wrapper hidden-print"><div class="container"><div class="row"><div class="col-xs-12"><div class="breadcrumb dropdown visible-xs"></div><ul class="breadcrumb hidden-xs"><li><i aria-hidden="true" class="glyphicon glyphicon-home"></i>&nbsp;<a href="/">Archivio istituzionale</a></li><li><a href="/handle/11585/1">Osservatorio della partecipazione</a></li><li class="active">Visualizza item</li></ul></div></div></div></div>
<div class="container" id="main-container"><div class="row row-offcanvas row-offcanvas-right"><div class="horizontal-slider clearfix"><div class="col-xs-12 col-sm-12 col-md-9 main-content">
<div><div id="aspect_artifactbrowser_ItemViewer_div_item-view" class="ds-static-div primary">
<div class="item-summary-view-metadata"><h2 class="page-header first-page-header">%[1]s</h2>
<div class="simple-item-view-show-full item-page-field-wrapper table"><h5>Mostra record completo</h5><a href="/handle/%[2]s?show=simple">Mostra record breve</a></div>
<div class="ds-table-responsive"><table class="ds-includeSet-table detailtable table table-striped table-hover">
`, esc(p.Title), handle)
	odd := false
	row := func(label, key, value, lang string) {
		class := "even"
		if odd = !odd; odd {
			class = "odd"
		}
		fmt.Fprintf(b, "<tr class=\"ds-table-row %s\"><td class=\"label-cell\">%s<br><span class=\"text-muted small\">%s</span></td><td class=\"word-break\">%s</td><td>%s</td></tr>\n", class, label, key, value, lang)
	}
	row("Titolo", "dc.title", esc(p.Title), "it")
	if p.Region != "" {
		row("Editore", "dc.publisher", esc(p.Region), "it")
	}
	for _, bd := range badgeNames(p) {
		row("Parole chiave", "dc.subject", esc(bd), "it")
	}
	b.WriteString("</table></div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h4 class=\"ds-table-caption\">%s</h4>\n<div class=\"ds-table-responsive\"><table class=\"ds-includeSet-table detailtable table table-striped table-hover\">\n", esc(s.Name))
		odd = false
		for _, f := range h7Fields(p, i) {
			key := "oss." + h3Snake(s.Name) + "." + h3Snake(f.Label)
			for _, pt := range h7Lines(f) {
				lang := "it"
				val := h6Text(pt.text)
				switch {
				case pt.kind == "map":
					continue
				case pt.kind == "img":
					val = `<a href="` + esc(pt.text) + `">` + esc(pt.text) + `</a>`
					lang = ""
				case f.Type != "text" && listSep(f.Type) == "":
					lang = ""
				}
				row(esc(f.Label), esc(key), val, lang)
			}
		}
		b.WriteString("</table></div>\n")
	}
	fmt.Fprintf(b, `<div class="ds-table-responsive"><table class="ds-includeSet-table detailtable table table-striped table-hover">
<tr class="ds-table-row odd"><td class="label-cell">dc.date.accessioned</td><td class="word-break">2020-02-15T09:12:44Z</td><td></td></tr>
<tr class="ds-table-row even"><td class="label-cell">dc.date.available</td><td class="word-break">2020-02-15T09:12:44Z</td><td></td></tr>
<tr class="ds-table-row odd"><td class="label-cell">dc.identifier.uri</td><td class="word-break">http://hdl.handle.net/%[1]s</td><td></td></tr>
</table></div>
<h3>%[2]s</h3>
<div class="file-list"><div class="file-wrapper row"><div class="col-xs-6 col-sm-3"><div class="thumbnail"><a class="image-link" href="/bitstream/handle/%[1]s/scheda.pdf?sequence=1"><img alt="Thumbnail" class="img-thumbnail" src="/themes/Mirage2/images/mime.png"></a></div></div><div class="col-xs-6 col-sm-7"><dl class="file-metadata dl-horizontal"><dt>Nome:</dt><dd class="word-break" title="scheda.pdf">scheda.pdf</dd><dt>Dimensione:</dt><dd class="word-break">184.2Kb</dd><dt>Formato:</dt><dd class="word-break">PDF</dd></dl></div><div class="file-link col-xs-6 col-xs-offset-6 col-sm-2 col-sm-offset-0"><a href="/bitstream/handle/%[1]s/scheda.pdf?sequence=1">Visualizza/<wbr>Apri</a></div></div></div>
<h3 class="ds-list-head">Questo item appare nelle seguenti collezioni</h3>
<ul class="ds-referenceSet-list"><li><a href="/handle/11585/1">Osservatorio della partecipazione [%[3]d]</a><br></li></ul>
</div></div></div>
</div>
<div role="navigation" id="sidebar" class="col-xs-6 col-sm-3 sidebar-offcanvas"><div class="word-break hidden-print" id="ds-options"><h2 class="ds-option-set-head  h6">Ricerca in DSpace</h2><div id="aspect_discovery_Navigation_list_discovery" class="list-group"><a href="/discover" class="list-group-item ds-option">Ricerca avanzata</a></div></div></div>
</div></div></div>
<footer><div class="row"><hr><div class="col-xs-7 col-sm-8"><div><a href="http://www.dspace.org/" target="_blank">DSpace software</a> copyright&nbsp;&copy;&nbsp;2002-2016&nbsp; <a href="http://www.duraspace.org/" target="_blank">DuraSpace</a></div></div></div></footer>
</body></html>
`, handle, dspaceFiles, 412+p.ID%50)
}
