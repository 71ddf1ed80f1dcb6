package pagegen

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// acfInstructions are the fields whose ACF instructions the theme shows
// under the label.
var acfInstructions = set("Stato di avanzamento", "Indice di partecipazione")

// renderACF writes a WordPress page whose theme shows the record's
// Advanced Custom Fields with ACF's own markup: one accordion field per
// section, each field an acf-field with an acf-label and an acf-input.
func renderACF(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html lang="it-IT">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s &#8211; Osservatorio Partecipazione</title>
<link rel='stylesheet' id='acf-global-css' href='https://www.osservatoriopartecipazione.it/wp-content/plugins/advanced-custom-fields/assets/build/css/acf-global.css?ver=6.2.4' media='all' />
<link rel="canonical" href="%s" />
</head>
<body class="processo-template-default single single-processo postid-%d">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Vai al contenuto</a>
<header id="masthead" class="site-header">
<div class="site-branding">
<p class="site-title"><a href="https://www.osservatoriopartecipazione.it/" rel="home">Osservatorio Partecipazione</a></p>
`, esc(p.Title), esc(p.URL), p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"site-description\">%s</p>\n", esc(p.Region))
	}
	b.WriteString(`</div>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="https://www.osservatoriopartecipazione.it/processi/">Processi</a></li><li class="menu-item"><a href="https://www.osservatoriopartecipazione.it/partecipanti/">Partecipanti</a></li><li class="menu-item"><a href="https://www.osservatoriopartecipazione.it/mappa/">Mappa</a></li><li class="menu-item"><a href="https://www.osservatoriopartecipazione.it/link/">Link</a></li></ul></nav>
</header>
<main id="primary" class="site-main">
`)
	fmt.Fprintf(b, "<article id=\"post-%d\" class=\"post-%d processo type-processo status-publish hentry\">\n<header class=\"entry-header\">\n<h1 class=\"entry-title\">%s</h1>\n", p.ID, p.ID, esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="entry-meta">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<span class="processo-badge processo-badge-%s">%s</span> `, strings.ToLower(n), esc(n))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "</header>\n<div class=\"entry-content\">\n<p class=\"integra\">%s <a href=\"https://www.osservatoriopartecipazione.it/integra-le-informazioni/?processo=%d\">%s</a></p>\n<div class=\"acf-fields -top -border\">\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		open := ""
		if i == 0 {
			open = " -open"
		}
		fmt.Fprintf(b, "<div class=\"acf-field acf-field-accordion%s\" data-type=\"accordion\">\n<div class=\"acf-label acf-accordion-title\">\n<label>%s</label>\n<i class=\"acf-accordion-icon dashicons dashicons-arrow-down\"></i>\n</div>\n<div class=\"acf-input acf-accordion-content\">\n<div class=\"acf-fields -top\">\n", open, esc(s.Name))
		for _, f := range s.Fields {
			acfField(b, f)
		}
		b.WriteString("</div>\n</div>\n</div>\n")
	}
	b.WriteString("</div>\n</div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<footer class=\"entry-footer\"><span class=\"posted-on\">%s <time class=\"updated\" datetime=\"%sT00:00:00+01:00\">%s</time></span></footer>\n", lastModPrefix, isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString(`</article>
</main>
<footer id="colophon" class="site-footer"><div class="site-info">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#8217;Emilia-Romagna</div></footer>
</div>
</body>
</html>
`)
}

// acfTypes are the ACF field types of the schema types.
var acfTypes = map[string]string{"int": "number", "number": "text", "date": "date-picker", "enum": "select",
	"bool": "true-false", "url": "image", "index": "text", "list( / )": "checkbox", "list(, )": "checkbox"}

