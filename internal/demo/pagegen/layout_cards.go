package pagegen

import (
	"fmt"
	"strings"
)

// cardsGrid are the sections the "cards" layout shows as a grid of cards;
// the others are list groups.
var cardsGrid = set("Caratteristiche", "Obiettivi e Risultati")

// renderCards writes the "cards" layout: a Bootstrap 5 page in UTF-8. Each
// section is a card whose header holds its name; its fields are list-group
// items or, in long sections, a grid of small cards. A field is a <strong>
// label followed by an info marker (a Bootstrap icon, "ⓘ" or "(i)" with a
// tooltip), a <br> and the value; lists and lines are <br>-separated.
func renderCards(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html lang="it" data-bs-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s · Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" href="static/bootstrap/css/bootstrap.min.css">
<link rel="stylesheet" href="static/bootstrap-icons/font/bootstrap-icons.min.css">
</head>
<body>
`, esc(p.Title), baseHref)
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"bg-primary text-white small py-1\"><div class=\"container\">%s</div></div>\n", esc(p.Region))
	}
	b.WriteString(`<nav class="navbar navbar-expand-lg bg-body-tertiary">
<div class="container">
<a class="navbar-brand" href="">Osservatorio Partecipazione</a>
<ul class="navbar-nav">
<li class="nav-item"><a class="nav-link" href="processi">Processi</a></li>
<li class="nav-item"><a class="nav-link" href="partecipanti">Partecipanti</a></li>
<li class="nav-item"><a class="nav-link" href="mappa">Mappa</a></li>
<li class="nav-item"><a class="nav-link" href="link">Link</a></li>
<li class="nav-item"><a class="nav-link" href="contatti">Contatti</a></li>
</ul>
</div>
</nav>
<main class="container my-4">
`)
	fmt.Fprintf(b, "<h1 class=\"display-6\">%s</h1>\n", esc(p.Title))
	fmt.Fprintf(b, "<p class=\"lead\">%s <a class=\"btn btn-outline-primary btn-sm\" href=\"integra-informazioni?processo=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="mb-3">`)
		for i, name := range badges {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, `<span class="badge text-bg-success"><i class="bi bi-patch-check" aria-hidden="true"></i> %s</span>`, esc(name))
		}
		b.WriteString("</div>\n")
	}
	n := 0
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"card mb-4\">\n<div class=\"card-header\"><h2 class=\"h5 mb-0\">%s</h2></div>\n", esc(s.Name))
		grid := cardsGrid[s.Name]
		if grid {
			b.WriteString("<div class=\"card-body\">\n<div class=\"row row-cols-1 row-cols-md-2 g-3\">\n")
		} else {
			b.WriteString("<ul class=\"list-group list-group-flush\">\n")
		}
		for _, f := range s.Fields {
			marker := cardsMarker(f.Label, n)
			n++
			if grid {
				fmt.Fprintf(b, "<div class=\"col\"><div class=\"card h-100\"><div class=\"card-body\"><strong class=\"card-title\">%s:</strong> %s<br><span class=\"card-text\">%s</span></div></div></div>\n",
					esc(f.Label), marker, cardsValue(f))
			} else {
				fmt.Fprintf(b, "<li class=\"list-group-item\"><strong>%s</strong> %s<br>%s</li>\n", esc(f.Label), marker, cardsValue(f))
			}
		}
		if grid {
			b.WriteString("</div>\n</div>\n")
		} else {
			b.WriteString("</ul>\n")
		}
		b.WriteString("</div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"text-body-secondary small\">%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</main>
<footer class="border-top py-3 bg-body-tertiary">
<div class="container small"><a href="crediti">Crediti</a> &middot; <a href="privacy">Privacy</a> &middot; Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</div>
</footer>
<script src="static/bootstrap/js/bootstrap.bundle.min.js"></script>
</body>
</html>
`)
}

// cardsMarker is the info marker after the n-th label: a Bootstrap icon,
// "ⓘ" or "(i)", each with the field's help as a tooltip.
func cardsMarker(label string, n int) string {
	help := esc(helpFor(label))
	switch n % 3 {
	case 0:
		return `<i class="bi bi-info-circle" aria-hidden="true" data-bs-toggle="tooltip" data-bs-title="` + help + `"></i>`
	case 1:
		return `<span class="text-primary" data-bs-toggle="tooltip" title="` + help + `">ⓘ</span>`
	default:
		return `<small class="text-muted" title="` + help + `">(i)</small>`
	}
}

// cardsValue renders a value as <br>-separated lines: list items one per
// line, images as responsive images after a "Mappa" caption when the
// record has one.
func cardsValue(f Field) string {
	var parts []string
	if f.MapImage != "" {
		parts = append(parts, `<span class="small text-muted">`+mapLine+`</span>`, cardsImage(f.MapImage))
	}
	sep := listSep(f.Type)
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			parts = append(parts, cardsImage(line))
		case sep != "":
			for _, it := range listItems(line, sep) {
				parts = append(parts, esc(it))
			}
		default:
			parts = append(parts, textHTML(f.Type, line))
		}
	}
	return strings.Join(parts, "<br>")
}

func cardsImage(path string) string {
	return `<a href="` + esc(path) + `"><img class="img-fluid rounded mt-1" src="` + esc(path) + `" alt=""></a>`
}
