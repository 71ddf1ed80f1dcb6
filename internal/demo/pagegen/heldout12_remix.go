package pagegen

import (
	"fmt"
	"strings"
)

// renderRemix12 writes a record as a Remix route: a <section> per
// section with an <h2>, each field an <h3> label above its value
// paragraphs, the loader data in window.__remixContext.
func renderRemix12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width,initial-scale=1"/><title>%[1]s – Osservatorio Partecipazione</title><link rel="stylesheet" href="/build/_assets/app-4XQ2RJ7B.css"/><link rel="modulepreload" href="/build/entry.client-ZK3PJ6WA.js"/><link rel="modulepreload" href="/build/routes/processi.$id-R5MB2T4N.js"/></head><body><header class="site-header"><a href="/" class="logo">Osservatorio Partecipazione</a><nav><ul>`, esc(p.Title))
	h12Nav(b, `<li><a class="" href="/%s">%s</a></li>`)
	fmt.Fprintf(b, `</ul></nav></header>
<main id="main-content"><div class="breadcrumbs"><a href="/">Home</a> › <a href="/processi">Processi</a> › <span aria-current="page">%s</span></div>
<article class="process"><header class="process__header"><h1>%s</h1>`, esc(p.Title), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="process__org">%s</p>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<li class="tag">`, `</li>`); bd != "" {
		fmt.Fprintf(b, `<ul class="tags">%s</ul>`, bd)
	}
	b.WriteString("</header>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"process__section\" id=\"%s\"><h2>%s</h2>\n", h3Snake(s.Name), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			v := `<p>` + h12Value(f, "</p><p>", "field__image") + `</p>`
			if isEmpty(f) {
				v = `<p class="field__empty">—</p>`
			}
			fmt.Fprintf(b, "<div class=\"field\"><h3 class=\"field__label\">%s</h3>%s</div>\n", esc(f.Label), v)
		}
		b.WriteString("</section>\n")
	}
	fmt.Fprintf(b, `<aside class="callout"><p>%s</p><a class="button" href="/processi/%d/integra">%s</a></aside></article></main>
<footer class="site-footer"><p>Assemblea legislativa della Regione Emilia-Romagna</p></footer>
<div class="cookie-banner" role="region" aria-label="Cookie"><p>%s</p><form method="post" action="/cookies"><input type="hidden" name="consent" value="technical"/><button type="submit">Ho capito</button></form></div>
<link rel="modulepreload" href="/build/_shared/chunk-OAPQ2DJA.js"/><script>window.__remixContext = {"url":"/processi/%d","state":{"loaderData":{"root":{"env":"production"},"routes/processi.$id":{"process":{"id":%d,"name":"%s"}}},"actionData":null,"errors":null},"future":{"v3_fetcherPersist":true}};</script><script type="module" async="">import "/build/manifest-1F2E3D4C.js";
import * as route0 from "/build/root-7GQXWZ5K.js";
import * as route1 from "/build/routes/processi.$id-R5MB2T4N.js";
window.__remixRouteModules = {"root":route0,"routes/processi.$id":route1};
import("/build/entry.client-ZK3PJ6WA.js");</script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), p.ID, p.ID, h12JSON(p.Title))
}
