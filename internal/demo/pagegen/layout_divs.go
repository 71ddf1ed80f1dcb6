package pagegen

import (
	"fmt"
	"strings"
)

// Configuration strings the real site leaks into its field markup.
const (
	divsConfigHidden = "VISIBLE=True;UPDATABLE=False;MANDATORY=False"
	divsConfigLeak   = "VISIBLE=True;UPDATABLE=True; "
)

// renderDivs writes the "divs" layout: Bootstrap-like rows in UTF-8 with no
// charset declaration, tooltips, leaked configuration strings, and hidden
// decoy fields a parser must ignore.
func renderDivs(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>%s :: Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" href="static/css/bootstrap.min.css">
<link rel="stylesheet" href="static/css/font-awesome.min.css">
</head>
<body>
<nav class="navbar navbar-expand-lg navbar-light bg-light">
<div class="container">
<a class="navbar-brand" href="">Osservatorio Partecipazione</a>
<ul class="navbar-nav mr-auto">
<li class="nav-item"><a class="nav-link" href="processi">Processi</a></li>
<li class="nav-item"><a class="nav-link" href="partecipanti">Partecipanti</a></li>
<li class="nav-item"><a class="nav-link" href="mappa">Mappa</a></li>
<li class="nav-item"><a class="nav-link" href="link">Link</a></li>
<li class="nav-item"><a class="nav-link" href="contatti">Contatti</a></li>
</ul>
</div>
</nav>
<div class="container scheda-processo">
`, esc(p.Title), baseHref)
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"header-regione\">%s</div>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<h1 class=\"titolo-processo\">%s</h1>\n", esc(p.Title))
	fmt.Fprintf(b, "<div class=\"integra\">%s <a class=\"btn btn-primary\" href=\"/integra\">%s</a></div>\n", esc(ctaQuestion), esc(ctaAction))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="badges">`)
		for i, name := range badges {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, `<span class="label label-success">%s</span>`, esc(name))
		}
		b.WriteString("</div>\n")
	}
	n := 0 // fields so far, for the leaked configuration string
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h3 class=\"sezione\">%s</h3>\n", esc(s.Name))
		if i == 0 {
			divsDecoy(b, ` style="display:none"`, "Stato di avanzamento", "Bozza interna")
		}
		for _, f := range s.Fields {
			n++
			divsField(b, f, n%3 == 0)
		}
		if i == 1 || (i == 0 && len(p.Sections) == 1) {
			b.WriteString(`<div class="revisione" aria-hidden="true">` + "\n")
			divsDecoy(b, "", "Titolari della decisione", "Ente fittizio")
			b.WriteString("</div>\n")
		}
		if i == len(p.Sections)-1 {
			b.WriteString("<div hidden>\n")
			divsDecoy(b, "", "Indice di partecipazione", "99 / 99")
			b.WriteString("</div>\n")
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p><small class=\"text-muted\">%s %s</small></p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
<footer class="footer mt-5 py-4 bg-light">
<div class="container">
<div class="row">
<div class="col-md-4"><h5>Contatti</h5><p>Osservatorio Partecipazione<br>Assemblea legislativa dell&#39;Emilia-Romagna</p></div>
<div class="col-md-4"><h5>Link</h5><ul class="list-unstyled"><li><a href="processi">Processi</a></li><li><a href="mappa">Mappa</a></li></ul></div>
<div class="col-md-4"><a href="crediti">Crediti</a> &middot; <a href="privacy">Privacy</a></div>
</div>
</div>
</footer>
<script src="static/js/jquery.min.js"></script>
<script src="static/js/bootstrap.bundle.min.js"></script>
</body>
</html>
`)
}

// divsField writes one field row; leak puts the configuration string in
// the visible value, as the real site does on some fields.
func divsField(b *strings.Builder, f Field, leak bool) {
	help := esc(helpFor(f.Label))
	fmt.Fprintf(b, `<div class="row campo"><div class="col-md-4 etichetta">%s<span class="d-none">%s</span> <i class="fa fa-question-circle" data-toggle="tooltip" title="%s"></i><span class="tooltip-text" role="tooltip">%s</span></div><div class="col-md-8 valore">`,
		esc(f.Label), divsConfigHidden, help, help)
	if leak {
		b.WriteString(divsConfigLeak)
	}
	b.WriteString(divsValue(f))
	b.WriteString("</div></div>\n")
}

// divsDecoy writes a field row that is not part of the page's data.
func divsDecoy(b *strings.Builder, attrs, label, value string) {
	fmt.Fprintf(b, "<div class=\"row campo\"%s><div class=\"col-md-4 etichetta\">%s</div><div class=\"col-md-8 valore\">%s</div></div>\n",
		attrs, esc(label), esc(value))
}

// divsValue renders a field's value: lists as adjacent tags, several lines
// as paragraphs.
func divsValue(f Field) string {
	var b strings.Builder
	if f.MapImage != "" {
		fmt.Fprintf(&b, `<a class="mappa" href="%s">%s</a>`, esc(f.MapImage), mapLine)
	}
	sep := listSep(f.Type)
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			fmt.Fprintf(&b, `<img class="img-fluid" src="%s">`, esc(line))
		case sep != "":
			for _, it := range listItems(line, sep) {
				fmt.Fprintf(&b, `<span class="tag">%s</span>`, esc(it))
			}
		case len(f.Lines) > 1:
			fmt.Fprintf(&b, "<p>%s</p>", textHTML(f.Type, line))
		default:
			b.WriteString(textHTML(f.Type, line))
		}
	}
	return b.String()
}
