package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Geometry of the pages pdftohtml writes: A4 at 108 dpi, in pixels.
const (
	pdfWidth      = 892
	pdfHeight     = 1263
	pdfTop        = 110  // first line of a page's body
	pdfBottom     = 1140 // no body line starts below this
	pdfLine       = 15   // line pitch of body text
	pdfTitleLine  = 24   // line pitch of the title
	pdfRowGap     = 8    // space between two table rows
	pdfLabelLeft  = 108
	pdfValueLeft  = 330
	pdfLabelChars = 30 // characters that fit in the label column
	pdfValueChars = 84 // characters that fit in the value column
	pdfTitleChars = 56
)

// pdfText is one line of text placed on a page.
type pdfText struct {
	page, top, left int
	class           string
	html            string
}

// pdfDoc lays out lines top to bottom over pages.
type pdfDoc struct {
	page, top int
	lines     []pdfText
}

// room moves to a new page unless h more pixels fit on this one.
func (d *pdfDoc) room(h int) {
	if d.top+h > pdfBottom {
		d.page++
		d.top = pdfTop
	}
}

// column places lines of one cell starting at the row's position and
// returns where the cell ends; lines that do not fit go on the next pages.
func (d *pdfDoc) column(page, top, left, pitch int, class string, lines []string) (int, int) {
	for _, l := range lines {
		if top+pitch > pdfBottom+pdfLine {
			page++
			top = pdfTop
		}
		d.lines = append(d.lines, pdfText{page: page, top: top, left: left, class: class, html: l})
		top += pitch
	}
	return page, top
}

