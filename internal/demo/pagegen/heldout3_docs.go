package pagegen

import (
	"fmt"
	"strings"
)

// gdocsRedirect is a link as a published Google Docs document writes it:
// through the www.google.com/url redirect, the target in the q parameter.
func gdocsRedirect(target string) string {
	q := strings.NewReplacer("%", "%25", "&", "%26", "=", "%3D", "#", "%23", " ", "%20").Replace(target)
	return "https://www.google.com/url?q=" + q + "&sa=D&source=editors&ust=1709461234567000&usg=AOvVaw" + h3ID(target, 22)
}

// gdocsLink renders a link run of a published document whose text is
// the address itself, as typed.
func gdocsLink(target string) string { return gdocsLinkText(target, target) }

// gdocsLinkText renders a link run with text of its own.
func gdocsLinkText(target, text string) string {
	return `<span class="c9"><a class="c8" href="` + esc(gdocsRedirect(target)) + `">` + esc(text) + `</a></span>`
}

// gdocsStyle is the style sheet Google Docs writes into a published
// document: what is bold, what is a title or a heading exists only here.
const gdocsStyle = `<style type="text/css">@import url(https://themes.googleusercontent.com/fonts/css?kit=fpjTOVmNbO4Lz34iLyptLUXza5VhXFFA0XhElLl6fD8);ul.lst-kix_h3list-0{list-style-type:none}.lst-kix_h3list-0>li:before{content:"\0025cf   "}ol{margin:0;padding:0}table td,table th{padding:0}.c4{height:0pt}.c15{border-right-style:solid;padding:5pt 5pt 5pt 5pt;border-bottom-color:#000000;border-top-width:1pt;width:160.5pt;border-top-color:#000000;vertical-align:top}.c17{border-right-style:solid;padding:5pt 5pt 5pt 5pt;width:307.5pt;vertical-align:top}.c2{color:#000000;font-weight:700;text-decoration:none;vertical-align:baseline;font-size:11pt;font-family:"Arial";font-style:normal}.c1{color:#000000;font-weight:400;text-decoration:none;vertical-align:baseline;font-size:11pt;font-family:"Arial";font-style:normal}.c11{font-weight:400;font-size:26pt;font-family:"Arial"}.c14{color:#666666;font-size:15pt;font-family:"Arial"}.c13{font-weight:400;font-size:16pt;font-family:"Arial"}.c0{padding-top:0pt;padding-bottom:0pt;line-height:1.15;orphans:2;widows:2;text-align:left;height:11pt}.c5{padding-top:0pt;padding-bottom:0pt;line-height:1.15;text-align:left}.c6{height:11pt}.c10{padding-top:18pt;padding-bottom:6pt;line-height:1.15;page-break-after:avoid;text-align:left}.c16{border-spacing:0;border-collapse:collapse;margin-right:auto}.c8{color:inherit;text-decoration:inherit}.c9{color:#1155cc;text-decoration:underline}.c12{background-color:#ffffff;max-width:468pt;padding:72pt 72pt 72pt 72pt}.c18{padding:0;margin:0}.c19{margin-left:36pt;padding-left:0pt}.title{padding-top:0pt;color:#000000;font-size:26pt;padding-bottom:3pt;font-family:"Arial";line-height:1.15;page-break-after:avoid;text-align:left}.subtitle{padding-top:0pt;color:#666666;font-size:15pt;padding-bottom:16pt;font-family:"Arial";line-height:1.15;page-break-after:avoid;text-align:left}li{color:#000000;font-size:11pt;font-family:"Arial"}p{margin:0;color:#000000;font-size:11pt;font-family:"Arial"}h2{padding-top:18pt;color:#000000;font-size:16pt;padding-bottom:6pt;font-family:"Arial";line-height:1.15;page-break-after:avoid;text-align:left}</style>`

