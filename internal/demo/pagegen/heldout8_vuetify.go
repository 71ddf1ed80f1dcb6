package pagegen

import (
	"fmt"
	"strings"
)

// vuetifyIcons are the Material Design icons the app shows before a
// field, by type.
var vuetifyIcons = map[string]string{
	"int": "mdi-numeric", "number": "mdi-currency-eur", "date": "mdi-calendar", "enum": "mdi-tag-outline",
	"bool": "mdi-check-circle-outline", "url": "mdi-link-variant", "index": "mdi-chart-bar", "text": "mdi-text",
}

// renderVuetify8 writes a record as a Nuxt 3 and Vuetify 3 web app for
// phones rendered on the server: two-line list items with the value as
// the title and the label as the subtitle under it.
func renderVuetify8(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html  lang="it" data-capo="">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%[1]s · Partecipa ER</title>
<link rel="stylesheet" href="/_nuxt/entry.B4fKx2Qe.css">
<link rel="modulepreload" as="script" crossorigin href="/_nuxt/Dl2W0t9x.js">
<link rel="preload" as="fetch" fetchpriority="low" crossorigin="anonymous" href="/_nuxt/builds/meta/7c1d9a3e.json">
<script type="module" src="/_nuxt/Dl2W0t9x.js" crossorigin></script></head>
<body><div id="__nuxt"><!--[--><div class="v-application v-theme--light v-layout v-layout--full-height v-locale--is-ltr"><div class="v-application__wrap"><!--[--><header class="v-toolbar v-toolbar--density-default bg-primary v-theme--light v-locale--is-ltr v-app-bar" style="top:0;z-index:1004;transform:translateY(0%%);position:fixed;left:0px;width:calc((100%% - 0px) - 0px);"><!----><div class="v-toolbar__content" style="height:64px;"><div class="v-toolbar__prepend"><button type="button" class="v-btn v-btn--icon v-theme--light v-btn--density-default v-btn--size-default v-btn--variant-text" aria-label="Indietro"><span class="v-btn__overlay"></span><span class="v-btn__underlay"></span><span class="v-btn__content" data-no-activator=""><i class="mdi-arrow-left mdi v-icon notranslate v-theme--light v-icon--size-default" aria-hidden="true"></i></span></button></div><div class="v-toolbar-title v-app-bar-title"><div class="v-toolbar-title__placeholder">Partecipa ER</div></div>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<div class="text-caption px-2 regione">%s</div>`, esc(p.Region))
	}
	fmt.Fprintf(b, `</div></header><main class="v-main" style="--v-layout-left:0px;--v-layout-right:0px;--v-layout-top:64px;--v-layout-bottom:56px;"><div class="v-container v-locale--is-ltr pa-0"><!--[--><div class="pa-4"><h1 class="text-h5 font-weight-bold">%s</h1>`, esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="v-chip-group v-chip-group--column v-theme--light mt-2">`)
		for _, n := range bs {
			fmt.Fprintf(b, `<div class="v-chip v-theme--light text-success v-chip--density-default v-chip--size-small v-chip--variant-tonal" draggable="false"><!----><span class="v-chip__underlay"></span><div class="v-chip__prepend"><i class="mdi-check-decagram mdi v-icon notranslate v-theme--light v-icon--size-default v-chip__filter" aria-hidden="true"></i></div><div class="v-chip__content" data-no-activator="">%s</div></div>`, esc(n))
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(`</div>`)
	for i, s := range p.Sections {
		b.WriteString(`<div class="v-list v-list--density-default v-list--one-line v-theme--light" tabindex="0" role="listbox">`)
		fmt.Fprintf(b, `<div class="v-list-subheader"><div class="v-list-subheader__text">%s</div></div>`, esc(s.Name))
		var long []Field
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			if h4Long(f) {
				long = append(long, f)
				continue
			}
			icon := vuetifyIcons[f.Type]
			if icon == "" {
				icon = "mdi-format-list-bulleted"
			}
			fmt.Fprintf(b, `<div class="v-list-item v-theme--light v-list-item--density-default v-list-item--two-line rounded-0 v-list-item--variant-text" tabindex="-2" role="option"><span class="v-list-item__overlay"></span><span class="v-list-item__underlay"></span><div class="v-list-item__prepend"><i class="%s mdi v-icon notranslate v-theme--light v-icon--size-default" aria-hidden="true"></i><div class="v-list-item__spacer"></div></div><div class="v-list-item__content" data-no-activator=""><div class="v-list-item-title">%s</div><div class="v-list-item-subtitle">%s</div><!--[--><!--]--></div><!----></div>`,
				icon, vuetifyValue(f), esc(f.Label))
		}
		b.WriteString(`</div>`)
		if len(long) > 0 {
			b.WriteString(`<div class="v-expansion-panels v-theme--light v-expansion-panels--variant-accordion">`)
			for _, f := range long {
				fmt.Fprintf(b, `<div class="v-expansion-panel v-expansion-panel--active"><div class="v-expansion-panel__shadow"></div><!----><button class="v-expansion-panel-title v-expansion-panel-title--active" tabindex="0" aria-expanded="true"><span class="v-expansion-panel-title__overlay"></span>%s<span class="v-expansion-panel-title__icon"><i class="mdi-chevron-up mdi v-icon notranslate v-theme--light v-icon--size-default" aria-hidden="true"></i></span></button><div class="v-expansion-panel-text"><div class="v-expansion-panel-text__wrapper">%s</div></div></div>`,
					esc(f.Label), vuetifyLong(f))
			}
			b.WriteString(`</div>`)
		}
	}
	fmt.Fprintf(b, `<!--]--></div></main><nav class="v-bottom-navigation v-theme--light" style="height:56px;"><div class="v-bottom-navigation__content"><a class="v-btn v-btn--stacked" href="/"><span class="v-btn__content"><i class="mdi-home mdi v-icon" aria-hidden="true"></i><span>Home</span></span></a><a class="v-btn v-btn--stacked" href="/mappa"><span class="v-btn__content"><i class="mdi-map mdi v-icon" aria-hidden="true"></i><span>Mappa</span></span></a><a class="v-btn v-btn--stacked" href="/preferiti"><span class="v-btn__content"><i class="mdi-heart mdi v-icon" aria-hidden="true"></i><span>Preferiti</span></span></a></div></nav><!--]--></div></div><!--]--></div><div id="teleports"></div><script type="application/json" data-nuxt-data="nuxt-app" data-ssr="true" id="__NUXT_DATA__">[{"data":1,"state":3,"once":5,"_errors":6,"serverRendered":8,"path":9},["ShallowReactive",2],{"scheda-%[1]d":-1},["Reactive",4],{},["Set"],["ShallowReactive",7],{"scheda-%[1]d":-1},true,"/processi/%[1]d"]</script>
<script>window.__NUXT__={};window.__NUXT__.config={public:{apiBase:"https://api.partecipa.example.it"},app:{baseURL:"/",buildId:"7c1d9a3e",buildAssetsDir:"/_nuxt/",cdnURL:""}}</script></body>
</html>
`, p.ID)
}

// vuetifyValue renders a short value as a list item's title: list items
// as chips, images as v-img, addresses linked.
func vuetifyValue(f Field) string {
	var out []string
	var chips []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			chips = append(chips, `<div class="v-chip v-theme--light v-chip--density-compact v-chip--size-small v-chip--variant-tonal mr-1 mb-1" draggable="false"><span class="v-chip__underlay"></span><div class="v-chip__content" data-no-activator="">`+esc(pt.text)+`</div></div>`)
		case "map":
			out = append(out, `<span class="text-caption">`+mapLine+`</span>`)
		case "img":
			u := absURL(pt.text)
			out = append(out, `<div class="v-responsive v-img" style="height:160px;"><div class="v-responsive__sizer" style="padding-bottom:75%;"></div><img class="v-img__img v-img__img--cover" src="`+esc(u)+`" alt="" style=""><!----><!----><!----><!----><!----></div>`)
		default:
			out = append(out, `<span>`+h6Text(pt.text)+`</span>`)
		}
	}
	if len(chips) > 0 {
		out = append(out, `<div class="v-chip-group v-theme--light">`+strings.Join(chips, "")+`</div>`)
	}
	return strings.Join(out, "")
}

// vuetifyLong renders a long text as the paragraphs of a panel.
func vuetifyLong(f Field) string {
	var out []string
	for _, pt := range valueParts(f, true) {
		out = append(out, `<p class="text-body-2 mb-2">`+h6Text(pt.text)+`</p>`)
	}
	return strings.Join(out, "")
}
