package pagegen

import (
	"fmt"
	"strings"
)

// renderMicrodata writes a page that marks the record up with schema.org
// microdata: a Project whose fields are PropertyValue list items, the name
// and value in adjacent spans, list items as adjacent value spans. The page
// declares no charset (UTF-8).
func renderMicrodata(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<title>%s — Osservatorio Partecipazione</title>
<meta name="viewport" content="width=device-width">
<link rel="stylesheet" href="/assets/scheda.css">
</head>
<body>
<header class="masthead"><a class="brand" href="/">Osservatorio Partecipazione</a>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"ente\" itemscope itemtype=\"https://schema.org/GovernmentOrganization\"><span itemprop=\"name\">%s</span></div>\n", esc(p.Region))
	}
	b.WriteString(`<nav><a href="/processi">Processi</a> <a href="/partecipanti">Partecipanti</a> <a href="/mappa">Mappa</a> <a href="/link">Link</a></nav>
</header>
<main>
`)
	fmt.Fprintf(b, "<article itemscope itemtype=\"https://schema.org/Project\">\n<link itemprop=\"url\" href=\"%s\">\n<h1 itemprop=\"name\">%s</h1>\n", esc(p.URL), esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<p class="riconoscimenti">`)
		for i, n := range badges {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, `<span itemprop="award">%s</span>`, esc(n))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<p class=\"cta\">%s <a href=\"/integra?processo=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<section>\n<h2>%s</h2>\n<ul class=\"proprieta\">\n", esc(s.Name))
		for _, f := range s.Fields {
			value := joinParts(valueParts(f, true), "", func(pt part) string {
				switch pt.kind {
				case "map":
					return `<span class="mappa">` + mapLine + ` `
				case "img":
					img := `<img itemprop="image" src="` + esc(absURL(pt.text)) + `" alt="">`
					if pt.text == f.MapImage {
						return img + `</span>`
					}
					return `<span itemprop="value">` + img + `</span>`
				}
				return `<span itemprop="value" class="valore">` + textHTML(f.Type, pt.text) + `</span>`
			})
			if isEmpty(f) {
				value = `<span itemprop="value"></span>`
			}
			fmt.Fprintf(b, "<li itemprop=\"additionalProperty\" itemscope itemtype=\"https://schema.org/PropertyValue\"><span itemprop=\"name\">%s</span> %s</li>\n", esc(f.Label), value)
		}
		b.WriteString("</ul>\n</section>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"aggiornamento\">%s <time itemprop=\"dateModified\" datetime=\"%s\">%s</time></p>\n", lastModPrefix, isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString(`</article>
</main>
<footer><p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p></footer>
</body>
</html>
`)
}

// renderGrid writes a minified page whose sections are CSS grids of
// alternating label and value spans, with no element around a pair.
func renderGrid(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>%s · Osservatorio Partecipazione</title><style>.kv{display:grid;grid-template-columns:16rem 1fr;gap:.25rem 1rem}.k{font-weight:600;color:#555}.chip{border-radius:1rem;padding:0 .5rem;background:#dfe}</style></head><body><header class="hdr">`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<span class="ente">%s</span>`, esc(p.Region))
	}
	b.WriteString(`<a class="logo" href="/">Osservatorio Partecipazione</a><nav><a href="/processi">Processi</a><a href="/partecipanti">Partecipanti</a><a href="/mappa">Mappa</a><a href="/link">Link</a></nav></header><main class="wrap">`)
	fmt.Fprintf(b, `<h1 class="ttl">%s</h1>`, esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="chips">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<span class="chip">%s</span>`, esc(n))
		}
		b.WriteString(`</div>`)
	}
	fmt.Fprintf(b, `<p class="cta">%s <a href="/integra?processo=%d">%s</a></p>`, esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, `<h2 class="grid-title">%s</h2><div class="kv">`, esc(s.Name))
		for _, f := range s.Fields {
			value := joinParts(valueParts(f, true), "<br>", func(pt part) string {
				if pt.kind == "img" {
					return `<img src="` + esc(absURL(pt.text)) + `" alt="">`
				}
				return textHTML(f.Type, pt.text)
			})
			fmt.Fprintf(b, `<span class="k">%s</span><span class="v">%s</span>`, esc(f.Label), value)
		}
		b.WriteString(`</div>`)
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, `<p class="upd">%s %s</p>`, lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</main><footer class="ftr">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</footer></body></html>` + "\n")
}

// renderAccordion writes a page whose sections are <details> panels, the
// section name in the <summary>, the labels in <h4> elements followed by
// their values; only the first panel is open.
func renderAccordion(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>%s - Scheda - Osservatorio Partecipazione</title>
<base href="%s">
<link rel="stylesheet" href="css/accordion.css">
</head>
<body>
`, esc(p.Title), baseHref)
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"topbar\">%s</div>\n", esc(p.Region))
	}
	b.WriteString(`<div class="brand"><a href="">Osservatorio Partecipazione</a></div>
<ul class="menu"><li><a href="processi">Processi</a></li><li><a href="partecipanti">Partecipanti</a></li><li><a href="mappa">Mappa</a></li><li><a href="link">Link</a></li></ul>
<div class="page">
`)
	fmt.Fprintf(b, "<h1>%s</h1>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<ul class="badge-list">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<li>%s</li>`, esc(n))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, "<p class=\"cta\">%s <a href=\"integra?processo=%d\">%s</a></p>\n<div class=\"accordion\" id=\"scheda\">\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		open := ""
		if i == 0 {
			open = " open"
		}
		fmt.Fprintf(b, "<details class=\"accordion-item\"%s>\n<summary class=\"accordion-header\">%s</summary>\n<div class=\"accordion-body\">\n", open, esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<h4>%s</h4>\n<div class=\"risposta\">", esc(f.Label))
			var items []string
			flush := func() {
				if len(items) > 0 {
					b.WriteString("<ul>" + strings.Join(items, "") + "</ul>")
					items = nil
				}
			}
			for _, pt := range valueParts(f, true) {
				switch pt.kind {
				case "item":
					items = append(items, "<li>"+esc(pt.text)+"</li>")
				case "img":
					flush()
					fmt.Fprintf(b, "<figure><img src=\"%s\" alt=\"\"></figure>", esc(pt.text))
				case "map":
					flush()
					b.WriteString("<p>" + mapLine + "</p>")
				default:
					flush()
					b.WriteString("<p>" + textHTML(f.Type, pt.text) + "</p>")
				}
			}
			flush()
			b.WriteString("</div>\n")
		}
		b.WriteString("</div>\n</details>\n")
	}
	b.WriteString("</div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"modifica\">%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
<div id="footer">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</div>
</body>
</html>
`)
}
