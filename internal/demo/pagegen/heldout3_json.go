package pagegen

import (
	"fmt"
	"strings"
)

// jsonString renders s as a JSON string literal, non-ASCII characters
// kept as they are (the portal's encoder does not escape them).
func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)
	return `"` + r.Replace(s) + `"`
}

// jsonItem is one member of a JSON object as the viewer shows it.
type jsonItem struct {
	key   string // the member name
	value string // the value, already rendered as viewer HTML
}

// jsonScalar renders one scalar value of a field: digits of int fields as
// numbers, URLs as linked strings, other text as strings.
func jsonScalar(f Field, text string, url bool) string {
	if url {
		return `<span class="string">"<a href="` + esc(text) + `" rel="nofollow">` + esc(text) + `</a>"</span>`
	}
	if f.Type == "int" && text != "" && strings.Trim(text, "0123456789") == "" {
		return `<span class="number">` + text + `</span>`
	}
	return `<span class="string">` + esc(jsonString(text)) + `</span>`
}

// jsonNull is JSON null in the viewer.
const jsonNull = `<span class="null">null</span>`

// jsonField returns the members of the API's JSON for one field: a map
// image becomes a "mappa" member before the field, lists become arrays,
// images absolute URL strings, empty fields null.
func jsonField(f Field) []jsonItem {
	var out []jsonItem
	if f.MapImage != "" {
		out = append(out, jsonItem{h3Snake(mapLine), jsonScalar(f, absURL(f.MapImage), true)})
	}
	var items, texts []string
	for _, pt := range valueParts(Field{Label: f.Label, Type: f.Type, Lines: f.Lines}, true) {
		switch pt.kind {
		case "img":
			texts = append(texts, jsonScalar(f, absURL(pt.text), true))
		case "item":
			items = append(items, jsonScalar(f, pt.text, false))
		default:
			texts = append(texts, jsonScalar(f, pt.text, false))
		}
	}
	key := h3Snake(f.Label)
	switch {
	case h3IsList(f) && len(items) > 0:
		out = append(out, jsonItem{key, jsonArray(items)})
	case len(texts) == 1:
		out = append(out, jsonItem{key, texts[0]})
	case len(texts) > 1:
		out = append(out, jsonItem{key, jsonArray(texts)})
	default:
		out = append(out, jsonItem{key, jsonNull})
	}
	return out
}

// jsonArray renders an array whose items are already rendered.
func jsonArray(items []string) string {
	var b strings.Builder
	b.WriteString(`<span class="bracket">[</span><ul class="json">`)
	for i, it := range items {
		comma := ","
		if i == len(items)-1 {
			comma = ""
		}
		b.WriteString("<li>" + it + comma + "</li>")
	}
	b.WriteString(`</ul><span class="bracket">]</span>`)
	return b.String()
}

// jsonObject renders an object whose members are already rendered.
func jsonObject(members []jsonItem) string {
	var b strings.Builder
	b.WriteString(`<span class="brace">{</span><ul class="json">` + "\n")
	for i, m := range members {
		comma := ","
		if i == len(members)-1 {
			comma = ""
		}
		fmt.Fprintf(&b, "<li><span class=\"key\">%s:</span> %s%s</li>\n", esc(jsonString(m.key)), m.value, comma)
	}
	b.WriteString(`</ul><span class="brace">}</span>`)
	return b.String()
}

