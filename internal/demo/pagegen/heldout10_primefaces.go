package pagegen

import (
	"fmt"
	"strings"
)

// renderPrimeFaces10 writes a record as a JSF page with PrimeFaces: a
// p:fieldset per section, a two-column p:panelGrid of p:outputLabel and
// h:outputText, lists as p:dataList.
func renderPrimeFaces10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<?xml version='1.0' encoding='UTF-8' ?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head id="j_idt2"><link type="text/css" rel="stylesheet" href="/osservatorio/javax.faces.resource/theme.css.xhtml?ln=primefaces-saga" /><link type="text/css" rel="stylesheet" href="/osservatorio/javax.faces.resource/components.css.xhtml?ln=primefaces&amp;v=8.0" /><script type="text/javascript" src="/osservatorio/javax.faces.resource/jquery/jquery.js.xhtml?ln=primefaces&amp;v=8.0"></script><script type="text/javascript" src="/osservatorio/javax.faces.resource/core.js.xhtml?ln=primefaces&amp;v=8.0"></script><script type="text/javascript">if(window.PrimeFaces){PrimeFaces.settings.locale='it';}</script>
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
        <title>Scheda processo - %[1]s</title></head><body>
        <div id="header" class="layout-topbar">
            <a href="/osservatorio/index.xhtml" class="logo">Osservatorio Partecipazione</a>
            <ul class="topbar-menu">
`, esc(p.Title))
	for _, n := range h10Nav {
		fmt.Fprintf(b, "                <li><a href=\"/osservatorio/%s.xhtml\">%s</a></li>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `            </ul>
        </div>
        <div class="layout-content">
<form id="frmScheda" name="frmScheda" method="post" action="/osservatorio/scheda-processo.xhtml?id=%[1]d" enctype="application/x-www-form-urlencoded">
<input type="hidden" name="frmScheda" value="frmScheda" />
<nav aria-label="Breadcrumb" id="frmScheda:bc" class="ui-breadcrumb ui-module ui-widget ui-widget-header ui-helper-clearfix ui-corner-all"><ol class="ui-breadcrumb-items"><li class="ui-breadcrumb-item"><a tabindex="-1" class="ui-menuitem-link" href="/osservatorio/index.xhtml"><span class="ui-menuitem-text">Home</span></a></li><li class="ui-breadcrumb-item"><a tabindex="-1" class="ui-menuitem-link" href="/osservatorio/processi.xhtml"><span class="ui-menuitem-text">Processi</span></a></li></ol></nav>
`, p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<span id=\"frmScheda:regione\" class=\"regione\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<h1><span id=\"frmScheda:titolo\">%s</span></h1>\n", esc(p.Title))
	for i, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<span id=\"frmScheda:j_idt%d\" class=\"ui-tag ui-tag-rounded ui-widget\"><span class=\"ui-tag-value\">%s</span></span>\n", 30+i, bd)
	}
	fmt.Fprintf(b, "<div id=\"frmScheda:msg\" class=\"ui-messages ui-widget\" aria-live=\"polite\"></div>\n")
	for i, s := range p.Sections {
		fs := fmt.Sprintf("frmScheda:fs%d", i)
		fmt.Fprintf(b, `<fieldset id="%[1]s" class="ui-fieldset ui-widget ui-widget-content ui-corner-all ui-fieldset-toggleable"><legend class="ui-fieldset-legend ui-corner-all ui-state-default"><span class="ui-fieldset-toggler ui-icon ui-icon-minusthick"></span>%[2]s</legend><div class="ui-fieldset-content"><table id="%[1]s:pg" class="ui-panelgrid ui-widget" role="grid"><tbody>
`, fs, esc(s.Name))
		for j, f := range h7Fields(p, i) {
			id := fs + ":" + h9Ctl(f.Label)
			row := "ui-panelgrid-even"
			if j%2 == 1 {
				row = "ui-panelgrid-odd"
			}
			fmt.Fprintf(b, "<tr class=\"ui-widget-content %s\" role=\"row\"><td role=\"gridcell\" class=\"ui-panelgrid-cell etichetta\"><label id=\"%s_lbl\" class=\"ui-outputlabel ui-widget\"><span class=\"ui-outputlabel-label\">%s:</span></label></td><td role=\"gridcell\" class=\"ui-panelgrid-cell\">%s</td></tr>\n",
				row, id, esc(f.Label), pfValue(id, f))
		}
		fmt.Fprintf(b, "</tbody></table></div><input type=\"hidden\" id=\"%[1]s_collapsed\" name=\"%[1]s_collapsed\" value=\"false\" /></fieldset><script id=\"%[1]s_s\" type=\"text/javascript\">$(function(){PrimeFaces.cw(\"Fieldset\",\"widget_%[2]s\",{id:\"%[1]s\",toggleable:true,toggleSpeed:500});});</script>\n", fs, strings.ReplaceAll(fs, ":", "_"))
	}
	fmt.Fprintf(b, `<p class="cta">%[2]s <a href="/osservatorio/integra.xhtml?id=%[1]d">%[3]s</a></p>
<input type="hidden" name="javax.faces.ViewState" id="j_id1:javax.faces.ViewState:0" value="-3418920837446127711:8034652257392810474" autocomplete="off" />
</form>
        </div>
        <div class="layout-footer">Osservatorio Partecipazione - Assemblea legislativa della Regione Emilia-Romagna</div>
        <div id="cookieBar" class="ui-notificationbar ui-widget ui-widget-content" style="position:fixed;bottom:0"><span>%[4]s</span> <button id="btnCookie" type="button" class="ui-button ui-widget ui-state-default ui-corner-all ui-button-text-only" onclick="PF('cookieBar').hide();"><span class="ui-button-text ui-c">OK</span></button></div></body>
</html>
`, p.ID, esc(ctaQuestion), esc(ctaAction), esc(h10Cookie))
}

// pfValue renders a value as the template's components do: list items
// in a p:dataList, images as p:graphicImage, lines as h:outputText with
// <br /> between them.
func pfValue(id string, f Field) string {
	img := func(src string) string {
		return `<img id="` + id + `_img" src="` + esc(src) + `" alt="" />`
	}
	if h3IsList(f) && len(h4Items(f)) > 1 {
		var out []string
		var items []string
		for _, pt := range valueParts(f, true) {
			switch pt.kind {
			case "map":
				out = append(out, mapLine)
			case "img":
				out = append(out, img(absURL(pt.text)))
			default:
				items = append(items, `<li class="ui-datalist-item">`+esc(pt.text)+`</li>`)
			}
		}
		out = append(out, `<div id="`+id+`" class="ui-datalist ui-widget"><div id="`+id+`_content" class="ui-datalist-content ui-widget-content"><ul class="ui-datalist-data">`+strings.Join(items, "")+`</ul></div></div>`)
		return strings.Join(out, "")
	}
	return `<span id="` + id + `">` + h10HTML(f, false, "<br />", img) + `</span>`
}
