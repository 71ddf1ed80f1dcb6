package pagegen

import (
	"fmt"
	"strings"
)

// ariaIcons are the icons an accessibility-first page shows instead of
// the label of a short figure, keeping the label for screen readers.
var ariaIcons = map[string]string{
	"Durata (mesi)": "clock", "Anno di avvio": "calendar", "Anno di chiusura": "calendar",
	"Indice di partecipazione": "chart", "Numero persone partecipanti (stimate o effettive)": "users",
	"Numero persone partecipanti": "users", "Anno della certificazione": "calendar", "Anno Finanziamento": "calendar",
}

// ariaHinted are the labels whose help text the page shows between label
// and value, referenced by aria-describedby.
var ariaHinted = set("Stato di avanzamento", "Natura Processo", "Partecipanti", "Tipo di partecipazione",
	"Livello di partecipazione", "Indice di partecipazione", "Codecisione")

// renderARIA8 writes a record as an accessibility-first page: fields as
// role="term" and role="definition" pairs in role="list" items.
func renderARIA8(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%[1]s – Scheda del processo – Osservatorio Partecipazione</title>
<style>.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;padding:0!important;margin:-1px!important;overflow:hidden!important;clip:rect(0,0,0,0)!important;white-space:nowrap!important;border:0!important}.campo{display:grid;grid-template-columns:16rem 1fr;gap:.25rem 1rem}.hint{grid-column:1;font-size:.8rem;color:#555}</style>
</head>
<body>
<ul class="skiplinks">
<li><a class="visually-hidden-focusable" href="#contenuto">Vai al contenuto</a></li>
<li><a class="visually-hidden-focusable" href="#indice">Vai all'indice della scheda</a></li>
<li><a class="visually-hidden-focusable" href="#piede">Vai al piè di pagina</a></li>
</ul>
<svg xmlns="http://www.w3.org/2000/svg" style="display:none"><symbol id="i-clock" viewBox="0 0 24 24"><path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20z"/></symbol><symbol id="i-calendar" viewBox="0 0 24 24"><path d="M3 4h18v18H3z"/></symbol><symbol id="i-chart" viewBox="0 0 24 24"><path d="M3 3v18h18"/></symbol><symbol id="i-users" viewBox="0 0 24 24"><path d="M8 8a4 4 0 1 0 0-1"/></symbol><symbol id="i-check" viewBox="0 0 24 24"><path d="M5 12l5 5 9-9"/></symbol></svg>
<header class="testata" role="banner">
<p class="testata-ente"><a href="/">Osservatorio Partecipazione</a></p>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"testata-regione\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`<nav aria-label="Menu principale"><ul><li><a href="/processi">Processi</a></li><li><a href="/partecipanti">Partecipanti</a></li><li><a href="/mappa">Mappa</a></li></ul></nav>
</header>
<main id="contenuto" tabindex="-1">
<nav aria-label="Percorso di navigazione"><ol class="briciole"><li><a href="/">Home</a></li><li><a href="/processi">Processi</a></li><li aria-current="page">Scheda</li></ol></nav>
`)
	fmt.Fprintf(b, "<h1 id=\"titolo\">%s</h1>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("<ul class=\"riconoscimenti\" aria-label=\"Riconoscimenti del processo\">")
		for _, n := range bs {
			fmt.Fprintf(b, "<li><svg class=\"icona\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-check\"></use></svg> %s</li>", esc(n))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("<nav id=\"indice\" aria-label=\"Indice della scheda\"><ol>")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<li><a href=\"#sez-%d\">%s</a></li>", i+1, esc(s.Name))
	}
	b.WriteString("</ol></nav>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section aria-labelledby=\"sez-%d\">\n<h2 id=\"sez-%d\">%s</h2>\n<div role=\"list\" class=\"campi\">\n", i+1, i+1, esc(s.Name))
		for j, f := range h7Fields(p, i) {
			id := fmt.Sprintf("%d-%d", i+1, j+1)
			val := ariaValue(f)
			if icon, ok := ariaIcons[f.Label]; ok && !isEmpty(f) {
				fmt.Fprintf(b, "<div role=\"listitem\" class=\"campo campo-cifra\"><svg class=\"icona\" aria-hidden=\"true\" focusable=\"false\"><use href=\"#i-%s\"></use></svg><span role=\"term\" id=\"t-%s\" class=\"visually-hidden\">%s</span> <span role=\"definition\" aria-labelledby=\"t-%s\" class=\"cifra\">%s</span></div>\n",
					icon, id, esc(f.Label), id, val)
				continue
			}
			desc, hint := "", ""
			if ariaHinted[f.Label] {
				desc = fmt.Sprintf(" aria-describedby=\"h-%s\"", id)
				hint = fmt.Sprintf("<span id=\"h-%s\" class=\"hint\">%s</span>", id, esc(helpFor(f.Label)))
			}
			fmt.Fprintf(b, "<div role=\"listitem\" class=\"campo\"><span role=\"term\" id=\"t-%s\" class=\"campo-nome\">%s</span>%s<div role=\"definition\" aria-labelledby=\"t-%s\"%s class=\"campo-valore\">%s</div></div>\n",
				id, esc(f.Label), hint, id, desc, val)
		}
		b.WriteString("</div>\n</section>\n")
	}
	fmt.Fprintf(b, `<aside class="integra" aria-labelledby="integra-titolo"><h2 id="integra-titolo" class="h4">%s</h2><p><a href="/integra-informazioni?processo=%d">%s</a></p></aside>
</main>
<footer id="piede"><p>Osservatorio Partecipazione – Assemblea legislativa dell'Emilia-Romagna</p><p><a href="/dichiarazione-accessibilita">Dichiarazione di accessibilità</a></p></footer>
</body>
</html>
`, esc(ctaQuestion), p.ID, esc(ctaAction))
}

// ariaValue renders a value for screen readers and eyes alike: lists as
// role="list", dates in <time>, images with their alternative text, an
// empty value as an aria-hidden dash with a visually hidden sentence.
func ariaValue(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return `<span aria-hidden="true">—</span><span class="visually-hidden">Nessun dato</span>`
	}
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, "<ul role=\"list\"><li>"+strings.Join(items, "</li><li>")+"</li></ul>")
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "item":
			items = append(items, esc(pt.text))
			continue
		case "map":
			flush()
			out = append(out, "<p class=\"mappa-etichetta\">"+mapLine+"</p>")
		case "img":
			flush()
			u := absURL(pt.text)
			out = append(out, `<figure><a href="`+esc(u)+`"><img src="`+esc(u)+`" alt="Immagine allegata alla scheda"></a></figure>`)
		default:
			flush()
			if f.Type == "date" {
				out = append(out, `<time datetime="`+isoDate(pt.text)+`">`+esc(pt.text)+`</time>`)
				continue
			}
			if len(parts) > 1 {
				out = append(out, "<p>"+h6Text(pt.text)+"</p>")
				continue
			}
			out = append(out, h6Text(pt.text))
		}
	}
	flush()
	return strings.Join(out, "")
}
