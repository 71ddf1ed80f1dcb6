package demosite

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"
)

// Text of the site's own pages.
const (
	siteName   = "Osservatorio Partecipazione"
	regionName = "Regione Emilia-Romagna"
	reserved   = "Area riservata"
	notFound   = "Pagina non trovata"
	nextPage   = "Pagina successiva"
	prevPage   = "Pagina precedente"
	featured   = "Processi in evidenza"
)

// esc escapes text for HTML text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// page wraps the main content of one of the site's own pages (UTF-8
// HTML5) in the site header, navigation and footer.
func page(title, main string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s - %s</title>
<link rel="stylesheet" href="/static/css/osservatorio.css">
</head>
<body>
<header>
<p class="regione">%s</p>
<p class="sito"><a href="/"><img src="/img/logo.png" alt=""> %s</a></p>
<nav>
<ul>
<li><a href="/">Home</a></li>
<li><a href="/processi">Processi</a></li>
<li><a href="/mappa">Mappa</a></li>
<li><a href="/admin/login">%s</a></li>
</ul>
</nav>
</header>
<main>
`, esc(title), siteName, regionName, siteName, reserved)
	b.WriteString(main)
	b.WriteString(`</main>
<footer>
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</footer>
</body>
</html>
`)
	return []byte(b.String())
}

// serveHome answers the home page.
func (s *Site) serveHome(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	fmt.Fprintf(&b, `<h1>%s</h1>
<p class="intro">L&#39;Osservatorio raccoglie e documenta i processi partecipativi promossi in Emilia-Romagna da enti locali, scuole e associazioni: chi li ha promossi, con quali strumenti, con quali esiti. Ogni processo ha la sua scheda.</p>
<p><a href="/processi">Tutti i processi (%d)</a></p>
<section class="evidenza">
<h2>%s</h2>
<ul>
`, siteName, len(s.ids), featured)
	for i, id := range s.ids[:min(3, len(s.ids))] {
		// The other URL shapes: /processi/ambito/... and, once, an
		// absolute https URL on the configured host.
		href := fmt.Sprintf("%s%d", ambitoRecordPrefix, id)
		if i == 1 {
			href = fmt.Sprintf("https://%s%s%d", s.opts.Host, recordPrefix, id)
		}
		rec, _ := s.recordPage(id)
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a></li>\n", esc(href), esc(rec.page.Title))
	}
	b.WriteString("</ul>\n</section>\n")
	serveOK(w, r, htmlType, page("Processi partecipativi in Emilia-Romagna", b.String()), time.Time{})
}

// serveMap answers /mappa: every record, with links to its map images.
func (s *Site) serveMap(w http.ResponseWriter, r *http.Request) {
	var b strings.Builder
	b.WriteString("<h1>Mappa dei processi</h1>\n<ul class=\"mappa\">\n")
	for _, id := range s.ids {
		rec, _ := s.recordPage(id)
		fmt.Fprintf(&b, "<li><a href=\"%s%d\">%s</a>", recordPrefix, id, esc(rec.page.Title))
		for _, img := range mapImages(rec.page) {
			src := "/" + strings.TrimPrefix(img, "/")
			fmt.Fprintf(&b, ` <a class="mappa" href="%s"><img src="%s" alt="Mappa"></a>`, esc(src), esc(src))
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>\n")
	serveOK(w, r, htmlType, page("Mappa", b.String()), time.Time{})
}

// errorPage returns the page for an error status.
func (s *Site) errorPage(r *http.Request, status int) []byte {
	switch status {
	case http.StatusForbidden:
		return page(reserved, "<h1>"+reserved+"</h1>\n<p>L&#39;accesso a quest&#39;area &egrave; riservato alla redazione dell&#39;Osservatorio.</p>\n")
	case http.StatusNotFound:
		return page(notFound, fmt.Sprintf("<h1>%s</h1>\n<p>La pagina %s non esiste o &egrave; stata spostata. Torna alla <a href=\"/\">home page</a> o all&#39;<a href=\"/processi\">elenco dei processi</a>.</p>\n",
			notFound, esc(r.URL.Path)))
	case http.StatusMethodNotAllowed:
		return page("Metodo non consentito", "<h1>Metodo non consentito</h1>\n")
	}
	return page("Errore", "<h1>Errore del server</h1>\n<p>Si &egrave; verificato un errore. Riprova pi&ugrave; tardi.</p>\n")
}