func acfField(b *strings.Builder, f Field) {
	typ := acfTypes[f.Type]
	if typ == "" {
		typ = "textarea"
	}
	h := fnv.New32a()
	h.Write([]byte(f.Label))
	key := fmt.Sprintf("field_%08x", h.Sum32())
	fmt.Fprintf(b, "<div class=\"acf-field acf-field-%s acf-%s\" data-name=\"%s\" data-type=\"%s\" data-key=\"%s\">\n<div class=\"acf-label\">\n<label>%s</label>\n",
		typ, strings.ReplaceAll(key, "_", "-"), strings.Join(idWords(f.Label), "_"), typ, key, esc(f.Label))
	if acfInstructions[f.Label] {
		fmt.Fprintf(b, "<p class=\"description\">%s</p>\n", esc(helpFor(f.Label)))
	}
	b.WriteString("</div>\n<div class=\"acf-input\">\n")
	parts := valueParts(f, true)
	switch {
	case len(parts) == 0:
		b.WriteString("<div class=\"acf-input-wrap\"></div>\n")
	case listSep(f.Type) != "":
		var items []string
		for _, pt := range parts {
			switch pt.kind {
			case "item", "line":
				items = append(items, "<li>"+esc(pt.text)+"</li>")
			case "img":
				fmt.Fprintf(b, "<div class=\"acf-mappa\"><span>%s</span> <img src=\"%s\" alt=\"\" /></div>\n", mapLine, esc(absURL(pt.text)))
			}
		}
		if len(items) > 0 {
			fmt.Fprintf(b, "<ul class=\"acf-checkbox-list\">%s</ul>\n", strings.Join(items, ""))
		}
	default:
		for _, pt := range parts {
			switch {
			case pt.kind == "img":
				fmt.Fprintf(b, "<div class=\"acf-image-uploader\"><img src=\"%s\" alt=\"\" /></div>\n", esc(absURL(pt.text)))
			case typ == "textarea":
				fmt.Fprintf(b, "<div class=\"acf-input-wrap\"><p>%s</p></div>\n", textHTML(f.Type, pt.text))
			default:
				fmt.Fprintf(b, "<div class=\"acf-input-wrap\">%s</div>\n", textHTML(f.Type, pt.text))
			}
		}
	}
	b.WriteString("</div>\n</div>\n")
}