// renderGDocs3 writes a Google Docs document published to the web, as an
// editor types a record into it: the title and region in the Title and
// Subtitle styles, the sections as Heading 2, and a two-column table per
// section whose label cells are bold by class only.
func renderGDocs3(b *strings.Builder, p *Page) {
	docID := "2PACX-1vR" + h3ID(p.URL, 16) + h3ID(p.Title, 16)
	fmt.Fprintf(b, `<!DOCTYPE html><html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><meta name="viewport" content="width=device-width, initial-scale=1"><meta property="og:title" content="%s"><title>%s</title><link rel="shortcut icon" href="https://ssl.gstatic.com/docs/documents/images/kix-favicon-2023q4.ico"><style>body{margin:0}#header{padding:16px 24px}#title{font-size:20px}#interval{color:#666}#contents{max-width:800px;margin:auto}#footer{font-size:12px}</style></head><body><div id="header"><div id="title">%s</div><div id="interval"><span>Aggiornato automaticamente ogni 5 minuti</span></div></div><div id="contents">%s<div class="c12 doc-content">`,
		esc(p.Title), esc(p.Title), esc(p.Title), gdocsStyle)
	fmt.Fprintf(b, `<p class="c5 title" id="h.%s"><span class="c11">%s</span></p>`, h3ID(p.Title, 12), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<p class="c5 subtitle" id="h.%s"><span class="c14">%s</span></p>`, h3ID(p.Region, 12), esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString(`<p class="c5">`)
		for i, name := range n {
			if i > 0 {
				b.WriteString(`<span class="c1">&nbsp;&nbsp;&nbsp;</span>`)
			}
			fmt.Fprintf(b, `<span class="c2">%s</span>`, esc(name))
		}
		b.WriteString(`</p>`)
	}
	fmt.Fprintf(b, `<p class="c5"><span class="c1">%s </span>%s</p><p class="c5 c6"><span class="c1"></span></p>`,
		esc(ctaQuestion), gdocsLinkText(fmt.Sprintf("https://www.osservatoriopartecipazione.it/integra?processo=%d", p.ID), ctaAction))
	for _, s := range p.Sections {
		fmt.Fprintf(b, `<h2 class="c10" id="h.%s"><span class="c13">%s</span></h2><a id="t.%s"></a><a id="t.%d"></a><table class="c16">`, h3ID(s.Name+p.URL, 12), esc(s.Name), h3ID(s.Name, 40), h3Hash(s.Name)%97)
		for _, f := range s.Fields {
			fmt.Fprintf(b, `<tr class="c4"><td class="c15" colspan="1" rowspan="1"><p class="c5"><span class="c2">%s</span></p></td><td class="c17" colspan="1" rowspan="1">%s</td></tr>`, esc(f.Label), gdocsValue(f))
		}
		b.WriteString(`</table><p class="c5 c6"><span class="c1"></span></p>`)
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, `<p class="c5"><span class="c1">%s %s</span></p>`, lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `</div></div><div id="footer"><div id="footer-right"><a href="https://docs.google.com/document/d/e/%s/pub" title="Scopri di più su Documenti Google">Pubblicato utilizzando Documenti Google</a><span class="dash">&ndash;</span><a href="https://docs.google.com/abuse?id=%s" title="Segnala abuso">Segnala abuso</a><span class="dash">&ndash;</span><span>Aggiornato automaticamente ogni 5 minuti</span></div></div><script nonce="%s">window.viewerData = {config: {"id": "%s"}};</script></body></html>
`, docID, docID, h3ID(docID, 22), docID)
}

// gdocsValue renders a value cell: one paragraph per line with one span
// per run, typed URLs as redirect links, lists as Docs bullets, an empty
// cell as an empty paragraph.
func gdocsValue(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<ul class="c18 lst-kix_h3list-0 start">`+strings.Join(items, "")+`</ul>`)
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "map":
			flush()
			out = append(out, `<p class="c5"><span class="c1">`+mapLine+`</span></p>`)
		case "img":
			flush()
			out = append(out, `<p class="c5">`+gdocsLink(absURL(pt.text))+`</p>`)
		case "item":
			items = append(items, `<li class="c5 c19 li-bullet-0"><span class="c1">`+esc(pt.text)+`</span></li>`)
		default:
			flush()
			run := `<span class="c1">` + h3Autolink(pt.text, func(u string) string {
				return `</span>` + gdocsLink(u) + `<span class="c1">`
			}) + `</span>`
			out = append(out, `<p class="c5">`+strings.ReplaceAll(run, `<span class="c1"></span>`, "")+`</p>`)
		}
	}
	flush()
	if len(out) == 0 {
		return `<p class="c5 c6"><span class="c1"></span></p>`
	}
	return strings.Join(out, "")
}

