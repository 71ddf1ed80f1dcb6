package pagegen

import (
	"fmt"
	"strings"
)

// renderNext12 writes a record as a Next.js App Router page with
// Tailwind: a card per section with a description list of grid rows,
// the React Server Components payload in self.__next_f scripts.
func renderNext12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it" class="__variable_d65c78 h-full bg-gray-50"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><link rel="stylesheet" href="/_next/static/css/8f3b1c2d4e5a6b7c.css" data-precedence="next"/><link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack-1c9e4a3b2d5f6e7a.js"/><script src="/_next/static/chunks/main-app-0a1b2c3d4e5f6a7b.js" async=""></script><title>%[1]s | Osservatorio Partecipazione</title><meta name="description" content="Scheda del processo partecipativo %[1]s"/></head><body class="h-full antialiased"><div class="min-h-full"><nav class="border-b border-gray-200 bg-white"><div class="mx-auto max-w-7xl px-4 sm:px-6 lg:px-8"><div class="flex h-16 justify-between"><a class="flex shrink-0 items-center font-semibold text-indigo-700" href="/">Osservatorio Partecipazione</a><div class="hidden sm:-my-px sm:ml-6 sm:flex sm:space-x-8">`, esc(p.Title))
	h12Nav(b, `<a class="inline-flex items-center border-b-2 border-transparent px-1 pt-1 text-sm font-medium text-gray-500 hover:border-gray-300 hover:text-gray-700" href="/%s">%s</a>`)
	fmt.Fprintf(b, `</div></div></div></nav>
<main class="py-10"><div class="mx-auto max-w-4xl px-4 sm:px-6 lg:px-8"><nav class="flex" aria-label="Breadcrumb"><ol role="list" class="flex items-center space-x-4"><li><a href="/" class="text-sm font-medium text-gray-500 hover:text-gray-700">Home</a></li><li><div class="flex items-center"><svg class="h-5 w-5 shrink-0 text-gray-400" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true"><path fill-rule="evenodd" d="M7.21 14.77a.75.75 0 01.02-1.06L11.168 10 7.23 6.29a.75.75 0 111.04-1.08l4.5 4.25a.75.75 0 010 1.08l-4.5 4.25a.75.75 0 01-1.06-.02z" clip-rule="evenodd"></path></svg><a href="/processi" class="ml-4 text-sm font-medium text-gray-500 hover:text-gray-700">Processi</a></div></li></ol></nav>
<div class="mt-4 md:flex md:items-center md:justify-between"><div class="min-w-0 flex-1"><h1 class="text-2xl/7 font-bold text-gray-900 sm:truncate sm:text-3xl sm:tracking-tight">%s</h1>`, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="mt-1 text-sm text-gray-500">%s</p>`, esc(p.Region))
	}
	if bd := h12Badges(p, `<span class="inline-flex items-center rounded-md bg-green-50 px-2 py-1 text-xs font-medium text-green-700 ring-1 ring-inset ring-green-600/20">`, `</span>`); bd != "" {
		fmt.Fprintf(b, `<div class="mt-2 flex gap-x-2">%s</div>`, bd)
	}
	b.WriteString("</div></div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="mt-8 overflow-hidden bg-white shadow sm:rounded-lg"><div class="px-4 py-6 sm:px-6"><h3 class="text-base/7 font-semibold text-gray-900">%s</h3></div><div class="border-t border-gray-100"><dl class="divide-y divide-gray-100">`, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			v := h12Value(f, "<br/>", "mt-2 max-w-sm rounded-md")
			if h3IsList(f) && !isEmpty(f) {
				v = `<ul role="list" class="list-disc space-y-1 pl-5">` + h12List(f, "<li>", "</li>", "mt-2 max-w-sm rounded-md") + `</ul>`
			}
			fmt.Fprintf(b, `<div class="px-4 py-6 sm:grid sm:grid-cols-3 sm:gap-4 sm:px-6"><dt class="text-sm/6 font-medium text-gray-900">%s</dt><dd class="mt-1 text-sm/6 text-gray-700 sm:col-span-2 sm:mt-0">%s</dd></div>`, esc(f.Label), v)
		}
		b.WriteString("</dl></div></div>\n")
	}
	fmt.Fprintf(b, `<div class="mt-8 rounded-md bg-indigo-50 p-4"><p class="text-sm text-indigo-700">%s <a href="/integra?processo=%d" class="font-medium underline">%s</a></p></div>
</div></main><footer class="bg-white"><div class="mx-auto max-w-7xl px-6 py-12 text-center text-xs/5 text-gray-500">Assemblea legislativa della Regione Emilia-Romagna</div></footer></div>
<div role="dialog" aria-live="polite" class="fixed inset-x-0 bottom-0 flex flex-col justify-between gap-x-8 gap-y-4 bg-white p-6 ring-1 ring-gray-900/10 md:flex-row md:items-center lg:px-8"><p class="max-w-4xl text-sm/6 text-gray-900">%s</p><div class="flex flex-none items-center gap-x-5"><button type="button" class="rounded-md bg-gray-900 px-3 py-2 text-sm font-semibold text-white">Accetta</button></div></div>
<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"1:HL[\"/_next/static/css/8f3b1c2d4e5a6b7c.css\",\"style\"]\n"])</script><script>self.__next_f.push([1,"2:I[7923,[\"931\",\"static/chunks/app/processi/%%5Bid%%5D/page-3e2f1a0b.js\"],\"ShareButton\"]\n3:[\"$\",\"h1\",null,{\"className\":\"text-2xl/7 font-bold\",\"children\":\"%s\"}]\n"])</script></body></html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie), h12JSON(p.Title))
}
