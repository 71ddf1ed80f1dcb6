package pagegen

import (
	"fmt"
	"strings"
)

// renderSSRS9 writes a record's "Stampa scheda" as Reporting Services'
// ReportViewer renders a report in HTML: the toolbar, then nested
// layout tables of text boxes.
func renderSSRS9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html>
<head><meta http-equiv="X-UA-Compatible" content="IE=edge" /><title>
	Stampa scheda
</title>
<style type="text/css">
.a5{border:1pt none Black;background-color:Transparent}.a7{font-family:Calibri;font-size:14pt;font-weight:700;color:#1F4E79}
.a9{background-color:#1F4E79;color:White;font-family:Calibri;font-size:11pt;font-weight:700;padding:2pt}
.a11{font-family:Calibri;font-size:9pt;font-weight:700;color:#404040;vertical-align:top}.a13{font-family:Calibri;font-size:9pt;vertical-align:top}
</style>
</head>
<body style="margin:0px;overflow:auto">
    <form method="post" action="./StampaScheda.aspx?id=%[1]d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[2]s" />
</div>
<script src="/ScriptResource.axd?d=yeSNAJTOPtPimTGCAo3LlVz&amp;t=ffffffffe6d5a9ac" type="text/javascript"></script>
        <div id="ReportViewer1" style="height:100%%;width:100%%;">
	<div id="ReportViewer1_fixedTable" style="height:100%%;width:100%%;">
		<div class="ToolBarBackground" id="ReportViewer1_ctl05" style="border-bottom:1px solid #CCCCCC;">
			<div class="ToolbarPageNav WidgetSet"><input type="image" title="Prima pagina" src="/Reserved.ReportViewerWebControl.axd?OpType=Resource&amp;Name=Microsoft.Reporting.WebForms.Icons.FirstPageDisabled.gif" alt="Prima pagina" /><input name="ReportViewer1$ctl05$ctl00$CurrentPage" type="text" value="1" size="2" title="Pagina corrente" /> di <span id="ReportViewer1_ctl05_ctl00_TotalPages">1</span></div>
			<div class="ToolbarFind WidgetSet"><input name="ReportViewer1$ctl05$ctl03$ctl00" type="text" title="Trova testo nel report" /> <a title="Trova" href="#">Trova</a> | <a title="Successivo" href="#">Successivo</a></div>
			<div class="ToolbarExport WidgetSet"><select title="Formati di esportazione"><option value="PDF">PDF</option><option value="WORDOPENXML">Word</option><option value="EXCELOPENXML">Excel</option></select> <a title="Esporta" href="#">Esporta</a></div>
		</div>
		<div id="ReportViewer1_ctl09" style="height:100%%;width:100%%;overflow:auto;">
			<div id="VisibilityState" NewPage="true"><input type="hidden" name="ReportViewer1$ctl10$ReportControl$ctl04" /></div>
<div id="oReportDiv" style="direction:ltr">
<table cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr><td style="width:100%%;height:100%%;vertical-align:top"><div style="width:18cm">
<table cellpadding="0" cellspacing="0" border="0" cols="3" lang="it-IT" class="a5" style="border-collapse:collapse;">
<tr><td style="width:0.5cm;min-width:0.5cm"></td><td style="width:5.5cm;min-width:5.5cm"></td><td style="width:12cm;min-width:12cm"></td></tr>
`, p.ID, viewState(p.ID+4, 200))
	if p.Region != "" {
		fmt.Fprintf(b, "<tr><td></td><td colspan=\"2\"><div class=\"a13\"><div>%s</div></div></td></tr>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<tr><td></td><td colspan=\"2\"><div class=\"a7\"><div>%s</div></div></td></tr>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		fmt.Fprintf(b, "<tr><td></td><td colspan=\"2\"><div class=\"a13\"><div>%s</div></div></td></tr>\n", strings.Join(bs, " - "))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr style=\"height:0.6cm\"><td></td><td colspan=\"2\" class=\"a9\"><div><div>%s</div></div></td></tr>\n", esc(strings.ToUpper(s.Name)))
		for _, f := range h7Fields(p, i) {
			var lines []string
			for _, pt := range valueParts(f, false) {
				switch pt.kind {
				case "img":
					lines = append(lines, `<a href="`+esc(absURL(pt.text))+`" target="_top" style="cursor:pointer"><img onload="this.fitproportional=true;" src="/Reserved.ReportViewerWebControl.axd?OpType=ReportImage&amp;ResourceStreamID=`+esc(strings.TrimPrefix(pt.text, "archive/"))+`" alt="`+esc(absURL(pt.text))+`" style="width:6cm" /></a>`)
				default:
					lines = append(lines, esc(pt.text))
				}
			}
			if len(lines) == 0 {
				lines = []string{"&nbsp;"}
			}
			fmt.Fprintf(b, "<tr><td></td><td class=\"a11\"><div><div>%s</div></div></td><td class=\"a13\"><div>", esc(f.Label))
			for _, l := range lines {
				b.WriteString("<div>" + l + "</div>")
			}
			b.WriteString("</div></td></tr>\n")
		}
	}
	fmt.Fprintf(b, `<tr><td></td><td colspan="2"><div class="a13"><div>Osservatorio Partecipazione - stampato il 02/12/2026</div></div></td></tr>
</table></div></td><td style="width:0px"></td></tr></table>
</div>
		</div>
	</div>
</div>
<script type="text/javascript">
//<![CDATA[
Sys.Application.add_init(function() {
    $create(Microsoft.Reporting.WebFormsClient.ReportViewer, {"_internalViewerId":"ReportViewer1_ctl03","id":"ReportViewer1"}, null, null);
});
//]]>
</script>
</form>
</body>
</html>
`)
}