// newsletterTrack is a link of the newsletter through the mailing
// service's click tracking.
func newsletterTrack(target string) string {
	return "https://osservatorio.us21.list-manage.com/track/click?u=4f1e2d3c5b6a79881726354a&id=" + h3ID(target, 10) + "&e=8c1f0a2b3d"
}

const (
	nlFont  = "font-family:Helvetica,Arial,sans-serif;"
	nlLabel = `style="padding:6px 10px 6px 0;` + nlFont + `font-size:14px;line-height:20px;font-weight:bold;color:#1d1d1b;border-bottom:1px solid #e3e3e3;"`
	nlValue = `style="padding:6px 0;` + nlFont + `font-size:14px;line-height:20px;color:#333333;border-bottom:1px solid #e3e3e3;"`
)

// renderNewsletter3 writes the web version of an e-mail newsletter that
// presents one record: layout tables nested three deep, inline styles,
// a hidden preheader, Outlook conditional comments, label cells in bold
// beside value cells (or above them for long texts), list items in bullet
// tables, and the fields the template's conditions leave out when empty.
func renderNewsletter3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="x-apple-disable-message-reformatting">
<title>Il processo del mese: %s</title>
<!--[if mso]><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml><![endif]-->
<style type="text/css">body{margin:0;padding:0}table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt}img{border:0;outline:none;text-decoration:none}@media only screen and (max-width:480px){.stack{display:block!important;width:100%%!important}.container{width:100%%!important}}</style>
</head>
<body style="margin:0;padding:0;background-color:#eeeeee;">
<div style="display:none;font-size:1px;color:#eeeeee;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;mso-hide:all;">%s%s</div>
<center>
<table role="presentation" width="100%%" cellpadding="0" cellspacing="0" border="0" bgcolor="#eeeeee"><tr><td align="center" valign="top" style="padding:20px 10px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" align="center"><tr><td width="600"><![endif]-->
<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:600px;background-color:#ffffff;">
<tr><td align="right" style="padding:10px 24px;%sfont-size:11px;color:#777777;"><a href="https://us21.campaign-archive.com/?u=4f1e2d3c5b6a79881726354a&amp;id=%s" style="color:#777777;">Visualizza nel browser</a></td></tr>
<tr><td bgcolor="#005a9c" style="padding:20px 24px;"><a href="%s"><img src="https://mcusercontent.com/4f1e2d3c5b6a79881726354a/images/logo-osservatorio.png" width="180" alt="Osservatorio Partecipazione" style="display:block;border:0;"></a></td></tr>
<tr><td style="padding:24px 24px 0 24px;%sfont-size:12px;color:#005a9c;text-transform:uppercase;letter-spacing:1px;">Il processo del mese</td></tr>
`, esc(p.Title), esc(newsletterPreheader(p)), strings.Repeat("&zwnj;&nbsp;&#847; ", 40), nlFont, h3ID(p.URL, 10), esc(newsletterTrack("https://www.osservatoriopartecipazione.it/")), nlFont)
	if p.Region != "" {
		fmt.Fprintf(b, "<tr><td style=\"padding:4px 24px 0 24px;%sfont-size:13px;color:#555555;\">%s</td></tr>\n", nlFont, esc(p.Region))
	}
	fmt.Fprintf(b, "<tr><td style=\"padding:8px 24px 0 24px;\"><h1 style=\"margin:0;%sfont-size:24px;line-height:30px;color:#1d1d1b;\">%s</h1></td></tr>\n", nlFont, esc(p.Title))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<tr><td style=\"padding:10px 24px 0 24px;\">")
		for _, name := range n {
			fmt.Fprintf(b, "<span style=\"display:inline-block;background-color:#2e7d32;color:#ffffff;%sfont-size:12px;padding:2px 8px;border-radius:3px;\">%s</span>&nbsp;", nlFont, esc(name))
		}
		b.WriteString("</td></tr>\n")
	}
	fmt.Fprintf(b, `<tr><td style="padding:16px 24px;%sfont-size:14px;color:#333333;">%s<br>
