package pagegen

import (
	"fmt"
	"strings"
)

// ploneHelp are the descriptions the content type shows under some
// labels.
var ploneHelp = map[string]string{
	"Stato di avanzamento":           "La fase in cui si trova il percorso alla data della scheda.",
	"Durata (mesi)":                  "Calcolata dalle date di avvio e di chiusura.",
	"Importo finanziato dal Bando":   "In euro, IVA inclusa.",
	"Titolari della decisione":       "Uno o più enti.",
	"Tecniche di Partecipazione":     "Selezionare tutte le tecniche usate.",
	"Indice di partecipazione":       "Punteggio assegnato dalla redazione.",
	"Processo segnalato da":          "Persona o ente che ha inviato la segnalazione.",
	"Costo complessivo del processo": "Comprese le risorse interne.",
}

// renderPlone writes the record as a Plone classic site shows a Dexterity
// item: portal header with search, global navigation and breadcrumbs, the
// title as documentFirstHeading, a status message with the call to
// action, then one fieldset per section whose fields are div.field
// blocks: a <label>, an optional help text, and the z3c.form display
// widget (selected options of multi-choice fields joined by ", ").
func renderPlone(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="it" xml:lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>%s &mdash; Osservatorio Partecipazione</title>
<meta name="generator" content="Plone - https://plone.org/" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<link rel="canonical" href="%s" />
<link rel="stylesheet" href="https://www.osservatoriopartecipazione.it/++theme++barceloneta/css/barceloneta.min.css" />
</head>
<body id="visual-portal-wrapper" class="frontend icons-on portaltype-scheda_processo section-processi site-osservatorio template-view thumbs-on userrole-anonymous viewpermission-view" dir="ltr" data-portal-url="https://www.osservatoriopartecipazione.it" data-base-url="%s">
<div class="outer-wrapper">
<header id="content-header" class="sticky-top">
<div class="container">
<div id="portal-top" class="mb-lg-3">
<div id="portal-header">
<a id="portal-logo" title="Osservatorio Partecipazione" href="https://www.osservatoriopartecipazione.it"><img alt="Osservatorio Partecipazione" src="https://www.osservatoriopartecipazione.it/@@site-logo/logo.png" title="Osservatorio Partecipazione" /></a>
<div id="portal-searchbox">
<form id="searchGadget_form" action="https://www.osservatoriopartecipazione.it/@@search" role="search" class="d-flex pat-livesearch show_images">
<label class="hiddenStructure" for="searchGadget">Cerca nel sito</label>
<input name="SearchableText" type="text" size="18" id="searchGadget" title="Cerca nel sito" placeholder="Cerca nel sito" class="searchField form-control me-3" />
<button class="searchButton btn btn-outline-light" type="submit">Cerca</button>
</form>
</div>
`, esc(p.Title), esc(p.URL), esc(p.URL))
	if p.Region != "" {
		fmt.Fprintf(b, "<div id=\"portal-ente\">%s</div>\n", esc(p.Region))
	}
	b.WriteString(`</div>
</div>
</div>
<div id="mainnavigation-wrapper">
<div id="mainnavigation">
<nav class="navbar navbar-expand-lg navbar-barceloneta pat-navigationmarker" id="portal-globalnav-wrapper">
<div class="container">
<ul class="navbar-nav me-auto" id="portal-globalnav">
<li class="index_html nav-item"><a href="https://www.osservatoriopartecipazione.it" class="state-None nav-link">Home</a></li>
<li class="processi has_subtree inPath nav-item"><a href="https://www.osservatoriopartecipazione.it/processi" class="state-published nav-link">Processi</a></li>
<li class="notizie nav-item"><a href="https://www.osservatoriopartecipazione.it/notizie" class="state-published nav-link">Notizie</a></li>
</ul>
</div>
</nav>
</div>
</div>
</header>
<div id="above-content-wrapper">
<nav id="portal-breadcrumbs" aria-label="breadcrumb">
<div class="container">
<ol class="breadcrumb">
<li class="breadcrumb-item"><a href="https://www.osservatoriopartecipazione.it">Home</a></li>
<li class="breadcrumb-item"><a href="https://www.osservatoriopartecipazione.it/processi">Processi</a></li>
`)
	fmt.Fprintf(b, "<li class=\"breadcrumb-item active\" aria-current=\"page\"><a href=\"%s\">%s</a></li>\n</ol>\n</div>\n</nav>\n</div>\n", esc(p.URL), esc(p.Title))
	b.WriteString(`<div class="container">
<div class="row">
<main id="main-container" class="col-xs-12 col-sm-12">
<div id="global_statusmessage">
`)
	fmt.Fprintf(b, "<div class=\"portalMessage statusmessage statusmessage-info alert alert-info\" role=\"status\"><strong>Info</strong> %s <a href=\"https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d\">%s</a></div>\n</div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	fmt.Fprintf(b, "<article id=\"content\">\n<header>\n<div id=\"viewlet-above-content-title\"><span id=\"social-tags-body\" itemscope itemtype=\"http://schema.org/WebPage\" style=\"display: none\"><span itemprop=\"name\">%s</span><span itemprop=\"url\">%s</span></span></div>\n<h1 class=\"documentFirstHeading\">%s</h1>\n", esc(p.Title), esc(p.URL), esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div id="viewlet-below-content-title"><div class="riconoscimenti">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<span class="riconoscimento riconoscimento-%s">%s</span> `, strings.ToLower(n), esc(n))
		}
		b.WriteString("</div></div>\n")
	}
	b.WriteString("</header>\n<div id=\"content-core\">\n<div class=\"pat-autotoc autotabs\" data-pat-autotoc=\"levels: legend; section: fieldset; className: autotabs\">\n")
	for _, s := range p.Sections {
		id := slug2(s.Name, "-")
		fmt.Fprintf(b, "<fieldset id=\"fieldset-%s\" data-fieldset=\"%s\">\n<legend id=\"fieldsetlegend-%s\">%s</legend>\n", id, id, id, esc(s.Name))
		for _, f := range s.Fields {
			ploneField(b, f)
		}
		b.WriteString("</fieldset>\n")
	}
	b.WriteString("</div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"field\" id=\"formfield-form-widgets-ultima_modifica\">\n<label class=\"horizontal\">%s</label>\n<span id=\"form-widgets-ultima_modifica\" class=\"date-widget date-field\">%s</span>\n</div>\n", lastModLabel, esc(p.LastModified))
	}
	b.WriteString(`</div>
</article>
</main>
</div>
</div>
<footer id="portal-footer-wrapper">
<div class="container" id="portal-footer">
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
<p>Realizzato con <a href="https://plone.org">Plone</a></p>
</div>
</footer>
</div>
</body>
</html>
`)
}

