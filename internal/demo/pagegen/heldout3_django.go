package pagegen

import (
	"fmt"
	"strings"
)

// djangoEmpty is what the Django admin shows for an empty value
// (ModelAdmin.empty_value_display).
const djangoEmpty = "-"

// renderDjango3 writes the Django admin's view of a record for a user
// with view permission only: a change form whose fields are all read-only.
// The title, region and badges are the first, unnamed fieldset; each
// section is a fieldset with an <h2>.
func renderDjango3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr">
<head>
<title>%s | Visualizza processo | Amministrazione Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/static/admin/css/base.css">
<link rel="stylesheet" href="/static/admin/css/dark_mode.css">
<script src="/static/admin/js/theme.js" defer></script>
<link rel="stylesheet" href="/static/admin/css/nav_sidebar.css">
<script src="/static/admin/js/nav_sidebar.js" defer></script>
<link rel="stylesheet" href="/static/admin/css/forms.css">
<script src="/admin/jsi18n/"></script>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="/static/admin/css/responsive.css">
<meta name="robots" content="NONE,NOARCHIVE">
</head>
<body class=" app-osservatorio model-processo change-form" data-admin-utc-offset="3600">
<a href="#content-start" class="skip-to-content-link">Vai al contenuto principale</a>
<div id="container">
<header id="header">
<div id="branding">
<div id="site-name"><a href="/admin/">Amministrazione Osservatorio Partecipazione</a></div>
<button class="theme-toggle"><div class="visually-hidden theme-label-when-auto">Tema attuale: automatico</div><div class="visually-hidden theme-label-when-light">Tema attuale: chiaro</div><div class="visually-hidden theme-label-when-dark">Tema attuale: scuro</div><svg aria-hidden="true" class="theme-icon-when-auto"><use href="/static/admin/img/icon-theme.svg#auto"></use></svg></button>
</div>
<div id="user-tools">Benvenuto, <strong>lettore</strong>. <a href="/">Visualizza il sito</a> / <a href="/admin/password_change/">Cambia la password</a> / <form id="logout-form" method="post" action="/admin/logout/"><input type="hidden" name="csrfmiddlewaretoken" value="%s"><button type="submit">Annulla l&#x27;accesso</button></form></div>
</header>
<nav aria-label="Breadcrumbs">
<div class="breadcrumbs">
<a href="/admin/">Pagina iniziale</a>
&rsaquo; <a href="/admin/osservatorio/">Osservatorio</a>
&rsaquo; <a href="/admin/osservatorio/processo/">Processi</a>
&rsaquo; %s
</div>
</nav>
<div class="main shifted" id="main">
<main id="content-start" class="content" tabindex="-1">
<div id="content" class="colM">
<h1>Visualizza processo</h1>
<h2>%s</h2>
<div id="content-main">
<ul class="object-tools"><li><a href="/admin/osservatorio/processo/%d/history/" class="historylink">Cronologia</a></li><li><a href="%s" class="viewsitelink">Visualizza sul sito</a></li></ul>
<form method="post" id="processo_form" novalidate><input type="hidden" name="csrfmiddlewaretoken" value="%s">
<div>
<fieldset class="module aligned ">
`, esc(p.Title), h3ID(p.URL, 64), esc(p.Title), esc(p.Title), p.ID, esc(p.URL), h3ID(p.Title, 64))
	region := djangoEmpty
	if p.Region != "" {
		region = esc(p.Region)
	}
	badges := djangoEmpty
	if n := badgeNames(p); len(n) > 0 {
		badges = esc(strings.Join(n, ", "))
	}
	djangoRow(b, "titolo", "Titolo", esc(p.Title), "")
	djangoRow(b, "regione", "Regione", region, "")
	djangoRow(b, "riconoscimenti", "Riconoscimenti", badges, "")
	b.WriteString("</fieldset>\n")
	for i, s := range p.Sections {
		cls := ""
		if i == len(p.Sections)-1 {
			cls = " collapse"
		}
		fmt.Fprintf(b, "<fieldset class=\"module aligned%s\">\n<h2>%s</h2>\n", cls, esc(s.Name))
		for _, f := range s.Fields {
			help := ""
			if h3Helped[f.Label] {
				help = helpFor(f.Label)
			}
			djangoRow(b, h3Snake(f.Label), f.Label, djangoValue(f), help)
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			djangoRow(b, "data_ultima_modifica", lastModLabel, esc(p.LastModified), "")
		}
		b.WriteString("</fieldset>\n")
	}
	b.WriteString(`<div class="submit-row">
