package pagegen

import (
	"fmt"
	"sort"
	"strings"
)

// hugoSite is the address of the static site; hugoMedia the address its
// theme puts before image paths.
const (
	hugoSite  = "https://archivio-processi.github.io"
	hugoMedia = baseHref
)

// hugoHumanize is Hugo's humanize of a front matter key: words separated
// by spaces, the first letter capitalized ("durata_mesi" -> "Durata
// mesi").
func hugoHumanize(key string) string {
	s := strings.ReplaceAll(key, "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// hugoParam is one front matter parameter of a section.
type hugoParam struct {
	key string
	f   Field
}

// hugoSections returns the front matter of p as the theme ranges over
// it: the sections' keys in sorted order, and in each the parameters
// with a value in sorted key order (Hugo lower-cases keys and Go
// templates range over maps sorted by key). A field's map is a "mappa"
// parameter of its own; a key met twice keeps its first value, as a
// front matter map can hold only one.
func hugoSections(p *Page) []Section {
	var out []Section
	for _, s := range p.Sections {
		var params []hugoParam
		seen := map[string]bool{}
		for _, f := range h5NonEmpty(h5MapsApart(s.Fields)) {
			key := h3Snake(f.Label)
			if seen[key] {
				continue
			}
			seen[key] = true
			f.Label = hugoHumanize(key)
			params = append(params, hugoParam{key, f})
		}
		sort.SliceStable(params, func(i, j int) bool { return params[i].key < params[j].key })
		t := Section{Name: hugoHumanize(h3Snake(s.Name))}
		for _, pr := range params {
			t.Fields = append(t.Fields, pr.f)
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return h3Snake(out[i].Name) < h3Snake(out[j].Name) })
	return out
}

// renderHugo5 writes a record of a Hugo site built from one Markdown file
// per record whose front matter holds the record: the PaperMod theme's
// header and menu, the breadcrumb, the title, the region and badges in
// the post meta line, then the partial that prints the front matter: per
// section (sorted) an <h2> and a <dl class="params"> of humanized keys
// (sorted) and their values (lists as <ul>, image paths as images, text
// through markdownify, which links addresses), then the last-modified
// date and the post footer.
func renderHugo5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="auto">
<head><meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1,shrink-to-fit=no">
<meta name="robots" content="index, follow">
<title>%[1]s | Archivio dei processi partecipativi</title>
<meta name="description" content="Scheda %[2]d">
<meta name="generator" content="Hugo 0.125.4">
<link rel="canonical" href="%[3]s/processi/%[2]d/">
<link crossorigin="anonymous" href="/assets/css/stylesheet.b609c58d5c11bb90b1a54e04005d74ad1ddf22165eb79f5533967e57df9c3b50.css" integrity="sha256-tgnFjVwRu5CxpU4EAF10rR3fIhZet59VM5Z+V9+cO1A=" rel="preload stylesheet" as="style">
</head>
<body class="" id="top">
<script>if(localStorage.getItem("pref-theme")==="dark"){document.body.classList.add("dark")}</script>
<header class="header">
<nav class="nav">
<div class="logo"><a href="%[3]s/" accesskey="h" title="Archivio dei processi (Alt + H)">Archivio dei processi</a><div class="logo-switches"><button id="theme-toggle" accesskey="t" title="(Alt + T)"><svg id="moon" xmlns="http://www.w3.org/2000/svg" width="24" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M21 12.79A9 9 0 1111.21 3 7 7 0 0021 12.79z"></path></svg></button></div></div>
<ul id="menu"><li><a href="%[3]s/processi/" title="Processi"><span>Processi</span></a></li><li><a href="%[3]s/tags/" title="Tag"><span>Tag</span></a></li><li><a href="%[3]s/search/" title="Cerca (Alt + /)" accesskey="/"><span>Cerca</span></a></li></ul>
</nav>
</header>
<main class="main">
<article class="post-single">
<header class="post-header">
<div class="breadcrumbs"><a href="%[3]s/">Home</a>&nbsp;»&nbsp;<a href="%[3]s/processi/">Processi</a></div>
<h1 class="post-title entry-hint-parent">%[4]s</h1>
`, esc(p.Title), p.ID, hugoSite, esc(p.Title))
	var meta []string
	if p.Region != "" {
		meta = append(meta, "<span>"+esc(p.Region)+"</span>")
	}
	for _, n := range badgeNames(p) {
		meta = append(meta, "<span class=\"badge\">"+esc(n)+"</span>")
	}
	meta = append(meta, fmt.Sprintf("<span>Scheda n. %d</span>", p.ID))
	fmt.Fprintf(b, "<div class=\"post-meta\">%s</div>\n</header>\n<div class=\"post-content\">\n", strings.Join(meta, "&nbsp;·&nbsp;"))
	fmt.Fprintf(b, "<p>%s <a href=\"%s\">%s</a></p>\n", esc(ctaQuestion), esc(p.URL), esc(ctaAction))
	for _, s := range hugoSections(p) {
		id := strings.ReplaceAll(strings.ToLower(s.Name), " ", "-")
		fmt.Fprintf(b, "<h2 id=\"%s\">%s<a hidden class=\"anchor\" aria-hidden=\"true\" href=\"#%s\">#</a></h2>\n<dl class=\"params\">\n", id, esc(s.Name), id)
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<dt>%s</dt>\n<dd>%s</dd>\n", esc(f.Label), hugoValue(f))
		}
		b.WriteString("</dl>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=\"lastmod\">%s <time datetime=\"%s\">%s</time></p>\n", lastModPrefix, isoDate(p.LastModified), esc(p.LastModified))
	}
	fmt.Fprintf(b, `</div>
<footer class="post-footer">
<ul class="post-tags"><li><a href="%[1]s/tags/processi/">Processi</a></li></ul>
<nav class="paginav"><a class="prev" href="%[1]s/processi/%[2]d/"><span class="title">« Pagina precedente</span><br><span>Scheda precedente</span></a></nav>
</footer>
</article>
</main>
<footer class="footer"><span>&copy; 2024 <a href="%[1]s/">Archivio dei processi</a></span> · <span>Powered by <a href="https://gohugo.io/" rel="noopener noreferrer" target="_blank">Hugo</a> &amp; <a href="https://github.com/adityatelange/hugo-PaperMod/" rel="noopener" target="_blank">PaperMod</a></span></footer>
<a href="#top" aria-label="go to top" title="Go to Top (Alt + G)" class="top-link" id="top-link" accesskey="g"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 6" fill="currentColor"><path d="M12 6H0l6-6z"></path></svg></a>
</body>
</html>
`, hugoSite, p.ID-1)
}

// hugoValue renders a parameter's value as the theme's partial does: a
// list as <ul>, an image path as an image, other text through
// markdownify (addresses linked).
func hugoValue(f Field) string {
	if items := h4Items(f); len(items) > 0 {
		var b strings.Builder
		b.WriteString("<ul>")
		for _, it := range items {
			fmt.Fprintf(&b, "<li>%s</li>", esc(it))
		}
		b.WriteString("</ul>")
		return b.String()
	}
	var out []string
	for _, pt := range valueParts(f, false) {
		if pt.kind == "img" {
			out = append(out, `<img src="`+esc(hugoMedia+pt.text)+`" alt="`+esc(f.Label)+`" loading="lazy">`)
			continue
		}
		out = append(out, h3Autolink(pt.text, func(u string) string {
			return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
		}))
	}
	return strings.Join(out, " ")
}
