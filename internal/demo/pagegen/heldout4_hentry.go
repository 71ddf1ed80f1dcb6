package pagegen

import (
	"fmt"
	"strings"
)

// renderHEntry4 writes a feed reader's page for one item of the
// observatory's feed of new records, marked up with microformats: the
// reader's header and menu, then the entry (h-entry) with its title
// (p-name) linking to the record, the feed as author (h-card), the dates
// (dt-published, and dt-updated when the record has a last-modified
// date), the region and the badges as categories (p-category), and the
// item's content (e-content) as the feed wrote it: a paragraph with the
// section name in capitals, then a paragraph per section whose lines are
// unmarked "Label: value" text separated by <br>.
func renderHEntry4(b *strings.Builder, p *Page) {
	entry := 7000 + p.ID
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<meta charset="utf-8">
<title>%s - Lettore di feed</title>
<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=yes">
<meta name="robots" content="noindex,nofollow">
<meta name="referrer" content="no-referrer">
<link rel="manifest" href="/manifest.json" crossorigin="use-credentials">
<link rel="stylesheet" type="text/css" href="/stylesheets/light.css?checksum=3f1c9a">
<script src="/js/app.js?checksum=8e2d11" defer></script>
</head>
<body data-entries-status-url="/entry/status" data-refresh-all-feeds-url="/feeds/refresh">
<header class="header">
<nav>
<div class="logo"><a href="/unread" title="Non letti">Lettore <span>feed</span></a></div>
<ul>
<li><a href="/unread" data-page="unread">Non letti <span class="unread-counter-wrapper">(<span class="unread-counter">12</span>)</span></a></li>
<li><a href="/starred" data-page="starred">Preferiti</a></li>
<li><a href="/history" data-page="history">Storico</a></li>
<li><a href="/feeds" data-page="feeds">Feed</a></li>
<li><a href="/settings" data-page="settings">Impostazioni</a></li>
<li><a href="/logout" title="Connesso come lettore">Esci</a></li>
</ul>
</nav>
</header>
<main class="main">
<article class="entry h-entry" data-id="%d" aria-labelledby="page-header-title">
<header class="entry-header">
<h1 id="page-header-title" class="p-name" dir="auto"><a class="u-url" href="%s" target="_blank" rel="noopener noreferrer" referrerpolicy="no-referrer">%s</a></h1>
<div class="entry-actions"><ul>
<li><button class="page-button" data-toggle-status="true" data-label-read="Segna come letto" data-label-unread="Segna come da leggere" data-value="read">Segna come da leggere</button></li>
<li><button class="page-button" data-toggle-bookmark="true" data-bookmark-url="/entry/bookmark/%d">Aggiungi ai preferiti</button></li>
<li><a href="/entry/save/%d" class="page-link" data-save-entry="true">Salva</a></li>
</ul></div>
<div class="entry-meta" dir="auto">
<span class="entry-website p-author h-card"><img class="u-photo" src="/feed/icon/7" width="16" height="16" loading="lazy" alt=""> <a class="u-url p-name" href="/feed/7/entries">Osservatorio Partecipazione – Nuove schede</a></span>
<span class="category"><a href="/category/3/entries">Partecipazione</a></span>
</div>
<div class="entry-date">Pubblicato <time class="dt-published" datetime="2012-06-12T10:00:00+02:00">12/06/2012</time>`, esc(p.Title), entry, esc(p.URL), esc(p.Title), entry, entry)
	if p.LastModified != "" {
		fmt.Fprintf(b, ` · aggiornato <time class="dt-updated" datetime="%s">%s</time>`, isoDate(p.LastModified), esc(p.LastModified))
	}
	b.WriteString("</div>\n")
	var cats []string
	if p.Region != "" {
		cats = append(cats, p.Region)
	}
	cats = append(cats, badgeNames(p)...)
	if len(cats) > 0 {
		b.WriteString("<ul class=\"entry-tags\">")
		for _, c := range cats {
			fmt.Fprintf(b, `<li><a class="p-category" href="/tag/%s">%s</a></li>`, strings.Join(h3Words(c), "-"), esc(c))
		}
		b.WriteString("</ul>\n")
	}
	b.WriteString("</header>\n<div class=\"entry-content e-content\" dir=\"auto\">\n")
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<p><b>%s</b></p>\n<p>", esc(strings.ToUpper(s.Name)))
		var lines []string
		for _, f := range s.Fields {
			lines = append(lines, hentryLine(f))
		}
		b.WriteString(strings.Join(lines, "<br>\n") + "</p>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p>%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<p><a href="%s">Leggi la scheda completa</a></p>
</div>
</article>
<div class="pagination-entry-bottom"><div class="pagination"><div class="pagination-prev"><a href="/unread/entry/%d" title="Precedente" data-page="previous">Precedente</a></div><div class="pagination-next"><a href="/unread/entry/%d" title="Successivo" data-page="next">Successivo</a></div></div></div>
</main>
</body>
</html>
`, esc(p.URL), entry-1, entry+1)
}

// hentryLine writes one field as the feed's content does: "Label: " and
// the value lines separated by <br>, images as images, addresses as
// links; "Label:" alone when empty.
func hentryLine(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "img":
			out = append(out, fmt.Sprintf(`<img src="%s" alt="" loading="lazy">`, esc(absURL(pt.text))))
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" rel="noopener noreferrer" referrerpolicy="no-referrer" target="_blank">` + esc(u) + `</a>`
			}))
		}
	}
	if len(out) == 0 {
		return esc(f.Label) + ":"
	}
	return esc(f.Label) + ": " + strings.Join(out, "<br>\n")
}