<a href="/admin/osservatorio/processo/" class="closelink">Chiudi</a>
</div>
</div>
</form>
</div>
<br class="clear">
</div>
<div id="footer"></div>
</main>
</div>
</div>
</body>
</html>
`)
}

// djangoRow writes one read-only field: the label with Django's ":"
// suffix, the value, and the help text when there is one.
func djangoRow(b *strings.Builder, name, label, value, help string) {
	fmt.Fprintf(b, "<div class=\"form-row field-%s\">\n<div>\n<div class=\"flex-container\">\n<label>%s:</label>\n<div class=\"readonly\">%s</div>\n</div>\n", name, esc(label), value)
	if help != "" {
		fmt.Fprintf(b, "<div class=\"help\" id=\"id_%s_helptext\">\n<div>%s</div>\n</div>\n", name, esc(help))
	}
	b.WriteString("</div>\n</div>\n")
}

// djangoValue renders a value as the admin's read-only widgets do: files
// as links to MEDIA_URL (the site's address) + name, related objects joined by ", ", text with
// line breaks as <br>, nothing as "-".
func djangoValue(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return djangoEmpty
	}
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, esc(strings.Join(items, ", ")))
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "map":
			// The map of a related territory: a link to the image file.
		case "img":
			flush()
			text := pt.text
			if f.MapImage == pt.text {
				text = mapLine
			}
			out = append(out, fmt.Sprintf(`<a href="%s">%s</a>`, esc(absURL(pt.text)), esc(text)))
		case "item":
			items = append(items, pt.text)
		default:
			flush()
			out = append(out, esc(pt.text))
		}
	}
	flush()
	return strings.Join(out, "<br>")
}

// govukNoActions are the fields the observatory computes: their rows have
// no change link.
var govukNoActions = set("Indice di partecipazione", "Livello di partecipazione", "Durata (mesi)")

// renderGovUK3 writes a page built with the GOV.UK design system (as
// public services reuse it): a caption with the region above the title,
// tags for the badges, an inset with the call to action and one summary
// card per section.
func renderGovUK3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="govuk-template">
<head>
<meta charset="utf-8">
<title>%s – Schede dei processi partecipativi – Osservatorio Partecipazione</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#0b0c0c">
<link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
<link href="/stylesheets/application.css" rel="stylesheet">
</head>
<body class="govuk-template__body">
<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Vai al contenuto principale</a>
<header class="govuk-header" data-module="govuk-header">
<div class="govuk-header__container govuk-width-container">
<div class="govuk-header__logo"><a href="/" class="govuk-header__link govuk-header__link--homepage">Osservatorio Partecipazione</a></div>
<div class="govuk-header__content"><a href="/processi" class="govuk-header__link govuk-header__service-name">Schede dei processi partecipativi</a></div>
</div>
</header>
<div class="govuk-width-container">
<div class="govuk-phase-banner"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-phase-banner__content__tag">Beta</strong><span class="govuk-phase-banner__text">Questo è un nuovo servizio: il tuo <a class="govuk-link" href="/feedback">parere</a> ci aiuterà a migliorarlo.</span></p></div>
<nav class="govuk-breadcrumbs" aria-label="Briciole di pane"><ol class="govuk-breadcrumbs__list"><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/">Home</a></li><li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/processi">Processi</a></li></ol></nav>
<main class="govuk-main-wrapper" id="main-content">
<div class="govuk-grid-row">
<div class="govuk-grid-column-two-thirds">
`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<span class=\"govuk-caption-l\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<h1 class=\"govuk-heading-l\">%s</h1>\n", esc(p.Title))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<p class=\"govuk-body\">")
		for i, name := range n {
			color := "green"
			if i > 0 {
				color = "blue"
			}
			fmt.Fprintf(b, "<strong class=\"govuk-tag govuk-tag--%s\">%s</strong> ", color, esc(name))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<div class=\"govuk-inset-text\">%s <a class=\"govuk-link\" href=\"/processi/%d/integra\">%s</a></div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		slug := strings.Join(h3Words(s.Name), "-")
		fmt.Fprintf(b, `<div class="govuk-summary-card">
<div class="govuk-summary-card__title-wrapper">
<h2 class="govuk-summary-card__title">%s</h2>
<ul class="govuk-summary-card__actions"><li class="govuk-summary-card__action"><a class="govuk-link" href="/processi/%d/modifica/%s">Modifica<span class="govuk-visually-hidden"> sezione %s</span></a></li></ul>
</div>
<div class="govuk-summary-card__content">
<dl class="govuk-summary-list">
`, esc(s.Name), p.ID, slug, esc(s.Name))
		for _, f := range s.Fields {
			govukRow(b, p, f)
		}
		b.WriteString("</dl>\n</div>\n</div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"govuk-body-s\">%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
</div>
</main>
</div>
<footer class="govuk-footer">
<div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow"><span class="govuk-footer__licence-description">Tutti i contenuti sono disponibili con licenza CC BY 4.0</span></div></div></div>
</footer>
<script type="module" src="/javascripts/govuk-frontend.min.js"></script>
</body>
</html>
`)
}

// govukRow writes one summary list row. An empty value is a link to add
// it; a row with a value has a change link whose hidden text names the
// field, except for the values the observatory computes.
func govukRow(b *strings.Builder, p *Page, f Field) {
	slug := strings.Join(h3Words(f.Label), "-")
	lower := strings.ToLower(f.Label)
	parts := valueParts(f, true)
	noActions := len(parts) == 0 || govukNoActions[f.Label]
	cls := "govuk-summary-list__row"
	if noActions {
		cls += " govuk-summary-list__row--no-actions"
	}
	fmt.Fprintf(b, "<div class=\"%s\">\n<dt class=\"govuk-summary-list__key\">%s</dt>\n<dd class=\"govuk-summary-list__value\">", cls, esc(f.Label))
	if len(parts) == 0 {
		fmt.Fprintf(b, "<a class=\"govuk-link\" href=\"/processi/%d/modifica/%s\">Aggiungi %s</a>", p.ID, slug, esc(lower))
	}
	var items []string
	flush := func() {
		if len(items) > 0 {
			b.WriteString("<ul class=\"govuk-list govuk-list--bullet\">" + strings.Join(items, "") + "</ul>")
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "map":
			flush()
			b.WriteString("<span class=\"govuk-caption-m\">" + mapLine + "</span>")
		case "img":
			flush()
			fmt.Fprintf(b, "<img class=\"app-mappa\" src=\"%s\" alt=\"\" width=\"320\">", esc(absURL(pt.text)))
		case "item":
			items = append(items, "<li>"+esc(pt.text)+"</li>")
		default:
			flush()
			if h3Long(f) {
				b.WriteString("<p class=\"govuk-body\">" + esc(pt.text) + "</p>")
			} else {
				b.WriteString(esc(pt.text))
			}
		}
	}
	flush()
	b.WriteString("</dd>\n")
	if !noActions {
		fmt.Fprintf(b, "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"/processi/%d/modifica/%s\">Modifica<span class=\"govuk-visually-hidden\"> %s</span></a></dd>\n", p.ID, slug, esc(lower))
	}
	b.WriteString("</div>\n")
}
