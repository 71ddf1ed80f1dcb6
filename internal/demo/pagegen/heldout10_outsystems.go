package pagegen

import (
	"fmt"
	"strings"
)

// renderOutSystems10 writes a record as an OutSystems Reactive web app
// renders it in the browser: data-container divs, a card per section,
// fields as two columns of data-expression spans, long texts in one
// pre-wrapped span.
func renderOutSystems10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<meta charset="utf-8"><meta name="viewport" content="viewport-fit=cover, width=device-width, initial-scale=1">
<title>%[1]s</title>
<script type="text/javascript" src="scripts/OutSystemsManifestLoader.js?j5oHSM8GN4Nsv4ht3AmAXw"></script>
<script type="text/javascript" src="scripts/OutSystems.js?U5Yl9uoKq7WYbnfkbLwkqg"></script>
<script type="text/javascript" src="scripts/OsservatorioPartecipazione.appDefinition.js?pPUbFhPYmM_L1_QGBuhTBA"></script>
<link rel="stylesheet" href="css/OutSystemsReactiveView.css?7wPSVWRXNZxa0jNzAK4kzQ"><link rel="stylesheet" href="css/OsservatorioPartecipazione.OsservatorioPartecipazione.css?8ypO1DWhRJnbFk3Se1fYog">
</head>
<body>
<div id="reactContainer"><div class="desktop landscape windows chrome" data-container=""><div class="active-screen screen-container fade-enter-done"><div class="layout layout-top" id="b1-LayoutWrapper" data-block="Layouts.LayoutTopMenu">
<div class="main"><div class="header" role="banner" id="b1-Header"><div class="header-top ph"><div class="header-content display-flex"><div class="header-logo" data-container=""><a data-link="" href="/OsservatorioPartecipazione/"><span data-expression="" class="app-name">Osservatorio Partecipazione</span></a></div><div class="app-menu-content display-flex" role="navigation" data-block="Common.Menu"><div class="app-menu-links" role="menubar">
`, esc(p.Title))
	for _, n := range h10Nav {
		fmt.Fprintf(b, "<a data-link=\"\" href=\"/OsservatorioPartecipazione/%s\" role=\"menuitem\"><span data-expression=\"\">%s</span></a>\n", strings.ToUpper(n[1][:1])+n[1][1:], esc(n[0]))
	}
	b.WriteString(`</div></div></div></div></div>
<div class="content"><div class="main-content ThemeGrid_Container" role="main" id="b1-MainContentWrapper">
<div data-block="Navigation.Breadcrumbs" class="OSBlockWidget" id="b1-b2-Breadcrumbs"><div class="breadcrumbs"><div class="breadcrumbs-item"><a data-link="" href="/OsservatorioPartecipazione/">Home</a></div><div class="breadcrumbs-item"><a data-link="" href="/OsservatorioPartecipazione/Processi">Processi</a></div></div></div>
<div class="content-top display-flex align-items-center"><div class="content-top-title heading1 full-width" id="b1-Title"><span data-expression="">` + esc(p.Title) + `</span></div></div>
<div class="content-middle" id="b1-MainContent">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "<div data-container=\"\" class=\"margin-bottom-s\"><span data-expression=\"\" class=\"text-neutral-7\">%s</span></div>\n", esc(p.Region))
	}
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("<div data-container=\"\" class=\"display-flex gap-s margin-bottom-base\">")
		for i, bd := range bs {
			fmt.Fprintf(b, "<div data-block=\"Content.Tag\" class=\"OSBlockWidget\" id=\"$b%d\"><div class=\"tag background-primary shape-rounded\"><span data-expression=\"\">%s</span></div></div>", 5+i, bd)
		}
		b.WriteString("</div>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div data-block="Content.Card" class="OSBlockWidget" id="$b%[1]d"><div class="card card-content margin-bottom-base" data-container=""><div data-container="" class="card-title heading3"><span data-expression="">%[2]s</span></div>
`, 10+i, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<div data-block=\"Adaptive.ColumnsMediumRight\" class=\"OSBlockWidget\"><div class=\"columns columns-medium-right gutter-base tablet-break-none phone-break-all\"><div class=\"columns-item\"><span data-expression=\"\" class=\"font-semi-bold text-neutral-8\">%s</span></div><div class=\"columns-item\">%s</div></div></div>\n",
				esc(f.Label), osValue(f))
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(b, `<div data-container="" class="margin-top-base"><span data-expression="">%[1]s</span> <a data-link="" href="/OsservatorioPartecipazione/Integra?ProcessoId=%[3]d"><span data-expression="">%[2]s</span></a></div>
</div></div></div>
<div class="footer ph" role="contentinfo"><span data-expression="">Assemblea legislativa della Regione Emilia-Romagna</span></div>
</div></div></div>
<div data-block="Utilities.CookieConsent" class="OSBlockWidget" id="b20-CookieConsent"><div class="cookie-consent" data-container=""><span data-expression="">%[4]s</span><button data-button="" class="btn btn-primary" type="button">Accetto</button></div></div>
</div></div>
<div class="feedback-message-wrapper" role="alert"></div>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}

// osValue renders a value as expressions do: every line of text in one
// span pre-wrapped with line feeds, images as Image widgets, addresses
// as links.
func osValue(f Field) string {
	var out []string
	var text []string
	flush := func() {
		if len(text) > 0 {
			out = append(out, `<span data-expression="" style="white-space: pre-wrap;">`+strings.Join(text, "\n")+`</span>`)
			text = nil
		}
	}
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "map":
			text = append(text, mapLine)
		case "img":
			flush()
			out = append(out, `<img data-image="" src="`+esc(absURL(pt.text))+`" class="img-responsive">`)
		default:
			if strings.HasPrefix(pt.text, "http") && !strings.Contains(pt.text, " ") {
				flush()
				out = append(out, `<a data-link="" href="`+esc(pt.text)+`" target="_blank"><span data-expression="">`+esc(pt.text)+`</span></a>`)
				continue
			}
			text = append(text, esc(pt.text))
		}
	}
	flush()
	return strings.Join(out, "")
}
