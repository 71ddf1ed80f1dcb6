package pagegen

import (
	"fmt"
	"strings"
)

// renderMunicipium11 writes a record as a Maggioli Municipium page: a
// card per section, each field a div of a span.scheda__etichetta and a
// div.scheda__valore, lists as chips.
func renderMunicipium11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-param" content="authenticity_token" />
<meta name="csrf-token" content="c2RmNzhhc2Q5ZjhhN3NkZjk4N2FzZGY5ODdhc2RmOTg3YXNkZjk4" />
<title>%[1]s - Osservatorio Partecipazione</title>
<link rel="stylesheet" media="all" href="/assets/municipium/application-8e1f0c3b.css" />
<script src="/assets/municipium/application-2a7d5e91.js"></script>
</head>
<body class="page-schede show">
<a class="skip-link" href="#contenuto">Salta al contenuto</a>
<header id="header" class="municipium-header">
<div class="header-top"><a class="ente-appartenenza" href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a><a class="app-link" href="/app">Scarica l'app</a></div>
<div class="header-center"><a class="logo" href="/"><img alt="Stemma" src="/uploads/stemma.png" /><span class="nome-ente">Osservatorio Partecipazione</span></a></div>
<nav class="header-nav" aria-label="Menu principale"><ul>
`, esc(p.Title))
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<li><a href="/%s">%s</a></li>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav>
</header>
<main id="contenuto">
<nav class="breadcrumb-container" aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/processi">Processi</a></li><li class="breadcrumb-item active" aria-current="page">%[1]s</li></ol></nav>
<div class="container scheda-container">
<div class="scheda-header">
<h1 class="scheda-header__titolo">%[1]s</h1>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"scheda-header__sottotitolo\">%s</p>\n", esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<span class=\"badge badge--%s\">%s</span>\n", strings.ToLower(bd), esc(bd))
	}
	b.WriteString("</div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"card scheda\" id=\"%s\">\n<div class=\"card-body\">\n<h3 class=\"scheda__titolo\">%s</h3>\n", h3ID(s.Name, 20), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			var val string
			if items := h4Items(f); len(items) > 1 && f.MapImage == "" {
				var chips []string
				for _, it := range items {
					chips = append(chips, `<span class="chip chip-simple">`+esc(it)+`</span>`)
				}
				val = strings.Join(chips, ", ")
			} else {
				val = h11Value(f, "lista", "<br>")
			}
			fmt.Fprintf(b, "<div class=\"scheda__campo\">\n<span class=\"scheda__etichetta\">%s</span>\n<div class=\"scheda__valore\">%s</div>\n</div>\n", esc(f.Label), val)
		}
		b.WriteString("</div>\n</div>\n")
	}
	fmt.Fprintf(b, `<div class="scheda-cta"><p>%[1]s</p><a class="btn btn-primary" href="/segnalazioni/new?processo=%[3]d">%[2]s</a></div>
</div>
</main>
<footer class="municipium-footer"><div class="container"><p>Assemblea legislativa della Regione Emilia-Romagna - Viale Aldo Moro, 50 - 40127 Bologna</p><p class="powered">Powered by <a href="https://www.municipiumapp.it">Municipium</a></p></div></footer>
<div class="cookiebar" data-cookiebar><p>%[4]s</p><button class="btn btn-sm" data-accept="cookiebar">Accetto</button></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
