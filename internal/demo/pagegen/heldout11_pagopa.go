package pagegen

import (
	"fmt"
	"strings"
)

// renderPagoPA11 writes a record as a PagoPA-style receipt: a centred
// table with inline styles, a title row per section, each field a row of
// a grey label cell and a bold right-aligned value cell.
func renderPagoPA11(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ricevuta - %[1]s</title>
<style>body{font-family:"Titillium Web",Geneva,Tahoma,sans-serif;background:#f5f5f5}.ricevuta td{padding:8px 12px;font-size:14px}</style>
</head>
<body>
<div class="header-ente" style="background:#0066cc;color:#fff;padding:12px"><strong>Osservatorio Partecipazione</strong> &middot; <span>%[2]s</span>
<nav style="display:inline-block;margin-left:24px">
`, esc(p.Title), esc(p.Region))
	for _, n := range h11Nav {
		fmt.Fprintf(b, `<a style="color:#fff;margin-right:12px" href="/%s">%s</a>`+"\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</nav></div>
<table class="ricevuta" role="presentation" align="center" width="640" cellpadding="0" cellspacing="0" style="background:#fff;margin:24px auto;border:1px solid #e6e9f2;border-radius:4px">
<tr><td colspan="2" style="padding:24px 12px 8px"><img src="/img/pagopa-logo.svg" alt="pagoPA" width="80"></td></tr>
<tr><td colspan="2" style="font-size:20px;font-weight:700;color:#17324d">%[1]s</td></tr>
<tr><td colspan="2" style="color:#5c6f82">Riepilogo della scheda n. %[2]d</td></tr>
`, esc(p.Title), p.ID)
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, `<tr><td colspan="2"><span style="background:#008758;color:#fff;border-radius:12px;padding:2px 10px">&#10003; %s</span></td></tr>`+"\n", esc(bd))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<tr><td colspan="2" style="padding-top:20px;border-bottom:1px solid #e6e9f2;font-size:12px;text-transform:uppercase;letter-spacing:1px;color:#5c6f82;font-weight:600">%s</td></tr>`+"\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			if isEmpty(f) {
				continue
			}
			fmt.Fprintf(b, `<tr><td width="40%%" valign="top" style="color:#5c6f82">%s</td><td align="right" valign="top" style="font-weight:600;color:#17324d">%s</td></tr>`+"\n", esc(f.Label), h11Value(f, "", "<br>"))
		}
	}
	fmt.Fprintf(b, `<tr><td colspan="2" style="padding:20px 12px;border-top:1px solid #e6e9f2">%[1]s <a href="/integra?scheda=%[3]d" style="color:#0066cc">%[2]s</a></td></tr>
</table>
<p style="text-align:center;font-size:12px;color:#5c6f82">Assemblea legislativa della Regione Emilia-Romagna &middot; <a href="/privacy">Privacy</a></p>
<div id="cookie-bar" style="position:fixed;bottom:0;left:0;right:0;background:#17324d;color:#fff;padding:10px">%[4]s <button type="button">Accetta</button></div>
<script src="/js/ricevuta.js" defer></script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h11Cookie))
}
