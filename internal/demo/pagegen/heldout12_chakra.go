package pagegen

import (
	"fmt"
	"strings"
)

// renderChakra12 writes a record as a Chakra UI page: short fields as
// Stat components in a SimpleGrid, long fields as a small heading and a
// text paragraph.
func renderChakra12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it" data-theme="light" style="color-scheme:light"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>%[1]s | Osservatorio Partecipazione</title><style data-emotion="css-global 0"></style><style data-emotion="css 1xhj18k 1f4ax7i 18v6b9r">.css-1xhj18k{display:flex;flex-direction:column;}</style></head><body class="chakra-ui-light"><script id="chakra-script">!(function(){try{var a=function(c){var v="(prefers-color-scheme: dark)",h=window.matchMedia(v).matches?"dark":"light",r=c==="system"?h:c,d=document.documentElement;d.dataset.theme=r}}catch(e){}})();</script><span></span><div class="css-0"><header class="css-1t5g3nw"><div class="chakra-container css-1x8fw2m"><div class="css-70qvj9"><a class="chakra-link css-f4h6uy" href="/">Osservatorio Partecipazione</a><div class="chakra-stack css-1mmf5hs">`, esc(p.Title))
	h12Nav(b, `<a class="chakra-link css-spn4bz" href="/%s">%s</a>`)
	fmt.Fprintf(b, `</div></div></div></header>
<main class="chakra-container css-1x8fw2m"><nav aria-label="breadcrumb" class="chakra-breadcrumb css-0"><ol class="chakra-breadcrumb__list css-0"><li class="css-18biwo"><a href="/" class="chakra-breadcrumb__link css-1bpq3zp">Home</a><span role="presentation" class="css-t4q1nq">/</span></li><li class="css-18biwo"><a href="/processi" class="chakra-breadcrumb__link css-1bpq3zp">Processi</a></li></ol></nav>
<h1 class="chakra-heading css-1jb3vzl">%s</h1>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="chakra-text css-1c8xm9s">%s</p>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<span class="chakra-badge css-1g1qw76">`, `</span>`); bd != "" {
		fmt.Fprintf(b, `<div class="chakra-stack css-1pvfk9m">%s</div>`, bd)
	}
	b.WriteString("\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"chakra-card css-1ov8sl0\"><div class=\"chakra-card__header css-1b6ixqo\"><h2 class=\"chakra-heading css-1dklj6k\">%s</h2></div><div class=\"chakra-card__body css-1idwstw\">\n", esc(s.Name))
		var short, long []Field
		for _, f := range h7Fields(p, i) {
			if h3Long(f) {
				long = append(long, f)
			} else {
				short = append(short, f)
			}
		}
		if len(short) > 0 {
			b.WriteString(`<div class="css-1sxpfb3">`)
			for _, f := range short {
				v := h12Value(f, "<br/>", "chakra-image css-1phd9a0")
				if isEmpty(f) {
					v = "—"
				}
				fmt.Fprintf(b, `<div class="chakra-stat css-1mbo1ls"><dl><dt class="chakra-stat__label css-1axfrr4">%s</dt><dd class="chakra-stat__number css-1axeus7">%s</dd></dl></div>`+"\n", esc(f.Label), v)
			}
			b.WriteString("</div>\n")
		}
		for _, f := range long {
			fmt.Fprintf(b, `<div class="chakra-stack css-1xhj18k"><h3 class="chakra-heading css-1yy2r8k">%s</h3><p class="chakra-text css-1ki54i">%s</p></div>`+"\n", esc(f.Label), h12Value(f, "<br/>", "chakra-image css-1phd9a0"))
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(b, `<div role="status" class="chakra-alert css-qspxyf"><div class="chakra-alert__desc css-zycdy9">%[1]s <a class="chakra-link css-1pl5y2u" href="/processi/%[2]d/integra">%[3]s</a></div></div></main>
<footer class="css-1ph4q4k"><p class="chakra-text css-0">Assemblea legislativa della Regione Emilia-Romagna</p></footer>
<div role="region" aria-label="Notifications-bottom" id="chakra-toast-manager-bottom" class="css-1gyr2jy"><div class="chakra-alert css-1rr4qq7"><div class="chakra-alert__desc css-0">%[4]s</div><button type="button" class="chakra-button css-1k0ffll">Accetto</button></div></div>
</div><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"id":%[2]d,"name":"%[5]s"}},"page":"/processi/[id]","buildId":"c8Kq2mN4","isFallback":false}</script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), h12JSON(p.Title))
}
