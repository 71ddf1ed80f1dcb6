package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Geometry of the text-only page: the label column's width, the gap
// before the value column and the value column's width.
const (
	liteLabelWidth = 30
	liteGap        = 2
	liteValueWidth = 46
)

// liteAfter is the first text after the record on the text-only page.
const liteAfter = "Versione testuale per connessioni lente."

// encodeASCII6 writes doc in ASCII: every other character as a character
// reference, named where HTML has a name.
func encodeASCII6(doc string) ([]byte, error) {
	if !utf8.ValidString(doc) {
		return nil, fmt.Errorf("document is not valid UTF-8")
	}
	return []byte(entities(doc, true)), nil
}

// liteValueLines returns the lines of a value in the value column: text
// wrapped at the column's width, each list item a "* " line (its own
// continuation lines indented two spaces), the map's caption and each
// image's address a line of their own.
func liteValueLines(f Field) []string {
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			out = append(out, "\x00"+absURL(pt.text))
		case "item":
			for i, l := range pdfWrap(pt.text, liteValueWidth-2) {
				if i == 0 {
					out = append(out, "* "+l)
				} else {
					out = append(out, "  "+l)
				}
			}
		default:
			out = append(out, pdfWrap(pt.text, liteValueWidth)...)
		}
	}
	return out
}

// liteLine renders one line of a field: the label column padded with
// spaces, then the value column; "\x00" marks an image address, which
// is linked, and addresses in text are linked too.
func liteLine(label, value string) string {
	var b strings.Builder
	if value == "" {
		b.WriteString(esc(label))
	} else {
		b.WriteString(esc(label))
		b.WriteString(strings.Repeat(" ", liteLabelWidth+liteGap-utf8.RuneCountInString(label)))
		if u, ok := strings.CutPrefix(value, "\x00"); ok {
			b.WriteString(`<a href="` + esc(u) + `">` + esc(u) + `</a>`)
		} else {
			b.WriteString(h6Text(value))
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// renderLite6 writes the text-only version of the record page that the
// site offers for slow connections: a line of links, the title, the
// region and the badges, the call to action, then one <pre> per section:
// the section name in capitals underlined with "=", and each field in
// two columns, the label padded with spaces to the value column, long
// labels and values wrapped within their column, a blank line between
// fields, nothing in the value column for an empty field. The
// last-modified date and a note on the text-only version follow.
func renderLite6(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta name="viewport" content="width=device-width">
<title>%[1]s - Osservatorio Partecipazione (solo testo)</title>
</head>
<body>
<p><a href="/lite/">Osservatorio Partecipazione</a> | <a href="/lite/cerca">Cerca</a> | <a href="%[2]s">Versione completa</a></p>
<hr>
<h1>%[1]s</h1>
`, esc(p.Title), esc(p.URL))
	var head []string
	if p.Region != "" {
		head = append(head, esc(p.Region))
	}
	if badges := badgeNames(p); len(badges) > 0 {
		head = append(head, strings.Join(badges, " - "))
	}
	if len(head) > 0 {
		fmt.Fprintf(b, "<p>%s</p>\n", strings.Join(head, "<br>\n"))
	}
	fmt.Fprintf(b, "<p>%s <a href=\"/lite/integra?id=%d\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for _, s := range p.Sections {
		name := strings.ToUpper(s.Name)
		fmt.Fprintf(b, "<pre>\n%s\n%s\n", esc(name), strings.Repeat("=", utf8.RuneCountInString(name)))
		for _, f := range s.Fields {
			b.WriteString("\n")
			labels := pdfWrap(f.Label, liteLabelWidth)
			values := liteValueLines(f)
			for i := range max(len(labels), len(values)) {
				var l, v string
				if i < len(labels) {
					l = labels[i]
				}
				if i < len(values) {
					v = values[i]
				}
				b.WriteString(liteLine(l, v) + "\n")
			}
		}
		b.WriteString("</pre>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p>%s %s</p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<hr>
<p>%s <a href="%s">Versione completa</a> | <a href="/lite/">Elenco dei processi</a></p>
</body>
</html>
`, liteAfter, esc(p.URL))
}
