package pagegen

import (
	"fmt"
	"strings"
)

// joomlaUpdated starts the line after the article; joomlaUnderline is the
// style that tells a label from its value.
const (
	joomlaUpdated   = "Ultimo aggiornamento"
	joomlaUnderline = "text-decoration: underline;"
)

// joomlaNamed are the named references TinyMCE writes for the characters
// of Italian texts; other non-ASCII characters become numeric references.
var joomlaNamed = map[rune]string{
	'à': "agrave", 'á': "aacute", 'è': "egrave", 'é': "eacute", 'ì': "igrave", 'í': "iacute", 'ò': "ograve",
	'ó': "oacute", 'ù': "ugrave", 'ú': "uacute", 'À': "Agrave", 'È': "Egrave", 'É': "Eacute", 'Ì': "Igrave",
	'Ò': "Ograve", 'Ù': "Ugrave", '€': "euro", '’': "rsquo", '‘': "lsquo", '“': "ldquo", '”': "rdquo",
	'–': "ndash", '—': "mdash", '…': "hellip", '«': "laquo", '»': "raquo", '°': "deg", 'ç': "ccedil",
	'\u00a0': "nbsp", '·': "middot", 'ü': "uuml", 'ö': "ouml", 'ä': "auml", 'ñ': "ntilde", '•': "bull",
}

