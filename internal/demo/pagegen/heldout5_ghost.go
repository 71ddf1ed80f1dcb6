package pagegen

import (
	"fmt"
	"strings"
)

// ghostBlog is the address of the blog that writes about the processes.
const ghostBlog = "https://diario.partecipazione-emilia.it"

// Prose of the blog post around the record. Like a writer's, it names
// some of the record's labels in its sentences.
const (
	ghostExcerpt = "Un percorso partecipativo raccontato attraverso la sua scheda nell'Osservatorio: a che punto è, chi lo ha promosso, che cosa ha prodotto."
	ghostIntro1  = "Continuiamo la serie dedicata ai percorsi partecipativi censiti dall'Osservatorio Partecipazione. Ogni settimana ne scegliamo uno e proviamo a capire che cosa ci dice la sua scheda, prima di andare a sentire chi c'era."
	ghostIntro2  = "La scheda è divisa in sezioni: nella prima si legge lo Stato di avanzamento e la Natura Processo, poi chi ha gestito il percorso, con quali Partecipanti e con quali Tecniche di Partecipazione, infine gli Obiettivi e i risultati. La riportiamo qui sotto così com'è, campo per campo."
	ghostAfter   = "Cosa ne pensiamo"
	ghostOutro1  = "Leggendo la scheda colpisce quanto spazio occupino gli obiettivi rispetto ai risultati conseguiti: è un tratto comune a molti percorsi di quegli anni. Il campo Partecipanti, poi, dice poco su chi abbia preso davvero la parola."
	ghostOutro2  = "Se hai partecipato a questo percorso e vuoi raccontarcelo, scrivici: aggiorneremo il post e segnaleremo le correzioni alla redazione dell'Osservatorio."
)