// renderJSONView3 writes an open data portal's page for one record: the
// title and the region and badges as page text, then the record as the
// portal's API returns it, in a JSON tree viewer rendered on the server.
// The API names each member after the label's words in snake_case, one
// object per section.
func renderJSONView3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>%s · Record %d · Processi partecipativi · Dati aperti</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/css/portale.css">
<link rel="alternate" type="application/json" href="/api/v1/processi/%d">
<style>.json{list-style:none;margin:0;padding-left:1.5em;font-family:monospace}.json .key{color:#881391}.json .string{color:#1a1aa6}.json .number{color:#1c00cf}.json .null{color:#808080}</style>
</head>
<body>
<header class="portale-header"><a class="portale-brand" href="/">Dati aperti · Osservatorio Partecipazione</a>
<nav><a href="/dataset">Dataset</a> <a href="/api">API</a> <a href="/licenze">Licenze</a></nav></header>
<main class="container">
<ol class="breadcrumb"><li><a href="/dataset">Dataset</a></li><li><a href="/dataset/processi-partecipativi">Processi partecipativi</a></li><li class="active">Record %d</li></ol>
<h1>%s</h1>
<p class="record-meta">`, esc(p.Title), p.ID, p.ID, p.ID, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<span class=\"regione\">%s</span> ", esc(p.Region))
	}
	for _, n := range badgeNames(p) {
		fmt.Fprintf(b, "<span class=\"badge\">%s</span> ", esc(n))
	}
	fmt.Fprintf(b, `Licenza CC BY 4.0</p>
<p>Il record come lo restituisce l'API (<code>GET /api/v1/processi/%d</code>). <a href="/api/v1/processi/%d?format=json" download="processo-%d.json">Scarica il JSON</a></p>
<div class="json-viewer">
`, p.ID, p.ID, p.ID)
	top := []jsonItem{
		{"id", fmt.Sprintf(`<span class="number">%d</span>`, p.ID)},
		{"url", jsonScalar(Field{}, p.URL, true)},
		{"titolo", jsonScalar(Field{Type: "text"}, p.Title, false)},
	}
	for i, s := range p.Sections {
		var members []jsonItem
		for _, f := range s.Fields {
			members = append(members, jsonField(f)...)
		}
		if i == len(p.Sections)-1 && p.LastModified != "" {
			members = append(members, jsonItem{h3Snake(lastModLabel), jsonScalar(Field{Type: "date"}, p.LastModified, false)})
		}
		top = append(top, jsonItem{h3Snake(s.Name), jsonObject(members)})
	}
	b.WriteString(`<ul class="json"><li>` + jsonObject(top) + "</li></ul>\n")
	b.WriteString(`</div>
</main>
<footer class="portale-footer"><p>Dati aperti dell'Osservatorio Partecipazione &ndash; licenza CC BY 4.0</p></footer>
</body>
</html>
`)
}

// nuxtV is the scoped style attribute of the record component.
const nuxtV = ` data-v-7ba5bd90`

// renderNuxt3 writes a Vue page that Nuxt rendered on the server: every
// element of the record component carries its data-v attribute,
// fragments and absent branches leave comment placeholders, the sections
// are Element Plus descriptions with two label/value pairs per table row,
// list items are tags, and the page's payload repeats the record as JSON.
func renderNuxt3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" data-capo=""><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s · Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/_nuxt/entry.DSjy1mWx.css">
<link rel="modulepreload" as="script" crossorigin href="/_nuxt/BfzUd0Tf.js">
<link rel="prefetch" as="image" type="image/svg+xml" href="/_nuxt/logo.CkQ2R7sF.svg">
<script type="module" src="/_nuxt/BfzUd0Tf.js" crossorigin></script></head>
<body><div id="__nuxt"><!--[--><div class="app" data-v-2f1a9c3e><header class="app-header" data-v-2f1a9c3e><a href="/" class="app-header__brand" data-v-2f1a9c3e>Osservatorio Partecipazione</a><nav data-v-2f1a9c3e><!--[--><a href="/processi" class="" data-v-2f1a9c3e>Processi</a><a href="/partecipanti" class="" data-v-2f1a9c3e>Partecipanti</a><!--]--></nav></header><main class="app-main" data-v-2f1a9c3e><div class="scheda"%s><div class="el-page-header"%s><div class="el-page-header__header"><div class="el-page-header__left"><div class="el-page-header__back" role="button" tabindex="0"><div class="el-page-header__icon"><i class="el-icon"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1024 1024"><path fill="currentColor" d="M609.4 189.1 286.5 512l322.9 322.9"></path></svg></i></div><div class="el-page-header__title">Indietro</div></div><div class="el-divider el-divider--vertical" role="separator"><!----></div><div class="el-page-header__content"><h1 class="scheda__titolo"%s>%s</h1></div></div><!----></div><!----></div>`,
		esc(p.Title), nuxtV, nuxtV, nuxtV, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="scheda__regione"%s>%s</p>`, nuxtV, esc(p.Region))
	} else {
		b.WriteString("<!---->")
	}
	fmt.Fprintf(b, `<div class="scheda__badges"%s><!--[-->`, nuxtV)
	for _, n := range badgeNames(p) {
		fmt.Fprintf(b, `<span class="el-tag el-tag--success el-tag--light"%s><span class="el-tag__content">%s</span><!----></span>`, nuxtV, esc(n))
	}
	fmt.Fprintf(b, `<!--]--></div><div class="el-alert el-alert--info is-light" role="alert"%s><div class="el-alert__content"><p class="el-alert__description">%s <a class="el-link el-link--primary is-underline" href="/integra/%d"%s><span class="el-link__inner">%s</span></a></p><!----></div><!----></div><!--[-->`,
		nuxtV, esc(ctaQuestion), p.ID, nuxtV, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, `<div class="el-descriptions scheda__sezione"%s><div class="el-descriptions__header"><div class="el-descriptions__title">%s</div><div class="el-descriptions__extra"></div></div><div class="el-descriptions__body"><table class="el-descriptions__table is-bordered el-descriptions--default"><tbody><!--[-->`, nuxtV, esc(s.Name))
		var row []Field
		flush := func() {
			if len(row) == 0 {
				return
			}
			b.WriteString("<tr><!--[-->")
			for i, f := range row {
				span := 1
				if i == len(row)-1 && len(row) == 1 {
					span = 3
				}
				fmt.Fprintf(b, `<td class="el-descriptions__cell el-descriptions__label is-bordered-label" colspan="1" style="width:180px;">%s</td><td class="el-descriptions__cell el-descriptions__content" colspan="%d">%s</td>`, esc(f.Label), span, nuxtValue(f))
			}
			b.WriteString("<!--]--></tr>")
			row = nil
		}
		for _, f := range s.Fields {
			if h3Long(f) {
				flush()
				row = []Field{f}
				flush()
				continue
			}
			row = append(row, f)
			if len(row) == 2 {
				flush()
			}
		}
		flush()
		b.WriteString("<!--]--></tbody></table></div></div>")
	}
	b.WriteString("<!--]-->")
	if p.LastModified != "" {
		fmt.Fprintf(b, `<div class="scheda__meta"%s><span%s>%s</span> <time datetime="%s"%s>%s</time></div>`, nuxtV, nuxtV, lastModPrefix, isoDate(p.LastModified), nuxtV, esc(p.LastModified))
	} else {
		b.WriteString("<!---->")
	}
	b.WriteString(`</div></main><footer class="app-footer" data-v-2f1a9c3e><p data-v-2f1a9c3e>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p></footer></div><!--]--></div>`)
	fmt.Fprintf(b, `<div id="teleports"></div><script type="application/json" data-nuxt-data="nuxt-app" data-ssr="true" id="__NUXT_DATA__">%s</script>
<script>window.__NUXT__={};window.__NUXT__.config={public:{},app:{baseURL:"/",buildId:"6c7d1f2a-%s",buildAssetsDir:"/_nuxt/",cdnURL:""}}</script></body></html>
`, nuxtPayload(p), h3ID(p.URL, 8))
}

// nuxtValue renders a value cell: text in a fragment, list items as tags
// with nothing between them, images, an empty value as a placeholder.
func nuxtValue(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return "<!---->"
	}
	var b strings.Builder
	b.WriteString("<!--[-->")
	for _, pt := range parts {
		switch pt.kind {
		case "map":
			fmt.Fprintf(&b, `<span class="scheda__mappa-label"%s>%s</span>`, nuxtV, mapLine)
		case "img":
			fmt.Fprintf(&b, `<div class="el-image scheda__immagine"%s><img src="%s" class="el-image__inner" style="object-fit:contain;"><!----></div>`, nuxtV, esc(absURL(pt.text)))
		case "item":
			fmt.Fprintf(&b, `<span class="el-tag el-tag--info el-tag--small el-tag--plain scheda__tag"%s><span class="el-tag__content">%s</span><!----></span>`, nuxtV, esc(pt.text))
		default:
			if h3Long(f) {
				fmt.Fprintf(&b, `<div class="scheda__testo"%s>%s</div>`, nuxtV, esc(pt.text))
			} else {
				b.WriteString(esc(pt.text))
			}
		}
	}
	b.WriteString("<!--]-->")
	return b.String()
}

// nuxtPayload is the page's payload in Nuxt's flattened JSON form: the
// record's labels and values again, for the browser to hydrate from.
func nuxtPayload(p *Page) string {
	var vals []string
	vals = append(vals, `["ShallowReactive",1]`, `{"data":2,"state":3,"once":4,"_errors":5,"serverRendered":6}`, `["ShallowReactive",7]`, `{}`, `["Set"]`, `["ShallowReactive",8]`, `true`)
	vals = append(vals, fmt.Sprintf(`{"scheda-%d":9}`, p.ID), `{}`)
	var fields []string
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			fields = append(fields, jsonString(f.Label)+":"+jsonString(strings.Join(f.Lines, "\n")))
		}
	}
	vals = append(vals, fmt.Sprintf(`{"id":%d,"titolo":%s,"campi":{%s}}`, p.ID, jsonString(p.Title), strings.Join(fields, ",")))
	out := "[" + strings.Join(vals, ",") + "]"
	return strings.NewReplacer("<", `\u003C`, ">", `\u003E`, "&", `\u0026`).Replace(out)
}
