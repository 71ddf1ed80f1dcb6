package pagegen

import (
	"fmt"
	"strings"
)

// renderAlfresco10 writes a record as an Alfresco Share document details
// page: the properties panel with the sets as bordered panels, each
// field a "Label:" viewmode-label and a viewmode-value, empty fields as
// "(Nessuno)".
func renderAlfresco10(b *strings.Builder, p *Page) {
	const dom = "template_x002e_folder-metadata_x002e_document-details_x0023_default"
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="it" xml:lang="it">
<head>
   <title>Alfresco &raquo; Dettagli del documento</title>
   <meta http-equiv="X-UA-Compatible" content="IE=Edge" />
   <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
   <link rel="stylesheet" type="text/css" href="/share/res/css/yui-fonts-grids_b8e2cd5b1d7bc2b43e8d0e5a4dd6e3f1.css" />
   <link rel="stylesheet" type="text/css" href="/share/res/components/form/form_7e2d4bf0ac4b1d5c0e8c6b3b2d7f5a10.css" />
   <script type="text/javascript">var Alfresco = Alfresco || {}; Alfresco.constants = Alfresco.constants || {}; Alfresco.constants.URL_CONTEXT = "/share/";</script>
   <script type="text/javascript" src="/share/res/js/yui-common_3d2c9d6f6d2c7e4f.js"></script>
</head>
<body id="Share" class="yui-skin-lightTheme alfresco-share claro">
<div class="sticky-wrapper"><div id="doc3">
<div id="alf-hd"><div id="HEADER_BAR" class="alfresco-header-Header"><div class="alf-menu-bar"><span class="alf-logo">Osservatorio Partecipazione</span>
`)
	for _, n := range h10Nav {
		fmt.Fprintf(b, "<span class=\"alf-menu-bar-item\"><a class=\"alfresco-navigation-_HtmlAnchorMixin\" href=\"/share/page/site/osservatorio/%s\">%s</a></span>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</div></div></div>
<div id="bd">
<div class="node-header"><div class="node-info"><div class="node-path"><span class="folder-link"><a href="/share/page/site/osservatorio/documentlibrary">Raccolta documenti</a></span> &gt; <span class="folder-link"><a href="/share/page/site/osservatorio/documentlibrary#filter=path%%7C%%2FSchede">Schede</a></span></div>
<h1 class="thin dark">%[1]s.scheda</h1><div class="node-version"><span class="document-version">1.%[2]d</span></div></div></div>
<div class="yui-gc"><div class="yui-u first"><div id="%[3]s-preview" class="web-preview"><div class="message">Questo documento non può essere visualizzato in anteprima.</div></div></div>
<div class="yui-u"><div class="document-metadata-header document-details-panel"><h2 id="%[3]s-heading" class="thin dark alfresco-twister alfresco-twister-open">Proprietà<span class="alfresco-twister-actions"><a href="/share/page/site/osservatorio/edit-metadata?nodeRef=workspace://SpacesStore/9b1f%[2]d" class="edit" title="Modifica proprietà">&nbsp;</a></span></h2>
<div class="panel-body"><div id="%[3]s-formContainer" class="form-container"><div id="%[3]s-form-fields" class="form-fields">
`, esc(p.Title), p.ID%10, dom)
	alfSet(b, "Intestazione", func() {
		alfField(b, "Nome", esc(p.Title))
		alfField(b, "Titolo", esc(p.Title))
		if p.Region != "" {
			alfField(b, "Ente", esc(p.Region))
		}
		alfField(b, "Riconoscimenti", strings.Join(badgeNames(p), ", "))
	})
	for i, s := range p.Sections {
		alfSet(b, s.Name, func() {
			for _, f := range h7Fields(p, i) {
				alfField(b, esc(f.Label), h10HTML(f, false, "<br />", func(src string) string {
					return `<a href="` + esc(src) + `" target="_blank"><img src="` + esc(src) + `" class="viewmode-image" alt="" /></a>`
				}))
			}
		})
	}
	fmt.Fprintf(b, `</div></div></div></div>
<div class="document-actions document-details-panel"><h2 class="thin dark alfresco-twister">Azioni documento</h2><div class="panel-body"><div class="action-set"><div class="document-integrate"><span>%[1]s</span> <a href="/share/page/site/osservatorio/integra?processo=%[3]d" class="action-link"><span>%[2]s</span></a></div><div class="document-download"><a href="/share/proxy/alfresco/api/node/content/workspace/SpacesStore/9b1f%[3]d?a=true" class="action-link"><span>Scarica</span></a></div></div></div></div>
</div></div>
</div>
</div>
<div class="sticky-push"></div></div>
<div id="alf-ft"><div class="footer footer-com"><span class="copyright"><span>Supportato da Alfresco Community</span></span><span>Assemblea legislativa della Regione Emilia-Romagna</span></div></div>
<div class="alf-cookie-banner" role="dialog"><span>%[4]s</span> <button type="button">OK</button></div>
<script type="text/javascript">//<![CDATA[
new Alfresco.DocumentMetadata("%[5]s").setOptions({"nodeRef":"workspace://SpacesStore/9b1f%[3]d","siteId":"osservatorio","formId":null});
//]]></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie), dom)
}

// alfSet writes one set of the properties form as a bordered panel.
func alfSet(b *strings.Builder, name string, fields func()) {
	fmt.Fprintf(b, "<div class=\"set-bordered-panel\"><div class=\"set-bordered-panel-heading\">%s</div><div class=\"set-bordered-panel-body\">\n", esc(name))
	fields()
	b.WriteString("</div></div>\n")
}

// alfField writes one view mode field; label and value are HTML, and an
// empty value shows as Share shows it.
func alfField(b *strings.Builder, label, value string) {
	if value == "" {
		value = "(Nessuno)"
	}
	fmt.Fprintf(b, "<div class=\"form-field\"><div class=\"viewmode-field\"><span class=\"viewmode-label\">%s:</span><span class=\"viewmode-value\">%s</span></div></div>\n", label, value)
}
