package pagegen

import (
	"fmt"
	"path"
	"strings"
)

// renderSitefinity9 writes a record as a Sitefinity dynamic module
// item's detail widget: field wrappers with sfitemFieldLbl labels,
// short texts, rich texts, choices and dates.
func renderSitefinity9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>%[1]s</title>
    <link href="/ResourcePackages/Bootstrap4/assets/dist/css/main.min.css?package=Bootstrap4&amp;v=MTQuNC44MTQ2LjA%%3d" rel="stylesheet" type="text/css" />
<meta name="Generator" content="Sitefinity 14.4.8146.0 DX" /><link rel="canonical" href="%[2]s" /><script type="text/javascript">
	(function() {var _rdDeviceWidth = (window.innerWidth > 0) ? window.innerWidth : screen.width;var _rdDeviceHeight = (window.innerHeight > 0) ? window.innerHeight : screen.height;})();
</script></head>
<body>
    <div class="sfPublicWrapper" id="PublicWrapper">
<header><div class="container"><a class="navbar-brand" href="/">Osservatorio Partecipazione</a>
<nav class="nav-main"><ul class="nav">
`, esc(p.Title), esc(p.URL))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "<li class=\"nav-item\"><a class=\"nav-link\" href=\"/%s\" target=\"_self\">%s</a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString(`</ul></nav></div></header>
<div class="container">
<ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/processi">Processi</a></li><li class="breadcrumb-item active">Scheda</li></ol>
<div id="Contentplaceholder1_TB7D8A55A001_Col00" class="sf_colsIn" data-sf-element="Contenuto" data-placeholder-label="Contenuto">
<div class="sfitemDetails sfdetails">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "    <div class=\"sfitemShortTxtWrp sfitemRegione\"><div class=\"sfitemShortTxt\" data-sf-field=\"Regione\" data-sf-ftype=\"ShortText\">%s</div></div>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "    <h1 class=\"sfitemTitle\" data-sf-field=\"Title\" data-sf-ftype=\"ShortText\">%s</h1>\n", esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("    <ul class=\"sfitemChoices sfitemBollini\">")
		for _, bd := range bs {
			fmt.Fprintf(b, "<li>%s</li>", bd)
		}
		b.WriteString("</ul>\n")
	}
	fmt.Fprintf(b, "    <p class=\"sfitemIntegra\">%s <a href=\"/integra-informazioni?processo=%d\" class=\"btn btn-primary btn-sm\">%s</a></p>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "    <div class=\"sfitemSection\">\n    <h2 class=\"sfitemSectionTitle\">%s</h2>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			sfField(b, h9DateWords(f), f.Type)
		}
		b.WriteString("    </div>\n")
	}
	fmt.Fprintf(b, `    <div class="sfitemBack"><a href="/processi">&laquo; Torna all'elenco dei processi</a></div>
</div>
</div>
</div>
<footer class="footer"><div class="container"><p>Osservatorio Partecipazione &ndash; Assemblea legislativa della Regione Emilia-Romagna &ndash; <a href="/privacy">Privacy</a> &ndash; <a href="/accessibilita">Accessibilit&agrave;</a></p></div></footer>
<div id="cookie-bar" class="cookie-bar" role="region" aria-label="Cookie"><p>%s</p><button type="button" class="btn btn-light" data-accept-cookies>Accetta</button></div>
    </div>
<script src="/ScriptResource.axd?d=ZVh3mYQ2xx_Kqt_bLqTp9hz8FeEOhW7H0&amp;t=ffffffff9f3e4c2d" type="text/javascript"></script>
<script src="/ResourcePackages/Bootstrap4/assets/dist/js/popper.min.js" type="text/javascript"></script>
</body>
</html>
`, esc(h9Cookie))
}

// sfField writes one field the way the widget's template shows its type.
func sfField(b *strings.Builder, f Field, typ string) {
	key := h9Ctl(f.Label)
	var wrap, val string
	switch {
	case h3IsList(f):
		var items []string
		var pre []string
		for _, pt := range valueParts(f, true) {
			switch pt.kind {
			case "img":
				pre = append(pre, sfImage(pt.text))
			case "map":
			default:
				items = append(items, "<li>"+esc(pt.text)+"</li>")
			}
		}
		wrap = "sfitemChoicesWrp"
		val = strings.Join(pre, "")
		if len(items) > 0 {
			val += `<ul class="sfitemChoices" data-sf-field="` + key + `" data-sf-ftype="Choices">` + strings.Join(items, "") + `</ul>`
		}
	case h3Long(f):
		wrap = "sfitemRichTextWrp"
		val = `<div class="sfitemRichText" data-sf-field="` + key + `" data-sf-ftype="LongText"><p>` + h9Value(f, false, "</p><p>", h9Img) + `</p></div>`
	case typ == "date":
		wrap = "sfitemDateWrp"
		val = `<div class="sfitemDate" data-sf-field="` + key + `" data-sf-ftype="DateTime">` + esc(strings.Join(f.Lines, " ")) + `</div>`
	default:
		wrap = "sfitemShortTxtWrp"
		val = `<div class="sfitemShortTxt" data-sf-field="` + key + `" data-sf-ftype="ShortText">` + h9Value(f, false, "<br />", sfImage) + `</div>`
	}
	fmt.Fprintf(b, "    <div class=\"%s\">\n        <div class=\"sfitemFieldLbl\">%s:</div>\n        %s\n    </div>\n", wrap, esc(f.Label), val)
}

// sfImage is an image of the library: the thumbnail, linked to the
// original. It takes the image's path or its absolute address.
func sfImage(src string) string {
	orig := src
	if !strings.HasPrefix(src, "http") {
		orig = absURL(src)
	}
	name := strings.TrimSuffix(path.Base(orig), path.Ext(orig))
	thumb := "/images/default-source/processi/" + strings.ReplaceAll(name, ".", "-") + ".tmb-thumb270.jpg?sfvrsn=4c1e2b0_1"
	return `<div class="sfimageWrp"><a href="` + esc(orig) + `" class="sfLightbox"><img src="` + esc(thumb) + `" alt="" title="` + esc(name) + `" /></a></div>`
}
