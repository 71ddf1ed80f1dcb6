package pagegen

import (
	"fmt"
	"net/url"
	"strings"
)

// gsheetsGrid is the id Google Sheets gives the published sheet's grid.
const gsheetsGrid = "1418273542"

// renderGSheets8 writes a record as a Google Sheets sheet published to the
// web: column letters and row numbers around the cells, the title and
// region in merged rows, badges each in a cell, section rows, labels in
// column A, values in column B and an empty notes column.
func renderGSheets8(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html><head><meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="referrer" content="strict-origin-when-cross-origin"><meta name="viewport" content="target-densitydpi=device-dpi,user-scalable=1,minimum-scale=1,maximum-scale=2.5,initial-scale=1,width=device-width"><meta http-equiv="content-type" content="text/html; charset=UTF-8"><meta name="google" content="notranslate"><title>Scheda %[1]d - Fogli Google</title><link rel="shortcut icon" href="https://ssl.gstatic.com/docs/spreadsheets/forms/favicon_qp2.png"><link rel="stylesheet" href="https://www.gstatic.com/_/atari/_/ss/k=atari.vw.1ngrsfs6q2i8s.L.X.O/d=0/rs=AGEqA5mZ4XBm1M7S5Wm0hcEdmrL7Fh2eKA" nonce=""><style nonce="">.ritz .waffle a { color: inherit; }.ritz .waffle .s1{background-color:#cfe2f3;text-align:left;font-weight:bold;color:#000000;font-family:Arial;font-size:10pt;vertical-align:bottom;white-space:nowrap;direction:ltr;padding:2px 3px 2px 3px;}.ritz .waffle .s0{background-color:#ffffff;text-align:left;font-weight:bold;color:#000000;font-family:Arial;font-size:14pt;vertical-align:bottom;white-space:nowrap;direction:ltr;padding:2px 3px 2px 3px;}.ritz .waffle .s2{background-color:#ffffff;text-align:left;color:#000000;font-family:Arial;font-size:10pt;vertical-align:top;white-space:normal;overflow:hidden;word-wrap:break-word;direction:ltr;padding:2px 3px 2px 3px;}.ritz .waffle .s3{background-color:#f3f3f3;text-align:left;font-weight:bold;color:#434343;font-family:Arial;font-size:10pt;vertical-align:top;white-space:normal;overflow:hidden;word-wrap:break-word;direction:ltr;padding:2px 3px 2px 3px;}.ritz .waffle .s4{background-color:#d9ead3;text-align:center;color:#274e13;font-family:Arial;font-size:10pt;vertical-align:bottom;white-space:nowrap;direction:ltr;padding:2px 3px 2px 3px;}</style><script nonce="">var pubhtmlFinishedLoading = false;</script></head><body class="docs-gm"><div id="top-bar"><div id="doc-title"><span class="name">Scheda %[1]d</span></div><div id="sheet-menu"></div></div><div id="sheets-viewport"><div id="%[2]s" style="position:relative;" dir="ltr"><div class="ritz grid-container" dir="ltr"><table class="waffle" cellspacing="0" cellpadding="0"><thead><tr><th class="row-header freezebar-origin-ltr"></th><th id="%[2]sC0" style="width:281px;" class="column-headers-background">A</th><th id="%[2]sC1" style="width:602px;" class="column-headers-background">B</th><th id="%[2]sC2" style="width:150px;" class="column-headers-background">C</th></tr></thead><tbody>`, p.ID, gsheetsGrid)
	row := 0
	tr := func(height int, cells string) {
		fmt.Fprintf(b, `<tr style="height: %[1]dpx"><th id="%[2]sR%[3]d" style="height: %[1]dpx;" class="row-headers-background"><div class="row-header-wrapper" style="line-height: %[1]dpx">%[4]d</div></th>%[5]s</tr>`,
			height, gsheetsGrid, row, row+1, cells)
		row++
	}
	tr(28, `<td class="s0" dir="ltr" colspan="3">`+esc(p.Title)+`</td>`)
	if p.Region != "" {
		tr(20, `<td class="s2" dir="ltr">`+esc(p.Region)+`</td><td class="s2"></td><td class="s2"></td>`)
	}
	if bs := badgeNames(p); len(bs) > 0 {
		cells := ""
		for i := 0; i < 3; i++ {
			if i < len(bs) {
				cells += `<td class="s4" dir="ltr">` + esc(bs[i]) + `</td>`
			} else {
				cells += `<td class="s2"></td>`
			}
		}
		tr(20, cells)
	}
	tr(20, `<td class="s2"></td><td class="s2"></td><td class="s2"></td>`)
	for i, s := range p.Sections {
		tr(20, `<td class="s1" dir="ltr">`+esc(s.Name)+`</td><td class="s1"></td><td class="s1" dir="ltr">Note</td>`)
		for _, f := range h7Fields(p, i) {
			v := gsheetsValue(f)
			h := 20 * (1 + len(v)/110)
			if v != "" {
				v = `<td class="s2" dir="ltr">` + v + `</td>`
			} else {
				v = `<td class="s2"></td>`
			}
			tr(h, `<td class="s3" dir="ltr">`+esc(f.Label)+`</td>`+v+`<td class="s2"></td>`)
		}
	}
	b.WriteString(`</tbody></table></div></div></div><div id="footer"><div class="footer-links"><a href="https://docs.google.com/spreadsheets/d/e/2PACX-1vQ8/pubhtml" target="_blank">Pubblicato da Fogli Google</a> &ndash; <a href="https://docs.google.com/abuse?id=e/2PACX-1vQ8" target="_blank">Segnala una violazione</a> &ndash; <span class="dash">Aggiornato automaticamente ogni 5 minuti</span></div></div><script nonce="">pubhtmlFinishedLoading = true;</script></body></html>
`)
}

// gsheetsValue renders f's value in a cell: lines joined by <br>, list
// lines as typed, addresses linked through Google's redirect.
func gsheetsValue(f Field) string {
	link := func(u string) string {
		q := "https://www.google.com/url?q=" + url.QueryEscape(u) + "&sa=D&source=editors&ust=1581766364219000&usg=AOvVaw2b9QvX1c7P"
		return `<a target="_blank" href="` + esc(q) + `">` + esc(u) + `</a>`
	}
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "map":
		case "img":
			out = append(out, link(absURL(pt.text)))
		default:
			out = append(out, h3Autolink(pt.text, link))
		}
	}
	return strings.Join(out, "<br>")
}
