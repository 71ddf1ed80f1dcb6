package pagegen

import (
	"fmt"
	"strings"
)

// renderFormView9 writes a record as a WebForms FormView whose item
// template was written by hand: "Label:" text, the value in an
// <asp:Label> span and a <br />.
func renderFormView9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>
	%[1]s | Osservatorio Partecipazione
</title><script src="/bundles/modernizr?v=inCVuEFe6J4Q07A0AcRsbJic_UE5MwpRMNGcOtk94TE1"></script>
<link href="/Content/css?v=Ii2Fhzh4Wtlt7BKbZ6rlnHYcDKCFyYwC9GMT5nQq_7k1" rel="stylesheet"/>
</head>
<body>
    <form method="post" action="./Scheda.aspx?IdProcesso=%[2]d" id="ctl01">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[3]s" />
</div>
<script src="/ScriptResource.axd?d=NJmAwtEo3Ipnlaxl6CMhvsYp&amp;t=2a9d95e3" type="text/javascript"></script>
<script type="text/javascript">
//<![CDATA[
Sys.WebForms.PageRequestManager._initialize('ctl00$ScriptManager1', 'ctl01', [], [], [], 90, 'ctl00');
//]]>
</script>
        <div class="navbar navbar-inverse navbar-fixed-top">
            <div class="container">
                <a class="navbar-brand" runat="server" href="~/">Osservatorio Partecipazione</a>
                <ul class="nav navbar-nav">
`, esc(p.Title), p.ID, viewState(p.ID+1, 220))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "                    <li><a href=\"/%s\">%s</a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString("                </ul>\n            </div>\n        </div>\n        <div class=\"container body-content\">\n")
	b.WriteString(`            <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/Processi.aspx">Processi</a></li><li class="active">Scheda processo</li></ol>` + "\n")
	fmt.Fprintf(b, `            <table cellspacing="0" id="MainContent_fvProcesso" style="border-collapse:collapse;">
		<tr>
			<td colspan="2">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "                    <span id=\"MainContent_fvProcesso_lblRegione\" class=\"small text-muted\">%s</span><br />\n", esc(p.Region))
	}
	fmt.Fprintf(b, "                    <h2><span id=\"MainContent_fvProcesso_lblNomeProcesso\">%s</span></h2>\n", esc(p.Title))
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "                    <span id=\"MainContent_fvProcesso_lbl%s\" class=\"label label-success\">%s</span>\n", bd, bd)
	}
	fmt.Fprintf(b, "                    <p>%s <a id=\"MainContent_fvProcesso_hlIntegra\" href=\"Integra.aspx?IdProcesso=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "                    <h3>%s</h3>\n", esc(s.Name))
		for _, f := range s.Fields {
			ctl := "MainContent_fvProcesso_lbl" + h9Ctl(f.Label)
			long := h3Long(f)
			v := h9Value(f, false, "<br />", func(src string) string {
				return `<img id="` + ctl + `Img" src="` + esc(src) + `" class="img-responsive" />`
			})
			if long {
				fmt.Fprintf(b, "                    <b>%s:</b>\n                    <div class=\"testo\"><span id=\"%s\">%s</span></div>\n", esc(f.Label), ctl, v)
				continue
			}
			fmt.Fprintf(b, "                    %s:\n                    <span id=\"%s\">%s</span>\n                    <br />\n", esc(f.Label), ctl, v)
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			fmt.Fprintf(b, "                    <br />\n                    %s\n                    <span id=\"MainContent_fvProcesso_lblDataUltimaModifica\">%s</span>\n                    <br />\n", esc(lastModPrefix), esc(p.LastModified))
		}
	}
	b.WriteString(`                </td>
		</tr>
	</table>
            <hr />
            <footer>
                <p>&copy; 2020 - Assemblea legislativa della Regione Emilia-Romagna - <a href="/Privacy.aspx">Privacy e cookie</a></p>
            </footer>
        </div>
        <div id="cookie-law" class="alert alert-info"><p>` + esc(h9Cookie) + `</p><a id="btnCookieOk" class="btn btn-primary" href="javascript:__doPostBack(&#39;ctl00$btnCookieOk&#39;,&#39;&#39;)">OK</a></div>
    
<script type="text/javascript">
//<![CDATA[
Sys.Application.add_init(function() { $create(Sys.UI._UpdateProgress, {"associatedUpdatePanelId":null,"displayAfter":500,"dynamicLayout":true}, null, null, $get("updProgress")); });
//]]>
</script>
</form>
</body>
</html>
`)
}
