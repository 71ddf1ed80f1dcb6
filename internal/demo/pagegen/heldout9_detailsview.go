package pagegen

import (
	"fmt"
	"strings"
)

// renderDetailsView9 writes a record as an ASP.NET WebForms page with a
// master page and one DetailsView per section, in the auto format's
// inline styles.
func renderDetailsView9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">

<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>
	Scheda processo - Osservatorio Partecipazione
</title><meta http-equiv="X-UA-Compatible" content="IE=edge" /><link href="../App_Themes/Osservatorio/Site.css" type="text/css" rel="stylesheet" /></head>
<body>
    <form method="post" action="./SchedaProcesso.aspx?id=%[1]d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[2]s" />
</div>

<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
if (!theForm) {
    theForm = document.form1;
}
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }
}
//]]>
</script>

<script src="/WebResource.axd?d=pynGkmcFUV13He1Qd6_TZAG0&amp;t=638286137964787378" type="text/javascript"></script>

<div class="aspNetHidden">
	<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="6F1C3D2A" />
	<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="%[3]s" />
</div>
        <div id="cookieBar" class="cookie-bar"><p>%[4]s</p><input type="submit" name="ctl00$btnAccettaCookie" value="Accetto" id="btnAccettaCookie" class="btn" /></div>
        <div class="page">
            <div class="header">
                <div class="title"><h1 class="sito">Osservatorio Partecipazione</h1></div>
                <div class="loginDisplay">[ <a href="Account/Login.aspx" id="HeadLoginView_HeadLoginStatus">Accedi</a> ]</div>
                <div class="clear hideSkiplink">
                    <a href="#NavigationMenu_SkipLink"><img alt="Ignora collegamenti di spostamento" src="/WebResource.axd?d=Cp8O3l5&amp;t=6382861" width="0" height="0" style="border-width:0px;" /></a><div class="menu" id="NavigationMenu">
	<ul class="level1">
`, p.ID, viewState(p.ID, 180), viewState(p.ID+7, 64), esc(h9Cookie))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "\t\t<li><a class=\"level1\" href=\"%s.aspx\">%s</a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString("\t</ul>\n</div><a id=\"NavigationMenu_SkipLink\"></a>\n                </div>\n            </div>\n            <div class=\"main\">\n")
	b.WriteString(`                <div id="MainContent_pnlPercorso" class="percorso"><a href="Default.aspx">Home</a> &gt; <a href="processi.aspx">Processi</a> &gt; Scheda</div>` + "\n")
	if p.Region != "" {
		fmt.Fprintf(b, "                <span id=\"MainContent_lblRegione\" class=\"regione\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "                <h2><span id=\"MainContent_lblTitolo\">%s</span></h2>\n", esc(p.Title))
	fmt.Fprintf(b, "                <p class=\"integra\">%s <a id=\"MainContent_hlIntegra\" href=\"integra.aspx?id=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	// The badges: a DetailsView of two CheckBoxFields.
	b.WriteString(`                <div>
	<table cellspacing="0" cellpadding="4" rules="all" border="1" id="MainContent_dvBollini" style="color:#333333;width:300px;border-collapse:collapse;">
`)
	for i, bd := range []struct {
		name string
		on   bool
	}{{badgeCertTxt, p.Certified}, {badgeFinTxt, p.Financed}} {
		checked := ""
		if bd.on {
			checked = `checked="checked" `
		}
		fmt.Fprintf(b, "\t\t<tr style=\"background-color:%s;\">\n\t\t\t<td style=\"background-color:#DEE8F5;font-weight:bold;\">%s</td><td><span class=\"aspNetDisabled\"><input id=\"MainContent_dvBollini_ctl0%d\" type=\"checkbox\" name=\"ctl00$MainContent$dvBollini$ctl0%d\" %sdisabled=\"disabled\" /></span></td>\n\t\t</tr>\n",
			dvRowColor(i), bd.name, i+1, i+1, checked)
	}
	b.WriteString("\t</table>\n</div>\n")
	for i, s := range p.Sections {
		id := fmt.Sprintf("MainContent_dv%s", h9Ctl(s.Name))
		fmt.Fprintf(b, `                <div>
	<table cellspacing="0" cellpadding="4" rules="all" border="1" id="%s" style="color:#333333;width:100%%;border-collapse:collapse;">
		<tr style="color:White;background-color:#507CD1;font-weight:bold;">
			<td colspan="2">%s</td>
		</tr>
`, id, esc(s.Name))
		for j, f := range h7Fields(p, i) {
			v := h9Value(f, false, "<br />", func(src string) string {
				return `<img src="` + esc(src) + `" style="width:320px;" />`
			})
			fmt.Fprintf(b, "\t\t<tr style=\"background-color:%s;\">\n\t\t\t<td style=\"background-color:#DEE8F5;font-weight:bold;width:35%%;\">%s</td><td>%s</td>\n\t\t</tr>\n",
				dvRowColor(j), esc(f.Label), v)
		}
		b.WriteString("\t</table>\n</div>\n")
	}
	fmt.Fprintf(b, `                <p><a id="MainContent_lnkStampa" href="javascript:__doPostBack(&#39;ctl00$MainContent$lnkStampa&#39;,&#39;&#39;)">Versione stampabile</a> | <a href="processi.aspx">Torna all'elenco</a></p>
            </div>
            <div class="clear">
            </div>
        </div>
        <div class="footer">
            Osservatorio Partecipazione - Assemblea legislativa della Regione Emilia-Romagna - Viale Aldo Moro 50, Bologna - <a href="privacy.aspx">Privacy</a> - <a href="note-legali.aspx">Note legali</a>
        </div>
    
<script type="text/javascript">
//<![CDATA[
WebForm_InitCallback();Sys.Application.initialize();
//]]>
</script>
</form>
</body>
</html>
`)
}

// dvRowColor is the auto format's alternating row colour.
func dvRowColor(i int) string {
	if i%2 == 1 {
		return "White"
	}
	return "#EFF3FB"
}
