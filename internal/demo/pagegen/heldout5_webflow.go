package pagegen

import (
	"fmt"
	"strings"
)

// webflowHidden is the class Webflow's conditional visibility gives the
// elements it hides; webflowEmpty the one it gives bound elements with no
// value.
const (
	webflowHidden = "w-condition-invisible"
	webflowEmpty  = "w-dyn-bind-empty"
)

// renderWebflow5 writes a record as a Webflow CMS collection template
// page publishes it: the navbar, a hero bound to the item's region, name
// and badge switches, then per section a heading and a grid of field
// wrappers, each a static label and a bound value. Fields with no value
// stay in the markup, hidden by conditional visibility, like the badges
// the record does not have. Multi-reference fields are nested collection
// lists, long texts rich-text blocks; the site carries the "Made in
// Webflow" badge.
func renderWebflow5(b *strings.Builder, p *Page) {
	site := h3ID("webflow-site", 24)
	fmt.Fprintf(b, `<!DOCTYPE html><!-- This site was created in Webflow. https://webflow.com --><!-- Last Published: Fri May 03 2024 08:12:44 GMT+0000 (Coordinated Universal Time) -->
<html data-wf-domain="rete-partecipazione.webflow.io" data-wf-page="%[1]s" data-wf-site="%[2]s" data-wf-collection="%[3]s" data-wf-item-slug="%[4]s">
<head>
<meta charset="utf-8">
<title>%[5]s</title>
<meta content="Scheda del processo partecipativo" name="description">
<meta content="width=device-width, initial-scale=1" name="viewport">
<meta content="Webflow" name="generator">
<link href="https://assets-global.website-files.com/%[2]s/css/rete-partecipazione.webflow.a1b2c3d4e.css" rel="stylesheet" type="text/css">
<script type="text/javascript">!function(o,c){var n=c.documentElement,t=" w-mod-";n.className+=t+"js",("ontouchstart"in o||o.DocumentTouch&&c instanceof DocumentTouch)&&(n.className+=t+"touch")}(window,document);</script>
<link href="https://assets-global.website-files.com/%[2]s/favicon.png" rel="shortcut icon" type="image/x-icon">
</head>
<body class="body">
<div data-collapse="medium" data-animation="default" data-duration="400" data-easing="ease" data-easing2="ease" role="banner" class="navbar w-nav"><div class="container w-container"><a href="/" class="brand w-nav-brand"><img src="https://assets-global.website-files.com/%[2]s/logo-rete.svg" loading="lazy" width="140" alt="Rete partecipazione"></a><nav role="navigation" class="nav-menu w-nav-menu"><a href="/" class="nav-link w-nav-link">Home</a><a href="/processi" class="nav-link w-nav-link w--current">Processi</a><a href="/chi-siamo" class="nav-link w-nav-link">Chi siamo</a></nav><div class="menu-button w-nav-button"><div class="w-icon-nav-menu"></div></div></div></div>
<section class="hero-processo">
<div class="container w-container">
`, h3ID(p.URL+"#page", 24), site, h3ID("webflow-collection", 24), h5Slug(p.Title), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"regione-text\">%s</div>\n", esc(p.Region))
	} else {
		fmt.Fprintf(b, "<div class=\"regione-text %s\"></div>\n", webflowEmpty)
	}
	fmt.Fprintf(b, "<h1 class=\"heading-processo\">%s</h1>\n<div class=\"badge-wrapper\">", esc(p.Title))
	for _, badge := range []struct {
		name string
		on   bool
	}{{badgeCertTxt, p.Certified}, {badgeFinTxt, p.Financed}} {
		hidden := ""
		if !badge.on {
			hidden = " " + webflowHidden
		}
		fmt.Fprintf(b, "<div class=\"badge badge-%s%s\">%s</div>", strings.ToLower(badge.name), hidden, badge.name)
	}
	fmt.Fprintf(b, "</div>\n<p class=\"cta-paragraph\">%s <a href=\"/integra?processo=%d\" class=\"cta-link\">%s</a></p>\n</div>\n</section>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"section-scheda\">\n<div class=\"container w-container\">\n<h2 class=\"heading-sezione\">%s</h2>\n<div class=\"w-layout-grid grid-campi\">\n", esc(s.Name))
		for _, f := range s.Fields {
			webflowField(b, f)
		}
		if i == len(p.Sections)-1 {
			f := Field{Label: lastModLabel, Type: "date"}
			if p.LastModified != "" {
				f.Lines = []string{p.LastModified}
			}
			webflowField(b, f)
		}
		b.WriteString("</div>\n</div>\n</section>\n")
	}
	fmt.Fprintf(b, `<div class="footer"><div class="container w-container"><div class="footer-text">Rete partecipazione – dati dall'Osservatorio Partecipazione</div></div></div>
<a class="w-webflow-badge" href="https://webflow.com?utm_campaign=brandjs"><img src="https://d3e54v103j8qbb.cloudfront.net/img/webflow-badge-icon-d2.89e12c322e.svg" alt="" style="margin-right: 4px; width: 26px;"><img src="https://d3e54v103j8qbb.cloudfront.net/img/webflow-badge-text-d2.c82cec3b78.svg" alt="Made in Webflow"></a>
<script src="https://d3e54v103j8qbb.cloudfront.net/js/jquery-3.5.1.min.dc5e7f18c8.js?site=%[1]s" type="text/javascript" crossorigin="anonymous"></script>
<script src="https://assets-global.website-files.com/%[1]s/js/webflow.4a5b6c7d8.js" type="text/javascript"></script>
</body>
</html>
`, site)
}

