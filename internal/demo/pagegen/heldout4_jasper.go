package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Geometry of the report: an A4 page in points, its body below the page
// header and above the page footer.
const (
	jasperPageHeight = 842
	jasperBody       = 842 - 40 - 30 - 40 // page height less header, footer and margins
	jasperTitle      = 70
)

// jasperFont is the inline style JasperReports writes on every text span.
func jasperFont(size int, color string, bold bool) string {
	s := fmt.Sprintf("font-family: 'DejaVu Sans'; color: %s; font-size: %dpx; line-height: 1.1640625;", color, size)
	if bold {
		s += " font-weight: bold;"
	}
	return s
}

// jasperBand is one row of the report with its height.
type jasperBand struct {
	height int
	html   string
}

// jasperCell is the style of a text cell.
const jasperCell = `text-indent: 0px; vertical-align: top; text-align: left;`

// jasperLines estimates how many lines text takes in a column of n
// characters.
func jasperLines(text string, n int) int {
	l := (utf8.RuneCountInString(text) + n - 1) / n
	return max(l, 1)
}

// jasperRow renders a detail band: the label in the left column, the
// value cell's content in the right one.
func jasperRow(label, value string, lines int) jasperBand {
	h := 4 + 11*lines
	var lab string
	if label != "" {
		lab = `<span style="` + jasperFont(9, "#595959", true) + `">` + esc(label) + `</span>`
		h = max(h, 4+11*jasperLines(label, 30))
	}
	return jasperBand{h, fmt.Sprintf("<tr valign=\"top\" style=\"height:%dpx\">\n<td></td>\n<td style=\"%s\">%s</td>\n<td></td>\n<td style=\"%s\">%s</td>\n<td></td>\n</tr>\n", h, jasperCell, lab, jasperCell, value)}
}

// jasperBands returns the detail bands of one field: one band for the
// label and the first piece of the value, then a band per image and per
// text after an image, their label cell empty.
func jasperBands(f Field) []jasperBand {
	var bands []jasperBand
	label := f.Label
	var text []string
	lines := 0
	flush := func(force bool) {
		if len(text) == 0 && !force {
			return
		}
		v := ""
		if len(text) > 0 {
			v = `<span style="` + jasperFont(9, "#000000", false) + `">` + strings.Join(text, "<br/>") + `</span>`
		}
		bands = append(bands, jasperRow(label, v, max(lines, 1)))
		label, text, lines = "", nil, 0
	}
	for _, pt := range valueParts(f, false) {
		if pt.kind == "img" {
			flush(label != "")
			img := fmt.Sprintf(`<img src="%s" style="position: relative; left: 0px; top: 0px; width: 150px; height: 100px;" alt=""/>`, esc(absURL(pt.text)))
			bands = append(bands, jasperBand{106, fmt.Sprintf("<tr valign=\"top\" style=\"height:106px\">\n<td></td>\n<td></td>\n<td></td>\n<td>%s</td>\n<td></td>\n</tr>\n", img)})
			continue
		}
		text = append(text, esc(pt.text))
		lines += jasperLines(pt.text, 80)
	}
	flush(label != "")
	return bands
}

// renderJasper4 writes a record report exported to HTML by
// JasperReports: a title band on the first page, then per section a
// band in capitals and one detail band per field, laid out on A4 pages of
// fixed-width tables, each with the page header and footer, the whole in
// the exporter's centring table. The web application that serves it set
// the exporter's HTML header to give the page a title.
func renderJasper4(b *strings.Builder, p *Page) {
	var bands []jasperBand
	for i, s := range p.Sections {
		bands = append(bands, jasperBand{24, fmt.Sprintf("<tr valign=\"top\" style=\"height:24px\">\n<td></td>\n<td colspan=\"3\" style=\"background-color: #DDE6EE; border-bottom: 1px solid #1F4E79; text-indent: 0px; vertical-align: middle; text-align: left;\"><span style=\"%s\">%s</span></td>\n<td></td>\n</tr>\n", jasperFont(11, "#1F4E79", true), esc(strings.ToUpper(s.Name)))})
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			bands = append(bands, jasperBands(f)...)
		}
	}
	// Lay the bands out on pages.
	var pages [][]jasperBand
	room := jasperBody - jasperTitle
	var cur []jasperBand
	for _, band := range bands {
		if band.height > room && len(cur) > 0 {
			pages = append(pages, cur)
			cur, room = nil, jasperBody
		}
		cur = append(cur, band)
		room -= band.height
	}
	pages = append(pages, cur)

	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html>
<head>
  <title>Scheda processo n. %d – %s</title>
  <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
  <style type="text/css">
    a {text-decoration: none}
  </style>
</head>
<body text="#000000" link="#000000" alink="#000000" vlink="#000000">
<table width="100%%" cellpadding="0" cellspacing="0" border="0">
<tr><td width="50%%">&nbsp;</td><td align="center">
`, p.ID, esc(p.Title))
	for n, page := range pages {
		if n > 0 {
			b.WriteString("<br/>\n<br/>\n")
		}
		fmt.Fprintf(b, `<a name="JR_PAGE_ANCHOR_0_%d"></a>
<table class="jrPage" data-jr-height="%d" cellpadding="0" cellspacing="0" border="0" style="empty-cells: show; width: 595px; border-collapse: collapse; background-color: white;">
<tr valign="top" style="height:0">
<td style="width:20px"></td>
<td style="width:150px"></td>
<td style="width:15px"></td>
<td style="width:390px"></td>
<td style="width:20px"></td>
</tr>
<tr valign="top" style="height:20px">
<td colspan="5"></td>
</tr>
<tr valign="top" style="height:20px">
<td></td>
<td colspan="2" style="%s"><span style="%s">Osservatorio Partecipazione – Schede dei processi</span></td>
<td style="text-indent: 0px; vertical-align: top; text-align: right;"><span style="%s">Scheda processo n. %d</span></td>
<td></td>
</tr>
`, n+1, jasperPageHeight, jasperCell, jasperFont(8, "#7F7F7F", false), jasperFont(8, "#7F7F7F", false), p.ID)
		if n == 0 {
			fmt.Fprintf(b, "<tr valign=\"top\" style=\"height:36px\">\n<td></td>\n<td colspan=\"3\" style=\"%s\"><span style=\"%s\">%s</span></td>\n<td></td>\n</tr>\n", jasperCell, jasperFont(15, "#1F4E79", true), esc(p.Title))
			var sub []string
			if p.Region != "" {
				sub = append(sub, esc(p.Region))
			}
			sub = append(sub, badgeNames(p)...)
			fmt.Fprintf(b, "<tr valign=\"top\" style=\"height:34px\">\n<td></td>\n<td colspan=\"3\" style=\"%s\"><span style=\"%s\">%s</span></td>\n<td></td>\n</tr>\n", jasperCell, jasperFont(10, "#404040", false), strings.Join(sub, " – "))
		}
		for _, band := range page {
			b.WriteString(band.html)
		}
		fmt.Fprintf(b, `<tr valign="top" style="height:30px">
<td></td>
<td colspan="3" style="border-top: 1px solid #BFBFBF; text-indent: 0px; vertical-align: middle; text-align: right;"><span style="%s">Pagina %d di %d</span></td>
<td></td>
</tr>
</table>
`, jasperFont(8, "#7F7F7F", false), n+1, len(pages))
	}
	b.WriteString(`</td><td width="50%">&nbsp;</td></tr>
</table>
</body>
</html>
`)
}
