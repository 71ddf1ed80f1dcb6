package pagegen

import (
	"fmt"
	"strings"
)

// renderMVC9 writes a record as an ASP.NET MVC 3 scaffolded Details
// view in the site's _Layout: a fieldset per section, display-label and
// display-field divs, lists through a display template.
func renderMVC9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html>
<head>
    <meta charset="utf-8" />
    <title>Dettagli - %[1]s</title>
    <link href="/Content/Site.css" rel="stylesheet" type="text/css" />
    <script src="/Scripts/jquery-1.5.1.min.js" type="text/javascript"></script>
    <script src="/Scripts/modernizr-1.7.min.js" type="text/javascript"></script>
</head>
<body>
    <div class="page">
        <header>
            <div id="title">
                <h1>Osservatorio Partecipazione</h1>
            </div>
            <div id="logindisplay">
                    [ <a href="/Account/LogOn">Accedi</a> ]
            </div>
            <nav>
                <ul id="menu">
`, esc(p.Title))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "                    <li><a href=\"/%s\">%s</a></li>\n", n[1], esc(n[0]))
	}
	b.WriteString("                </ul>\n            </nav>\n        </header>\n        <section id=\"main\">\n            \n\n<h2>Dettagli</h2>\n\n")
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"regione\">%s</p>\n", esc(p.Region))
	}
	b.WriteString("<fieldset>\n    <legend>Processo partecipativo</legend>\n\n")
	mvcItem(b, "Nome", esc(p.Title))
	for _, bd := range []struct {
		name string
		on   bool
	}{{badgeCertTxt, p.Certified}, {badgeFinTxt, p.Financed}} {
		v := `<input class="check-box" disabled="disabled" type="checkbox" />`
		if bd.on {
			v = `<input checked="checked" class="check-box" disabled="disabled" type="checkbox" />`
		}
		mvcItem(b, bd.name, v)
	}
	b.WriteString("</fieldset>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<fieldset>\n    <legend>%s</legend>\n\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			mvcItem(b, esc(f.Label), mvcValue(f))
		}
		b.WriteString("</fieldset>\n")
	}
	fmt.Fprintf(b, `<p>
    <a href="/Schede/Integra/%[1]d">%[2]s</a> |
    <a href="/Schede/Modifica/%[1]d">Modifica</a> |
    <a href="/Schede">Torna all'elenco</a>
</p>

        </section>
        <footer>
            <p>Osservatorio Partecipazione &middot; Assemblea legislativa della Regione Emilia-Romagna &middot; <a href="/Home/Privacy">Privacy</a></p>
        </footer>
    </div>
    <div id="cookie-notice" role="dialog"><span>%[3]s</span> <button type="button" onclick="accettaCookie()">Accetto</button></div>
    <script type="text/javascript">function accettaCookie(){document.cookie="cookieOk=1;path=/";document.getElementById("cookie-notice").style.display="none";}</script>
</body>
</html>
`, p.ID, esc(ctaAction), esc(h9Cookie))
}

// mvcItem writes one scaffolded display-label and display-field pair.
func mvcItem(b *strings.Builder, label, value string) {
	fmt.Fprintf(b, "    <div class=\"display-label\">%s</div>\n    <div class=\"display-field\">\n        %s\n    </div>\n\n", label, value)
}

// mvcValue renders a value as the display templates do: lists as <ul>,
// long texts as paragraphs, images as <img>, other lines as text.
func mvcValue(f Field) string {
	if h3IsList(f) {
		var out []string
		var items []string
		for _, pt := range valueParts(f, true) {
			switch pt.kind {
			case "item":
				items = append(items, "<li>"+esc(pt.text)+"</li>")
			case "map":
				out = append(out, mapLine)
			case "img":
				out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="Mappa" />`)
			default:
				items = append(items, "<li>"+esc(pt.text)+"</li>")
			}
		}
		if len(items) > 0 {
			out = append(out, `<ul class="list-valori">`+strings.Join(items, "")+"</ul>")
		}
		return strings.Join(out, "\n        ")
	}
	if h3Long(f) {
		return "<p>" + h9Value(f, false, "</p><p>", h9Img) + "</p>"
	}
	return h9Value(f, false, "<br />", func(src string) string {
		return `<img src="` + esc(src) + `" alt="` + esc(f.Label) + `" />`
	})
}
