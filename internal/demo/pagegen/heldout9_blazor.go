package pagegen

import (
	"fmt"
	"strings"
)

// blazorScope is the scoped CSS attribute of the page's component.
const blazorScope = "b-k3l9x8w2qa"

// renderBlazor9 writes a record as a Blazor Server page prerendered with
// MudBlazor: expansion panels per section, outlined fields whose value
// precedes their label.
func renderBlazor9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <base href="/" />
    <link href="https://fonts.googleapis.com/css?family=Roboto:300,400,500,700&amp;display=swap" rel="stylesheet" />
    <link href="_content/MudBlazor/MudBlazor.min.css?v=7.8.0" rel="stylesheet" />
    <link href="Osservatorio.Web.styles.css" rel="stylesheet" />
    <title>%[1]s</title>
</head>
<body>
    <!--Blazor:{"type":"server","prerenderId":"7c1e0f2a9b","key":{"locationHash":"77D12F14A8105320B1AAED6AE7E689DA0EC4483270A645E84079EAA0FFDF550D:0","formattedComponentKey":""},"sequence":0,"descriptor":"CfDJ8Mk3%[2]s"}--><div class="mud-popover-provider"></div>
<div class="mud-layout" %[3]s>
<header class="mud-appbar mud-appbar-fixed-top mud-elevation-4" %[3]s><div class="mud-toolbar mud-toolbar-gutters mud-toolbar-appbar"><button type="button" class="mud-button-root mud-icon-button mud-inherit-text mud-ripple mud-ripple-icon mud-icon-button-edge-start" aria-label="Menu"><span class="mud-icon-button-label"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true"><path d="M0 0h24v24H0z" fill="none"/><path d="M3 18h18v-2H3v2zm0-5h18v-2H3v2zm0-7v2h18V6H3z"/></svg></span></button><h6 class="mud-typography mud-typography-h6 ml-3">Osservatorio Partecipazione</h6></div></header>
<aside class="mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--closed mud-drawer-md mud-drawer-clipped-never"><div class="mud-drawer-content"><nav class="mud-navmenu mud-navmenu-default">
`, esc(p.Title), viewState(p.ID+5, 60), blazorScope)
	for _, n := range h9Nav {
		fmt.Fprintf(b, `<div class="mud-nav-item mud-ripple"><a href="%s" class="mud-nav-link"><span class="mud-nav-link-text">%s</span></a></div>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</nav></div></aside>