<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="%s" style="height:36px;v-text-anchor:middle;width:220px;" arcsize="10%%" fillcolor="#005a9c"><center style="color:#ffffff;">%s</center></v:roundrect><![endif]-->
<!--[if !mso]><!--><a href="%s" style="display:inline-block;margin-top:8px;background-color:#005a9c;color:#ffffff;padding:8px 16px;border-radius:4px;text-decoration:none;">%s</a><!--<![endif]-->
</td></tr>
`, nlFont, esc(ctaQuestion), esc(newsletterTrack("integra")), esc(ctaAction), esc(newsletterTrack("integra")), esc(ctaAction))
	for _, s := range p.Sections {
		var shown []Field
		for _, f := range s.Fields {
			if !isEmpty(f) {
				shown = append(shown, f)
			}
		}
		if len(shown) == 0 {
			continue
		}
		fmt.Fprintf(b, "<tr><td style=\"padding:20px 24px 6px 24px;border-bottom:2px solid #005a9c;\"><h2 style=\"margin:0;%sfont-size:18px;color:#005a9c;\">%s</h2></td></tr>\n<tr><td style=\"padding:0 24px;\">\n<table role=\"presentation\" width=\"100%%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n", nlFont, esc(s.Name))
		for _, f := range shown {
			if h3Long(f) {
				fmt.Fprintf(b, "<tr><td colspan=\"2\" %s>%s</td></tr>\n<tr><td colspan=\"2\" %s>%s</td></tr>\n", strings.Replace(nlLabel, "border-bottom:1px solid #e3e3e3;", "padding-top:14px;", 1), esc(f.Label), nlValue, newsletterValue(f))
				continue
			}
			fmt.Fprintf(b, "<tr><td class=\"stack\" width=\"40%%\" valign=\"top\" %s>%s</td><td class=\"stack\" width=\"60%%\" valign=\"top\" %s>%s</td></tr>\n", nlLabel, esc(f.Label), nlValue, newsletterValue(f))
		}
		b.WriteString("</table>\n</td></tr>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<tr><td style=\"padding:12px 24px;%sfont-size:12px;color:#777777;\">%s %s</td></tr>\n", nlFont, lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<tr><td class="footerContent" style="padding:20px 24px;background-color:#f4f4f4;%sfont-size:11px;line-height:16px;color:#777777;">Ricevi questa e-mail perché sei iscritto alla newsletter dell'Osservatorio Partecipazione.<br><a href="%s" style="color:#777777;">Aggiorna le preferenze</a> &middot; <a href="%s" style="color:#777777;">Annulla l'iscrizione</a></td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table>
</center>
<img src="https://osservatorio.us21.list-manage.com/track/open.php?u=4f1e2d3c5b6a79881726354a&amp;id=%s&amp;e=8c1f0a2b3d" height="1" width="1" alt="" style="display:none">
</body>
</html>
`, nlFont, esc(newsletterTrack("profile")), esc(newsletterTrack("unsubscribe")), h3ID(p.URL, 10))
}

// newsletterPreheader is the preview text mail clients show after the
// subject: the first short fields as "Label: value".
func newsletterPreheader(p *Page) string {
	var out []string
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if len(out) < 3 && len(f.Lines) == 1 && !h3Long(f) && !isImagePath(f.Lines[0]) {
				out = append(out, f.Label+": "+f.Lines[0])
			}
		}
	}
	return strings.Join(out, " · ")
}

// newsletterValue renders a value cell: text, images with absolute
// sources, and list items in a bullet table.
func newsletterValue(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<table role="presentation" cellpadding="0" cellspacing="0" border="0">`+strings.Join(items, "")+`</table>`)
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "map":
			flush()
			out = append(out, `<span style="font-size:12px;color:#777777;">`+mapLine+`</span>`)
		case "img":
			flush()
			out = append(out, `<img src="`+esc(absURL(pt.text))+`" width="300" alt="" style="display:block;border:0;max-width:100%;height:auto;">`)
		case "item":
			items = append(items, `<tr><td valign="top" style="width:14px;`+nlFont+`font-size:14px;line-height:20px;color:#005a9c;">&bull;</td><td valign="top" style="`+nlFont+`font-size:14px;line-height:20px;color:#333333;">`+esc(pt.text)+`</td></tr>`)
		default:
			flush()
			out = append(out, esc(pt.text))
		}
	}
	flush()
	return strings.Join(out, "<br>")
}
