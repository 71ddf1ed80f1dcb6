package pagegen

import (
	"fmt"
	"strings"
)

// semanticHead writes the head and page header shared by the hand-coded
// accessible layouts, up to the opening of <main>.
func semanticHead(b *strings.Builder, p *Page, metaCharset bool, style string) {
	b.WriteString("<!DOCTYPE html>\n<html lang=\"it\">\n<head>\n")
	if metaCharset {
		b.WriteString("<meta charset=\"utf-8\">\n")
	}
	fmt.Fprintf(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s &middot; Osservatorio Partecipazione</title>\n<link rel=\"stylesheet\" href=\"https://www.osservatoriopartecipazione.it/assets/scheda.css\">\n", esc(p.Title))
	if style != "" {
		b.WriteString("<style>\n" + style + "</style>\n")
	}
	b.WriteString(`</head>
<body>
<a class="skip-link visually-hidden" href="#contenuto">Vai al contenuto</a>
<header class="testata" role="banner">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"testata__ente\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`<p class="testata__sito"><a href="https://www.osservatoriopartecipazione.it/">Osservatorio Partecipazione</a></p>
<button class="testata__menu" type="button" aria-expanded="false" aria-controls="menu"><span aria-hidden="true">&#9776;</span><span class="visually-hidden">Menu</span></button>
<nav id="menu" aria-label="Menu principale" hidden>
<ul>
<li><a href="https://www.osservatoriopartecipazione.it/processi">Processi</a></li>
<li><a href="https://www.osservatoriopartecipazione.it/mappa">Mappa</a></li>
</ul>
</nav>
</header>
<main id="contenuto" tabindex="-1">
`)
	fmt.Fprintf(b, "<h1>%s</h1>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<ul class="riconoscimenti" aria-label="Riconoscimenti">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<li>%s</li>`, esc(n))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, "<p class=\"integra\">%s <a href=\"https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
}

// semanticFoot closes what semanticHead opened, after the last-modified
// date.
func semanticFoot(b *strings.Builder, p *Page) {
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"aggiornamento\">%s <time datetime=\"%s\">%s</time></p>\n", lastModPrefix, isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString(`</main>
<footer class="piede">
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</footer>
</body>
</html>
`)
}

// renderDLGroups writes an accessible description page: a section per
// record section, labelled by its heading, holding a <dl> whose groups
// are <div>s; a list gives one <dd> per item, text values are <p>
// paragraphs inside the <dd>, images are figures, and an empty value is
// an aria-hidden dash with a visually hidden "Nessun dato".
func renderDLGroups(b *strings.Builder, p *Page) {
	semanticHead(b, p, true, "")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"scheda-sezione\" aria-labelledby=\"sez-%d\">\n<h2 id=\"sez-%d\">%s</h2>\n<dl class=\"descrizione\">\n", i+1, i+1, esc(s.Name))
		for j, f := range s.Fields {
			fmt.Fprintf(b, "<div class=\"descrizione__gruppo\">\n<dt class=\"descrizione__termine\" id=\"t-%d-%d\">%s</dt>\n", i+1, j+1, esc(f.Label))
			ps := pieces2(f)
			if len(ps) == 0 {
				b.WriteString("<dd class=\"descrizione__dettaglio descrizione__dettaglio--vuoto\"><span aria-hidden=\"true\">&mdash;</span><span class=\"visually-hidden\">Nessun dato</span></dd>\n")
			}
			for k := 0; k < len(ps); k++ {
				pc := ps[k]
				switch pc.kind {
				case piece2Map:
					// The marker is the caption of the map image after it.
					if k+1 < len(ps) && ps[k+1].kind == piece2Image {
						fmt.Fprintf(b, "<dd class=\"descrizione__dettaglio\"><figure><figcaption>%s</figcaption><img src=\"%s\" alt=\"\" width=\"320\"></figure></dd>\n", esc(pc.text), esc(abs2(ps[k+1].text)))
						k++
						continue
					}
					fmt.Fprintf(b, "<dd class=\"descrizione__dettaglio\"><p>%s</p></dd>\n", esc(pc.text))
				case piece2Image:
					fmt.Fprintf(b, "<dd class=\"descrizione__dettaglio\"><figure><img src=\"%s\" alt=\"\" width=\"320\"></figure></dd>\n", esc(abs2(pc.text)))
				case piece2Item:
					fmt.Fprintf(b, "<dd class=\"descrizione__dettaglio descrizione__dettaglio--voce\">%s</dd>\n", esc(pc.text))
				default:
					fmt.Fprintf(b, "<dd class=\"descrizione__dettaglio\"><p>%s</p></dd>\n", autolink2(pc.text))
				}
			}
			b.WriteString("</div>\n")
		}
		b.WriteString("</dl>\n</section>\n")
	}
	semanticFoot(b, p)
}