// ploneField writes one field in Plone display mode.
func ploneField(b *strings.Builder, f Field) {
	name := ploneName(f.Label)
	fmt.Fprintf(b, "<div class=\"field\" id=\"formfield-form-widgets-%s\">\n<label class=\"horizontal\">%s</label>\n", name, esc(f.Label))
	if h, ok := ploneHelp[f.Label]; ok {
		fmt.Fprintf(b, "<div class=\"formHelp\">%s</div>\n", esc(h))
	}
	id := "form-widgets-" + name
	ps := pieces2(f)
	switch {
	case isList2(f):
		var opts []string
		var before []string
		for _, pc := range ps {
			switch pc.kind {
			case piece2Item:
				opts = append(opts, `<span class="selected-option">`+esc(pc.text)+`</span>`)
			case piece2Map:
				before = append(before, `<span class="mappa-caption">`+esc(pc.text)+`</span>`)
			case piece2Image:
				before = append(before, `<img src="`+esc(abs2(pc.text))+`" alt="" class="image-preview" />`)
			}
		}
		if len(before) > 0 {
			fmt.Fprintf(b, "<div class=\"named-image-widget\">%s</div>\n", strings.Join(before, " "))
		}
		fmt.Fprintf(b, "<span id=\"%s\" class=\"select-widget list-field\">%s</span>\n", id, strings.Join(opts, ", "))
	case isLongText2(f):
		fmt.Fprintf(b, "<div id=\"%s\" class=\"richTextWidget richtext-field\">", id)
		for _, pc := range ps {
			fmt.Fprintf(b, "<p>%s</p>", autolink2(pc.text))
		}
		b.WriteString("</div>\n")
	default:
		cls := map[string]string{"int": "int-widget int-field", "number": "text-widget float-field", "date": "date-widget date-field",
			"enum": "select-widget choice-field", "bool": "select-widget choice-field", "url": "named-image-widget namedblobimage-field"}[f.Type]
		if cls == "" {
			cls = "text-widget textline-field"
		}
		var parts []string
		for _, pc := range ps {
			switch {
			case pc.kind == piece2Image:
				parts = append(parts, `<img src="`+esc(abs2(pc.text))+`" alt="" class="image-preview" />`)
			case f.Type == "enum" || f.Type == "bool":
				parts = append(parts, `<span class="selected-option">`+esc(pc.text)+`</span>`)
			default:
				parts = append(parts, textOrLink2(pc.text))
			}
		}
		fmt.Fprintf(b, "<span id=\"%s\" class=\"%s\">%s</span>\n", id, cls, strings.Join(parts, "<br />"))
	}
	b.WriteString("</div>\n")
}

// ploneName is the schema field name of a label: its ASCII words, lower
// case, joined by "_".
func ploneName(label string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(label), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
		words = append(words, w)
	}
	return strings.Join(words, "_")
}
