package pagegen

import (
	"fmt"
	"strings"
)

// renderDevExpress9 writes a record as a DevExpress ASPxFormLayout on a
// WebForms page: a group box per section, caption cells and nested
// control cells, ASPxLabel spans and read-only ASPxMemo text areas.
func renderDevExpress9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>
	Osservatorio Partecipazione - Scheda n. %[1]d
</title><link rel="stylesheet" type="text/css" href="/DXR.axd?r=1_74,1_68,1_69,0_4402,4_13-Vs5Dj" /><link href="Styles/scheda.css" rel="stylesheet" /></head>
<body>
    <form method="post" action="./SchedaProcesso.aspx?id=%[1]d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[2]s" />
</div>
<script id="dxis_1283551247" src="/DXR.axd?r=1_16,1_17,1_28,1_66,1_19,1_20,1_18-Vs5Dj" type="text/javascript"></script>
        <div id="header"><a href="/"><img src="/img/logo-osservatorio.png" alt="Osservatorio Partecipazione" /></a>
            <ul class="menu">
`, p.ID, viewState(p.ID+2, 260))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "                <li><a href=\"/%s.aspx\">%s</a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString("            </ul>\n        </div>\n        <div id=\"content\">\n")
	if p.Region != "" {
		fmt.Fprintf(b, "            <span class=\"dxeBase_Moderno\" id=\"lblRegione\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "            <h1 id=\"hTitolo\">%s</h1>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("            <div class=\"bollini\">")
		for _, bd := range bs {
			fmt.Fprintf(b, `<span class="dxeBase_Moderno bollino" id="lbl%s">%s</span> `, bd, bd)
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "            <p>%s <a class=\"dxeHyperlink_Moderno\" id=\"hlIntegra\" href=\"Integra.aspx?id=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	b.WriteString(`            <div class="dxflFormLayout_Moderno" id="flScheda" style="width:100%;">
	<table class="dxflGroup_Moderno dxflGroupSys" style="width:100%;">
`)
	n := 0
	for i, s := range p.Sections {
		fmt.Fprintf(b, `		<tr>
			<td class="dxflGroupCell_Moderno"><div class="dxflGroupBox_Moderno dxflGroupBoxSys" id="flScheda_%[1]d">
				<span class="dxflGroupBoxCaption_Moderno" id="flScheda_%[1]d_GC">%[2]s</span><table class="dxflGroup_Moderno dxflGroupSys" style="width:100%%;">
`, i, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			id := fmt.Sprintf("flScheda_%s_E%d", h9Ctl(f.Label), n)
			n++
			fmt.Fprintf(b, "\t\t\t\t\t<tr class=\"dxflRow_Moderno\">\n\t\t\t\t\t\t<td class=\"dxflCaptionCell_Moderno dxflCaptionCellSys\" style=\"width:30%%;\">%s</td><td class=\"dxflNestedControlCell_Moderno\">", dxCaption(f, id))
			if h3Long(f) {
				fmt.Fprintf(b, `<table class="dxeMemoSys dxeMemo_Moderno dxeReadOnly_Moderno" id="%[1]s" style="width:100%%;border-collapse:collapse;">
								<tr>
									<td class="dxic" style="width:100%%;"><textarea class="dxeMemoEditArea_Moderno dxeMemoEditAreaSys" id="%[1]s_I" name="%[1]s" readonly="readonly" rows="8" cols="20" style="height:160px;">%[2]s</textarea></td>
								</tr>
							</table><script id="dxss_%[1]s" type="text/javascript">
<!--
ASPx.AddHoverItems('%[1]s',[[['dxeMemoHover_Moderno'],[''],['']]]);
ASPx.createControl(ASPxClientMemo,'%[1]s','',{'uniqueID':'%[1]s','stateObject':{'rawValue':''},'readOnly':true});
//-->
</script>`, id, esc(strings.Join(f.Lines, "\n")))
			} else {
				v := h9Value(f, false, "<br />", func(src string) string {
					return `<img class="dxeImage_Moderno" id="` + id + `_IMG" src="` + esc(src) + `" alt="" />`
				})
				fmt.Fprintf(b, `<span class="dxeBase_Moderno" id="%s">%s</span>`, id, v)
			}
			b.WriteString("</td>\n\t\t\t\t\t</tr>\n")
		}
		b.WriteString("\t\t\t\t</table>\n\t\t\t</div></td>\n\t\t</tr>\n")
	}
	fmt.Fprintf(b, `	</table><script id="dxss_flScheda" type="text/javascript">
<!--
ASPx.createControl(ASPxClientFormLayout,'flScheda','',{'uniqueID':'flScheda','alignItemCaptionsInAllGroups':true});
//-->
</script>
</div>
        </div>
        <div id="footer">Osservatorio Partecipazione &ndash; Assemblea legislativa della Regione Emilia-Romagna &ndash; <a href="/privacy.aspx">Privacy</a></div>
        <div id="pcCookie" class="dxpcLite_Moderno" style="position:fixed;bottom:0;"><div class="dxpc-content">%s <input type="button" value="Chiudi" onclick="pcCookie.Hide()" /></div></div>
    </form>
</body>
</html>
`, esc(h9Cookie))
}

// dxCaption is an item's caption: a <label> for the memo's text area, a
// span for a label control.
func dxCaption(f Field, id string) string {
	if h3Long(f) {
		return `<label class="dxflCaption_Moderno" for="` + id + `_I">` + esc(f.Label) + `:</label>`
	}
	return `<span class="dxflCaption_Moderno" id="` + id + `_CAP">` + esc(f.Label) + `:</span>`
}
