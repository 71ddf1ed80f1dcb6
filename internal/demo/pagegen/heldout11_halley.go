package pagegen

import (
	"fmt"
	"strings"
)

// renderHalley11 writes a record as a Halley municipal site detail page:
// a <fieldset> per section with its <legend>, each field a <p> of a
// <label> and the value after a <br>.
func renderHalley11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>%[1]s - Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/c037001/css/stile.css" type="text/css">
<script type="text/javascript" src="/c037001/js/funzioni.js"></script>
</head>
<body>
<div id="pagina">
<div id="testata"><a href="/c037001/hh/index.php"><img src="/c037001/images/logo.gif" alt="Osservatorio Partecipazione" border="0"></a><span class="ente">Assemblea legislativa della Regione Emilia-Romagna</span></div>
<div id="menu"><ul>
`, esc(p.Title))
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li><a href="/c037001/zf/index.php/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></div>
<div id="briciole">Ti trovi in: <a href="/c037001/hh/index.php">Home</a> / <a href="/c037001/zf/index.php/processi">Processi</a> / %[1]s</div>
<div id="contenuto">
<form name="dettaglio" method="post" action="/c037001/zf/index.php/processi/dettaglio/%[2]d">
<input type="hidden" name="servizio" value="processi"><input type="hidden" name="id" value="%[2]d"><input type="hidden" name="token" value="7b2e0a91c4d3">
<h1 class="titolo">%[1]s</h1>
`, esc(p.Title), p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"sottotitolo\">%s</p>\n", esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<img src=\"/c037001/images/spunta.gif\" alt=\"\"> <b>%s</b>&nbsp;\n", esc(bd))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<fieldset class=\"dettaglio\">\n<legend>%s</legend>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, "<p><label>%s</label><br>\n%s</p>\n", esc(f.Label), h11Inline(f, "<br>\n"))
		}
		b.WriteString("</fieldset>\n")
	}
	fmt.Fprintf(b, `<p class="integra">%[1]s <a href="/c037001/zf/index.php/processi/integra/%[3]d">%[2]s</a></p>
<p><input type="button" value="Torna all'elenco" onclick="history.back()"> <input type="button" value="Stampa" onclick="window.print()"></p>
</form>
</div>
<div id="piede">Osservatorio Partecipazione - Viale Aldo Moro, 50 - 40127 Bologna | <a href="/c037001/zf/index.php/privacy">Privacy</a> | Realizzato da Halley Informatica</div>
</div>
<div id="informativa_cookie" class="cookie"><p>%[4]s</p><a href="javascript:accettaCookie()">Chiudi</a></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
