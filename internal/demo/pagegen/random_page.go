package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// page chooses the page-wide options and writes the whole document as
// UTF-8 text.
func (g *gen) page() string {
	p := g.p
	g.enc = g.pick("utf-8", "utf-8", "windows-1252")
	g.use("enc:" + g.enc)
	decls := []string{"header", "meta-charset", "meta-http-equiv", "none"}
	if g.enc == "utf-8" {
		decls = append(decls, "bom")
	}
	g.decl = g.pick(decls...)
	g.use("decl:" + g.decl)
	g.xhtml = g.chance(0.2)
	if g.xhtml {
		g.use("syntax:xhtml")
		if g.decl == "meta-charset" {
			g.decl = "meta-http-equiv" // XHTML 1.0 has no <meta charset>
			g.use("decl:meta-http-equiv")
		}
	}
	g.minified = g.chance(0.2)
	if g.minified {
		g.use("syntax:minified")
	}
	g.idStyle = g.intn(4)
	g.caseStyle = g.pick("as-written", "as-written", "upper", "lower", "title")
	g.colonStyle = g.pick("none", "plain", "plain", "spaced", "nbsp")
	g.decoStyle = g.intn(len(decorations))

	// Images resolve to the same URLs whatever the markup: relative paths
	// need the site's <base href>; root-relative ones need it or a page URL
	// on the site itself.
	g.hasBase = g.chance(0.7)
	styles := []string{"absolute"}
	if g.hasBase || strings.HasPrefix(p.URL, strings.TrimSuffix(baseHref, "/")+"/") {
		styles = append(styles, "root")
	}
	if g.hasBase {
		styles = append(styles, "relative", "relative")
	}
	g.imgStyle = g.pick(styles...)

	var b strings.Builder
	b.WriteString(g.provenance())
	b.WriteString("\n")
	g.head(&b)
	g.header(&b)
	g.sections(&b)
	g.footer(&b)
	return b.String()
}

// provenance is the opening comment: the record, its source and the seed,
// so that a page kept as a fixture says where it came from.
func (g *gen) provenance() string {
	from := "from a record text"
	if f := sourceFile(g.p.ID); f != "" {
		from = "from " + f
	}
	s := fmt.Sprintf("Fixture data: record %d of the Osservatorio Partecipazione (Regione Emilia-Romagna), public data, %s, page %s; rendered in a random markup with seed %d by archivio/internal/demo/pagegen.",
		g.p.ID, from, g.p.URL, g.seed)
	return "<!-- " + commentSafe(s) + " -->"
}

// charsetLabel is the encoding's name as the page writes it.
func (g *gen) charsetLabel() string {
	if g.enc == "utf-8" {
		return g.pick("utf-8", "UTF-8")
	}
	return g.pick("windows-1252", "Windows-1252", "iso-8859-1", "ISO-8859-1")
}

