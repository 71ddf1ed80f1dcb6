package pagegen

import (
	"fmt"
	"net/url"
	"strings"
)

// pagesEmpty is what the Markdown sources write for a missing value.
const pagesEmpty = "—"

// pagesSite is the address of the static site the records are published
// on.
const pagesSite = "https://osservatorio-partecipazione.github.io/schede/"

// pagesSlugs makes the heading ids kramdown generates: lower case, words
// joined by "-", accents and punctuation dropped, "-1", "-2"... for
// repeats.
type pagesSlugs map[string]int

func (s pagesSlugs) id(text string) string {
	id := strings.Join(h3Words(text), "-")
	if id == "" {
		id = "section"
	}
	n := s[id]
	s[id] = n + 1
	if n > 0 {
		id = fmt.Sprintf("%s-%d", id, n)
	}
	return id
}

// renderPages4 writes a record published as a Markdown page on GitHub
// Pages with the Primer theme: the site name as the theme's <h1>, the
// title as the page's own <h1>, the region and the badges (as shields.io
// images whose only text is their alt text), the call to action in a
// quote, then per section an <h2>: the first section as a table, the
// others as paragraphs of "**Label:** value" lines, bullet lists under
// their "**Label:**" paragraph and long texts under an <h3>.
func renderPages4(b *strings.Builder, p *Page) {
	page := pagesSite + fmt.Sprint(p.ID) + ".html"
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
  <head>
    <meta charset="UTF-8">

<!-- Begin Jekyll SEO tag v2.8.0 -->
<title>%[1]s | Schede processi</title>
<meta name="generator" content="Jekyll v3.9.5">
<meta property="og:title" content="%[1]s">
<meta property="og:locale" content="it_IT">
<link rel="canonical" href="%[2]s">
<meta property="og:url" content="%[2]s">
<meta property="og:site_name" content="Schede processi">
<meta property="og:type" content="website">
<meta name="twitter:card" content="summary">
<meta property="twitter:title" content="%[1]s">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"WebPage","headline":%[3]s,"url":"%[2]s"}</script>
<!-- End Jekyll SEO tag -->

    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="theme-color" content="#157878">
    <link rel="stylesheet" href="/schede/assets/css/style.css?v=%[4]s">
  </head>
  <body>
    <div class="container-lg px-3 my-5 markdown-body">
      <h1><a href="%[5]s">Schede processi</a></h1>
      

`, esc(p.Title), esc(page), esc(jsonString(p.Title)), h3ID(p.URL, 40), pagesSite)
	slugs := pagesSlugs{}
	fmt.Fprintf(b, "<h1 id=\"%s\">%s</h1>\n\n<p>", slugs.id(p.Title), esc(p.Title))
	var head []string
	if p.Region != "" {
		head = append(head, esc(p.Region))
	}
	for _, n := range badgeNames(p) {
		head = append(head, fmt.Sprintf(`<img src="https://img.shields.io/badge/-%s-2e7d32" alt="%s">`, url.PathEscape(n), esc(n)))
	}
	fmt.Fprintf(b, "%s</p>\n\n<blockquote>\n  <p><em>%s</em> <a href=\"https://www.osservatoriopartecipazione.it/integra?processo=%d\">%s</a></p>\n</blockquote>\n\n",
		strings.Join(head, " "), esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fields := h4Fields(s, i == len(p.Sections)-1, p)
		fmt.Fprintf(b, "<h2 id=\"%s\">%s</h2>\n\n", slugs.id(s.Name), esc(s.Name))
		if i == 0 {
			b.WriteString("<table>\n  <thead>\n    <tr>\n      <th>Voce</th>\n      <th>Dato</th>\n    </tr>\n  </thead>\n  <tbody>\n")
			for _, f := range fields {
				fmt.Fprintf(b, "    <tr>\n      <td>%s</td>\n      <td>%s</td>\n    </tr>\n", esc(f.Label), pagesInline(f))
			}
			b.WriteString("  </tbody>\n</table>\n\n")
			continue
		}
		var lines []string
		flush := func() {
			if len(lines) > 0 {
				b.WriteString("<p>" + strings.Join(lines, "<br>\n") + "</p>\n\n")
				lines = nil
			}
		}
		for _, f := range fields {
			switch {
			case h3Long(f):
				flush()
				fmt.Fprintf(b, "<h3 id=\"%s\">%s</h3>\n\n", slugs.id(f.Label), esc(f.Label))
				if isEmpty(f) {
					b.WriteString("<p>" + pagesEmpty + "</p>\n\n")
				}
				for _, l := range f.Lines {
					b.WriteString("<p>" + pagesText(l) + "</p>\n\n")
				}
			case h3IsList(f) && !isEmpty(f):
				flush()
				fmt.Fprintf(b, "<p><strong>%s:</strong></p>\n\n", esc(f.Label))
				var items []string
				for _, pt := range valueParts(f, true) {
					switch pt.kind {
					case "map":
						b.WriteString("<p>" + mapLine + "<br>\n")
					case "img":
						fmt.Fprintf(b, "<img src=\"%s\" alt=\"%s\"></p>\n\n", esc(absURL(pt.text)), mapLine)
					case "item":
						items = append(items, "  <li>"+esc(pt.text)+"</li>\n")
					}
				}
				if len(items) > 0 {
					b.WriteString("<ul>\n" + strings.Join(items, "") + "</ul>\n\n")
				}
			default:
				lines = append(lines, fmt.Sprintf("<strong>%s:</strong> %s", esc(f.Label), pagesInline(f)))
			}
		}
		flush()
	}
	fmt.Fprintf(b, `
      <div class="footer border-top border-gray-light mt-5 pt-3 text-right text-gray">
        Questo sito è open source. <a href="https://github.com/osservatorio-partecipazione/schede/edit/main/%d.md">Migliora questa pagina</a>.
      </div>
      
    </div>
    <script src="https://cdnjs.cloudflare.com/ajax/libs/anchor-js/4.1.0/anchor.min.js" integrity="sha256-lZaRhKri35AyJSypXXs4o6OPFTbTmUoltBbDCbdzegg=" crossorigin="anonymous"></script>
    <script>anchors.add();</script>
  </body>
</html>
`, p.ID)
}

// pagesInline renders a value on one line of Markdown: list items joined
// by their separator as written, images as images, "—" when empty.
func pagesInline(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "map":
			out = append(out, mapLine)
		case "img":
			out = append(out, fmt.Sprintf(`<img src="%s" alt="%s">`, esc(absURL(pt.text)), esc(f.Label)))
		default:
			out = append(out, pagesText(pt.text))
		}
	}
	if len(out) == 0 {
		return pagesEmpty
	}
	return strings.Join(out, " ")
}

// pagesText is a line of text as kramdown renders it: addresses written
// as autolinks become links.
func pagesText(text string) string {
	return h3Autolink(text, func(u string) string { return `<a href="` + esc(u) + `">` + esc(u) + `</a>` })
}
