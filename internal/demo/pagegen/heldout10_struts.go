package pagegen

import (
	"fmt"
	"strings"
)

// renderStruts10 writes a record as a Struts 1 JSP page of the early
// 2000s: nested tables with bgcolor, labels in capitals inside
// <font><b>, values in <font>, section rows spanning both columns.
func renderStruts10(b *strings.Builder, p *Page) {
	const sid = ";jsessionid=8F2C41D7A0B9E3C5D6F1A2B3C4D5E6F7"
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<title>Osservatorio Partecipazione - Scheda processo</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<link rel="stylesheet" href="/osservatorio/css/stile.css" type="text/css">
<script language="JavaScript" src="/osservatorio/js/funzioni.js"></script>
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="780" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td bgcolor="#003366" height="60"><font face="Verdana, Arial, Helvetica, sans-serif" size="4" color="#FFFFFF"><b>&nbsp;Osservatorio Partecipazione</b></font></td></tr>
<tr><td bgcolor="#E0E8F0" height="22"><font face="Verdana, Arial, Helvetica, sans-serif" size="1">
`)
	for i, n := range h10Nav {
		if i > 0 {
			b.WriteString(" | ")
		}
		fmt.Fprintf(b, "&nbsp;<a href=\"/osservatorio/%s.do%s\" class=\"menu\">%s</a>", n[1], sid, esc(n[0]))
	}
	fmt.Fprintf(b, `
</font></td></tr>
<tr><td valign="top">
<br>
<table width="100%%" border="0" cellspacing="0" cellpadding="4">
<tr><td><font face="Verdana, Arial, Helvetica, sans-serif" size="1"><a href="/osservatorio/index.do%[1]s">Home</a> &gt; <a href="/osservatorio/elencoProcessi.do%[1]s">Elenco processi</a> &gt; Scheda</font></td></tr>
`, sid)
	if p.Region != "" {
		fmt.Fprintf(b, "<tr><td><font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"2\" color=\"#666666\">%s</font></td></tr>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<tr><td><font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"4\" color=\"#003366\"><b>%s</b></font></td></tr>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("<tr><td>")
		for _, bd := range bs {
			fmt.Fprintf(b, "<font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"1\" color=\"#FFFFFF\" style=\"background-color:#339933\">&nbsp;%s&nbsp;</font>&nbsp;", bd)
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n<table width=\"100%\" border=\"0\" cellspacing=\"1\" cellpadding=\"3\" bgcolor=\"#999999\">\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr bgcolor=\"#336699\"><td colspan=\"2\"><font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"2\" color=\"#FFFFFF\"><b>%s</b></font></td></tr>\n", esc(strings.ToUpper(s.Name)))
		for j, f := range h7Fields(p, i) {
			bg := "#FFFFFF"
			if j%2 == 1 {
				bg = "#F2F2F2"
			}
			v := h10HTML(f, false, "<br>", func(src string) string {
				return `<img src="` + esc(src) + `" border="0">`
			})
			if v == "" {
				v = "&nbsp;"
			}
			fmt.Fprintf(b, "<tr bgcolor=\"%s\"><td width=\"35%%\" valign=\"top\"><font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"1\" color=\"#003366\"><b>%s</b></font></td><td valign=\"top\"><font face=\"Verdana, Arial, Helvetica, sans-serif\" size=\"2\">%s</font></td></tr>\n",
				bg, esc(strings.ToUpper(f.Label)), v)
		}
	}
	fmt.Fprintf(b, `</table>
<br>
<font face="Verdana, Arial, Helvetica, sans-serif" size="2">%[2]s <a href="/osservatorio/integraInformazioni.do%[1]s?idProcesso=%[4]d">%[3]s</a></font>
<br><br>
</td></tr>
<tr><td bgcolor="#003366" align="center"><font face="Verdana, Arial, Helvetica, sans-serif" size="1" color="#FFFFFF">Assemblea legislativa della Regione Emilia-Romagna - Viale Aldo Moro 50 - 40127 Bologna</font></td></tr>
</table>
<div id="cookieLaw" style="position:fixed;bottom:0;width:100%%;background:#EEEEEE"><font face="Verdana" size="1">%[5]s</font> <a href="javascript:chiudiCookie()">[chiudi]</a></div>
</body>
</html>
`, sid, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}