// webflowField writes one field wrapper: hidden by conditional visibility
// when the field is empty, its value bound as plain text, a rich text, a
// nested collection list or an image.
func webflowField(b *strings.Builder, f Field) {
	hidden, empty := "", ""
	if isEmpty(f) {
		hidden, empty = " "+webflowHidden, " "+webflowEmpty
	}
	fmt.Fprintf(b, "<div class=\"campo-wrapper%s\"><div class=\"label-campo\">%s</div>", hidden, esc(f.Label))
	switch {
	case f.MapImage != "" || listSep(f.Type) != "":
		if f.MapImage != "" {
			fmt.Fprintf(b, "<div class=\"mappa-wrapper\"><div class=\"mappa-label\">%s</div><img src=\"%s\" loading=\"lazy\" alt=\"\" class=\"immagine-mappa\"></div>", mapLine, esc(absURL(f.MapImage)))
		}
		items := h4Items(f)
		if len(items) == 0 {
			b.WriteString(`<div class="w-dyn-list"><div class="w-dyn-empty"><div>Nessun elemento.</div></div></div>`)
			break
		}
		b.WriteString(`<div class="w-dyn-list"><div role="list" class="lista-tag w-dyn-items">`)
		for _, it := range items {
			fmt.Fprintf(b, `<div role="listitem" class="w-dyn-item"><div class="tag-text">%s</div></div>`, esc(it))
		}
		b.WriteString(`</div></div>`)
	case f.Type == "url" && (isEmpty(f) || isImagePath(f.Lines[0])):
		src := ""
		if !isEmpty(f) {
			src = absURL(f.Lines[0])
		}
		fmt.Fprintf(b, "<img src=\"%s\" loading=\"lazy\" alt=\"\" class=\"immagine-campo%s\">", esc(src), empty)
	case h4Long(f):
		fmt.Fprintf(b, "<div class=\"rich-text-campo w-richtext\">")
		for _, l := range f.Lines {
			fmt.Fprintf(b, "<p>%s</p>", h3Autolink(l, func(u string) string {
				return `<a href="` + esc(u) + `" target="_blank">` + esc(u) + `</a>`
			}))
		}
		b.WriteString("</div>")
	default:
		fmt.Fprintf(b, "<div class=\"valore-campo%s\">%s</div>", empty, esc(strings.Join(f.Lines, " ")))
	}
	b.WriteString("</div>\n")
}
