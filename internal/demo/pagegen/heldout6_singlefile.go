package pagegen

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// singleFileSite is the municipality's site whose page was saved;
// singleFileNews the heading of its other news after the embedded
// record.
const (
	singleFileSite = "https://www.comune.example-emilia.it"
	singleFileNews = "Ultime notizie"
)

// singleFileAttr escapes a document for a double-quoted attribute value
// as SingleFile writes srcdoc: ampersands and quotes only.
var singleFileAttr = strings.NewReplacer("&", "&amp;", `"`, "&quot;")

// singleFileDataURI is an image as SingleFile stores it: a data: URI of
// the bytes it fetched (here a stand-in JPEG header derived from the
// address).
func singleFileDataURI(src string) string {
	data := append([]byte{0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00}, []byte(h3ID(src, 16))...)
	return "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(data)
}

// renderSingleFile6 writes a municipality's news page about a process,
// which embeds the observatory's record widget in an iframe, as the
// SingleFile browser extension saves it: the saving comment, inlined
// styles, and the iframe's document in its srcdoc attribute, escaped;
// images (in the widget too) stored as data: URIs, the widget's images
// inside links to the original files. The page's other news follow.
func renderSingleFile6(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html> <html lang="it"><!--
 Page saved with SingleFile 
 url: %[1]s/notizie/percorso-partecipativo-%[2]d 
 saved date: Fri May 03 2024 10:12:44 GMT+0200 (Ora legale dell%[3]sEuropa centrale)
--><head><meta charset="utf-8">
<title>%[4]s | Comune</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:"Titillium Web",Geneva,Tahoma,sans-serif;margin:0}.it-header-slim-wrapper{background:#004080;color:#fff}.container{max-width:1140px;margin:0 auto;padding:0 12px}iframe{border:0;width:100%%}</style>
<meta name="referrer" content="no-referrer"><link rel="canonical" href="%[1]s/notizie/percorso-partecipativo-%[2]d"><style>.sf-hidden{display:none!important}</style><link rel="icon" href="data:image/png;base64,iVBORw0KGgo="></head><body>
<div class="it-header-slim-wrapper"><div class="container"><a class="navbar-brand" href="%[1]s/">Comune &ndash; sito istituzionale</a></div></div>
<div class="it-header-center-wrapper"><div class="container"><a href="%[1]s/"><img class="icon" src="%[5]s" alt=""></a><div class="it-brand-title">Comune</div></div></div>
<nav class="breadcrumb-container" aria-label="Percorso di navigazione"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="%[1]s/">Home</a></li><li class="breadcrumb-item"><a href="%[1]s/notizie">Notizie</a></li><li class="breadcrumb-item active" aria-current="page">Percorso partecipativo</li></ol></nav>
<main class="container">
<h1>%[4]s</h1>
<p class="data">Pubblicato il 3 maggio 2024 &middot; Tempo di lettura: 2 min</p>
<p>Il Comune ha preso parte al percorso partecipativo descritto qui sotto. Riportiamo la scheda pubblicata dall%[3]sOsservatorio della Regione, con tutti i dati del percorso.</p>
`, singleFileSite, p.ID, "’", esc(p.Title), singleFileDataURI("logo-comune"))
	var w strings.Builder
	singleFileWidget(&w, p)
	fmt.Fprintf(b, `<iframe title="Scheda del processo nell'Osservatorio Partecipazione" srcdoc="%s" sandbox="allow-popups allow-scripts" style="height:2600px"></iframe>
<section class="altre-notizie"><h2>%s</h2><ul><li><a href="%s/notizie/consiglio-comunale-maggio">Consiglio comunale del 7 maggio</a></li><li><a href="%s/notizie/raccolta-differenziata">Nuovo calendario della raccolta</a></li></ul></section>
</main>
<footer class="it-footer"><div class="container"><p>Comune &ndash; Piazza del Municipio 1 &ndash; P.IVA 00000000000</p></div></footer>
</body></html>
`, singleFileAttr.Replace(w.String()), singleFileNews, singleFileSite, singleFileSite)
}

// singleFileWidget writes the observatory's embeddable record widget,
// the document of the iframe: a head with the region, title, source and
// badges,
// one table per section of row headers and value cells, empty cells for
// empty values, the last-modified line.
func singleFileWidget(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head><meta charset="utf-8"><style>body{font:14px/1.4 sans-serif;margin:0}.oss-embed{border:1px solid #ccd;padding:12px}.oss-embed th{text-align:left;width:40%%;vertical-align:top;color:#335}.oss-embed__badge{background:#0a6;color:#fff;padding:0 6px;margin-right:4px}</style><base target="_blank"></head><body><div class="oss-embed"><div class="oss-embed__head">`)
	if p.Region != "" {
		fmt.Fprintf(b, `<div class="oss-embed__region">%s</div>`, esc(p.Region))
	}
	fmt.Fprintf(b, `<div class="oss-embed__title"><a href="%s">%s</a></div><p class="oss-embed__credits">Fonte: <a href="%s">Osservatorio Partecipazione</a></p>`, esc(p.URL), esc(p.Title), esc(p.URL))
	for _, badge := range badgeNames(p) {
		fmt.Fprintf(b, `<span class="oss-embed__badge">%s</span>`, badge)
	}
	b.WriteString("</div>")
	for _, s := range p.Sections {
		fmt.Fprintf(b, `<h3 class="oss-embed__section">%s</h3><table class="oss-embed__fields"><tbody>`, esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, `<tr><th scope="row">%s</th><td>%s</td></tr>`, esc(f.Label), singleFileValue(f))
		}
		b.WriteString("</tbody></table>")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, `<p class="oss-embed__updated">%s %s</p>`, lastModPrefix, esc(p.LastModified))
	}
	b.WriteString("</div></body></html>")
}

// singleFileValue renders a value cell of the widget: lines and list
// items separated by <br>, images as data: URIs in links to the files.
func singleFileValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			u := absURL(pt.text)
			out = append(out, `<a href="`+esc(u)+`"><img src="`+singleFileDataURI(u)+`" alt="" width="240"></a>`)
		default:
			out = append(out, h6Text(pt.text))
		}
	}
	return strings.Join(out, "<br>")
}
