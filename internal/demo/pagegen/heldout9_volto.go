package pagegen

import (
	"encoding/json"
	"fmt"
	"strings"
)

// renderVolto9 writes a record as Plone 6's Volto front end renders a
// content type's default view on the server: Semantic UI containers, a
// fieldset per schema fieldset, each field a wrapper with a label div
// and a widget, and the content's data for the client in window.__data.
func renderVolto9(b *strings.Builder, p *Page) {
	data := map[string]any{"@id": p.URL, "@type": "SchedaProcesso", "title": p.Title, "review_state": "published"}
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			data[strings.Join(idWords(f.Label), "_")] = strings.Join(f.Lines, "\n")
		}
	}
	js, err := json.Marshal(map[string]any{"content": map[string]any{"data": data, "get": map[string]any{"loaded": true}}})
	if err != nil {
		js = []byte("{}")
	}
	fmt.Fprintf(b, `<!doctype html>
<html lang="it">
<head><meta charSet="utf-8"/><title data-react-helmet="true">%[1]s — Osservatorio Partecipazione</title><meta data-react-helmet="true" name="generator" content="Plone 6 - https://plone.org"/><meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no"/><link data-chunk="client" rel="stylesheet" href="/static/css/client.9f3c1e2a.css"/></head>
<body class="view-viewview contenttype-schedaprocesso section-processi siteroot-it is-anonymous public-ui">
<div role="navigation" aria-label="Toolbar" id="toolbar"></div><div id="main"><div class="skiplinks-wrapper" role="complementary" aria-label="skiplinks"><a class="skiplink" href="#view">Vai al contenuto</a><a class="skiplink" href="#navigation">Vai alla navigazione</a><a class="skiplink" href="#footer">Vai al footer</a></div>
<div class="public-ui"><div class="header-wrapper" role="banner"><div class="ui basic segment"><div class="header"><div class="logo-nav-wrapper"><div class="logo"><a title="Osservatorio Partecipazione" href="/"><img src="/static/media/logo.2d3b1c.svg" alt="Osservatorio Partecipazione" class="ui image" width="220"/></a></div>
<nav class="navigation" id="navigation" aria-label="Navigazione principale"><div class="ui pointing secondary stackable menu">
`, esc(p.Title))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "<a class=\"item\" href=\"/%s\">%s</a>\n", n[1], esc(n[0]))
	}
	b.WriteString(`</div></nav></div></div></div></div>
<div class="ui secondary vertical segment breadcrumbs"><div class="ui container"><nav role="navigation" aria-label="Breadcrumbs" class="ui breadcrumb"><a class="section" title="Home" href="/"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36" class="icon home" style="height:18px;width:auto;fill:currentColor"><path d="M18 4 2 16h4v16h9v-9h6v9h9V16h4z"/></svg></a><div class="divider">/</div><a class="section" href="/processi">Processi</a><div class="divider">/</div><div class="section active">` + esc(p.Title) + `</div></nav></div></div>
<div class="ui basic segment content-area"><main><div id="view"><div id="page-document" class="ui container view-wrapper schedaprocesso-view">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"documentDescription\">%s</p>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<h1 class=\"documentFirstHeading\">%s</h1>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString(`<div class="tags"><div class="ui container">`)
		for _, bd := range bs {
			fmt.Fprintf(b, `<a class="ui label" href="/search?Subject=%s">%s</a>`, bd, bd)
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(b, "<div class=\"ui message info\"><p>%s <a href=\"/integra-informazioni?processo=%d\">%s</a></p></div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<fieldset class=\"fieldset-%s\"><legend>%s</legend>\n", strings.Join(idWords(s.Name), "_"), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			id := strings.Join(idWords(f.Label), "_")
			fmt.Fprintf(b, "<div class=\"field-wrapper-%s\"><div class=\"label\">%s</div>%s</div>\n", id, esc(f.Label), voltoWidget(f))
		}
		b.WriteString("</fieldset>\n")
	}
	fmt.Fprintf(b, `</div></div></main></div>
<footer id="footer" class="ui vertical padded inverted center aligned segment"><div class="ui container"><p>Osservatorio Partecipazione — Assemblea legislativa della Regione Emilia-Romagna</p><ul class="ui horizontal inverted link list"><li class="item"><a class="item" href="/privacy">Privacy</a></li><li class="item"><a class="item" href="/accessibilita">Accessibilità</a></li></ul></div></footer>
<div class="gdpr-privacy-banner" role="dialog" aria-label="Cookie"><div class="ui container"><p>%s</p><button class="ui button primary">Accetto</button></div></div>
</div></div>
<div role="complementary" aria-label="Sidebar" id="sidebar"></div>
<script charSet="UTF-8">window.env = {"RAZZLE_API_PATH":"https://www.osservatoriopartecipazione.it/api"};</script>
<script charSet="UTF-8">window.__data=%s;</script>
<script async="" data-chunk="client" src="/static/js/runtime~client.4f1e2d.js"></script>
</body>
</html>
`, esc(h9Cookie), strings.ReplaceAll(string(js), "</", `<\/`))
}

// voltoWidget renders a value with Volto's view widgets: text, lists of
// tokens, rich text and images.
func voltoWidget(f Field) string {
	switch {
	case h3IsList(f):
		var out []string
		for _, pt := range valueParts(f, true) {
			switch pt.kind {
			case "img":
				out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="`+mapLine+`" class="image-widget"/>`)
			case "item", "line":
				out = append(out, `<span class="token">`+esc(pt.text)+`</span>`)
			}
		}
		return `<div class="widget"><span class="token-widget">` + strings.Join(out, ", ") + `</span></div>`
	case h3Long(f):
		return `<div class="widget"><div class="richtext-widget"><p>` + h9Value(f, false, "</p><p>", h9Img) + `</p></div></div>`
	}
	return `<div class="widget"><span class="text-widget">` + h9Value(f, false, "<br/>", func(src string) string {
		return `<img src="` + esc(src) + `" alt="" class="image-widget"/>`
	}) + `</span></div>`
}
