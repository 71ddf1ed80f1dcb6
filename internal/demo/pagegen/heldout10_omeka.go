package pagegen

import (
	"fmt"
	"strings"
)

// renderOmeka10 writes a record as an Omeka S item page: a definition
// list of properties under each group heading, each a div.property of a <dt> and one dd.value per
// value (per list item), images as media links with thumbnails.
func renderOmeka10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
    <head>
        <meta charset="utf-8">
<meta name="viewport" content="width&#x3D;device-width,&#x20;initial-scale&#x3D;1">
        <title>%[1]s · Osservatorio Partecipazione · Archivio dei processi</title>
        <link href="&#x2F;themes&#x2F;default&#x2F;asset&#x2F;css&#x2F;style.css&#x3F;v&#x3D;1.7.1" media="screen" rel="stylesheet" type="text&#x2F;css">
<link href="&#x2F;application&#x2F;asset&#x2F;css&#x2F;iconfonts.css&#x3F;v&#x3D;4.0.4" media="screen" rel="stylesheet" type="text&#x2F;css">
        <script  src="&#x2F;application&#x2F;asset&#x2F;vendor&#x2F;jquery&#x2F;jquery.min.js&#x3F;v&#x3D;4.0.4"></script>
<script  src="&#x2F;themes&#x2F;default&#x2F;asset&#x2F;js&#x2F;default.js&#x3F;v&#x3D;1.7.1"></script>
    </head>

    <body class="item resource show">        <a id="skipnav" href="#content">Vai al contenuto principale</a>
        <header>
            <h1><a href="&#x2F;s&#x2F;osservatorio" class="site-title">Osservatorio Partecipazione</a></h1>
            <div id="search"><form action="&#x2F;s&#x2F;osservatorio&#x2F;item" id="search-form"><input type="text" name="fulltext_search" value="" placeholder="Cerca" aria-label="Cerca"><button type="submit">Cerca</button></form></div>
            <nav><ul class="navigation">
`, esc(p.Title))
	for _, n := range h10Nav {
		fmt.Fprintf(b, "    <li>\n        <a href=\"/s/osservatorio/page/%s\">%s</a>\n    </li>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></nav>
        </header>

        <div id="content" role="main">
<h2><span class="title">%[1]s</span></h2>
<h3>Scheda processo</h3>
`, esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("<div class=\"item-sets\"><h4>Collezioni</h4>\n")
		for _, bd := range bs {
			fmt.Fprintf(b, "<div class=\"value\"><a class=\"resource-link\" href=\"/s/osservatorio/item-set/%d\"><span class=\"resource-name\">%s</span></a></div>\n", len(bd)*7, bd)
		}
		b.WriteString("</div>\n")
	}
	if p.Region != "" {
		b.WriteString("<dl>\n")
		omekaProperty(b, "Ente", []string{esc(p.Region)})
		b.WriteString("</dl>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h4 class=\"property-group\">%s</h4>\n<dl>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			var vals []string
			for _, pt := range valueParts(f, true) {
				switch pt.kind {
				case "map":
					vals = append(vals, mapLine)
				case "img":
					src := absURL(pt.text)
					vals = append(vals, `<a class="resource-link" href="`+esc(src)+`"><img src="`+esc(strings.Replace(src, "/archive/", "/files/square/", 1))+`" alt=""><span class="resource-name">`+esc(pt.text[strings.LastIndex(pt.text, "/")+1:])+`</span></a>`)
				default:
					if strings.HasPrefix(pt.text, "http") && !strings.Contains(pt.text, " ") {
						vals = append(vals, `<a class="uri-value-link" target="_blank" href="`+esc(pt.text)+`">`+esc(pt.text)+`</a>`)
						continue
					}
					vals = append(vals, h3Autolink(pt.text, h10Link))
				}
			}
			omekaProperty(b, esc(f.Label), vals)
		}
		b.WriteString("</dl>\n")
	}
	fmt.Fprintf(b, `<div class="property"><p>%[1]s <a href="/s/osservatorio/page/integra?item=%[3]d">%[2]s</a></p></div>
        </div>

        <footer>
            Assemblea legislativa della Regione Emilia-Romagna · Realizzato con <a href="https://omeka.org/s">Omeka S</a>
        </footer>
        <div class="cookie-notice" role="dialog"><p>%[4]s</p><button type="button" class="cookie-accept">Accetto</button></div>
    </body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}

// omekaProperty writes one property with its values (HTML).
func omekaProperty(b *strings.Builder, label string, vals []string) {
	fmt.Fprintf(b, "<div class=\"property\">\n    <dt>%s</dt>\n    <div class=\"values\">\n", label)
	for _, v := range vals {
		fmt.Fprintf(b, "        <dd class=\"value\" lang=\"\">\n            <span class=\"value-content\">%s</span>\n        </dd>\n", v)
	}
	b.WriteString("    </div>\n</div>\n")
}
