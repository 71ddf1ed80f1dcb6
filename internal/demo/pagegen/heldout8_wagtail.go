package pagegen

import (
	"fmt"
	"strings"
)

// wagtailKey returns the Draftail block key of the n-th block of a page,
// five characters of [a-z0-9] as the editor makes them.
func wagtailKey(seed, n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	x := uint32(seed*7919+n*104729) | 1
	var b [5]byte
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = alphabet[x%36]
	}
	return string(b[:])
}

// renderWagtail8 writes a record as a Wagtail page whose editors typed it
// in StreamField blocks: heading blocks for sections, rich text with bold
// label paragraphs, raw HTML blocks for images.
func renderWagtail8(b *strings.Builder, p *Page) {
	n := 0
	key := func() string { n++; return wagtailKey(p.ID, n) }
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
    <head>
        <meta charset="utf-8" />
        <title>%[1]s | Partecipare in Emilia-Romagna</title>
        <meta name="description" content="" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="stylesheet" type="text/css" href="/static/css/partecipare.5f1c2a.css">
    </head>
    <body class="template-processpage">
        <header class="site-header"><a class="site-header__logo" href="/">Partecipare in Emilia-Romagna</a>
            <nav class="site-nav" aria-label="Principale"><ul><li><a href="/processi/">Processi</a></li><li><a href="/eventi/">Eventi</a></li><li><a href="/chi-siamo/">Chi siamo</a></li></ul></nav>
        </header>
        <main class="page">
            <nav class="breadcrumb" aria-label="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/processi/">Processi</a></li></ol></nav>
            <h1 class="page__title">%[1]s</h1>
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "            <p class=\"page__intro\">%s</p>\n", esc(p.Region))
	}
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("            <ul class=\"page__tags\">")
		for _, t := range bs {
			fmt.Fprintf(b, "<li><a class=\"tag\" href=\"/processi/?tag=%s\">%s</a></li>", strings.ToLower(t), esc(t))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("            <div class=\"streamfield\">\n")
	var rich []string // the open rich text block's HTML
	flush := func() {
		if len(rich) > 0 {
			fmt.Fprintf(b, "<div class=\"block-paragraph\"><div class=\"rich-text\">%s</div></div>\n", strings.Join(rich, ""))
			rich = nil
		}
	}
	link := func(u string) string { return `<a href="` + esc(u) + `">` + esc(u) + `</a>` }
	for i, s := range p.Sections {
		flush()
		fmt.Fprintf(b, "<div class=\"block-heading\"><h2>%s</h2></div>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			parts := valueParts(f, true)
			if h8Short(f) {
				rich = append(rich, fmt.Sprintf(`<p data-block-key="%s"><b>%s</b><br/>%s</p>`, key(), esc(f.Label), h3Autolink(parts[0].text, link)))
				continue
			}
			rich = append(rich, fmt.Sprintf(`<p data-block-key="%s"><b>%s</b></p>`, key(), esc(f.Label)))
			var items []string
			endList := func() {
				if len(items) > 0 {
					rich = append(rich, "<ul>"+strings.Join(items, "")+"</ul>")
					items = nil
				}
			}
			for _, pt := range parts {
				switch pt.kind {
				case "item":
					items = append(items, fmt.Sprintf(`<li data-block-key="%s">%s</li>`, key(), esc(pt.text)))
				case "img":
					endList()
					flush()
					u := absURL(pt.text)
					fmt.Fprintf(b, "<div class=\"block-raw_html\"><a href=\"%s\"><img src=\"%s\" alt=\"\" width=\"640\"></a></div>\n", esc(u), esc(u))
				default:
					endList()
					rich = append(rich, fmt.Sprintf(`<p data-block-key="%s">%s</p>`, key(), h3Autolink(pt.text, link)))
				}
			}
			endList()
		}
	}
	flush()
	fmt.Fprintf(b, `            </div>
            <aside class="cta"><p>%s</p><a class="button" href="https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d">%s</a></aside>
            <section class="related"><h2>Altri processi</h2><ul><li><a href="/processi/bilancio-partecipativo-2019/">Bilancio partecipativo 2019</a></li><li><a href="/processi/piazze-in-comune/">Piazze in comune</a></li></ul></section>
        </main>
        <footer class="site-footer"><p>Partecipare in Emilia-Romagna è un progetto di cittadinanza attiva. Testi con licenza CC BY-SA 4.0.</p></footer>
    </body>
</html>
`, esc(ctaQuestion), p.ID, esc(ctaAction))
}
