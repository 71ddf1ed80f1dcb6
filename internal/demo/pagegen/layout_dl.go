package pagegen

import (
	"fmt"
	"strings"
)

// renderDL writes the "dl" layout: HTML5 in UTF-8, one <section> with a
// <dl> per section, lists as <ul>.
func renderDL(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s - Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" href="css/scheda.css">
</head>
<body class="scheda-processo">
<header>
`, esc(p.Title), baseHref)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"regione\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`<p class="sito"><a href="">Osservatorio Partecipazione</a></p>
<nav>
<ul>
<li><a href="">Home</a></li>
<li><a href="processi">Processi</a></li>
<li><a href="partecipanti">Partecipanti</a></li>
<li><a href="mappa">Mappa</a></li>
<li><a href="link">Link</a></li>
<li><a href="contatti">Contatti</a></li>
</ul>
</nav>
</header>
<main>
`)
	fmt.Fprintf(b, "<article class=\"scheda\" id=\"processo-%d\">\n<h1>%s</h1>\n", p.ID, esc(p.Title))
	fmt.Fprintf(b, "<p class=\"cta\">%s <a class=\"button\" href=\"integra-informazioni?processo=%d\">%s</a></p>\n",
		esc(ctaQuestion), p.ID, esc(ctaAction))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="badges">`)
		for _, name := range badges {
			fmt.Fprintf(b, `<span class="badge">%s</span>`, esc(name))
		}
		b.WriteString("</div>\n")
	}
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<dl>\n", esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<dt>%s</dt>\n<dd>%s</dd>\n", esc(f.Label), dlValue(f))
		}
		b.WriteString("</dl>\n</section>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"ultima-modifica\">%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</article>
</main>
<footer>
<ul>
<li><a href="crediti">Crediti</a></li>
<li><a href="contatti">Contatti</a></li>
<li><a href="privacy">Privacy</a></li>
</ul>
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</footer>
</body>
</html>
`)
}

// dlValue renders a field's value for a <dd>.
func dlValue(f Field) string {
	var b strings.Builder
	if f.MapImage != "" {
		fmt.Fprintf(&b, `<div class="mappa"><span>%s</span> <img src="%s" alt=""></div>`, mapLine, esc(f.MapImage))
	}
	sep := listSep(f.Type)
	var items []string
	flush := func() {
		if len(items) == 0 {
			return
		}
		b.WriteString("<ul>")
		for _, it := range items {
			fmt.Fprintf(&b, "<li>%s</li>", esc(it))
		}
		b.WriteString("</ul>")
		items = nil
	}
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			flush()
			fmt.Fprintf(&b, `<a href="%s"><img src="%s" alt="immagine"></a>`, esc(line), esc(line))
		case sep != "":
			items = append(items, listItems(line, sep)...)
		case len(f.Lines) > 1:
			fmt.Fprintf(&b, "<p>%s</p>", textHTML(f.Type, line))
		default:
			b.WriteString(textHTML(f.Type, line))
		}
	}
	flush()
	return b.String()
}
