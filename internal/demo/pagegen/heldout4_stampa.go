package pagegen

import (
	"fmt"
	"strings"
)

// renderStampa4 writes the "stampa scheda" view of an older site, the page
// its print button opens: HTML 4.01 in windows-1252 declared only in a
// <meta>, a print/close bar, a letterhead table, the title and a line
// with the region and the badges, then one two-column table headed
// "Campo | Valore" whose sections are rows of one cell spanning both
// columns and whose labels are plain cells, then the print note.
func renderStampa4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Stampa scheda - %s</title>
<link rel="stylesheet" type="text/css" href="/css/stampa.css" media="all">
<style type="text/css">
body { font-family: Verdana, Arial, sans-serif; font-size: 10pt; }
table.stampa { border-collapse: collapse; }
table.stampa td { border: 1px solid #999999; vertical-align: top; }
tr.section td { background-color: #E0E0E0; font-weight: bold; text-transform: uppercase; }
td.campo { width: 35%%; color: #333333; }
@media print { .noprint { display: none; } }
</style>
</head>
<body onload="window.print();">
<div class="noprint"><a href="javascript:window.print()">Stampa</a> | <a href="javascript:window.close()">Chiudi finestra</a></div>
<table width="100%%" border="0" cellpadding="0" cellspacing="0" class="intestazione">
<tr>
<td width="120"><img src="/img/logo_stampa.gif" width="110" height="60" alt="Osservatorio Partecipazione"></td>
<td><h2>Osservatorio Partecipazione</h2>Scheda processo n. %d</td>
</tr>
</table>
<h1 class="titolo">%s</h1>
`, esc(p.Title), p.ID, esc(p.Title))
	var sub []string
	if p.Region != "" {
		sub = append(sub, esc(p.Region))
	}
	sub = append(sub, badgeNames(p)...)
	if len(sub) > 0 {
		fmt.Fprintf(b, "<p class=\"sottotitolo\">%s</p>\n", strings.Join(sub, " - "))
	}
	b.WriteString(`<table width="100%" border="1" cellspacing="0" cellpadding="4" class="stampa">
<thead><tr><th width="35%">Campo</th><th>Valore</th></tr></thead>
<tbody>
`)
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr class=\"section\"><td colspan=\"2\">%s</td></tr>\n", esc(s.Name))
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			fmt.Fprintf(b, "<tr><td class=\"campo\">%s</td><td class=\"valore\">%s</td></tr>\n", esc(f.Label), stampaValue(f))
		}
	}
	fmt.Fprintf(b, `</tbody>
</table>
<p class="piede">Stampato il 03/05/2024 alle 10:12 da %s</p>
</body>
</html>
`, esc(p.URL))
}

// stampaValue renders a value cell: lines as written, separated by
// <br>, images at print size, a non-breaking space when empty.
func stampaValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "img":
			out = append(out, fmt.Sprintf(`<img src="%s" width="200" alt="">`, esc(absURL(pt.text))))
		default:
			out = append(out, esc(pt.text))
		}
	}
	if len(out) == 0 {
		return "&nbsp;"
	}
	return strings.Join(out, "<br>")
}
