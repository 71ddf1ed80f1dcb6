package pagegen

import (
	"fmt"
	"strings"
)

// renderTelerik9 writes a record with Telerik UI for ASP.NET AJAX: a
// RadTabStrip of the sections and a RadMultiView whose page views, all
// but the first hidden, hold RadLabel rows.
func renderTelerik9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="it">
<head><title>
	%[1]s
</title><meta name="viewport" content="width=device-width, initial-scale=1" /><link href="/Telerik.Web.UI.WebResource.axd?d=PMrIT5dOWaVYIcpFWUE4nA&amp;t=638227055880000000&amp;compress=1&amp;_TSM_CombinedScripts_=%%3b%%3bTelerik.Web.UI%%2c+Version%%3d2023.2.714.45" type="text/css" rel="stylesheet" /><link href="/css/osservatorio.css" rel="stylesheet" /></head>
<body>
    <form method="post" action="./dettaglio.aspx?id=%[2]d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="RadScriptManager1_TSM" id="RadScriptManager1_TSM" value="" />
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[3]s" />
</div>
<script src="/Telerik.Web.UI.WebResource.axd?_TSM_HiddenField_=RadScriptManager1_TSM&amp;compress=1" type="text/javascript"></script>
        <div class="testata">
            <div class="logo"><a href="/"><img src="/img/logo.svg" alt="Osservatorio Partecipazione" /></a></div>
            <div id="RadMenu1" class="RadMenu RadMenu_Bootstrap">
	<ul class="rmRootGroup rmHorizontal">
`, esc(p.Title), p.ID, viewState(p.ID+3, 240))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "\t\t<li class=\"rmItem\"><a class=\"rmLink rmRootLink\" href=\"/%s.aspx\"><span class=\"rmText\">%s</span></a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString("\t</ul><input id=\"RadMenu1_ClientState\" name=\"RadMenu1_ClientState\" type=\"hidden\" />\n</div>\n        </div>\n        <div class=\"contenuto\">\n")
	if p.Region != "" {
		fmt.Fprintf(b, "            <span id=\"lblRegione\" class=\"RadLabel RadLabel_Bootstrap regione\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "            <h1><span id=\"lblTitolo\" class=\"RadLabel RadLabel_Bootstrap\">%s</span></h1>\n", esc(p.Title))
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "            <span class=\"RadBadge RadBadge_Bootstrap rbBadgeSuccess\">%s</span>\n", bd)
	}
	fmt.Fprintf(b, "            <p class=\"integra\">%s <a id=\"btnIntegra\" class=\"RadButton RadButton_Bootstrap rbLinkButton\" href=\"integra.aspx?id=%d\"><span class=\"rbText\">%s</span></a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	b.WriteString(`            <div id="RadTabStrip1" class="RadTabStrip RadTabStrip_Bootstrap RadTabStripTop">
	<div class="rtsLevel rtsLevel1">
		<ul class="rtsUL">`)
	for i, s := range p.Sections {
		cls := "rtsLI"
		link := "rtsLink"
		if i == 0 {
			cls += " rtsFirst"
			link += " rtsSelected"
		}
		if i == len(p.Sections)-1 {
			cls += " rtsLast"
		}
		fmt.Fprintf(b, `<li class="%s"><a class="%s" href="#"><span class="rtsOut"><span class="rtsIn"><span class="rtsTxt">%s</span></span></span></a></li>`, cls, link, esc(s.Name))
	}
	b.WriteString("</ul>\n\t</div><input id=\"RadTabStrip1_ClientState\" name=\"RadTabStrip1_ClientState\" type=\"hidden\" />\n</div>\n")
	b.WriteString("            <div id=\"RadMultiPage1\" class=\"RadMultiPage RadMultiPage_Bootstrap\">\n")
	for i, s := range p.Sections {
		style := ""
		if i > 0 {
			style = ` style="display:none;"`
		}
		fmt.Fprintf(b, "\t<div class=\"rmpView\" id=\"pv%s\"%s>\n", h9Ctl(s.Name), style)
		for j, f := range h7Fields(p, i) {
			id := fmt.Sprintf("rl%s_%d", h9Ctl(f.Label), j)
			v := h9Value(f, false, "<br />", func(src string) string {
				return `<img src="` + esc(src) + `" alt="" class="img-fluid" />`
			})
			fmt.Fprintf(b, "\t\t<div class=\"row campo\">\n\t\t\t<div class=\"col-md-4\"><span id=\"%sLbl\" class=\"RadLabel RadLabel_Bootstrap etichetta\">%s</span></div>\n\t\t\t<div class=\"col-md-8\"><span id=\"%sVal\" class=\"RadLabel RadLabel_Bootstrap\">%s</span></div>\n\t\t</div>\n",
				id, esc(f.Label), id, v)
		}
		b.WriteString("\t</div>\n")
	}
	fmt.Fprintf(b, `	<input id="RadMultiPage1_ClientState" name="RadMultiPage1_ClientState" type="hidden" />
</div>
        </div>
        <div class="piede">Osservatorio Partecipazione - Regione Emilia-Romagna | <a href="/privacy.aspx">Privacy</a> | <a href="/accessibilita.aspx">Dichiarazione di accessibilità</a></div>
        <div id="RadNotificationCookie" class="RadNotification RadNotification_Bootstrap" style="display:none;"><div class="rnContentWrapper">%s</div></div>
<script type="text/javascript">
//<![CDATA[
Sys.Application.add_init(function() {
    $create(Telerik.Web.UI.RadTabStrip, {"_selectedIndex":0,"clientStateFieldID":"RadTabStrip1_ClientState","multiPageID":"RadMultiPage1","selectedIndexes":["0"]}, null, null, $get("RadTabStrip1"));
});
Sys.Application.add_init(function() {
    $create(Telerik.Web.UI.RadMultiPage, {"clientStateFieldID":"RadMultiPage1_ClientState","selectedIndex":0}, null, null, $get("RadMultiPage1"));
});
//]]>
</script>
</form>
</body>
</html>
`, esc(h9Cookie))
}
