package pagegen

import (
	"fmt"
	"strings"
)

// gtFont is the element the browser's translator wraps text in.
const gtFont = `<font style="vertical-align: inherit;">`

// gt renders text as the browser's translator leaves it: escaped, in an
// outer <font> for the text node and an inner one per segment it
// translated (sentences, for long texts).
func gt(text string) string {
	if strings.TrimSpace(text) == "" {
		return esc(text)
	}
	var b strings.Builder
	b.WriteString(gtFont)
	for _, s := range h4Sentences(text) {
		b.WriteString(gtFont + esc(s) + "</font>")
	}
	b.WriteString("</font>")
	return b.String()
}

// elementorPage builds an Elementor page: every element has a data-id
// unique in the page.
type elementorPage struct {
	b    *strings.Builder
	seed string
	n    int
}

func (e *elementorPage) id() string {
	e.n++
	return h3ID(fmt.Sprintf("%s/%d", e.seed, e.n), 7)
}

// widget writes a widget of the given type around its content.
func (e *elementorPage) widget(kind, content string) {
	id := e.id()
	fmt.Fprintf(e.b, "<div class=\"elementor-element elementor-element-%s elementor-widget elementor-widget-%s\" data-id=\"%s\" data-element_type=\"widget\" data-widget_type=\"%s.default\">\n<div class=\"elementor-widget-container\">%s</div>\n</div>\n", id, kind, id, kind, content)
}

// section opens a section, inner or top level; column writes its columns
// and endSection closes it.
func (e *elementorPage) section(inner bool) {
	id := e.id()
	kind := "elementor-top-section"
	if inner {
		kind = "elementor-inner-section"
	}
	fmt.Fprintf(e.b, "<section class=\"elementor-section %s elementor-element elementor-element-%s elementor-section-boxed elementor-section-height-default\" data-id=\"%s\" data-element_type=\"section\">\n<div class=\"elementor-container elementor-column-gap-default\">\n", kind, id, id)
}

// column writes a column of the given width (in percent, as Elementor
// names it) around what content writes.
func (e *elementorPage) column(width int, inner bool, content func()) {
	id := e.id()
	kind := "elementor-top-column"
	if inner {
		kind = "elementor-inner-column"
	}
	fmt.Fprintf(e.b, "<div class=\"elementor-column elementor-col-%d %s elementor-element elementor-element-%s\" data-id=\"%s\" data-element_type=\"column\">\n<div class=\"elementor-widget-wrap elementor-element-populated\">\n", width, kind, id, id)
	content()
	e.b.WriteString("</div>\n</div>\n")
}

func (e *elementorPage) endSection() { e.b.WriteString("</div>\n</section>\n") }