func (g *gen) head(b *strings.Builder) {
	p := g.p
	switch {
	case g.xhtml:
		b.WriteString(`<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">` + "\n")
		b.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" lang="it" xml:lang="it">` + "\n")
	case g.chance(0.2):
		b.WriteString(`<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">` + "\n<html>\n")
	default:
		b.WriteString("<!DOCTYPE html>\n<html lang=\"it\">\n")
	}
	b.WriteString("<head>\n")
	g.contentType = "text/html"
	switch g.decl {
	case "header":
		g.contentType = "text/html; charset=" + g.charsetLabel()
	case "meta-charset":
		b.WriteString(`<meta charset="` + g.charsetLabel() + `">` + "\n")
	case "meta-http-equiv":
		b.WriteString(g.void("meta", `http-equiv="Content-Type" content="text/html; charset=`+g.charsetLabel()+`"`) + "\n")
	}
	site := "Osservatorio Partecipazione"
	switch g.intn(7) {
	case 0:
		g.use("doctitle:site")
		fmt.Fprintf(b, "<title>%s - %s</title>\n", esc(p.Title), site)
	case 1:
		g.use("doctitle:site")
		fmt.Fprintf(b, "<title>%s | %s</title>\n", esc(p.Title), site)
	case 2:
		g.use("doctitle:site")
		fmt.Fprintf(b, "<title>%s &ndash; %s</title>\n", esc(p.Title), site)
	case 3:
		g.use("doctitle:site")
		fmt.Fprintf(b, "<title>\n\t%s :: %s\n</title>\n", esc(p.Title), site)
	case 4:
		// A breadcrumb: the site, the list, the record.
		g.use("doctitle:breadcrumb")
		fmt.Fprintf(b, "<title>%s %s Processi %s %s</title>\n", site, g.pick("&gt;", "&rsaquo;"), g.pick("&gt;", "&rsaquo;"), esc(p.Title))
	default:
		// What the page does with the record, then the record.
		g.use("doctitle:page-kind")
		fmt.Fprintf(b, "<title>%s - %s</title>\n", g.pick("Dettagli", "Stampa scheda", "Scheda processo"), esc(p.Title))
	}
	if g.hasBase {
		b.WriteString(g.void("base", `href="`+baseHref+`"`) + "\n")
	}
	b.WriteString(g.void("meta", `name="viewport" content="width=device-width, initial-scale=1"`) + "\n")
	b.WriteString(g.void("link", `rel="stylesheet" href="/static/css/`+g.pick("site", "scheda", "bootstrap.min", "theme")+`.css"`) + "\n")
	if g.chance(0.3) {
		b.WriteString("<style>.sr-only{position:absolute;width:1px;height:1px;overflow:hidden}.help{cursor:help}</style>\n")
	}
	b.WriteString(popupStyle)
	b.WriteString("</head>\n")
	fmt.Fprintf(b, "<body class=\"%s\">\n", g.pick("scheda-processo", "page-scheda", "single single-processo", "aspx"))
	if g.chance(0.25) {
		// A cookie consent notice first in the page.
		g.use("chrome:cookie-notice")
		fmt.Fprintf(b, `<div %s><p>Questo sito utilizza cookie tecnici e, previo consenso, cookie analitici di terze parti.</p>%s</div>%s`,
			g.pick(`id="cookieBar" class="cookie-bar"`, `class="cookie-notice" role="dialog"`, `id="cookie-law-info-bar"`), g.void("input", `type="submit" value="Accetto"`), g.nl())
	}
	g.drawnSpaces = g.chance(0.15)
	if g.drawnSpaces {
		g.use("ws:drawn-space")
	}
}

// header writes the site header, the title, the call to action and the
// badges, in the shapes the hand-written layouts use.
func (g *gen) header(b *strings.Builder) {
	p := g.p
	region := g.pick("p", "div", "td")
	switch region {
	case "td":
		r := "&nbsp;"
		if p.Region != "" {
			r = esc(p.Region)
		}
		b.WriteString(`<table class="testata" width="100%" border="0"><tr><td class="regione">` + r +
			`</td><td class="servizi" align="right"><a href="contatti">Contatti</a></td></tr></table>` + "\n")
	case "p":
		b.WriteString("<header>\n")
		if p.Region != "" {
			b.WriteString(`<p class="regione">` + esc(p.Region) + "</p>\n")
		}
	default:
		b.WriteString("<div class=\"top\">\n")
		if p.Region != "" {
			b.WriteString(`<div class="header-regione">` + esc(p.Region) + "</div>\n")
		}
	}
	if p.Region != "" {
		g.use("region:" + region)
	}
	b.WriteString(`<p class="sito"><a href="/">Osservatorio Partecipazione</a></p>` + "\n")
	if g.chance(0.3) {
		// A line of links only: the login.
		g.use("chrome:login-line")
		b.WriteString(`<div class="loginDisplay">[ <a href="/Account/Login.aspx">Accedi</a> ]</div>` + "\n")
	}
	nav := []string{"Home", "Processi", "Partecipanti", "Mappa", "Link", "Contatti"}
	if g.chance(0.5) {
		b.WriteString("<nav><ul>")
		for _, n := range nav {
			fmt.Fprintf(b, `<li><a href="/%s">%s</a></li>`, strings.ToLower(n), n)
		}
		b.WriteString("</ul></nav>\n")
	} else {
		b.WriteString(`<div class="menu">`)
		for i, n := range nav {
			if i > 0 {
				b.WriteString(" | ")
			}
			fmt.Fprintf(b, `<a href="/%s">%s</a>`, strings.ToLower(n), n)
		}
		b.WriteString("</div>\n")
	}
	switch region {
	case "p":
		b.WriteString("</header>\n")
	case "div":
		b.WriteString("</div>\n")
	}

	depth := g.intn(4)
	if depth == 0 {
		g.use("wrap:none")
	} else if depth == 3 {
		g.use("wrap:deep")
	}
	for i := 0; i < depth; i++ {
		fmt.Fprintf(b, "<div class=\"%s\">%s", g.pick("container", "row", "col-md-12", "content", "main", "page-body", "wrapper"), g.nl())
	}
	b.WriteString("<main id=\"contenuto\">" + g.nl())
	wrapEnd := strings.Repeat("</div>"+g.nl(), depth)
	g.wrapEnd = "</main>" + g.nl() + wrapEnd

	if g.chance(0.75) {
		g.use("title:h1")
		fmt.Fprintf(b, "<h1%s>%s</h1>%s", g.pick("", ` class="titolo"`, ` class="page-title"`), esc(p.Title), g.nl())
	} else {
		g.use("title:head-only")
		if g.chance(0.5) {
			fmt.Fprintf(b, `<div class="titolo-processo">%s</div>%s`, esc(p.Title), g.nl())
		}
	}
	cta := fmt.Sprintf(`<p class="cta">%s <a class="button" href="/integra-informazioni?processo=%d">%s</a></p>`, esc(ctaQuestion), p.ID, esc(ctaAction))
	ctaFirst := g.chance(0.5)
	if ctaFirst {
		b.WriteString(cta + g.nl())
	}
	g.badges(b)
	if !ctaFirst {
		b.WriteString(cta + g.nl())
	}
}

