package pagegen

import (
	"fmt"
	"strings"
)

// renderTable writes the "table" layout: an old table-based HTML 4 page in
// windows-1252, without <h1>, one <table class="scheda"> per section.
func renderTable(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>%s | Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" type="text/css" href="stile.css">
</head>
<body bgcolor="#ffffff" leftmargin="0" topmargin="0">
<table width="100%%" border="0" cellspacing="0" cellpadding="6" class="testata">
`, esc(p.Title), baseHref)
	region := "&nbsp;"
	if p.Region != "" {
		region = esc(p.Region)
	}
	fmt.Fprintf(b, "<tr><td class=\"regione\">%s</td><td class=\"servizi\" align=\"right\"><a href=\"contatti.asp\">Contatti</a></td></tr>\n", region)
	fmt.Fprintf(b, "<tr><td class=\"titolo\"><b>%s</b></td><td class=\"badge\" align=\"right\">", esc(p.Title))
	for i, name := range badgeNames(p) {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(b, `<img src="img/%s.png" alt="%s">`, strings.ToLower(name), esc(name))
	}
	b.WriteString(`</td></tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="4" class="menu">
<tr>
<td><a href="default.asp">Home</a></td>
<td><a href="processi.asp">Processi</a></td>
<td><a href="partecipanti.asp">Partecipanti</a></td>
<td><a href="mappa.asp">Mappa</a></td>
<td><a href="link.asp">Link</a></td>
</tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="8">
<tr>
<td valign="top" class="contenuto">
`)
	fmt.Fprintf(b, "<p class=\"integra\">%s <a href=\"integra.asp?id=%d\"><b>%s</b></a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	sections := p.Sections
	if p.LastModified != "" && len(sections) == 0 {
		sections = []Section{{Name: "Crediti"}}
	}
	for i, s := range sections {
		fmt.Fprintf(b, "<table class=\"scheda\" width=\"100%%\" border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<caption>%s</caption>\n", esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<tr><th align=\"left\" valign=\"top\" width=\"35%%\">%s</th><td>%s</td></tr>\n", esc(f.Label), tableValue(f))
		}
		if i == len(sections)-1 && p.LastModified != "" {
			fmt.Fprintf(b, "<tr><th align=\"left\" valign=\"top\" width=\"35%%\">%s</th><td>%s</td></tr>\n", lastModLabel, esc(p.LastModified))
		}
		b.WriteString("</table>\n<br>\n")
	}
	b.WriteString(`</td>
</tr>
</table>
<table width="100%" border="0" cellspacing="0" cellpadding="4" class="piede">
<tr><td align="center"><a href="crediti.asp">Crediti</a> | <a href="contatti.asp">Contatti</a> | <a href="note-legali.asp">Note legali</a></td></tr>
</table>
</body>
</html>
`)
}

// tableValue renders a field's value for a <td>: lines joined with <br>,
// lists kept as written.
func tableValue(f Field) string {
	var parts []string
	if f.MapImage != "" {
		parts = append(parts, mapLine, `<img src="`+esc(f.MapImage)+`">`)
	}
	for _, line := range f.Lines {
		if isImagePath(line) {
			parts = append(parts, `<img src="`+esc(line)+`">`)
		} else {
			parts = append(parts, textHTML(f.Type, line))
		}
	}
	if len(parts) == 0 {
		return "&nbsp;"
	}
	if f.MapImage != "" && len(f.Lines) == 0 {
		return strings.Join(parts, "<br>") + "<br>"
	}
	return strings.Join(parts, "<br>")
}