// renderArticles writes each field as an <article>: a <header> with the
// label in an <h3> carrying a permalink "¶" to the field, and the value in
// a <section> (paragraphs, one per list item). The page declares its
// encoding only in a <meta>.
func renderArticles(b *strings.Builder, p *Page) {
	semanticHead(b, p, true, "")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"gruppo\" aria-labelledby=\"gruppo-%d\">\n<h2 id=\"gruppo-%d\">%s</h2>\n", i+1, i+1, esc(s.Name))
		for j, f := range s.Fields {
			id := fmt.Sprintf("campo-%d-%d-%s", i+1, j+1, slug2(f.Label, "-"))
			fmt.Fprintf(b, "<article class=\"campo\" id=\"%s\">\n<header><h3>%s <a class=\"permalink\" href=\"#%s\" title=\"Link permanente a questo campo\">&para;</a></h3></header>\n<section class=\"campo__valore\">", id, esc(f.Label), id)
			for _, pc := range pieces2(f) {
				switch pc.kind {
				case piece2Image:
					fmt.Fprintf(b, "<p><img src=\"%s\" alt=\"\"></p>", esc(abs2(pc.text)))
				case piece2Map:
					fmt.Fprintf(b, "<p class=\"didascalia\">%s</p>", esc(pc.text))
				default:
					fmt.Fprintf(b, "<p>%s</p>", autolink2(pc.text))
				}
			}
			b.WriteString("</section>\n</article>\n")
		}
		b.WriteString("</section>\n")
	}
	semanticFoot(b, p)
}

// dataLabelStyle is the stylesheet of the "datalabel" layout: each cell a
// block whose label is generated from its data-label attribute.
const dataLabelStyle = `table.impilata, table.impilata tbody, table.impilata tr, table.impilata td { display: block; width: 100%; }
table.impilata td { padding: .5rem 0; border-bottom: 1px solid #ddd; }
table.impilata td::before { content: attr(data-label); display: block; font-weight: 700; font-size: .875rem; color: #555; }
`

// renderDataLabel writes a mobile-first page: one table per section with
// a single row, one cell per field, stacked into blocks by the stylesheet;
// the labels exist only in the cells' data-label attributes, which the
// stylesheet shows before each cell's content. Lists are <br>-separated
// lines.
func renderDataLabel(b *strings.Builder, p *Page) {
	semanticHead(b, p, true, dataLabelStyle)
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h2 id=\"sezione-%d\">%s</h2>\n<table class=\"impilata\" aria-labelledby=\"sezione-%d\">\n<tbody>\n<tr>\n", i+1, esc(s.Name), i+1)
		for _, f := range s.Fields {
			var parts []string
			for _, pc := range pieces2(f) {
				switch pc.kind {
				case piece2Image:
					parts = append(parts, `<img src="`+esc(abs2(pc.text))+`" alt="">`)
				case piece2Item, piece2Map:
					parts = append(parts, esc(pc.text))
				default:
					parts = append(parts, autolink2(pc.text))
				}
			}
			fmt.Fprintf(b, "<td data-label=\"%s\">%s</td>\n", esc(f.Label), strings.Join(parts, "<br>"))
		}
		b.WriteString("</tr>\n</tbody>\n</table>\n")
	}
	semanticFoot(b, p)
}
