package pagegen

import (
	"fmt"
	"strings"
)

// epubEmpty is what the book prints for an empty value; epubNotes heads
// the chapter's notes.
const (
	epubEmpty = "—"
	epubNotes = "Note"
)

// epubNoted are the fields the book's editor annotated, with the note.
var epubNoted = map[string]string{
	"Stato di avanzamento":     "Alla data di chiusura della scheda.",
	"Durata (mesi)":            "Durata dichiarata dal titolare della decisione.",
	"Partecipanti":             "Come indicati nelle fonti consultate.",
	"Indice di partecipazione": "Calcolato dall'Osservatorio su trenta indicatori.",
	"Obiettivi":                "Testo riportato senza modifiche.",
}

// renderEPUB7 writes a record as a chapter of an EPUB 3 book: the
// chapter's number and title, the region and badges as an epigraph,
// sections as <h2>, every field a run-in paragraph whose label is a
// small-caps span ending in a full stop, list items joined by "; ", "—"
// for empty values, further lines as paragraphs of their own, maps as
// figures, note references after some labels and the notes at the end.
func renderEPUB7(b *strings.Builder, p *Page) {
	chapter := p.ID%17 + 2
	fmt.Fprintf(b, `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="it" lang="it">
<head>
<meta charset="utf-8"/>
<title>%[1]s</title>
<link rel="stylesheet" type="text/css" href="../Styles/stylesheet.css"/>
<style>span.sc{font-variant:small-caps;letter-spacing:0.05em}p.field{text-indent:0;margin:0 0 0.4em 0}p.cont{text-indent:1.5em;margin:0}</style>
</head>
<body epub:type="bodymatter">
<section epub:type="chapter" id="ch%[2]d" role="doc-chapter" aria-labelledby="ch%[2]d-title">
<header>
<p class="chapter-number" epub:type="ordinal">Capitolo %[2]d</p>
<h1 id="ch%[2]d-title" epub:type="title">%[1]s</h1>
`, esc(p.Title), chapter)
	if p.Region != "" || len(badgeNames(p)) > 0 {
		b.WriteString("<div class=\"epigraph\" epub:type=\"epigraph\">")
		if p.Region != "" {
			fmt.Fprintf(b, "<p class=\"region\">%s</p>", esc(p.Region))
		}
		for _, bd := range badgeNames(p) {
			fmt.Fprintf(b, "<p class=\"badge\"><span class=\"sc\">%s</span></p>", esc(bd))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</header>\n")
	var notes []string
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section id=\"ch%d-s%d\"><h2>%s</h2>\n", chapter, i+1, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			ref := ""
			if n, ok := epubNoted[f.Label]; ok {
				notes = append(notes, n)
				k := len(notes)
				ref = fmt.Sprintf(`<a epub:type="noteref" role="doc-noteref" href="#ch%[1]d-n%[2]d" id="ch%[1]d-nr%[2]d"><sup>%[2]d</sup></a>`, chapter, k)
			}
			var first []string
			var more []string
			var figs []string
			prev := ""
			for _, pt := range h7Lines(f) {
				switch {
				case pt.kind == "img":
					figs = append(figs, pt.text)
				case pt.kind == "map":
				case pt.kind == "item" && prev == "item":
					first[len(first)-1] += "; " + h6Text(pt.text)
				case len(first) == 0:
					first = append(first, h6Text(pt.text))
				default:
					more = append(more, h6Text(pt.text))
				}
				if pt.kind != "img" && pt.kind != "map" {
					prev = pt.kind
				}
			}
			val := epubEmpty
			if len(first) > 0 {
				val = first[0]
			} else if len(figs) > 0 {
				val = ""
			}
			fmt.Fprintf(b, "<p class=\"field\"><span class=\"sc\">%s.</span>%s %s</p>\n", esc(f.Label), ref, val)
			for _, m := range more {
				fmt.Fprintf(b, "<p class=\"cont\">%s</p>\n", m)
			}
			for _, u := range figs {
				fmt.Fprintf(b, "<figure class=\"map\"><img src=\"%s\" alt=\"%s\"/><figcaption>%s</figcaption></figure>\n", esc(u), esc(f.Label), mapLine)
			}
		}
		b.WriteString("</section>\n")
	}
	if len(notes) > 0 {
		fmt.Fprintf(b, "<section epub:type=\"footnotes\" role=\"doc-endnotes\"><h2>%s</h2>\n", epubNotes)
		for i, n := range notes {
			fmt.Fprintf(b, "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"ch%[1]d-n%[2]d\"><p><a href=\"#ch%[1]d-nr%[2]d\">%[2]d</a>. %[3]s</p></aside>\n", chapter, i+1, esc(n))
		}
		b.WriteString("</section>\n")
	}
	b.WriteString("</section>\n</body>\n</html>\n")
}
