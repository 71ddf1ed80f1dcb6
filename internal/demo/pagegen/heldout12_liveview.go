package pagegen

import (
	"fmt"
	"strings"
)

// renderLiveView12 writes a record as a Phoenix LiveView page with the
// core components' list: a <dl> of flex rows per section, the LiveView
// session and static tokens on the main container.
func renderLiveView12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="[scrollbar-gutter:stable]">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="csrf-token" content="GgQ9KDYuOiEfHxcTDh0nCQY1NzMtAQsgWXyfk_oUqGZ2mR0xLwjSkcHd">
    <title data-suffix=" · Osservatorio Partecipazione">%[1]s · Osservatorio Partecipazione</title>
    <link phx-track-static rel="stylesheet" href="/assets/app-a1b2c3d4e5f6.css">
    <script defer phx-track-static type="text/javascript" src="/assets/app-f6e5d4c3b2a1.js"></script>
  </head>
  <body class="bg-white">
    <header class="px-4 sm:px-6 lg:px-8"><div class="flex items-center justify-between border-b border-zinc-100 py-3 text-sm"><a href="/" class="font-semibold">Osservatorio Partecipazione</a><div class="flex items-center gap-4 font-semibold leading-6 text-zinc-900">`, esc(p.Title))
	h12Nav(b, `<a href="/%s" class="hover:text-zinc-700">%s</a>`)
	fmt.Fprintf(b, `</div></div></header>
<div data-phx-main data-phx-session="SFMyNTY.g2gDaAJhBXQAAAAHdwJpZG0AAAAUcGh4LUY0eGFCcVJ0Y0UzZ2lPYnd3BnNlc3Npb250AAAAAHcKcGFyZW50X3BpZHcDbmls.Xb3mQe1k" data-phx-static="SFMyNTY.g2gDaAJhBXQAAAADdwZhc3NpZ25zag.8cJd0" id="phx-F4xaBqRtcE3giObw"><main class="px-4 py-20 sm:px-6 lg:px-8"><div class="mx-auto max-w-2xl">
<div id="flash-group"><div id="client-error" phx-connected="[[&quot;hide&quot;,{&quot;to&quot;:&quot;#client-error&quot;}]]" class="fixed top-2 right-2 mr-2 w-80 z-50 rounded-lg p-3 ring-1 bg-rose-50 text-rose-900 ring-rose-500" role="alert" hidden><p class="flex items-center gap-1.5 text-sm font-semibold leading-6">Connessione persa</p><p class="mt-2 text-sm leading-5">Tentativo di riconnessione in corso</p></div></div>
<header class="flex items-center justify-between gap-6"><div><h1 class="text-lg font-semibold leading-8 text-zinc-800">%s</h1>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="mt-2 text-sm leading-6 text-zinc-600">%s</p>`, esc(p.Region))
	}
	b.WriteString(`</div><div class="flex-none">`)
	b.WriteString(h12Badges(p, `<span class="rounded-full bg-emerald-100 px-2 py-1 text-xs font-semibold text-emerald-800">`, `</span>`))
	b.WriteString("</div></header>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h2 class=\"mt-14 text-base font-semibold leading-7 text-zinc-800\">%s</h2>\n<div class=\"mt-6\"><dl class=\"-my-4 divide-y divide-zinc-100\">\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "  <div class=\"flex gap-4 py-4 text-sm leading-6 sm:gap-8\"><dt class=\"w-1/4 flex-none text-zinc-500\">%s</dt><dd class=\"text-zinc-700\">%s</dd></div>\n", esc(f.Label), h12Value(f, "<br>", "mt-2 rounded"))
		}
		b.WriteString("</dl></div>\n")
	}
	fmt.Fprintf(b, `<div class="mt-16"><p class="text-sm">%[1]s <a href="/processi/%[2]d/integra" data-phx-link="redirect" data-phx-link-state="push" class="text-sm font-semibold leading-6 text-zinc-900 hover:text-zinc-700">%[3]s</a></p><a href="/processi" data-phx-link="patch" data-phx-link-state="push" class="text-sm font-semibold leading-6 text-zinc-900 hover:text-zinc-700">← Torna ai processi</a></div>
</div></main></div>
<footer class="px-4 py-6 text-center text-xs text-zinc-500">Assemblea legislativa della Regione Emilia-Romagna</footer>
<div id="cookie-consent" phx-hook="CookieConsent" class="fixed bottom-0 inset-x-0 bg-zinc-900 p-4 text-sm text-white"><span>%[4]s</span> <button phx-click="accept_cookies" class="ml-2 underline">Accetto</button></div>
  </body>
</html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie))
}
