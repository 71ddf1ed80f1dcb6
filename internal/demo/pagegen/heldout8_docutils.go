package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// docutilsNameLimit is Docutils' default field name limit: longer names
// take a row of their own.
const docutilsNameLimit = 14

// renderDocutils8 writes a record as a reStructuredText document rendered
// by Docutils' html4css1 writer: title and subtitle, badges as role
// spans, one section per record section holding a field-list table.
func renderDocutils8(b *strings.Builder, p *Page) {
	slug := strings.Join(h3Words(p.Title), "-")
	fmt.Fprintf(b, `<?xml version="1.0" encoding="utf-8" ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="it" lang="it">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="generator" content="Docutils 0.16: http://docutils.sourceforge.net/" />
<title>%[1]s</title>
<style type="text/css">

/* :Author: David Goodger (goodger@python.org) */
table.docutils { margin-top: 0.5em ; margin-bottom: 0.5em }
table.field-list { border: none }
th.field-name { font-weight: bold ; text-align: left ; white-space: nowrap ; padding-left: 0 }
span.badge { background: #2e7d32 ; color: white ; padding: 0 0.4em }

</style>
</head>
<body>
<div class="document" id="%[2]s">
<h1 class="title">%[1]s</h1>
`, esc(p.Title), slug)
	if p.Region != "" {
		fmt.Fprintf(b, "<h2 class=\"subtitle\" id=\"%s\">%s</h2>\n", strings.Join(h3Words(p.Region), "-"), esc(p.Region))
	}
	b.WriteString("\n<!-- Scheda generata da schede2rst.py a partire dall'export dell'Osservatorio. -->\n")
	if bs := badgeNames(p); len(bs) > 0 {
		var spans []string
		for _, n := range bs {
			spans = append(spans, `<span class="badge">`+esc(n)+`</span>`)
		}
		fmt.Fprintf(b, "<p>%s</p>\n", strings.Join(spans, " "))
	}
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"section\" id=\"%s\">\n<h1>%s</h1>\n", strings.Join(h3Words(s.Name), "-"), esc(s.Name))
		b.WriteString("<table class=\"docutils field-list\" frame=\"void\" rules=\"none\">\n<colgroup><col class=\"field-name\" />\n<col class=\"field-body\" /></colgroup>\n<tbody valign=\"top\">\n")
		for _, f := range s.Fields {
			body := docutilsBody(f)
			name := esc(f.Label) + ":"
			if utf8.RuneCountInString(f.Label)+1 > docutilsNameLimit {
				fmt.Fprintf(b, "<tr class=\"field\"><th class=\"field-name\" colspan=\"2\">%s</th></tr>\n<tr class=\"field\"><td>&nbsp;</td><td class=\"field-body\">%s</td>\n</tr>\n", name, body)
				continue
			}
			fmt.Fprintf(b, "<tr class=\"field\"><th class=\"field-name\">%s</th><td class=\"field-body\">%s</td>\n</tr>\n", name, body)
		}
		b.WriteString("</tbody>\n</table>\n</div>\n")
	}
	b.WriteString("</div>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<div class=\"footer\">\n<hr class=\"footer\" />\n%s %s\n</div>\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString("</body>\n</html>\n")
}

// docutilsBody renders a field body as Docutils does: one line as plain
// text, several as paragraphs (the first and last classed), list items as
// a bullet list, images as <img> with their address as alt text.
func docutilsBody(f Field) string {
	parts := valueParts(f, true)
	if len(parts) == 0 {
		return ""
	}
	link := func(u string) string {
		return `<a class="reference external" href="` + esc(u) + `">` + esc(u) + `</a>`
	}
	if len(parts) == 1 && parts[0].kind != "img" && parts[0].kind != "item" {
		return h3Autolink(parts[0].text, link)
	}
	var blocks []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			blocks = append(blocks, "<ul class=\"simple\">\n<li>"+strings.Join(items, "</li>\n<li>")+"</li>\n</ul>")
			items = nil
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "item":
			items = append(items, esc(pt.text))
			continue
		case "img":
			flush()
			u := absURL(pt.text)
			blocks = append(blocks, `<img alt="`+esc(u)+`" src="`+esc(u)+`" />`)
			continue
		}
		flush()
		blocks = append(blocks, "<p>"+h3Autolink(pt.text, link)+"</p>")
	}
	flush()
	if len(blocks) == 1 && strings.HasPrefix(blocks[0], "<ul") {
		return strings.Replace(blocks[0], `class="simple"`, `class="first last simple"`, 1)
	}
	for i, bl := range blocks {
		cls := ""
		switch {
		case i == 0 && i == len(blocks)-1:
			cls = "first last"
		case i == 0:
			cls = "first"
		case i == len(blocks)-1:
			cls = "last"
		}
		if cls != "" && strings.HasPrefix(bl, "<p>") {
			blocks[i] = `<p class="` + cls + `">` + bl[3:]
		}
	}
	return strings.Join(blocks, "\n")
}