func (g *gen) badges(b *strings.Builder) {
	names := badgeNames(g.p)
	if len(names) == 0 {
		return
	}
	kind := g.pick("span", "img", "label", "text")
	g.use("badges:" + kind)
	switch kind {
	case "span":
		b.WriteString(`<div class="badges">`)
		for _, n := range names {
			fmt.Fprintf(b, `<span class="badge">%s</span>`, esc(n))
		}
		b.WriteString("</div>")
	case "img":
		b.WriteString(`<div class="badges">`)
		for i, n := range names {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(g.void("img", fmt.Sprintf(`src="/img/%s.png" alt="%s"`, strings.ToLower(n), esc(n))))
		}
		b.WriteString("</div>")
	case "label":
		b.WriteString(`<div class="badges">`)
		for i, n := range names {
			if i > 0 {
				b.WriteString(" ")
			}
			fmt.Fprintf(b, `<span class="label label-success">%s</span>`, esc(n))
		}
		b.WriteString("</div>")
	default:
		fmt.Fprintf(b, `<p class="badges">%s</p>`, esc(strings.Join(names, " ")))
	}
	b.WriteString(g.nl())
}

// sections writes the record's sections and the last-modified date.
func (g *gen) sections(b *strings.Builder) {
	secs := g.p.Sections
	tabs := len(secs) > 1 && g.chance(0.15)
	class := ""
	if tabs {
		// One tab per section: a strip of the sections' names, and a panel
		// each, all but the first hidden until its tab is chosen.
		g.use("wrap:tabs")
		class = g.pick("rmpView", "tab-pane", "tabcontent")
		b.WriteString(`<ul class="` + g.pick("rtsUL", "nav nav-tabs", "tabs") + `">`)
		for _, s := range secs {
			b.WriteString(`<li><a href="#">` + esc(s.Name) + `</a></li>`)
		}
		b.WriteString("</ul>" + g.nl() + `<div class="` + g.pick("RadMultiPage", "tab-content", "tabs-body") + `">` + g.nl())
	}
	for i, s := range secs {
		if tabs {
			attrs := ` class="` + class + `"`
			if g.chance(0.5) {
				attrs += ` role="tabpanel"`
			}
			if i > 0 {
				attrs += g.pick(` style="display:none;"`, ` style="display: none"`)
			}
			b.WriteString("<div" + attrs + ">" + g.nl())
		}
		g.section(b, s, i == len(secs)-1)
		if tabs {
			b.WriteString("</div>" + g.nl())
		}
	}
	if tabs {
		b.WriteString("</div>" + g.nl())
	}
	if g.p.LastModified != "" && !g.lastModDone {
		if g.chance(0.2) {
			g.use("lastmod:footer")
			g.lastModFooter = true // the page's footer says it
		} else if g.chance(0.5) {
			g.use("lastmod:text")
			fmt.Fprintf(b, "<p class=\"%s\">%s %s</p>%s", g.pick("ultima-modifica", "small", "meta"), lastModPrefix, esc(g.p.LastModified), g.nl())
		} else {
			g.use("lastmod:time")
			fmt.Fprintf(b, "<p><small>%s <time datetime=\"%s\">%s</time></small></p>%s", lastModPrefix, isoDate(g.p.LastModified), esc(g.p.LastModified), g.nl())
		}
	}
	b.WriteString(g.wrapEnd)
}