// renderElementor4 writes a WordPress page built with Elementor as a
// visitor saved it after the browser translated it (the site declares
// English; the text stays Italian): every text in two nested <font>
// elements, long texts one inner <font> per sentence, the translator's
// hidden tooltip at the end of the body. The page has the theme's header
// template with its menu (and a hidden copy for small screens), a top
// section with the title, the region and the badges as buttons, and per
// section a heading widget followed by one inner section per field: the
// label as a heading widget in a one-third column, the value in the
// other two thirds as text, icon-list or image widgets.
func renderElementor4(b *strings.Builder, p *Page) {
	e := &elementorPage{b: b, seed: p.URL}
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="translated-ltr">
<head>
<link type="text/css" rel="stylesheet" charset="UTF-8" href="https://translate.googleapis.com/translate_static/css/translateelement.css">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s – Osservatorio Partecipazione</title>
<meta name="robots" content="max-image-preview:large">
<link rel="stylesheet" id="elementor-frontend-css" href="https://www.osservatoriopartecipazione.it/wp-content/plugins/elementor/assets/css/frontend.min.css?ver=3.18.3" media="all">
<link rel="stylesheet" id="elementor-post-%d-css" href="https://www.osservatoriopartecipazione.it/wp-content/uploads/elementor/css/post-%d.css?ver=1702976511" media="all">
<link rel="stylesheet" id="elementor-icons-fa-solid-css" href="https://www.osservatoriopartecipazione.it/wp-content/plugins/elementor/assets/lib/font-awesome/css/solid.min.css?ver=5.15.3" media="all">
<meta name="generator" content="Elementor 3.18.3; features: e_dom_optimization, e_optimized_assets_loading; settings: css_print_method-external, google_font-enabled, font_display-swap">
</head>
<body class="post-template-default single single-post postid-%d single-format-standard elementor-default elementor-kit-5 elementor-page elementor-page-%d">
<a class="skip-link screen-reader-text" href="#content">`+gt("Vai al contenuto")+`</a>
<div data-elementor-type="header" data-elementor-id="12" class="elementor elementor-12 elementor-location-header" data-elementor-post-type="elementor_library">
`, esc(p.Title), 4000+p.ID, 4000+p.ID, 4000+p.ID, 4000+p.ID)
	e.section(false)
	menu := func(attrs string) string {
		var m strings.Builder
		fmt.Fprintf(&m, `<nav %s><ul class="elementor-nav-menu">`, attrs)
		for _, item := range [][2]string{{"/processi/", "Processi"}, {"/mappa-dei-processi/", "Mappa dei processi"}, {"/chi-siamo/", "Chi siamo"}} {
			fmt.Fprintf(&m, `<li class="menu-item menu-item-type-post_type menu-item-object-page"><a href="https://www.osservatoriopartecipazione.it%s" class="elementor-item">%s</a></li>`, item[0], gt(item[1]))
		}
		m.WriteString("</ul></nav>")
		return m.String()
	}
	e.column(33, false, func() {
		e.widget("theme-site-logo", `<a href="https://www.osservatoriopartecipazione.it"><img width="240" height="60" src="https://www.osservatoriopartecipazione.it/wp-content/uploads/2021/03/logo-osservatorio.png" class="attachment-full size-full wp-image-21" alt=""></a>`)
	})
	e.column(66, false, func() {
		e.widget("nav-menu", menu(`aria-label="Menu" class="elementor-nav-menu--main elementor-nav-menu__container elementor-nav-menu--layout-horizontal e--pointer-underline e--animation-fade"`)+
			menu(`class="elementor-nav-menu--dropdown elementor-nav-menu__container" aria-hidden="true"`))
	})
	e.endSection()
	b.WriteString("</div>\n")
	fmt.Fprintf(b, "<div data-elementor-type=\"wp-post\" data-elementor-id=\"%d\" class=\"elementor elementor-%d\" data-elementor-post-type=\"post\">\n", 4000+p.ID, 4000+p.ID)
	e.section(false)
	e.column(100, false, func() {
		e.widget("heading", `<h1 class="elementor-heading-title elementor-size-default">`+gt(p.Title)+`</h1>`)
		if p.Region != "" {
			e.widget("heading", `<h5 class="elementor-heading-title elementor-size-small">`+gt(p.Region)+`</h5>`)
		}
		for _, n := range badgeNames(p) {
			e.widget("button", fmt.Sprintf(`<div class="elementor-button-wrapper"><a class="elementor-button elementor-button-link elementor-size-xs" href="https://www.osservatoriopartecipazione.it/%s/"><span class="elementor-button-content-wrapper"><span class="elementor-button-text">%s</span></span></a></div>`, strings.ToLower(n), gt(n)))
		}
		e.widget("text-editor", fmt.Sprintf(`<p>%s <a href="https://www.osservatoriopartecipazione.it/integra/?processo=%d">%s</a></p>`, gt(ctaQuestion), p.ID, gt(ctaAction)))
	})
	e.endSection()
	for i, s := range p.Sections {
		e.section(false)
		e.column(100, false, func() {
			e.widget("heading", `<h2 class="elementor-heading-title elementor-size-default">`+gt(s.Name)+`</h2>`)
			e.widget("divider", `<div class="elementor-divider"><span class="elementor-divider-separator"></span></div>`)
			for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
				e.section(true)
				e.column(33, true, func() {
					e.widget("heading", `<h4 class="elementor-heading-title elementor-size-default">`+gt(f.Label)+`</h4>`)
				})
				e.column(66, true, func() { elementorValue(e, f) })
				e.endSection()
			}
		})
		e.endSection()
	}
	fmt.Fprintf(b, `</div>
<footer data-elementor-type="footer" data-elementor-id="48" class="elementor elementor-48 elementor-location-footer" data-elementor-post-type="elementor_library">
<p>%s</p>
</footer>
<script src="https://www.osservatoriopartecipazione.it/wp-content/plugins/elementor/assets/js/frontend.min.js?ver=3.18.3" id="elementor-frontend-js"></script>
<div id="goog-gt-tt" class="skiptranslate" dir="ltr"><div style="padding: 8px;"><div><div class="logo"><img src="https://www.gstatic.com/images/branding/product/1x/translate_24dp.png" width="20" height="20" alt="Google Traduttore"></div></div></div><div class="top" style="padding: 8px; float: left; width: 100%%;"><h1 class="title gray">Testo originale</h1></div><div class="middle" style="padding: 8px;"><div class="original-text"></div></div><div class="bottom" style="padding: 8px;"><div class="activity-links"><span class="activity-link">Proponi una traduzione migliore</span><span class="activity-link"></span></div><div class="started-activity-container"><hr style="color: #CCC; background-color: #CCC; height: 1px; border: none;"><div class="activity-root"></div></div></div><div class="status-message" style="display: none;"></div></div>
</body>
</html>
`, gt("Osservatorio Partecipazione – Assemblea legislativa dell'Emilia-Romagna"))
}

// elementorValue writes the value column of a field: a text editor for
// text (one paragraph per line), an icon list for list items, an image
// widget per image, an empty text editor for an empty value.
func elementorValue(e *elementorPage, f Field) {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		e.widget("text-editor", "")
		return
	}
	var paras, items []string
	flush := func() {
		if len(paras) > 0 {
			e.widget("text-editor", strings.Join(paras, "\n"))
			paras = nil
		}
		if len(items) > 0 {
			e.widget("icon-list", `<ul class="elementor-icon-list-items">`+strings.Join(items, "")+`</ul>`)
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "item":
			if len(paras) > 0 {
				flush()
			}
			items = append(items, `<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon"><i aria-hidden="true" class="fas fa-check"></i></span><span class="elementor-icon-list-text">`+gt(pt.text)+`</span></li>`)
		case "img":
			flush()
			e.widget("image", fmt.Sprintf(`<img decoding="async" width="300" height="200" src="%s" class="attachment-medium size-medium" alt="">`, esc(absURL(pt.text))))
		default:
			if len(items) > 0 {
				flush()
			}
			if strings.HasPrefix(pt.text, "http://") || strings.HasPrefix(pt.text, "https://") {
				paras = append(paras, `<p><a href="`+esc(pt.text)+`">`+gt(pt.text)+`</a></p>`)
				continue
			}
			paras = append(paras, "<p>"+gt(pt.text)+"</p>")
		}
	}
	flush()
}