// renderDrupal writes a Drupal node page: one field group per section,
// each field with Drupal's field, field__label and field__item classes,
// inline labels for short values, one item element per list item, and
// empty fields left out as Drupal leaves them out.
func renderDrupal(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr">
<head>
<meta charset="utf-8" />
<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="canonical" href="%s" />
<title>%s | Osservatorio Partecipazione</title>
</head>
<body class="path-node page-node-type-processo">
<a href="#main-content" class="visually-hidden focusable skip-link">Salta al contenuto principale</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner">
<div class="region region-header">
<div class="site-branding__text"><div class="site-branding__name"><a href="/" rel="home">Osservatorio Partecipazione</a></div>
`, esc(p.URL), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"site-branding__slogan\">%s</div>\n", esc(p.Region))
	}
	b.WriteString(`</div>
</div>
<nav role="navigation" aria-labelledby="block-main-menu" id="block-main"><h2 class="visually-hidden" id="block-main-menu">Navigazione principale</h2>
<ul class="menu"><li class="menu-item"><a href="/processi">Processi</a></li><li class="menu-item"><a href="/partecipanti">Partecipanti</a></li><li class="menu-item"><a href="/mappa">Mappa</a></li><li class="menu-item"><a href="/link">Link</a></li></ul></nav>
</header>
<main role="main"><a id="main-content" tabindex="-1"></a>
<div class="layout-content">
`)
	fmt.Fprintf(b, "<h1 class=\"page-title\"><span class=\"field field--name-title field--type-string field--label-hidden\">%s</span></h1>\n", esc(p.Title))
	fmt.Fprintf(b, "<article data-history-node-id=\"%d\" class=\"node node--type-processo node--view-mode-full\">\n<div class=\"node__content\">\n", p.ID)
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString("<div class=\"field field--name-field-riconoscimenti field--type-entity-reference field--label-hidden field__items\">\n")
		for _, n := range badges {
			fmt.Fprintf(b, "<div class=\"field__item\">%s</div>\n", esc(n))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "<p class=\"integra\">%s <a href=\"/integra-informazioni?processo=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"field-group-html-element group-%s\">\n<h3>%s</h3>\n", strings.Join(idWords(s.Name), "-"), esc(s.Name))
		for _, f := range s.Fields {
			if !isEmpty(f) {
				drupalField(b, f)
			}
		}
		b.WriteString("</div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"field field--name-changed field--type-changed field--label-inline clearfix\">\n<div class=\"field__label\">%s</div>\n<div class=\"field__item\"><time datetime=\"%sT12:00:00Z\" class=\"datetime\">%s</time></div>\n</div>\n",
			lastModLabel, isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString(`</div>
</article>
</div>
</main>
<footer role="contentinfo"><div class="region region-footer">Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#039;Emilia-Romagna</div></footer>
</div>
</div>
</body>
</html>
`)
}

func drupalField(b *strings.Builder, f Field) {
	parts := valueParts(f, true)
	name := "field-" + strings.Join(idWords(f.Label), "-")
	inline := len(parts) == 1 && parts[0].kind == "line" && listSep(f.Type) == "" && utf8.RuneCountInString(parts[0].text) <= 60
	display := "above"
	if inline {
		display = "inline"
	}
	fmt.Fprintf(b, "<div class=\"field field--name-%s field--type-string field--label-%s clearfix\">\n<div class=\"field__label\">%s</div>\n", name, display, esc(f.Label))
	item := func(pt part) string {
		switch pt.kind {
		case "img":
			return fmt.Sprintf("<div class=\"field__item\">  <img loading=\"lazy\" src=\"%s\" width=\"480\" height=\"360\" alt=\"\" />\n</div>", esc(absURL(pt.text)))
		case "map":
			return "<div class=\"field__item field__item--mappa\">" + mapLine + "</div>"
		case "line":
			if utf8.RuneCountInString(pt.text) > 60 {
				return "<div class=\"clearfix text-formatted field__item\"><p>" + textHTML(f.Type, pt.text) + "</p></div>"
			}
		}
		return "<div class=\"field__item\">" + textHTML(f.Type, pt.text) + "</div>"
	}
	if len(parts) == 1 {
		b.WriteString(item(parts[0]) + "\n</div>\n")
		return
	}
	fmt.Fprintf(b, "<div class=\"field__items\">\n%s\n</div>\n</div>\n", joinParts(parts, "\n", item))
}

// renderK2 writes a Joomla page with a K2 item: the site logo in the <h1>,
// the item title in an <h2>, tags for the badges, and the record in K2
// extra fields, one list with a header item per section; empty extra
// fields are left out as K2 leaves them out.
func renderK2(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-it" dir="ltr">
<head>
<base href="%s" />
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<meta name="generator" content="Joomla! - Open Source Content Management" />
<title>%s - Osservatorio Partecipazione</title>
<link href="/components/com_k2/css/k2.css?v=2.10.3" rel="stylesheet" />
</head>
<body class="site com_k2 view-item">
<div class="container">
<header class="header">
<h1 class="logo"><a href="/"><img src="/images/logo-osservatorio.png" alt="Osservatorio Partecipazione" /></a></h1>
`, esc(p.URL), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"moduletable regione\"><p>%s</p></div>\n", esc(p.Region))
	}
	b.WriteString(`<ul class="nav menu"><li class="item-101"><a href="/processi">Processi</a></li><li class="item-102"><a href="/partecipanti">Partecipanti</a></li><li class="item-103"><a href="/mappa">Mappa</a></li><li class="item-104"><a href="/link">Link</a></li></ul>
</header>
<div id="k2Container" class="itemView">
<div class="itemHeader">
`)
	fmt.Fprintf(b, "<h2 class=\"itemTitle\">%s</h2>\n</div>\n<div class=\"itemBody\">\n<div class=\"itemIntroText\"><p>%s <a href=\"/integra?id=%d\">%s</a></p></div>\n", esc(p.Title), esc(ctaQuestion), p.ID, esc(ctaAction))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString("<div class=\"itemTagsBlock\"><span>Taggato come</span><ul class=\"itemTags\">")
		for _, n := range badges {
			fmt.Fprintf(b, "<li><a href=\"/tag/%s\">%s</a></li>", strings.ToLower(n), esc(n))
		}
		b.WriteString("</ul></div>\n")
	}
	b.WriteString("<div class=\"itemExtraFields\">\n<h3>Informazioni aggiuntive</h3>\n<ul>\n")
	n := 0
	for g, s := range p.Sections {
		fmt.Fprintf(b, "<li class=\"%s typeHeader group%d\"><h4 class=\"itemExtraFieldsHeader\">%s</h4></li>\n", oddEven(n), g+1, esc(s.Name))
		n++
		for _, f := range s.Fields {
			if isEmpty(f) {
				continue
			}
			typ := "Textfield"
			if f.Type == "enum" || f.Type == "bool" {
				typ = "Select"
			} else if utf8.RuneCountInString(strings.Join(f.Lines, " ")) > 80 {
				typ = "Textarea"
			}
			value := joinParts(valueParts(f, false), "<br />", func(pt part) string {
				switch pt.kind {
				case "img":
					return "<img src=\"" + esc(absURL(pt.text)) + "\" alt=\"\" />"
				case "map":
					return mapLine
				}
				return textHTML(f.Type, pt.text)
			})
			fmt.Fprintf(b, "<li class=\"%s type%s group%d\">\n<span class=\"itemExtraFieldsLabel\">%s:</span>\n<span class=\"itemExtraFieldsValue\">%s</span>\n</li>\n", oddEven(n), typ, g+1, esc(f.Label), value)
			n++
		}
	}
	b.WriteString("</ul>\n<div class=\"clr\"></div>\n</div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"itemDateModified\">%s %s</div>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
</div>
<footer class="footer"><p>&copy; Osservatorio Partecipazione &ndash; Assemblea legislativa dell'Emilia-Romagna</p></footer>
</div>
</body>
</html>
`)
}

func oddEven(n int) string {
	if n%2 == 0 {
		return "even"
	}
	return "odd"
}
