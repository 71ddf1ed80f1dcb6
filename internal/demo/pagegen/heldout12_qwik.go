package pagegen

import (
	"fmt"
	"strings"
)

// renderQwik12 writes a record as a Qwik City page with its resumable
// markup: <!--qv--> comments around components, q:key attributes, each
// field a label span and an <output>, the state in qwik/json.
func renderQwik12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it" q:container="paused" q:version="1.5.7" q:render="ssr" q:base="/build/" q:locale="" q:manifest-hash="7k2mq1"><head q:head><meta charset="utf-8" q:head><title q:head>%[1]s | Osservatorio Partecipazione</title><meta name="viewport" content="width=device-width, initial-scale=1.0" q:head><link rel="stylesheet" href="/assets/style-Bq4Xc1.css" q:head></head><body lang="it"><!--qv q:id=0 q:key=wgGj:0_0--><!--qv q:id=1 q:key=1a2B:0_1--><header class="header"><a href="/" class="logo">Osservatorio Partecipazione</a><nav><ul>`, esc(p.Title))
	h12Nav(b, `<li><a href="/%s" q:key="nav">%s</a></li>`)
	fmt.Fprintf(b, `</ul></nav></header><!--/qv--><main><!--qv q:s q:sref=1 q:key=--><!--qv q:id=2 q:key=Zp4x:0_2--><div class="scheda" q:key="scheda-%[1]d"><nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/processi">Processi</a></nav><h1><!--t=3-->%[2]s<!----></h1>`, p.ID, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="ente"><!--t=4-->%s<!----></p>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<span class="chip" q:key="badge">`, `</span>`); bd != "" {
		fmt.Fprintf(b, `<div class="chips">%s</div>`, bd)
	}
	b.WriteString("\n")
	n := 5
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<!--qv q:id=%d q:key=sez%d--><fieldset class=\"sezione\"><legend>%s</legend>\n", n, i, esc(s.Name))
		n++
		for j, f := range h7Fields(p, i) {
			id := fmt.Sprintf("f%d-%d", i, j)
			v := h12Value(f, "<br>", "foto")
			if isEmpty(f) {
				v = "–"
			}
			fmt.Fprintf(b, "<div class=\"campo\" q:key=\"%[1]s\"><span class=\"campo-label\" id=\"%[2]s-l\">%[3]s</span><output id=\"%[2]s\" aria-labelledby=\"%[2]s-l\"><!--t=%[4]d-->%[5]s<!----></output></div>\n", h3Snake(f.Label), id, esc(f.Label), n, v)
			n++
		}
		b.WriteString("</fieldset><!--/qv-->\n")
	}
	fmt.Fprintf(b, `<p class="integra">%[1]s <a href="/integra/?processo=%[2]d">%[3]s</a></p></div><!--/qv--><!--/qv--></main><footer><p>Assemblea legislativa della Regione Emilia-Romagna</p></footer><div class="cookie-bar" q:key="cookie"><span>%[4]s</span><button on:click="q-Dk3a9.js#s_cookieOk">Accetto</button></div><!--/qv--><!--/qv-->
<script type="qwik/json">{"refs":{},"ctx":{},"objs":[%[2]d,"%[5]s"],"subs":[]}</script>
<script q:func="qwik/json">document["qFuncs_7k2mq1"]=[];</script>
<script id="qwikloader">(()=>{const e=document;window.qwikevents=window.qwikevents||[];})();</script>
<script>window.qwikevents.push("click")</script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), h12JSON(p.Title))
}