// isoDate turns dd/mm/yyyy into yyyy-mm-dd; other text is returned as is.
func isoDate(d string) string {
	parts := strings.Split(d, "/")
	if len(parts) != 3 || len(parts[0]) != 2 || len(parts[1]) != 2 || len(parts[2]) != 4 {
		return d
	}
	return parts[2] + "-" + parts[1] + "-" + parts[0]
}

func (g *gen) footer(b *strings.Builder) {
	b.WriteString("<footer>" + g.nl())
	b.WriteString(`<p><a href="/crediti">Crediti</a> &middot; <a href="/contatti">Contatti</a> &middot; <a href="/privacy">Privacy</a></p>` + g.nl())
	b.WriteString("<p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p>" + g.nl())
	if g.lastModFooter {
		fmt.Fprintf(b, "<p class=\"%s\">%s %s</p>%s", g.pick("updated", "small"), lastModPrefix, esc(g.p.LastModified), g.nl())
	}
	b.WriteString("</footer>\n")
	if g.chance(0.4) {
		b.WriteString("<script>document.documentElement.className += ' js';</script>\n")
	}
	b.WriteString("</body>\n</html>\n")
}

// encode writes out entities if the page uses them, then encodes the page.
func (g *gen) encode(doc string) ([]byte, error) {
	if !utf8.ValidString(doc) {
		return nil, fmt.Errorf("document is not valid UTF-8")
	}
	switch g.intn(7) {
	case 0:
		g.use("ent:named")
		doc = entities(doc, true)
	case 1:
		g.use("ent:numeric")
		doc = entities(doc, false)
	}
	if g.enc == "windows-1252" {
		return encodeCharmap(doc, charmap.Windows1252, nil)
	}
	if g.decl == "bom" {
		return append([]byte("\xef\xbb\xbf"), doc...), nil
	}
	return []byte(doc), nil
}

// namedEntities are the HTML named references old CMSes write for the
// characters of the record texts.
var namedEntities = map[rune]string{
	'à': "&agrave;", 'è': "&egrave;", 'é': "&eacute;", 'ì': "&igrave;", 'ò': "&ograve;",
	'ù': "&ugrave;", 'À': "&Agrave;", 'È': "&Egrave;", 'É': "&Eacute;", 'Ì': "&Igrave;",
	'Ò': "&Ograve;", 'Ù': "&Ugrave;", '€': "&euro;", '’': "&rsquo;", '‘': "&lsquo;",
	'“': "&ldquo;", '”': "&rdquo;", '–': "&ndash;", '—': "&mdash;", '°': "&deg;",
	'«': "&laquo;", '»': "&raquo;", '…': "&hellip;", '\u00a0': "&nbsp;",
}

// entities replaces every non-ASCII character of doc with a character
// reference: named where HTML has a name and named is set, numeric
// otherwise. Non-ASCII characters occur only in text and attribute
// values, where references are decoded.
func entities(doc string, named bool) string {
	var b strings.Builder
	b.Grow(len(doc))
	for _, r := range doc {
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case named && namedEntities[r] != "":
			b.WriteString(namedEntities[r])
		default:
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.String()
}
