package pagegen

import (
	"fmt"
	"strings"
)

// alboEmpty is what the notice board shows for an empty value; alboAfter
// starts the part of the page after the attached record.
const (
	alboEmpty = "--"
	alboAfter = "Torna all'elenco"
)

// renderAlbo7 writes a record as an act of a municipality's "Albo
// pretorio" in a legacy Java portal: the act's own data and attachments
// in th/td tables, then the attached record as one captioned table per
// section, "--" for empty values, list items and lines separated by
// <br>, images as links named by their path.
func renderAlbo7(b *strings.Builder, p *Page) {
	town := h7Town(p)
	reg := 1000 + p.ID%900
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<title>Albo Pretorio on line - %[1]s</title>
<link rel="stylesheet" type="text/css" href="/albo/css/jalbo.css">
<script type="text/javascript" src="/albo/js/jquery-1.4.2.min.js"></script>
</head>
<body>
<div id="testata"><img src="/albo/img/stemma.gif" alt="Stemma" width="60" height="72"><span class="ente">%[1]s</span></div>
<div id="briciole">Sei in: <a href="/albo/index.jsp">Albo Pretorio</a> &gt; <a href="/albo/elenco.jsp?tipo=AVV">Avvisi</a> &gt; Dettaglio atto</div>
<div id="contenuto">
<h1>Albo Pretorio on line</h1>
<h2 class="sezione">Dettaglio pubblicazione</h2>
<table class="dettaglio" summary="Dati della pubblicazione" width="100%%" cellspacing="0" cellpadding="4" border="1">
<tr><th width="30%%" align="left">N. registro</th><td>%[2]d/2020</td></tr>
<tr><th align="left">Tipo atto</th><td>AVVISO</td></tr>
<tr><th align="left">Oggetto</th><td>PUBBLICAZIONE DELLA SCHEDA DEL PROCESSO PARTECIPATIVO &quot;%[3]s&quot; (OSSERVATORIO REGIONALE DELLA PARTECIPAZIONE)</td></tr>
<tr><th align="left">Ente mittente</th><td>%[1]s</td></tr>
<tr><th align="left">Periodo di pubblicazione</th><td>dal 15/02/2020 al 01/03/2020</td></tr>
<tr><th align="left">Responsabile del procedimento</th><td>Ufficio Segreteria</td></tr>
</table>
<h2 class="sezione">Allegati</h2>
<table class="allegati" summary="Allegati" width="100%%" cellspacing="0" cellpadding="4" border="1">
<tr><th align="left">Descrizione</th><th align="left">File</th><th align="left">Dimensione</th></tr>
<tr><td>Scheda processo (testo)</td><td><a href="/albo/allegati/%[2]d/scheda_%[4]d.pdf">scheda_%[4]d.pdf</a></td><td>184 Kb</td></tr>
</table>
<h2 class="sezione">Contenuto dell'allegato</h2>
<div class="scheda">
<h3 class="titolo-scheda">%[3]s</h3>
`, esc(town), reg, esc(p.Title), p.ID)
	if p.Region != "" || len(badgeNames(p)) > 0 {
		b.WriteString("<p class=\"fonte\">")
		var bits []string
		if p.Region != "" {
			bits = append(bits, esc(p.Region))
		}
		for _, bd := range badgeNames(p) {
			bits = append(bits, "<b>"+esc(bd)+"</b>")
		}
		b.WriteString(strings.Join(bits, "<br>"))
		b.WriteString("</p>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<table class=\"dettaglio\" summary=\"%[1]s\" width=\"100%%\" cellspacing=\"0\" cellpadding=\"4\" border=\"1\">\n<caption>%[1]s</caption>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<tr><th width=\"30%%\" align=\"left\" valign=\"top\">%s</th><td>%s</td></tr>\n", esc(f.Label), alboValue(f))
		}
		b.WriteString("</table>\n")
	}
	fmt.Fprintf(b, `</div>
<p class="navigazione"><a href="/albo/elenco.jsp?tipo=AVV">%s</a> | <a href="javascript:window.print()">Stampa</a></p>
</div>
<div id="piede">%s - P.IVA 00000000000 - Albo pretorio gestito ai sensi dell'art. 32 della L. 69/2009</div>
</body>
</html>
`, alboAfter, esc(town))
}

// alboValue renders f's value for a cell: "--" when empty, pieces
// separated by <br>, images as links named by their path.
func alboValue(f Field) string {
	parts := h7Lines(f)
	if len(parts) == 0 {
		return alboEmpty
	}
	return joinParts(parts, "<br>", func(pt part) string {
		if pt.kind == "img" {
			name := pt.text[strings.LastIndex(pt.text, "/")+1:]
			return `<a href="` + esc(pt.text) + `" target="_blank">` + esc(name) + `</a>`
		}
		return h6Text(pt.text)
	})
}
