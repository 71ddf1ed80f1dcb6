package pagegen

import (
	"fmt"
	"strings"
)

// renderAstro12 writes a record as an Astro page: scoped
// data-astro-cid attributes, each field a list item of a <b> label and
// a value span, the share button an <astro-island>.
func renderAstro12(b *strings.Builder, p *Page) {
	const cid = `data-astro-cid-3ku6ydhb`
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width"><link rel="icon" type="image/svg+xml" href="/favicon.svg"><meta name="generator" content="Astro v4.15.4"><title>%[1]s · Osservatorio Partecipazione</title><link rel="stylesheet" href="/_astro/_id_.B7xk2LqP.css"><style>astro-island,astro-slot,astro-static-slot{display:contents}</style></head><body %[2]s><header class="site" %[2]s><a href="/" class="brand" %[2]s>Osservatorio Partecipazione</a><nav %[2]s>`, esc(p.Title), cid)
	h12Nav(b, `<a href="/%s" `+cid+`>%s</a>`)
	fmt.Fprintf(b, `</nav></header>
<main %[1]s><p class="crumbs" %[1]s><a href="/" %[1]s>Home</a> / <a href="/processi" %[1]s>Processi</a></p><h1 %[1]s>%[2]s</h1>`, cid, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="ente" %s>%s</p>`, cid, esc(p.Region))
	}
	if bd := h12Badges(p, `<span class="badge" `+cid+`>`, `</span>`); bd != "" {
		fmt.Fprintf(b, `<p class="badges" %s>%s</p>`, cid, bd)
	}
	b.WriteString("\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section %s><h2 %s>%s</h2><ul class=\"fields\" %s>\n", cid, cid, esc(s.Name), cid)
		for _, f := range h7Fields(p, i) {
			v := h12Value(f, "<br>", "thumb")
			if isEmpty(f) {
				v = "n.d."
			}
			fmt.Fprintf(b, "<li %s><b %s>%s</b> <span class=\"value\" %s>%s</span></li>\n", cid, cid, esc(f.Label), cid, v)
		}
		b.WriteString("</ul></section>\n")
	}
	fmt.Fprintf(b, `<astro-island uid="Z1hWq2x" prefix="r1" component-url="/_astro/ShareButton.C3mR8vYt.js" component-export="default" renderer-url="/_astro/client.BZs4Vm8o.js" props="{&quot;id&quot;:[0,%[1]d],&quot;title&quot;:[0,&quot;%[2]s&quot;]}" ssr client="visible" opts="{&quot;name&quot;:&quot;ShareButton&quot;,&quot;value&quot;:true}" await-children><button type="button" class="share">Condividi</button></astro-island>
<div class="cta" %[3]s><p %[3]s>%[4]s</p><a href="/integra?processo=%[1]d" %[3]s>%[5]s</a></div></main>
<footer %[3]s><p %[3]s>Assemblea legislativa della Regione Emilia-Romagna</p></footer>
<div id="cookie-banner" class="cookie" %[3]s><p %[3]s>%[6]s</p><button id="cookie-ok" %[3]s>OK</button></div>
<script type="module" src="/_astro/hoisted.D0d9Ya2X.js"></script></body></html>
`, p.ID, esc(h12JSON(p.Title)), cid, esc(ctaQuestion), esc(ctaAction), esc(h10Cookie))
}
