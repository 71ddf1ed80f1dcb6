package pagegen

import (
	"fmt"
	"strings"
)

// renderLiferay writes the record as a Liferay DXP portal shows a web
// content article: a navigation portlet in the first column, the article
// in a journal content portlet in the second, rendered by a template that
// puts each section in a Clay panel and each field in a field-wrapper
// with a field-label span and one field-value element per value (one per
// list item), leaving empty fields out.
func renderLiferay(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class="ltr" dir="ltr" lang="it-IT">
<head>
<title>%s - Osservatorio Partecipazione</title>
<meta content="initial-scale=1.0, width=device-width" name="viewport" />
<meta content="text/html; charset=UTF-8" http-equiv="content-type" />
<link data-senna-track="temporary" href="https://www.osservatoriopartecipazione.it/o/osservatorio-theme/images/favicon.ico" rel="icon" />
<link class="lfr-css-file" data-senna-track="temporary" href="https://www.osservatoriopartecipazione.it/o/osservatorio-theme/css/clay.css?browserId=other&amp;themeId=osservatoriotheme_WAR_osservatoriotheme&amp;languageId=it_IT&amp;t=1700000000000" id="liferayAUICSS" rel="stylesheet" type="text/css" />
<script data-senna-track="temporary" type="text/javascript">// <![CDATA[
var Liferay = Liferay || {}; Liferay.ThemeDisplay = {getLanguageId: function() {return "it_IT";}, getPortalURL: function() {return "https://www.osservatoriopartecipazione.it";}, getScopeGroupId: function() {return "20121";}};
// ]]></script>
</head>
<body class="chrome controls-visible yui3-skin-sam signed-out public-page site">
<div class="d-flex flex-column min-vh-100">
<nav class="quick-access-nav" id="ufsc_quickAccessNav" aria-labelledby="ufsc_quickAccessNavTitle">
<h1 class="hide-accessible" id="ufsc_quickAccessNavTitle">Navigazione</h1>
<ul><li><a href="#main-content">Salta al contenuto</a></li></ul>
</nav>
<div class="d-flex flex-column flex-fill position-relative" id="wrapper">
<header id="banner" role="banner">
<div id="heading">
<div aria-level="1" class="site-title" role="heading">
<a class="logo custom-logo" href="https://www.osservatoriopartecipazione.it/web/guest" title="Vai a Osservatorio Partecipazione"><img alt="" height="56" src="https://www.osservatoriopartecipazione.it/image/layout_set_logo?img_id=38512&amp;t=1700000000000" width="180" /></a>
<span class="site-name" title="Vai a Osservatorio Partecipazione">Osservatorio Partecipazione</span>
</div>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"site-ente\">%s</div>\n", esc(p.Region))
	}
	b.WriteString(`</div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation">
<h1 class="hide-accessible">Navigazione</h1>
<ul aria-label="Pagine del sito" role="menubar">
<li class="lfr-nav-item" role="presentation"><a href="https://www.osservatoriopartecipazione.it/web/guest/home" role="menuitem"><span>Home</span></a></li>
<li class="lfr-nav-item selected active" role="presentation"><a aria-current="page" href="https://www.osservatoriopartecipazione.it/web/guest/processi" role="menuitem"><span>Processi</span></a></li>
<li class="lfr-nav-item" role="presentation"><a href="https://www.osservatoriopartecipazione.it/web/guest/partecipanti" role="menuitem"><span>Partecipanti</span></a></li>
<li class="lfr-nav-item" role="presentation"><a href="https://www.osservatoriopartecipazione.it/web/guest/mappa" role="menuitem"><span>Mappa</span></a></li>
</ul>
</nav>
</header>
<section class="flex-fill" id="content">
<h2 class="hide-accessible" role="heading" aria-level="1">`)
	b.WriteString(esc(p.Title))
	b.WriteString(`</h2>
<div class="columns-1-3" id="main-content" role="main">
<div class="portlet-layout row">
<div class="col-md-3 portlet-column portlet-column-first" id="column-1">
<div class="portlet-dropzone portlet-column-content portlet-column-content-first" id="layout-column_column-1">
<div class="portlet-boundary portlet-boundary_com_liferay_site_navigation_menu_web_portlet_SiteNavigationMenuPortlet_ portlet-static portlet-navigation" id="p_p_id_com_liferay_site_navigation_menu_web_portlet_SiteNavigationMenuPortlet_INSTANCE_nav_">
<span id="p_com_liferay_site_navigation_menu_web_portlet_SiteNavigationMenuPortlet_INSTANCE_nav"></span>
<section class="portlet" id="portlet_com_liferay_site_navigation_menu_web_portlet_SiteNavigationMenuPortlet_INSTANCE_nav">
<div class="portlet-content">
<div class="autofit-float autofit-row portlet-header"><div class="autofit-col autofit-col-expand"><h2 class="portlet-title-text">Esplora</h2></div></div>
<div class="portlet-content-container"><div class="portlet-body">
<div class="list-menu"><ul class="layouts level-1">
<li class="lfr-nav-item"><a class="lfr-nav-child-toggle" href="https://www.osservatoriopartecipazione.it/web/guest/processi/conclusi"><span>Processi conclusi</span></a></li>
<li class="lfr-nav-item"><a class="lfr-nav-child-toggle" href="https://www.osservatoriopartecipazione.it/web/guest/processi/in-corso"><span>Processi in corso</span></a></li>
<li class="lfr-nav-item"><a class="lfr-nav-child-toggle" href="https://www.osservatoriopartecipazione.it/web/guest/processi/per-provincia"><span>Per provincia</span></a></li>
</ul></div>
</div></div>
</div>
</section>
</div>
</div>
</div>
<div class="col-md-9 portlet-column portlet-column-last" id="column-2">
<div class="portlet-dropzone portlet-column-content portlet-column-content-last" id="layout-column_column-2">
<div class="portlet-boundary portlet-boundary_com_liferay_journal_content_web_portlet_JournalContentPortlet_ portlet-static portlet-static-end portlet-barebone portlet-journal-content" id="p_p_id_com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_scheda_">
<span id="p_com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_scheda"></span>
<section class="portlet" id="portlet_com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_scheda">
<div class="portlet-content">
<div class="autofit-float autofit-row portlet-header">
<div class="autofit-col autofit-col-end"><div class="autofit-section"><div class="visible-interaction">
<div class="dropdown lfr-icon-menu"><a aria-expanded="false" aria-haspopup="true" class="dropdown-toggle direction-left" href="javascript:void(0);" id="_com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_scheda_kldx" role="button" title="Opzioni"><svg class="lexicon-icon lexicon-icon-ellipsis-v" focusable="false" role="presentation"><use href="https://www.osservatoriopartecipazione.it/o/osservatorio-theme/images/clay/icons.svg#ellipsis-v"></use></svg><span class="sr-only">Opzioni</span></a></div>
</div></div></div>
</div>
<div class="portlet-content-container"><div class="portlet-body">
<div class="text-right user-tool-asset-addon-entries"></div>
`)
	fmt.Fprintf(b, "<div class=\"journal-content-article\" data-analytics-asset-id=\"%d\" data-analytics-asset-title=\"%s\" data-analytics-asset-type=\"web-content\">\n", 40000+p.ID, esc(p.Title))
	fmt.Fprintf(b, "<div class=\"scheda-processo\">\n<h1 class=\"scheda-titolo\">%s</h1>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="scheda-badge">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<span class="label label-success"><span class="label-item label-item-expand">%s</span></span> `, esc(n))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "<div class=\"alert alert-info\" role=\"alert\"><span class=\"alert-indicator\"><svg class=\"lexicon-icon lexicon-icon-info-circle\" focusable=\"false\" role=\"presentation\"><use href=\"https://www.osservatoriopartecipazione.it/o/osservatorio-theme/images/clay/icons.svg#info-circle\"></use></svg></span> %s <a class=\"alert-link\" href=\"https://www.osservatoriopartecipazione.it/web/guest/integra-informazioni?processo=%d\">%s</a></div>\n",
		esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"panel panel-secondary scheda-sezione\" id=\"sezione-%d\">\n<div class=\"panel-header\"><span class=\"panel-title\">%s</span></div>\n<div class=\"panel-body\">\n", i+1, esc(s.Name))
		for _, f := range s.Fields {
			if empty2(f) {
				continue
			}
			liferayField(b, f)
		}
		b.WriteString("</div>\n</div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"scheda-meta\"><span class=\"metadata-entry\">%s %s</span></div>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
</div>
</div></div>
</div>
</section>
</div>
</div>
</div>
</div>
</div>
</section>
<footer id="footer" role="contentinfo">
<p class="powered-by">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</footer>
</div>
</div>
</body>
</html>
`)
}

// liferayField writes one field of the Liferay template.
func liferayField(b *strings.Builder, f Field) {
	fmt.Fprintf(b, "<div class=\"field-wrapper lfr-ddm-field\" data-fieldname=\"%s\">\n<span class=\"field-label\">%s</span>\n", slug2(f.Label, "_"), esc(f.Label))
	for _, pc := range pieces2(f) {
		switch pc.kind {
		case piece2Map:
			fmt.Fprintf(b, "<div class=\"field-value field-value-caption\">%s</div>\n", esc(pc.text))
		case piece2Image:
			fmt.Fprintf(b, "<div class=\"field-value field-value-image\"><img alt=\"\" class=\"img-fluid\" src=\"%s\" /></div>\n", esc(abs2(pc.text)))
		case piece2Item:
			fmt.Fprintf(b, "<div class=\"field-value\">%s</div>\n", esc(pc.text))
		default:
			if isLongText2(f) {
				fmt.Fprintf(b, "<div class=\"field-value field-value-html\"><p>%s</p></div>\n", autolink2(pc.text))
			} else {
				fmt.Fprintf(b, "<div class=\"field-value\">%s</div>\n", textOrLink2(pc.text))
			}
		}
	}
	b.WriteString("</div>\n")
}

// renderSharePoint writes the record as a SharePoint list item display
// form (DispForm.aspx): the ribbon, the list name as the page heading, and
// a ms-formtable whose first rows are the item's title and awards, then a
// section header row per section and one row per field.
func renderSharePoint(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html dir="ltr" lang="it-IT">
<head><meta name="GENERATOR" content="Microsoft SharePoint" /><meta http-equiv="Content-type" content="text/html; charset=utf-8" /><meta http-equiv="X-UA-Compatible" content="IE=10" /><meta http-equiv="Expires" content="0" /><meta name="msapplication-TileImage" content="/_layouts/15/images/SharePointMetroAppTile.png" />
<title>
	Schede processi - %s
</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1040/styles/Themable/corev15.css?rev=2bsjT1bXCnWYkXzpk5qqXw%%3D%%3DTAG0"/>
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZZrfP3ASnqCFP2nE9RG3Qg%%3D%%3DTAG0"></script>
<script type="text/javascript">
// <![CDATA[
var _spPageContextInfo = {webServerRelativeUrl: "\u002fsites\u002fosservatorio", webTitle: "Osservatorio Partecipazione", listTitle: "Schede processi", pageItemId: %d, currentLanguage: 1040};
// ]]>
</script>
</head>
<body>
<form method="post" action="./DispForm.aspx?ID=%d" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUBMA9kFgJmD2QWAgIBD2QWBAIBD2QWAgIFD2QWAmYPZBYCAgEPFgIeE1ByZXZpb3VzQ29udHJvbE1vZGULKYgBTWljcm9zb2Z0LlNoYXJlUG9pbnQuV2ViQ29udHJvbHMuU1BDb250cm9sTW9kZQ==" />
</div>
<div id="ms-designer-ribbon">
<div id="s4-ribbonrow">
<div id="globalTitleArea" class="ms-cui-topBar2">
<span class="ms-cui-tt-span">SFOGLIA</span> <span class="ms-cui-tt-span">VISUALIZZA</span>
</div>
<div class="ms-cui-groupContainer">
<a class="ms-cui-ctl-large" href="javascript:;" role="button"><span class="ms-cui-ctl-largelabel">Modifica<br />elemento</span></a>
<a class="ms-cui-ctl-large" href="javascript:;" role="button"><span class="ms-cui-ctl-largelabel">Cronologia<br />versioni</span></a>
<a class="ms-cui-ctl-large" href="javascript:;" role="button"><span class="ms-cui-ctl-largelabel">Avvisa</span></a>
</div>
</div>
</div>
<div id="s4-workspace">
<div id="s4-bodyContainer">
<div id="s4-titlerow" class="ms-dialogHidden s4-titlerowhidetitle">
<div class="ms-titleareacontent">
<div id="siteIcon" class="ms-tableCell ms-verticalAlignTop"><a href="/sites/osservatorio"><img id="ctl00_onetidHeadbnnr2" class="ms-siteicon-img" name="onetidHeadbnnr0" src="/_layouts/15/images/siteIcon.png?rev=23" alt="Osservatorio Partecipazione" /></a></div>
<div class="ms-breadcrumb-box ms-tableCell ms-verticalAlignTop">
<div class="ms-breadcrumb-top"><div class="ms-core-navigation"><a class="ms-core-suiteLink-a" href="/sites/osservatorio">Osservatorio Partecipazione</a></div></div>
`, esc(p.Title), p.ID, p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"ms-core-brandingText\">%s</div>\n", esc(p.Region))
	}
	b.WriteString(`<h1 id="pageTitle" class="ms-core-pageTitle"><span id="DeltaPlaceHolderPageTitleInTitleArea"><span><a title="Schede processi" class="ms-core-pageTitle-link" href="/sites/osservatorio/Lists/SchedeProcessi/AllItems.aspx">Schede processi</a></span></span></h1>
</div>
</div>
</div>
<div id="contentRow">
<div id="sideNavBox" class="ms-dialogHidden ms-forceWrap ms-noList">
<div class="ms-core-navigation" role="navigation">
<ul class="root ms-core-listMenu-root static">
<li class="static"><a class="static menu-item ms-core-listMenu-item ms-displayInline ms-navedit-linkNode" href="/sites/osservatorio"><span class="additional-background ms-navedit-flyoutArrow"><span class="menu-item-text">Home</span></span></a></li>
<li class="static"><a class="static selected menu-item ms-core-listMenu-item ms-displayInline ms-navedit-linkNode" href="/sites/osservatorio/Lists/SchedeProcessi/AllItems.aspx"><span class="additional-background ms-navedit-flyoutArrow"><span class="menu-item-text">Schede processi</span></span></a></li>
<li class="static"><a class="static menu-item ms-core-listMenu-item ms-displayInline ms-navedit-linkNode" href="/sites/osservatorio/Lists/Enti/AllItems.aspx"><span class="additional-background ms-navedit-flyoutArrow"><span class="menu-item-text">Enti</span></span></a></li>
</ul>
</div>
</div>
<div id="contentBox" aria-live="polite" aria-relevant="all">
<div id="DeltaPlaceHolderMain">
<a id="mainContent" name="mainContent" tabindex="-1"></a>
<div style="padding-left:5px">
<table id="onetIDListForm" class="ms-core-tableNoSpace">
<tr>
<td>
<div class="ms-webpart-zone ms-fullWidth">
<div id="MSOZoneCell_WebPartWPQ2" class="s4-wpcell-plain ms-webpartzone-cell ms-webpart-cell-vertical ms-fullWidth">
<div class="ms-webpart-chrome ms-webpart-chrome-vertical ms-webpart-chrome-fullWidth">
<div webpartid="4a3b0d8e-6c1f-4d57-9d7e-3f1b2c5a8e90" haspers="false" id="WebPartWPQ2" width="100%" class="ms-WPBody" allowdelete="false" style="">
<table class="ms-formtoolbar" cellpadding="2" cellspacing="0" border="0" width="100%" role="presentation">
<tr><td width="99%" class="ms-toolbar" nowrap="nowrap"><img src="/_layouts/15/images/blank.gif?rev=23" width="1" height="18" alt="" /></td>
`)
	fmt.Fprintf(b, "<td class=\"ms-toolbar\" nowrap=\"nowrap\"><a class=\"ms-toolbar\" href=\"https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d\" title=\"%s\">%s</a></td>\n</tr>\n</table>\n", p.ID, esc(ctaQuestion), esc(ctaAction))
	b.WriteString(`<table class="ms-formtable" style="margin-top: 8px;" border="0" cellpadding="0" cellspacing="0" width="100%">
`)
	spRow(b, "Titolo", "Title", "SPFieldText", esc(p.Title))
	spRow(b, "Riconoscimenti", "Riconoscimenti", "SPFieldMultiChoice", esc(strings.Join(badgeNames(p), "; ")))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<tr>\n<td colspan=\"2\" class=\"ms-sectionheader\" style=\"padding-top: 10px;\"><h3 class=\"ms-standardheader ms-WPTitle\">%s</h3></td>\n</tr>\n", esc(s.Name))
		for _, f := range s.Fields {
			spRow(b, f.Label, spInternalName(f.Label), spFieldType(f), spValue(f))
		}
	}
	b.WriteString("</table>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<table cellpadding=\"0\" cellspacing=\"0\" class=\"ms-formtoolbar\" width=\"100%%\" role=\"presentation\">\n<tr><td class=\"ms-descriptiontext\" nowrap=\"nowrap\"><span id=\"ctl00_ctl40_g_4a3b0d8e_ctl00_ctl02_ctl00_toolBarTbl_RptControls_ctl00_ctl00_ctl00\">%s %s</span></td></tr>\n</table>\n",
			lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
</div>
</div>
</div>
</td>
</tr>
</table>
</div>
</div>
</div>
</div>
</div>
</div>
</form>
</body>
</html>
`)
}

// spRow writes one row of a SharePoint form: the label cell (an h3 with a
// nobr) and the body cell, opened by the field comment SharePoint writes.
func spRow(b *strings.Builder, label, internal, typ, value string) {
	if value == "" {
		value = "&#160;"
	}
	fmt.Fprintf(b, `<tr>
<td nowrap="true" valign="top" width="113px" class="ms-formlabel"><h3 class="ms-standardheader"><nobr>%s</nobr></h3></td>
<td valign="top" class="ms-formbody" width="350px">
<!-- FieldName="%s"
			 FieldInternalName="%s"
			 FieldType="%s"
		 -->
%s
</td>
</tr>
`, esc(label), commentSafe(label), internal, typ, value)
}

// spInternalName is a SharePoint internal field name: spaces and other
// characters escaped as _xHHHH_, cut at 32 characters.
func spInternalName(label string) string {
	var b strings.Builder
	for _, r := range label {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "_x%04x_", r)
		}
	}
	s := b.String()
	if len(s) > 32 {
		s = s[:32]
		if i := strings.LastIndex(s, "_x"); i >= 0 && len(s)-i < len("_x0020_") {
			s = s[:i] // no escape sequence cut in half
		}
	}
	return s
}

// spFieldType is the SharePoint field type a list would give f.
func spFieldType(f Field) string {
	switch {
	case isList2(f):
		return "SPFieldMultiChoice"
	case f.Type == "url":
		return "SPFieldURL"
	case f.Type == "int" || f.Type == "number":
		return "SPFieldNumber"
	case f.Type == "date":
		return "SPFieldDateTime"
	case f.Type == "enum" || f.Type == "bool":
		return "SPFieldChoice"
	case isLongText2(f):
		return "SPFieldNote"
	}
	return "SPFieldText"
}

// spValue renders a field's value as a SharePoint display form does:
// multi-choice values joined by "; ", rich text in a ms-rtestate-field
// div, pictures as images, other values as text.
func spValue(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, esc(strings.Join(items, "; ")))
			items = nil
		}
	}
	for _, pc := range pieces2(f) {
		switch pc.kind {
		case piece2Item:
			items = append(items, pc.text)
			continue
		case piece2Map:
			flush()
			out = append(out, esc(pc.text))
		case piece2Image:
			flush()
			out = append(out, `<img alt="" src="`+esc(abs2(pc.text))+`" />`)
		default:
			flush()
			if isLongText2(f) {
				out = append(out, `<div dir="" class="ms-rtestate-field">`+autolink2(pc.text)+`</div>`)
			} else {
				out = append(out, textOrLink2(pc.text))
			}
		}
	}
	flush()
	return strings.Join(out, "<br />")
}
