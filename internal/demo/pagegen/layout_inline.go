package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// inlineLongValue is the length in characters above which the "inline"
// layout writes a one-line value as a block under an <h4>.
const inlineLongValue = 200

// renderInline writes the "inline" layout: ISO-8859-1, an <article> with
// <h2> sections, "Label: value" paragraphs and <h4> blocks for long values.
func renderInline(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Osservatorio Partecipazione - %s</title>
<base href="%s">
<link rel="stylesheet" href="themes/osservatorio/style.css" type="text/css">
</head>
<body>
<div id="page">
<div id="top">
`, esc(p.Title), baseHref)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"regione\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`<p class="site-name"><a href="index.php">Osservatorio Partecipazione</a></p>
<nav id="menu"><a href="index.php?q=processi">Processi</a> &middot; <a href="index.php?q=partecipanti">Partecipanti</a> &middot; <a href="index.php?q=mappa">Mappa</a> &middot; <a href="index.php?q=link">Link</a> &middot; <a href="index.php?q=contatti">Contatti</a></nav>
</div>
<div id="content">
<article>
`)
	fmt.Fprintf(b, "<h1>%s</h1>\n", esc(p.Title))
	fmt.Fprintf(b, "<p class=\"integra\">%s <a href=\"index.php?q=integra&amp;scheda=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	if badges := badgeNames(p); len(badges) > 0 {
		fmt.Fprintf(b, "<p class=\"badges\">%s</p>\n", esc(strings.Join(badges, " ")))
	}
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h2>%s</h2>\n", esc(s.Name))
		for _, f := range s.Fields {
			inlineField(b, f)
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p><em>%s %s</em></p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</article>
</div>
<div id="footer">
<p><a href="index.php?q=crediti">Crediti</a> &middot; <a href="index.php?q=contatti">Contatti</a> &middot; <a href="index.php?q=link">Link utili</a></p>
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</div>
</div>
</body>
</html>
`)
}

// inlineField writes one field: "Label: value" on one line when the value
// is short, otherwise an <h4> and a paragraph per line. A field with a map
// image is always a block, so the map sits between label and value.
func inlineField(b *strings.Builder, f Field) {
	label := esc(f.Label)
	block := f.MapImage != "" || len(f.Lines) > 1 ||
		(len(f.Lines) == 1 && utf8.RuneCountInString(f.Lines[0]) > inlineLongValue)
	if !block {
		switch {
		case len(f.Lines) == 0:
			fmt.Fprintf(b, "<p><strong>%s:</strong></p>\n", label)
		case isImagePath(f.Lines[0]):
			fmt.Fprintf(b, "<p><strong>%s:</strong> <img src=\"%s\" alt=\"mappa\"></p>\n", label, esc(f.Lines[0]))
		default:
			fmt.Fprintf(b, "<p><strong>%s:</strong> %s</p>\n", label, textHTML(f.Type, f.Lines[0]))
		}
		return
	}
	fmt.Fprintf(b, "<h4>%s</h4>\n", label)
	if f.MapImage != "" {
		fmt.Fprintf(b, "<p>%s: <a href=\"%s\">%s</a></p>\n", mapLine, esc(f.MapImage), esc(f.MapImage))
	}
	for _, line := range f.Lines {
		if isImagePath(line) {
			fmt.Fprintf(b, "<p><img src=\"%s\" alt=\"mappa\"></p>\n", esc(line))
		} else {
			fmt.Fprintf(b, "<p>%s</p>\n", textHTML(f.Type, line))
		}
	}
}
