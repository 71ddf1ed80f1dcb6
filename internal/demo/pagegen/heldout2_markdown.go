package pagegen

import (
	"fmt"
	"strings"
	"unicode"
)

// markdownQuery is the search the reader came from: the site highlights
// it wherever it occurs in the content, inside words too.
const markdownQuery = "partecip"

// renderMarkdown writes the record as a static site generator renders a
// page written in Markdown: a "Campo | Valore" table under an <h2> per
// section, the awards as taxonomy terms. The text is as editors, filters
// and the site's search leave it: the search term highlighted in <mark>
// (inside words too), parenthesised units and the euro sign in <small>,
// soft hyphens and <wbr> in long words of labels, zero-width spaces pasted
// at the end of some labels, at the start of some values and after list
// separators, addresses turned into links.
func renderMarkdown(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Hugo 0.121.1">
<title>%s | Osservatorio Partecipazione</title>
<link rel="canonical" href="%s">
<link rel="stylesheet" href="https://www.osservatoriopartecipazione.it/css/main.min.css">
</head>
<body class="single">
<header class="site-header">
<a class="site-title" href="https://www.osservatoriopartecipazione.it/">Osservatorio Partecipazione</a>
<nav class="site-nav"><a href="https://www.osservatoriopartecipazione.it/processi/">Processi</a> <a href="https://www.osservatoriopartecipazione.it/mappa/">Mappa</a></nav>
</header>
<main class="content">
<article class="post">
<header class="post-header">
<h1 class="post-title">%s</h1>
`, esc(p.Title), esc(p.URL), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"post-meta\"><span class=\"ente\">%s</span></p>\n", esc(p.Region))
	}
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<ul class="post-tags">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<li><a href="https://www.osservatoriopartecipazione.it/tags/%s/">%s</a></li>`, strings.ToLower(n), esc(n))
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, `</header>
<div class="search-notice">Termini evidenziati: <mark>%s</mark> <a href="%s">rimuovi evidenziazione</a></div>
<div class="post-content">
<p>%s <a href="https://www.osservatoriopartecipazione.it/integra-informazioni/?processo=%d">%s</a></p>
`, markdownQuery, esc(p.URL), esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h2 id=\"%s\">%s</h2>\n<table>\n<thead>\n<tr>\n<th>Campo</th>\n<th>Valore</th>\n</tr>\n</thead>\n<tbody>\n", slug2(s.Name, "-"), mdText(s.Name, false))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<tr>\n<td>%s</td>\n<td>%s</td>\n</tr>\n", mdLabel(f.Label), mdValue(f))
		}
		b.WriteString("</tbody>\n</table>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p><em>%s %s</em></p>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString(`</div>
</article>
</main>
<footer class="site-footer">
<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>
</footer>
</body>
</html>
`)
}

// zwsp is a zero-width space as editors paste it.
const zwsp = "&#x200B;"

// mdLabel renders a label: units in <small>, long words hyphenated, the
// search term marked, and for some labels a zero-width space at the end.
func mdLabel(label string) string {
	var out string
	if i := strings.LastIndex(label, " ("); i > 0 && strings.HasSuffix(label, ")") {
		out = mdText(label[:i], true) + " <small>" + mdText(label[i+1:], true) + "</small>"
	} else {
		out = mdText(label, true)
	}
	if hash2(label)%3 == 0 {
		out += zwsp
	}
	return out
}

// mdValue renders a value cell: pieces separated by <br>, list items
// joined by their separator with a zero-width space after it, the euro
// sign in <small>, and for some values a zero-width space at the start.
func mdValue(f Field) string {
	var parts, items []string
	flush := func() {
		if len(items) > 0 {
			parts = append(parts, strings.Join(items, esc(strings.TrimRight(listSep(f.Type), " "))+zwsp+" "))
			items = nil
		}
	}
	for _, pc := range pieces2(f) {
		switch pc.kind {
		case piece2Item:
			items = append(items, mdText(pc.text, false))
			continue
		case piece2Image:
			flush()
			parts = append(parts, `<img src="`+esc(abs2(pc.text))+`" alt="">`)
		case piece2Map:
			flush()
			parts = append(parts, esc(pc.text))
		default:
			flush()
			parts = append(parts, mdLine(pc.text))
		}
	}
	flush()
	out := strings.Join(parts, "<br>")
	if out != "" && hash2(f.Label+"|"+f.Type)%4 == 1 {
		out = zwsp + out
	}
	return out
}

// mdLine renders a text line: addresses as links, a trailing euro sign in
// <small>, the rest through mdText.
func mdLine(line string) string {
	if rest, ok := strings.CutSuffix(line, " €"); ok {
		return mdText(rest, false) + " <small>€</small>"
	}
	var b strings.Builder
	for _, word := range strings.SplitAfter(line, " ") {
		core := strings.TrimRight(word, " ")
		if strings.HasPrefix(core, "http://") || strings.HasPrefix(core, "https://") {
			b.WriteString(autolink2(core) + word[len(core):])
			continue
		}
		b.WriteString(mdText(word, false))
	}
	return b.String()
}

// mdText escapes text, marks every occurrence of the search term (any
// letter case) and, when hyphenate is set, puts soft hyphens and <wbr>
// inside words of twelve letters or more.
func mdText(text string, hyphenate bool) string {
	var b strings.Builder
	lower := strings.ToLower(text)
	for text != "" {
		i := strings.Index(lower, markdownQuery)
		if i < 0 {
			b.WriteString(mdHyphenate(text, hyphenate))
			break
		}
		b.WriteString(mdHyphenate(text[:i], hyphenate))
		end := i + len(markdownQuery)
		b.WriteString("<mark>" + esc(text[i:end]) + "</mark>")
		text, lower = text[end:], lower[end:]
	}
	return b.String()
}

// mdHyphenate escapes text and, when on, breaks long words every four
// letters, alternating a soft hyphen and a <wbr>, never within the last
// three letters.
func mdHyphenate(text string, on bool) string {
	if !on {
		return esc(text)
	}
	var b strings.Builder
	for _, word := range strings.SplitAfter(text, " ") {
		r := []rune(word)
		n := 0
		for _, c := range r {
			if unicode.IsLetter(c) {
				n++
			}
		}
		if n < 12 || n != len([]rune(strings.TrimSpace(word))) {
			b.WriteString(esc(word))
			continue
		}
		breaks := 0
		for i, c := range r {
			if i > 0 && i%4 == 0 && i < n-3 {
				if breaks%2 == 0 {
					b.WriteString("&shy;")
				} else {
					b.WriteString("<wbr>")
				}
				breaks++
			}
			b.WriteString(esc(string(c)))
		}
	}
	return b.String()
}
