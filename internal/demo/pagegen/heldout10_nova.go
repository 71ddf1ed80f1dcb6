package pagegen

import (
	"fmt"
	"strings"
)

// renderNova10 writes a record as a Laravel Nova resource detail page
// saved from the browser: panels headed by <h1>, fields as flex rows of
// an <h4> label and a value column, long texts in prose divs, the
// badges as Nova badges.
func renderNova10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr" class="h-full font-sans antialiased">
<head>
    <meta name="theme-color" content="#fff">
    <meta charset="utf-8">
    <meta name="viewport" content="width=1280">
    <meta name="locale" content="it"/>
    <meta name="csrf-token" content="t7Hc2l9QpVx4mN8rB3kS6wZ1yF5jD0aG2eK7uR9o">
    <title inertia>Schede Processo | Osservatorio Partecipazione</title>
    <link rel="stylesheet" href="/vendor/nova/app.css?id=e8a1c6bb9f7d3a5b4c2d1e0f9a8b7c6d">
    <script>
        if (localStorage.novaTheme === 'dark' || (!('novaTheme' in localStorage) && window.matchMedia('(prefers-color-scheme: dark)').matches)) {
            document.documentElement.classList.add('dark')
        }
    </script>
</head>
<body class="min-w-site text-sm font-medium min-h-full text-gray-500 dark:text-gray-400 bg-gray-100 dark:bg-gray-900">
<div id="app" data-page="{&quot;component&quot;:&quot;Nova.Detail&quot;,&quot;props&quot;:{&quot;resourceName&quot;:&quot;schede-processo&quot;,&quot;resourceId&quot;:&quot;%[1]d&quot;},&quot;url&quot;:&quot;/nova/resources/schede-processo/%[1]d&quot;,&quot;version&quot;:&quot;a1b2c3d4&quot;}"><div class="relative h-full"><header class="bg-white dark:bg-gray-800 shadow flex items-center h-14 relative z-20"><a href="/nova/dashboards/main" class="text-lg font-bold px-4">Osservatorio Partecipazione</a></header>
<div class="flex mt-14 px-0"><div class="hidden lg:block lg:absolute left-0 bottom-0 lg:top-[56px] lg:bottom-auto w-60 px-3 py-8"><div class="sidebar-menu space-y-6" dusk="sidebar-menu" role="navigation">
`, p.ID)
	for _, n := range h10Nav {
		fmt.Fprintf(b, "<a href=\"/nova/resources/%s\" class=\"w-full flex items-center py-1 px-3 rounded text-left\"><span class=\"sidebar-label\">%s</span></a>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</div></div>
<div class="flex-1 md:pl-60"><div class="p-4 md:py-8 md:px-12 lg:ml-60 space-y-8"><div dusk="schede-processo-detail-component">
<nav class="hidden md:block mb-4" aria-label="breadcrumb"><ol class="flex items-center"><li class="inline-block"><a href="/nova/dashboards/main" class="link-default">Dashboard</a></li><li class="inline-block"><span class="mx-2">/</span><a href="/nova/resources/schede-processo" class="link-default">Schede Processo</a></li><li class="inline-block"><span class="mx-2">/</span><span>Dettaglio Scheda Processo</span></li></ol></nav>
`)
	panel := func(title string, rows func()) {
		fmt.Fprintf(b, `<div class="space-y-2" dusk="%s"><div class="md:flex items-center"><div class="flex flex-auto truncate items-center"><h1 class="text-90 font-normal text-xl md:text-2xl" dusk="panel-title">%s</h1></div></div><div class="bg-white dark:bg-gray-800 rounded-lg shadow divide-y divide-gray-100 dark:divide-gray-700">
`, h3Snake(title), esc(title))
		rows()
		b.WriteString("</div></div>\n")
	}
	panel("Dettaglio Scheda Processo: "+p.Title, func() {
		novaRow(b, "Nome", "nome", `<p class="">`+esc(p.Title)+`</p>`)
		if p.Region != "" {
			novaRow(b, "Ente", "ente", `<p class="">`+esc(p.Region)+`</p>`)
		}
		var badges []string
		for _, bd := range badgeNames(p) {
			badges = append(badges, `<span class="inline-flex items-center whitespace-nowrap min-h-6 px-2 rounded-full uppercase text-xs font-bold bg-green-100 text-green-600 dark:bg-green-500 dark:text-green-900 space-x-1"><span>`+bd+`</span></span>`)
		}
		if len(badges) > 0 {
			novaRow(b, "Riconoscimenti", "riconoscimenti", strings.Join(badges, " "))
		}
	})
	for i, s := range p.Sections {
		panel(s.Name, func() {
			for _, f := range h7Fields(p, i) {
				novaRow(b, esc(f.Label), h3Snake(f.Label), novaValue(f))
			}
		})
	}
	fmt.Fprintf(b, `<div class="flex items-center"><span>%[1]s</span> <a href="/nova/resources/integrazioni/new?viaResource=schede-processo&amp;viaResourceId=%[3]d" class="shadow relative bg-primary-500 hover:bg-primary-400 text-white dark:text-gray-900 cursor-pointer rounded text-sm font-bold focus:outline-none focus:ring ring-primary-200 inline-flex items-center justify-center h-9 px-3 ml-2">%[2]s</a></div>
</div></div>
<footer class="mt-8 leading-normal text-xs text-center text-gray-500 px-6"><p>Assemblea legislativa della Regione Emilia-Romagna</p><p>Powered by Laravel Nova &middot; v4.32.6</p></footer>
</div></div></div></div>
<div class="fixed bottom-0 inset-x-0 bg-gray-800 text-white p-4 text-xs" role="dialog" dusk="cookie-consent"><span>%[4]s</span> <button type="button" class="ml-2 underline">Accetto</button></div>
<script src="/vendor/nova/manifest.js?id=d75a9cef8a1b2c3d"></script>
<script src="/vendor/nova/vendor.js?id=6a3f1c0b9e8d7c6b"></script>
<script src="/vendor/nova/app.js?id=2d1e0f9a8b7c6d5e"></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}

// novaRow writes one field of a detail panel; label and value are HTML.
func novaRow(b *strings.Builder, label, attr, value string) {
	fmt.Fprintf(b, `<div class="flex flex-col md:flex-row -mx-6 px-6 py-2 md:py-0 space-y-2 md:space-y-0" dusk="%s"><div class="md:w-1/4 md:py-3"><h4 class="font-normal @sm/peekable:break-all"><span>%s</span></h4></div><div class="break-all md:w-3/4 md:py-3 lg:break-words @md/peekable:w-3/4 @md/peekable:py-3 @lg/peekable:break-words">%s</div></div>
`, attr, label, value)
}

// novaValue renders a value as Nova's detail fields do: an em dash for
// nothing, long texts as prose paragraphs, images as Image fields, URL
// fields as links, other lines in one <p> with <br>.
func novaValue(f Field) string {
	if isEmpty(f) {
		return `<p>&mdash;</p>`
	}
	img := func(src string) string {
		return `<img src="` + esc(src) + `" class="rounded-lg shadow max-w-xs">`
	}
	if h3Long(f) {
		return `<div class="prose prose-sm dark:prose-invert"><p>` + h10HTML(f, false, "</p><p>", img) + `</p></div>`
	}
	return `<p class="">` + h10HTML(f, false, "<br>", img) + `</p>`
}
