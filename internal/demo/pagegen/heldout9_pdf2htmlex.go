package pagegen

import (
	"fmt"
	"strings"
)

// pdfexLine is one line of text of the scheda's PDF as pdf2htmlEX places
// it: the column, the face and size classes, the text (escaped markup)
// and its row.
type pdfexLine struct {
	x, ff, fs, fc string
	html          string
	y             int // the row, counted from the first page's top
}

// renderPDF2HTMLEX9 writes a record's PDF scheda as pdf2htmlEX converts
// it: absolutely positioned lines with the converter's classes, labels
// in bold in a left column, values beside them, pages as div.pf.
func renderPDF2HTMLEX9(b *strings.Builder, p *Page) {
	const perPage = 48
	var lines []pdfexLine
	links := map[int][]string{} // page -> the image addresses its link annotations lead to
	row := 0
	// block places lines of text in the rows from the next free one, the
	// lines of a column one under the other, moving to the next page
	// when they do not fit.
	block := func(cols ...[]pdfexLine) {
		h := 0
		for _, c := range cols {
			h = max(h, len(c))
		}
		if row%perPage+h > perPage && h <= perPage {
			row += perPage - row%perPage
		}
		for _, c := range cols {
			for k, l := range c {
				l.y = row + k
				lines = append(lines, l)
			}
		}
		row += h
	}
	one := func(ff, fs, fc, html string) []pdfexLine { return []pdfexLine{{"x1", ff, fs, fc, html, 0}} }
	if p.Region != "" {
		block(one("ff1", "fs0", "fc1", esc(p.Region)))
	}
	var title []pdfexLine
	for _, t := range h8Wrap(p.Title, 60) {
		title = append(title, pdfexLine{"x1", "ff2", "fs3", "fc1", esc(t), 0})
	}
	block(title)
	if bs := badgeNames(p); len(bs) > 0 {
		block(one("ff2", "fs1", "fc2", strings.Join(bs, `<span class="_ _2"></span>`)))
	}
	for i, s := range p.Sections {
		block(one("ff2", "fs2", "fc1", esc(s.Name)))
		for _, f := range h7Fields(p, i) {
			var label, vals []pdfexLine
			var pending []string
			for _, t := range h8Wrap(f.Label, 34) {
				label = append(label, pdfexLine{"x1", "ff2", "fs0", "fc0", esc(t), 0})
			}
			for _, pt := range valueParts(f, false) {
				if pt.kind == "img" {
					pending = append(pending, absURL(pt.text))
					vals = append(vals, pdfexLine{"x2", "ff1", "fs0", "fc0", "[immagine]", 0})
					continue
				}
				for _, w := range h8Wrap(pt.text, 80) {
					vals = append(vals, pdfexLine{"x2", "ff1", "fs0", "fc0", pdfSpaced(w), 0})
				}
			}
			block(label, vals)
			pg := (row - 1) / perPage
			links[pg] = append(links[pg], pending...)
		}
	}
	fmt.Fprintf(b, `<!DOCTYPE html>
<!-- Created by pdf2htmlEX (https://github.com/pdf2htmlex/pdf2htmlex) -->
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8"/>
<meta name="generator" content="pdf2htmlEX"/>
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1"/>
<style type="text/css">
#sidebar{position:absolute;top:0;left:0;bottom:0;width:250px;padding:0;margin:0;overflow:auto}#page-container{position:absolute;top:0;left:0;margin:0;padding:0;border:0}
.pf{position:relative;background-color:white;overflow:hidden;margin:0;border:0}.pc{position:absolute;border:0;padding:0;margin:0;top:0;left:0;width:100%%;height:100%%;overflow:hidden;display:block;transform-origin:0 0}
.t{position:absolute;white-space:pre;font-size:1px;transform-origin:0 100%%;unicode-bidi:bidi-override}._{display:inline-block;color:transparent}
.ff1{font-family:ff1;line-height:0.905;font-style:normal;font-weight:normal;visibility:visible}.ff2{font-family:ff2;line-height:0.905;font-style:normal;font-weight:normal;visibility:visible}
.fs0{font-size:36px}.fs1{font-size:40px}.fs2{font-size:48px}.fs3{font-size:64px}.fc0{color:rgb(0,0,0)}.fc1{color:rgb(31,78,121)}.fc2{color:rgb(0,128,0)}
.x1{left:85.039500px}.x2{left:340.157400px}.w0{width:892.913000px}.h0{height:1263.000000px}._0{width:8.1px}._2{width:24px}
</style>
<script>
try{pdf2htmlEX.defaultViewer = new pdf2htmlEX.Viewer({});}catch(e){}
</script>
<title>Scheda processo %d</title>
</head>
<body>
<div id="sidebar">
<div id="outline">
</div>
</div>
<div id="page-container">
`, p.ID)
	page := 0
	open := func() {
		page++
		fmt.Fprintf(b, `<div id="pf%[1]x" class="pf w0 h0" data-page-no="%[1]x"><div class="pc pc%[1]x w0 h0"><img class="bi x0 y0 w0 h0" alt="" src="bg%[1]x.png"/>`+"\n", page)
	}
	closePage := func() {
		for i, u := range links[page-1] {
			fmt.Fprintf(b, `<a class="l" href="%s"><span class="d m1" style="display:block;border-style:none;position:absolute;left:340.157400px;bottom:%dpx;width:226.771000px;height:170.078000px;background-color:rgba(255,255,255,0.000001);"></span></a>`+"\n", esc(u), 200+i*180)
		}
		b.WriteString(`</div><div class="pi" data-data='{"ctm":[1.000000,0.000000,0.000000,1.000000,0.000000,0.000000]}'></div></div>` + "\n")
	}
	open()
	for _, l := range lines {
		for l.y/perPage+1 > page {
			closePage()
			open()
		}
		fmt.Fprintf(b, `<div class="t m0 %s h2 y%x %s %s %s sc0 ls0 ws0">%s</div>`+"\n", l.x, l.y%perPage+1, l.ff, l.fs, l.fc, l.html)
	}
	closePage()
	b.WriteString(`</div>
<div class="loading-indicator">
</div>
</body>
</html>
`)
}

// pdfSpaced escapes one line of text and writes its first space as the
// spacing span pdf2htmlEX puts where a PDF moves the pen.
func pdfSpaced(line string) string {
	s := esc(line)
	if i := strings.Index(s, " "); i > 0 {
		s = s[:i] + `<span class="_ _0"> </span>` + s[i+1:]
	}
	return s
}