// encodeJoomla7 writes every non-ASCII character of doc as a character
// reference, named where TinyMCE names it, and returns the ASCII bytes.
func encodeJoomla7(doc string) ([]byte, error) {
	var b strings.Builder
	b.Grow(len(doc) + len(doc)/20)
	for _, r := range doc {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case joomlaNamed[r] != "":
			b.WriteString("&" + joomlaNamed[r] + ";")
		default:
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return encodeUTF8(b.String())
}

// renderJoomla7 writes a record as a Joomla 1.5 article in the
// rhuk_milkyway template: contentpaneopen tables, the title in a
// contentheading cell and no <h1>, buttons, menus and a login form
// around, labels underlined with the value after a <br> in the same
// paragraph, <base href> set to the page itself.
func renderJoomla7(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="it-it" lang="it-it" >
<head>
  <base href="%[2]s" />
  <meta http-equiv="content-type" content="text/html; charset=utf-8" />
  <meta name="robots" content="index, follow" />
  <meta name="keywords" content="partecipazione, processi partecipativi" />
  <meta name="generator" content="Joomla! 1.5 - Open Source Content Management" />
  <title>%[1]s</title>
  <link href="/index.php?format=feed&amp;type=rss" rel="alternate" type="application/rss+xml" title="RSS 2.0" />
  <script type="text/javascript" src="/media/system/js/mootools.js"></script>
  <script type="text/javascript" src="/media/system/js/caption.js"></script>
<link rel="stylesheet" href="/templates/rhuk_milkyway/css/template.css" type="text/css" />
<link rel="stylesheet" href="/templates/rhuk_milkyway/css/blue.css" type="text/css" />
</head>
<body id="page_bg" class="color_blue bg_blue width_fmax">
<a name="up" id="up"></a>
<div class="center" align="center">
	<div id="wrapper"><div id="wrapper_r">
		<div id="header"><div id="header_l"><div id="header_r">
			<div id="logo"></div>
		</div></div></div>
		<div id="tabarea"><div id="tabarea_l"><div id="tabarea_r"><div id="tabmenu">
		<table cellpadding="0" cellspacing="0" class="pill"><tr><td class="pill_l">&nbsp;</td><td class="pill_m"><div id="pillmenu">
			<ul id="mainlevel-nav"><li><a href="/index.php" class="mainlevel-nav" >Home</a></li><li><a href="/index.php?option=com_content&amp;view=category&amp;id=3&amp;Itemid=4" class="mainlevel-nav" >Schede</a></li><li><a href="/index.php?option=com_contact&amp;Itemid=5" class="mainlevel-nav" >Contatti</a></li></ul>
		</div></td><td class="pill_r">&nbsp;</td></tr></table>
		</div></div></div></div>
		<div id="search"></div>
		<div id="pathway"><span class="breadcrumbs pathway"><a href="/" class="pathway">Home</a> <img src="/templates/rhuk_milkyway/images/arrow.png" alt=""  /> <a href="/index.php?option=com_content&amp;view=category&amp;id=3&amp;Itemid=4" class="pathway">Schede</a> <img src="/templates/rhuk_milkyway/images/arrow.png" alt=""  /> %[1]s</span></div>
		<div class="clr"></div>
		<div id="whitebox"><div id="whitebox_t"><div id="whitebox_tl"><div id="whitebox_tr"></div></div></div>
		<div id="whitebox_m"><div id="area">
			<div id="leftcolumn">
				<div class="module_menu"><div><div><div><h3>Menu principale</h3>
				<ul class="menu"><li class="item1"><a href="/"><span>Home</span></a></li><li id="current" class="active item4"><a href="/index.php?option=com_content&amp;view=category&amp;id=3&amp;Itemid=4"><span>Schede dei processi</span></a></li><li class="item6"><a href="/index.php?option=com_weblinks&amp;Itemid=6"><span>Link utili</span></a></li></ul>
				</div></div></div></div>
				<div class="module"><div><div><div><h3>Login Form</h3>
				<form action="/index.php" method="post" name="login" id="form-login" >
				<fieldset class="input"><p id="form-login-username"><label for="modlgn_username">Nome utente</label><br /><input id="modlgn_username" type="text" name="username" class="inputbox" alt="username" size="18" /></p>
				<p id="form-login-password"><label for="modlgn_passwd">Password</label><br /><input id="modlgn_passwd" type="password" name="passwd" class="inputbox" size="18" alt="password" /></p>
				<p id="form-login-remember"><label for="modlgn_remember">Ricordami</label><input id="modlgn_remember" type="checkbox" name="remember" class="inputbox" value="yes" alt="Remember Me" /></p>
				<input type="submit" name="Submit" class="button" value="Login" /></fieldset>
				<ul><li><a href="/index.php?option=com_user&amp;view=reset">Password dimenticata?</a></li><li><a href="/index.php?option=com_user&amp;view=remind">Nome utente dimenticato?</a></li></ul>
				</form></div></div></div></div>
			</div>
			<div id="maincolumn">
				<table class="nopad"><tr valign="top"><td>
<table class="contentpaneopen">
<tr>
		<td class="contentheading" width="100%%">
					%[1]s			</td>
						<td align="right" width="100%%" class="buttonheading">
		<a href="/index.php?view=article&amp;id=%[3]d&amp;format=pdf" title="PDF" onclick="window.open(this.href,'win2','status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,resizable=yes,width=640,height=480,directories=no,location=no'); return false;" rel="nofollow"><img src="/images/M_images/pdf_button.png" alt="PDF"  /></a>		</td>
				<td align="right" width="100%%" class="buttonheading">
		<a href="/index.php?view=article&amp;id=%[3]d&amp;tmpl=component&amp;print=1&amp;layout=default&amp;page=" title="Stampa" onclick="window.open(this.href,'win2','status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,resizable=yes,width=640,height=480,directories=no,location=no'); return false;" rel="nofollow"><img src="/images/M_images/printButton.png" alt="Stampa"  /></a>		</td>
				<td align="right" width="100%%" class="buttonheading">
		<a href="/index.php?option=com_mailto&amp;tmpl=component&amp;link=aHR0cDovL3d3dy5leGFtcGxl" title="E-mail" onclick="window.open(this.href,'win2','width=400,height=350,menubar=yes,resizable=yes'); return false;"><img src="/images/M_images/emailButton.png" alt="E-mail"  /></a>		</td>
		</tr>
</table>

<table class="contentpaneopen">
<tr>
	<td valign="top" colspan="2">
`, esc(p.Title), esc(p.URL), p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<p><em>%s</em></p>\n", esc(p.Region))
	}
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString("<p>")
		for _, bd := range badges {
			fmt.Fprintf(b, `<img src="/images/stories/bollini/%s.png" border="0" alt="%s" title="%s" width="80" height="24" /> `, strings.ToLower(bd), esc(bd), esc(bd))
		}
		b.WriteString("</p>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<h3>%s</h3>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<p><span style=\"%s\">%s</span><br />", joomlaUnderline, esc(f.Label))
			parts := h7Lines(f)
			if len(parts) == 0 {
				b.WriteString("\u00a0")
			}
			b.WriteString(joinParts(parts, "<br />", func(pt part) string {
				if pt.kind == "img" {
					return `<img src="` + esc(pt.text) + `" border="0" width="320" height="240" />`
				}
				return h6Text(pt.text)
			}))
			b.WriteString("</p>\n")
		}
	}
	fmt.Fprintf(b, `</td>
</tr>
<tr>
	<td colspan="2" class="modifydate">
		%s Lunedì 17 Febbraio 2020 09:41	</td>
</tr>
</table>
<span class="article_separator">&nbsp;</span>
				</td></tr></table>
			</div>
			<div class="clr"></div>
		</div></div>
		<div id="whitebox_b"><div id="whitebox_bl"><div id="whitebox_br"></div></div></div>
		</div>
		<div id="footerspacer"></div>
	</div></div>
	<div id="footer"><div id="footer_l"><div id="footer_r">
		<p id="syndicate"><a href="/index.php?format=feed&amp;type=rss"><img src="/images/M_images/livemarks.png" alt="feed-image"  /> <span>Feed</span></a></p>
		<p id="power_by">Powered by <a href="http://www.joomla.org">Joomla!</a>.  valid <a href="http://validator.w3.org/check/referer">XHTML</a> and <a href="http://jigsaw.w3.org/css-validator/check/referer">CSS</a>.</p>
	</div></div></div>
</div>
</body>
</html>
`, joomlaUpdated)
}
