package pagegen

import (
	"fmt"
	"strings"
)

// renderISWeb11 writes a record as an ISWEB "Amministrazione
// trasparente" record detail: each field one div of a span.etichettaCampo
// ending with ":" and a span.valoreCampo on the same line.
func renderISWeb11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="it" lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>Osservatorio Partecipazione - %[1]s</title>
<link href="/grafica/stili/stile_base.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/classi/jquery/jquery.min.js"></script>
<script type="text/javascript">var idOggetto = 48; var idDocumento = %[2]d;</script>
</head>
<body>
<div id="contenitorePagina">
<div id="skipLinks"><a href="#contenuto" accesskey="2">Vai al contenuto</a></div>
<div id="intestazione"><div id="logo"><a href="/index.php"><img src="/grafica/logo.png" alt="Osservatorio Partecipazione" /></a></div><div id="amministrazione">Osservatorio Partecipazione<br /><span>Assemblea legislativa della Regione Emilia-Romagna</span></div></div>
<div id="menuOrizzontale"><ul>
`, esc(p.Title), p.ID)
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li><a href="/index.php?id_sezione=%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></div>
<div id="percorso"><a href="/index.php">Home</a> &gt; <a href="/index.php?id_sezione=processi">Processi</a> &gt; <span>%[1]s</span></div>
<div id="contenuto" class="contenutoPagina">
<form name="formOggetto" method="post" action="/index.php"><input type="hidden" name="azione" value="lettura" /><input type="hidden" name="id_oggetto" value="48" /><input type="hidden" name="id_doc" value="%[2]d" /></form>
<h2 class="titoloOggetto">%[1]s</h2>
<div class="schedaOggetto">
`, esc(p.Title), p.ID)
	n := 0
	field := func(label, value string) {
		n++
		fmt.Fprintf(b, "<div class=\"campoOggetto%d\"><span class=\"etichettaCampo\">%s:</span> <span class=\"valoreCampo\">%s</span></div>\n", n, label, value)
	}
	if p.Region != "" {
		field("Ente", esc(p.Region))
	}
	if bs := badgeNames(p); len(bs) > 0 {
		field("Riconoscimenti", esc(strings.Join(bs, ", ")))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"titoloSezione\">%s</div>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			field(esc(f.Label), h11Inline(f, "<br />"))
		}
	}
	fmt.Fprintf(b, `</div>
<div class="azioniOggetto"><p>%[1]s <a href="/index.php?azione=integra&amp;id_doc=%[3]d">%[2]s</a></p></div>
<div class="dataAggiornamento">Contenuto inserito il 12-03-2019 - Aggiornato il 04-11-2024</div>
</div>
<div id="piede"><p>Osservatorio Partecipazione - Regione Emilia-Romagna | <a href="/index.php?id_sezione=privacy">Privacy</a> | <a href="/index.php?id_sezione=accessibilita">Accessibilità</a></p><p class="isweb">Sito realizzato da ISWEB S.p.A.</p></div>
</div>
<div id="bannerCookie"><p>%[4]s</p><a href="#" onclick="accettaCookie();return false;">Ho capito</a></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