<main class="mud-main-content" %[1]s><div class="mud-container mud-container-maxwidth-lg my-8" %[1]s>
<nav class="mud-breadcrumbs mud-typography-body1"><ol class="mud-breadcrumbs-list"><li class="mud-breadcrumb-item"><a href="/">Home</a></li><li class="mud-breadcrumb-separator"><span>/</span></li><li class="mud-breadcrumb-item"><a href="/processi">Processi</a></li><li class="mud-breadcrumb-separator"><span>/</span></li><li class="mud-breadcrumb-item mud-disabled"><a>%[2]d</a></li></ol></nav>
`, blazorScope, p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<span class=\"mud-typography mud-typography-overline\" %s>%s</span>\n", blazorScope, esc(p.Region))
	}
	fmt.Fprintf(b, "<h1 class=\"mud-typography mud-typography-h4\" %s>%s</h1>\n", blazorScope, esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="mud-chipset">`)
		for _, bd := range bs {
			fmt.Fprintf(b, `<div tabindex="-1" class="mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-success"><span class="mud-chip-content">%s</span></div>`, bd)
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, `<div class="mud-alert mud-alert-text-info mud-dense" role="alert"><div class="mud-alert-position justify-sm-start"><div class="mud-alert-message">%s <a href="/integra/%d" class="mud-typography mud-link mud-primary-text mud-link-underline-hover">%s</a></div></div></div>`+"\n",
		esc(ctaQuestion), p.ID, esc(ctaAction))
	b.WriteString(`<div class="mud-expansion-panels mud-expansion-panels-square">` + "\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="mud-expand-panel mud-panel-expanded mud-elevation-1 mud-expand-panel-border"><div tabindex="0" class="mud-expand-panel-header mud-ripple"><div class="mud-expand-panel-text"><h2 class="mud-typography mud-typography-h6">%s</h2></div><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium mud-expand-panel-icon mud-transform" focusable="false" viewBox="0 0 24 24" aria-hidden="true"><path d="M0 0h24v24H0z" fill="none"/><path d="M16.59 8.59L12 13.17 7.41 8.59 6 10l6 6 6-6z"/></svg></div><div class="mud-collapse-container mud-collapse-entered" style="height:auto;"><div class="mud-collapse-wrapper"><div class="mud-collapse-wrapper-inner"><div class="mud-expand-panel-content"><div class="mud-grid mud-grid-spacing-xs-3 mud-grid-justify-xs-flex-start">`+"\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			width := "mud-grid-item-xs-12 mud-grid-item-md-6"
			if h3Long(f) {
				width = "mud-grid-item-xs-12"
			}
			fmt.Fprintf(b, `<div class="mud-grid-item %s">%s</div>`+"\n", width, blazorField(h9DateWords(f)))
		}
		b.WriteString("</div></div></div></div></div></div>\n")
	}
	fmt.Fprintf(b, `</div>
</div></main>
<footer class="footer" %[1]s><p class="mud-typography mud-typography-caption">Osservatorio Partecipazione &#xB7; Regione Emilia-Romagna &#xB7; <a href="/privacy">Privacy</a></p></footer>
</div>
<div class="mud-snackbar-location-bottom-center"><div class="mud-snackbar mud-alert-filled-dark"><div class="mud-snackbar-content-message">%[2]s</div><div class="mud-snackbar-content-action"><button type="button" class="mud-button-root mud-button mud-button-text">Accetta</button></div></div></div><!--Blazor:{"prerenderId":"7c1e0f2a9b"}-->
    <div id="blazor-error-ui">Si è verificato un errore. <a href="" class="reload">Ricarica</a></div>
    <script src="_framework/blazor.web.js"></script>
    <script src="_content/MudBlazor/MudBlazor.min.js"></script>
</body>
</html>
`, blazorScope, esc(h9Cookie))
}

// blazorField is one outlined MudField (or, for long texts, a read-only
// multi-line MudTextField): the value, the notched border with the label
// in its legend, then the label.
func blazorField(f Field) string {
	var slot string
	if h3Long(f) {
		slot = `<textarea rows="6" class="mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense" readonly="readonly" aria-label="` + esc(f.Label) + `">` + esc(strings.Join(f.Lines, "\n")) + `</textarea>`
	} else if h3IsList(f) {
		var parts []string
		for _, pt := range valueParts(f, true) {
			switch pt.kind {
			case "item", "line":
				parts = append(parts, `<div tabindex="-1" class="mud-chip mud-chip-outlined mud-chip-size-small mud-chip-color-default"><span class="mud-chip-content">`+esc(pt.text)+`</span></div>`)
			case "img":
				parts = append(parts, `<img src="`+esc(absURL(pt.text))+`" class="mud-image object-fill object-center" alt="`+mapLine+`" />`)
			}
		}
		slot = `<div class="mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense"><div class="mud-chipset">` + strings.Join(parts, "") + `</div></div>`
	} else {
		slot = `<div class="mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense">` + h9Value(f, false, "<br />", func(src string) string {
			return `<img src="` + esc(src) + `" class="mud-image object-fill object-center" alt="" />`
		}) + `</div>`
	}
	return `<div class="mud-input-control mud-input-control-margin-dense mud-field"><div class="mud-input-control-input-container"><div class="mud-input mud-input-outlined mud-shrink mud-typography-input mud-disabled">` +
		slot + `<fieldset class="mud-input-outlined-border"><legend>` + esc(f.Label) + `</legend></fieldset></div><label class="mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol mud-input-label-margin-dense">` +
		esc(f.Label) + `</label></div></div>`
}
