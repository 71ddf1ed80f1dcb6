package pagegen

import (
	"fmt"
	"strings"
)

const oldFont = `<font face="Verdana, Arial, Helvetica" size="1">`

// renderOldTable writes a page as sites of the early 2000s were built: a
// fixed-width layout table, a table per section nested inside it with a
// coloured header row in capitals, rows of label, spacer and value cells,
// <font> and <b> everywhere, windows-1252 declared in a <meta> only.
func renderOldTable(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Osservatorio Partecipazione - %s</title>
</head>
<body bgcolor="#FFFFFF" text="#000000" link="#003366" vlink="#663366" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<table width="760" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="2"><img src="/img/testata.gif" width="760" height="80" alt="Osservatorio Partecipazione" border="0"></td></tr>
`, esc(p.Title))
	region := "&nbsp;"
	if p.Region != "" {
		region = esc(p.Region)
	}
	fmt.Fprintf(b, `<tr><td bgcolor="#003366"><font face="Verdana, Arial, Helvetica" size="1" color="#FFFFFF">%s</font></td><td bgcolor="#003366" align="right"><font face="Verdana, Arial, Helvetica" size="1"><a href="/processi.asp"><font color="#FFFFFF">Processi</font></a> | <a href="/partecipanti.asp"><font color="#FFFFFF">Partecipanti</font></a> | <a href="/mappa.asp"><font color="#FFFFFF">Mappa</font></a> | <a href="/link.asp"><font color="#FFFFFF">Link</font></a></font></td></tr>
<tr><td colspan="2" valign="top">
<table width="100%%" border="0" cellspacing="0" cellpadding="8"><tr><td>
`, region)
	fmt.Fprintf(b, "<font face=\"Verdana, Arial, Helvetica\" size=\"3\" color=\"#003366\"><b>%s</b></font><br>\n", esc(p.Title))
	fmt.Fprintf(b, "%s%s <a href=\"/integra.asp?id=%d\">%s</a></font><br>\n", oldFont, esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, n := range badgeNames(p) {
		fmt.Fprintf(b, "<font face=\"Verdana, Arial, Helvetica\" size=\"1\" color=\"#006600\"><b>%s</b></font>&nbsp;\n", esc(n))
	}
	b.WriteString("<br><br>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<table width=\"100%%\" border=\"0\" cellspacing=\"1\" cellpadding=\"3\" bgcolor=\"#CCCCCC\">\n<tr bgcolor=\"#003366\"><td colspan=\"3\"><font face=\"Verdana, Arial, Helvetica\" size=\"2\" color=\"#FFFFFF\"><b>%s</b></font></td></tr>\n", esc(strings.ToUpper(s.Name)))
		for _, f := range s.Fields {
			value := joinParts(valueParts(f, true), "<br>", func(pt part) string {
				if pt.kind == "img" {
					return `<img src="` + esc(absURL(pt.text)) + `" border="0">`
				}
				return textHTML(f.Type, pt.text)
			})
			if value == "" {
				value = "&nbsp;"
			}
			fmt.Fprintf(b, "<tr bgcolor=\"#FFFFFF\"><td width=\"35%%\" valign=\"top\">%s<b>%s</b></font></td><td width=\"5\"><img src=\"/img/spacer.gif\" width=\"5\" height=\"1\" alt=\"\"></td><td valign=\"top\">%s%s</font></td></tr>\n",
				oldFont, esc(f.Label), oldFont, value)
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			fmt.Fprintf(b, "<tr bgcolor=\"#FFFFFF\"><td colspan=\"3\" align=\"right\">%s<i>%s %s</i></font></td></tr>\n", oldFont, lastModPrefix, esc(p.LastModified))
		}
		b.WriteString("</table>\n<br>\n")
	}
	b.WriteString(`</td></tr></table>
</td></tr>
<tr><td colspan="2" class="footer" bgcolor="#EEEEEE" align="center"><font face="Verdana, Arial, Helvetica" size="1">Osservatorio Partecipazione - Assemblea legislativa dell'Emilia-Romagna</font></td></tr>
</table>
</body>
</html>
`)
}

// renderEmphasis writes a page of "<p><em>Label</em>: value</p>"
// paragraphs under <h3> section headings, the title in an <h2>, in
// ISO-8859-1 declared only in the Content-Type.
func renderEmphasis(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<html>
<head>
<title>%s :: Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/style.css" type="text/css">
</head>
<body>
<div id="wrapper">
<div id="header">
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p id=\"ente\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`<p id="sitename"><a href="/">Osservatorio Partecipazione</a></p>
</div>
<div id="menu"><a href="/processi">Processi</a> - <a href="/partecipanti">Partecipanti</a> - <a href="/mappa">Mappa</a> - <a href="/link">Link</a></div>
<div id="contenuto">
`)
	fmt.Fprintf(b, "<h2 class=\"titolo\">%s</h2>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		fmt.Fprintf(b, "<p class=\"riconoscimenti\">%s</p>\n", strings.Join(badges, " &middot; "))
	}
	fmt.Fprintf(b, "<p>%s <a href=\"/integra?id=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h3>%s</h3>\n", esc(s.Name))
		for _, f := range s.Fields {
			value := joinParts(valueParts(f, false), "<br>", func(pt part) string {
				switch pt.kind {
				case "img":
					return `<a href="` + esc(absURL(pt.text)) + `"><img src="` + esc(absURL(pt.text)) + `" alt=""></a>`
				case "map":
					return mapLine
				}
				return textHTML(f.Type, pt.text)
			})
			if value != "" {
				value = " " + value
			}
			fmt.Fprintf(b, "<p><em>%s</em>:%s</p>\n", esc(f.Label), value)
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"small\">%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
<div id="footer">Osservatorio Partecipazione - Assemblea legislativa dell'Emilia-Romagna</div>
</div>
</body>
</html>
`)
}