// renderGhost5 writes a Ghost blog post (Casper theme) about a process:
// the site header, the post header with its primary tag, title, excerpt,
// byline and feature image, then the post content: two paragraphs of
// prose, the region and badges as tags, the record as one "Campo |
// Valore" table per section under an <h3> (an HTML card), the
// last-modified date, more prose under its own heading and a callout;
// the comments and related posts follow the post.
func renderGhost5(b *strings.Builder, p *Page) {
	slug := h5Slug(p.Title)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>%[1]s</title>
<meta name="HandheldFriendly" content="True">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" type="text/css" href="%[2]s/assets/built/screen.css?v=8d1a3c2b90">
<meta name="description" content="%[3]s">
<link rel="canonical" href="%[2]s/%[4]s/">
<meta name="referrer" content="no-referrer-when-downgrade">
<meta property="og:site_name" content="Diario della partecipazione">
<meta property="og:type" content="article">
<meta property="og:title" content="%[1]s">
<meta property="article:tag" content="Processi">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","publisher":{"@type":"Organization","name":"Diario della partecipazione"},"headline":%[5]s,"url":"%[2]s/%[4]s/","datePublished":"2024-05-03T08:00:00.000Z"}</script>
<meta name="generator" content="Ghost 5.82">
<link rel="alternate" type="application/rss+xml" title="Diario della partecipazione" href="%[2]s/rss/">
<script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/umd/portal.min.js" data-i18n="true" data-ghost="%[2]s/" data-key="c4e1a2b3d4e5f6a7b8c9d0e1f2" data-api="%[2]s/ghost/api/content/" crossorigin="anonymous"></script>
<style id="gh-members-styles">.gh-post-upgrade-cta-content,.gh-post-upgrade-cta{display:flex;flex-direction:column;align-items:center}</style>
</head>
<body class="post-template tag-processi is-head-left-logo has-cover">
<div class="viewport">
<header id="gh-head" class="gh-head outer">
<div class="gh-head-inner inner">
<div class="gh-head-brand"><a class="gh-head-logo" href="%[2]s">Diario della partecipazione</a><button class="gh-search gh-icon-btn" aria-label="Cerca" data-ghost-search><svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 24 24" stroke="currentColor" stroke-width="2" width="20" height="20"><path stroke-linecap="round" stroke-linejoin="round" d="M21 21l-6-6m2-5a7 7 0 11-14 0 7 7 0 0114 0z"></path></svg></button></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="%[2]s/">Home</a></li><li class="nav-percorsi"><a href="%[2]s/tag/processi/">Percorsi</a></li><li class="nav-chi-scrive"><a href="%[2]s/chi-scrive/">Chi scrive</a></li></ul></nav>
<div class="gh-head-actions"><div class="gh-head-members"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">Accedi</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Iscriviti</a></div></div>
</div>
</header>
<div class="site-content">
<main id="site-main" class="site-main">
<article class="article post tag-processi">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="%[2]s/tag/processi/">Processi</a></span></div>
<h1 class="article-title">%[1]s</h1>
<p class="article-excerpt">%[3]s</p>
<div class="article-byline"><section class="article-byline-content"><ul class="author-list"><li class="author-list-item"><a href="%[2]s/author/redazione/" class="author-avatar author-profile-image"><img class="author-profile-image" src="%[2]s/content/images/size/w100/2023/01/redazione.png" alt="Redazione"></a></li></ul><div class="article-byline-meta"><h4 class="author-name"><a href="%[2]s/author/redazione/">Redazione</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="2024-05-03">3 mag 2024</time><span class="byline-reading-time"><span class="bull">&bull;</span> 6 min di lettura</span></div></div></section></div>
<figure class="article-image"><img srcset="%[2]s/content/images/size/w600/2024/05/percorso-%[6]d.jpg 600w, %[2]s/content/images/size/w1200/2024/05/percorso-%[6]d.jpg 1200w" sizes="(min-width: 1400px) 1400px, 92vw" src="%[2]s/content/images/size/w2000/2024/05/percorso-%[6]d.jpg" alt="%[1]s"><figcaption><span style="white-space: pre-wrap;">Un incontro del percorso (foto della redazione)</span></figcaption></figure>
</header>
<section class="gh-content gh-canvas">
<p>%[7]s</p>
<p>%[8]s</p>
`, esc(p.Title), ghostBlog, esc(ghostExcerpt), slug, jsonString(p.Title), p.ID, esc(ghostIntro1), esc(ghostIntro2))
	var tags []string
	if p.Region != "" {
		tags = append(tags, p.Region)
	}
	tags = append(tags, badgeNames(p)...)
	if len(tags) > 0 {
		b.WriteString("<p>Tag: ")
		for i, t := range tags {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(b, "<a href=\"%s/tag/%s/\">%s</a>", ghostBlog, h5Slug(t), esc(t))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<p>La scheda originale è sull'<a href=\"%s\">Osservatorio Partecipazione</a>.</p>\n<!--kg-card-begin: html-->\n", esc(p.URL))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h3>%s</h3>\n<table>\n<thead><tr><th>Campo</th><th>Valore</th></tr></thead>\n<tbody>\n", esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>\n", esc(f.Label), ghostValue(f))
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	b.WriteString("<!--kg-card-end: html-->\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p><em>%s %s</em></p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<h2 id="cosa-ne-pensiamo">%s</h2>
<p>%s</p>
<div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">💬</div><div class="kg-callout-text">%s</div></div>
</section>
</article>
<section class="article-comments gh-canvas"><div id="ghost-comments-root"></div></section>
</main>
</div>
<aside class="read-more-wrap outer">
<div class="read-more inner">
<article class="post-card post"><a class="post-card-image-link" href="%[4]s/la-piazza-del-sapere/"><img class="post-card-image" src="%[4]s/content/images/size/w600/2024/04/piazza.jpg" alt="Verso la Piazza del sapere" loading="lazy"></a><div class="post-card-content"><header class="post-card-header"><h2 class="post-card-title"><a class="post-card-content-link" href="%[4]s/la-piazza-del-sapere/">Verso la Piazza del sapere</a></h2></header><div class="post-card-excerpt">Il Tavolo di Negoziazione, la Durata (mesi) e il resto della scheda di un altro percorso.</div></div></article>
</div>
</aside>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="%[4]s">Diario della partecipazione</a> &copy; 2024</section><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>
</div>
<script src="%[4]s/assets/built/casper.js?v=8d1a3c2b90"></script>
</body>
</html>
`, ghostAfter, esc(ghostOutro1), esc(ghostOutro2), ghostBlog)
}

// ghostValue renders a value cell of the post's tables: the value as
// written, lines separated by <br>, images as Markdown writes them,
// typed addresses linked.
func ghostValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "img":
			out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="">`)
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
			}))
		}
	}
	return strings.Join(out, "<br>")
}