// pdfWrap breaks text into lines of at most n characters at spaces, as
// the PDF's typesetter did.
func pdfWrap(text string, n int) []string {
	var lines []string
	var cur []string
	length := 0
	for _, w := range strings.Fields(text) {
		wl := utf8.RuneCountInString(w)
		if len(cur) > 0 && length+1+wl > n {
			lines = append(lines, strings.Join(cur, " "))
			cur, length = nil, 0
		}
		if len(cur) > 0 {
			length++
		}
		cur = append(cur, w)
		length += wl
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// pdfHTML renders a line as pdftohtml does: non-breaking spaces between
// words and one at the end, link annotations over addresses.
func pdfHTML(line string, link func(word string) string) string {
	words := strings.Split(line, " ")
	for i, w := range words {
		if link != nil {
			if a := link(w); a != "" {
				words[i] = a
				continue
			}
		}
		words[i] = esc(w)
	}
	return strings.Join(words, "&#160;") + "&#160;"
}

// pdfURL links a word that is an address.
func pdfURL(w string) string {
	if strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://") {
		return `<a href="` + esc(w) + `">` + esc(w) + `</a>`
	}
	return ""
}

// renderPDF3 writes a record page that the site exported as PDF and
// pdftohtml -s converted back to HTML: one positioned paragraph per line
// of text, the labels and values in two columns read cell by cell,
// running heads and page numbers on every page.
func renderPDF3(b *strings.Builder, p *Page) {
	d := &pdfDoc{page: 1, top: 128}
	for _, l := range pdfWrap(p.Title, pdfTitleChars) {
		d.lines = append(d.lines, pdfText{page: 1, top: d.top, left: pdfLabelLeft, class: "ft11", html: "<b>" + pdfHTML(l, nil) + "</b>"})
		d.top += pdfTitleLine
	}
	d.top += 6
	if p.Region != "" {
		d.lines = append(d.lines, pdfText{page: 1, top: d.top, left: pdfLabelLeft, class: "ft15", html: pdfHTML(p.Region, nil)})
		d.top += pdfLine + 4
	}
	if n := badgeNames(p); len(n) > 0 {
		left := pdfLabelLeft + 6
		for _, name := range n {
			d.lines = append(d.lines, pdfText{page: 1, top: d.top, left: left, class: "ft16", html: pdfHTML(name, nil)})
			left += 90
		}
		d.top += pdfLine + 4
	}
	for _, s := range p.Sections {
		d.top += 14
		d.room(24 + pdfLine*2)
		d.lines = append(d.lines, pdfText{page: d.page, top: d.top, left: pdfLabelLeft, class: "ft13", html: "<b>" + pdfHTML(s.Name, nil) + "</b>"})
		d.top += 24
		for _, f := range s.Fields {
			labels := pdfWrap(f.Label, pdfLabelChars)
			for i, l := range labels {
				labels[i] = "<b>" + pdfHTML(l, nil) + "</b>"
			}
			var values []string
			for _, pt := range valueParts(f, false) {
				switch pt.kind {
				case "img":
					values = append(values, `<a href="`+esc(absURL(pt.text))+`">`+esc(pt.text)+`</a>&#160;`)
				default:
					for _, l := range pdfWrap(pt.text, pdfValueChars) {
						values = append(values, pdfHTML(l, pdfURL))
					}
				}
			}
			d.room(len(labels) * pdfLine)
			lp, lt := d.column(d.page, d.top, pdfLabelLeft, pdfLine, "ft12", labels)
			vp, vt := d.column(d.page, d.top, pdfValueLeft, pdfLine, "ft10", values)
			d.page, d.top = lp, lt
			if vp > lp || vp == lp && vt > lt {
				d.page, d.top = vp, vt
			}
			d.top += pdfRowGap
		}
	}
	if p.LastModified != "" {
		d.top += 14
		d.room(pdfLine)
		d.lines = append(d.lines, pdfText{page: d.page, top: d.top, left: pdfLabelLeft, class: "ft10", html: pdfHTML(lastModPrefix+" "+p.LastModified, nil)})
	}
	pages := d.lines[len(d.lines)-1].page

	fmt.Fprintf(b, `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml" lang="" xml:lang="">
<head>
<title>%s</title>
<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"/>
<meta name="generator" content="pdftohtml 0.86.1"/>
<meta name="author" content="Osservatorio Partecipazione"/>
<meta name="keywords" content="scheda processo, partecipazione"/>
<meta name="date" content="2024-03-03T09:41:00+01:00"/>
<meta name="subject" content="Scheda processo %d"/>
<style type="text/css">
<!--
	p {margin: 0; padding: 0;}	.ft10{font-size:11px;font-family:Times;color:#000000;}
	.ft11{font-size:20px;font-family:Times;color:#1d3f72;}
	.ft12{font-size:11px;font-family:Times;color:#000000;}
	.ft13{font-size:15px;font-family:Times;color:#1d3f72;}
	.ft14{font-size:9px;font-family:Times;color:#6d6d6d;}
	.ft15{font-size:12px;font-family:Times;color:#6d6d6d;}
	.ft16{font-size:10px;font-family:Times;color:#ffffff;}
-->
</style>
</head>
<body bgcolor="#A0A0A0" vlink="blue" link="blue">
`, esc(p.Title), p.ID)
	i := 0
	for page := 1; page <= pages; page++ {
		fmt.Fprintf(b, "<div id=\"page%d-div\" style=\"position:relative;width:%dpx;height:%dpx;\">\n<img width=\"%d\" height=\"%d\" src=\"scheda-%d%03d.png\" alt=\"background image\"/>\n",
			page, pdfWidth, pdfHeight, pdfWidth, pdfHeight, p.ID, page)
		pdfLineHTML(b, pdfText{top: 52, left: pdfLabelLeft, class: "ft14", html: pdfHTML(fmt.Sprintf("Osservatorio Partecipazione – Scheda processo %d", p.ID), nil)})
		for ; i < len(d.lines) && d.lines[i].page == page; i++ {
			pdfLineHTML(b, d.lines[i])
		}
		pdfLineHTML(b, pdfText{top: 1196, left: 420, class: "ft14", html: pdfHTML(fmt.Sprintf("Pagina %d di %d", page, pages), nil)})
		b.WriteString("</div>\n")
	}
	b.WriteString("</body>\n</html>\n")
}

func pdfLineHTML(b *strings.Builder, t pdfText) {
	fmt.Fprintf(b, "<p style=\"position:absolute;top:%dpx;left:%dpx;white-space:nowrap\" class=\"%s\">%s</p>\n", t.top, t.left, t.class, t.html)
}
