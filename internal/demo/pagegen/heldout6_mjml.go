package pagegen

import (
	"fmt"
	"strings"
)

// Texts of the notification e-mail: the value shown for an empty field,
// the heading of the other records after the record and the button to
// the record.
const (
	mjmlEmpty  = "Non disponibile"
	mjmlOthers = "Altre schede aggiornate questa settimana"
	mjmlButton = "Apri la scheda sull'Osservatorio"
)

// Inline styles of the e-mail's texts: labels and values differ only in
// them.
const (
	mjmlFont    = "font-family:Helvetica,Arial,sans-serif;"
	mjmlLabel   = mjmlFont + "font-size:11px;letter-spacing:1px;line-height:1;text-align:left;text-transform:uppercase;color:#8a8a8a;"
	mjmlValue   = mjmlFont + "font-size:16px;line-height:1.4;text-align:left;color:#222222;"
	mjmlHeading = mjmlFont + "font-size:20px;font-weight:bold;line-height:1.2;text-align:left;color:#0b5394;"
	mjmlMuted   = mjmlFont + "font-size:16px;font-style:italic;line-height:1.4;text-align:left;color:#aaaaaa;"
)

// mjmlText writes an mj-text: a table row whose cell holds a styled div.
func mjmlText(b *strings.Builder, padding, style, inner string) {
	fmt.Fprintf(b, `<tr><td align="left" style="font-size:0px;padding:%s;word-break:break-word;"><div style="%s">%s</div></td></tr>`+"\n", padding, style, inner)
}

// mjmlImage writes an mj-image.
func mjmlImage(b *strings.Builder, src string) {
	fmt.Fprintf(b, `<tr><td align="left" style="font-size:0px;padding:4px 25px 12px;word-break:break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0px;"><tbody><tr><td style="width:300px;"><img alt="" height="auto" src="%s" style="border:0;display:block;outline:none;text-decoration:none;height:auto;width:100%%;font-size:13px;" width="300"></td></tr></tbody></table></td></tr>`+"\n", esc(src))
}

// mjmlSection opens an mj-section with one full-width column, with the
// Outlook tables around it in conditional comments.
func mjmlSection(b *strings.Builder, bg string) {
	fmt.Fprintf(b, `<!--[if mso | IE]><table align="center" border="0" cellpadding="0" cellspacing="0" class="" role="presentation" style="width:600px;" width="600" bgcolor="%[1]s"><tr><td style="line-height:0px;font-size:0px;mso-line-height-rule:exactly;"><![endif]-->
<div style="background:%[1]s;background-color:%[1]s;margin:0px auto;max-width:600px;"><table align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" style="background:%[1]s;background-color:%[1]s;width:100%%;"><tbody><tr><td style="direction:ltr;font-size:0px;padding:16px 0;text-align:center;">
<!--[if mso | IE]><table role="presentation" border="0" cellpadding="0" cellspacing="0"><tr><td class="" style="vertical-align:top;width:600px;"><![endif]-->
<div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0px;text-align:left;direction:ltr;display:inline-block;vertical-align:top;width:100%%;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="vertical-align:top;" width="100%%"><tbody>
`, bg)
}

// mjmlEnd closes what mjmlSection opened.
func mjmlEnd(b *strings.Builder) {
	b.WriteString(`</tbody></table></div>
<!--[if mso | IE]></td></tr></table><![endif]-->
</td></tr></tbody></table></div>
<!--[if mso | IE]></td></tr></table><![endif]-->
`)
}

// renderMJML6 writes the web version ("view in browser") of the e-mail
// the observatory sends to the followers of a record when it changes,
// built with MJML: the hidden preheader, the logo, a greeting, the title,
// the region and the badges, then per section a heading and for each
// field a small grey uppercase label above its value (only their inline
// styles tell them apart), images as mj-image blocks, the last-modified
// date, a button to the record, teasers of two other updated records
// with their own labels and values, and the footer with the links to
// unsubscribe.
func renderMJML6(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html lang="it" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<title>Aggiornata: %[1]s</title>
<!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" content="IE=edge"><!--<![endif]-->
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style type="text/css">#outlook a { padding:0; } body { margin:0;padding:0;-webkit-text-size-adjust:100%%;-ms-text-size-adjust:100%%; } table, td { border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt; } img { border:0;height:auto;line-height:100%%; outline:none;text-decoration:none;-ms-interpolation-mode:bicubic; } p { display:block;margin:13px 0; }</style>
<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->
<!--[if lte mso 11]><style type="text/css">.mj-outlook-group-fix { width:100%% !important; }</style><![endif]-->
<style type="text/css">@media only screen and (min-width:480px) { .mj-column-per-100 { width:100%% !important; max-width: 100%%; } }</style>
</head>
<body style="word-spacing:normal;background-color:#f4f4f4;">
<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">La scheda che segui è cambiata: %[1]s</div>
<div style="background-color:#f4f4f4;" lang="it" dir="auto">
`, esc(p.Title))
	mjmlSection(b, "#ffffff")
	fmt.Fprintf(b, `<tr><td align="left" style="font-size:0px;padding:10px 25px;word-break:break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0px;"><tbody><tr><td style="width:160px;"><a href="https://www.osservatoriopartecipazione.it/" target="_blank"><img alt="Osservatorio Partecipazione" height="auto" src="https://www.osservatoriopartecipazione.it/img/logo-mail.png" style="border:0;display:block;outline:none;text-decoration:none;height:auto;width:100%%;font-size:13px;" width="160"></a></td></tr></tbody></table></td></tr>
`)
	mjmlText(b, "10px 25px", mjmlValue, "Ciao,<br>la scheda che segui è stata aggiornata. Ecco come appare ora.")
	mjmlText(b, "10px 25px 4px", mjmlFont+"font-size:24px;font-weight:bold;line-height:1.2;text-align:left;color:#222222;", esc(p.Title))
	if tags := h6Tags(p); len(tags) > 0 {
		mjmlText(b, "0 25px 10px", mjmlFont+"font-size:13px;line-height:1.4;text-align:left;color:#0b5394;", esc(strings.Join(tags, " · ")))
	}
	mjmlEnd(b)
	for _, s := range p.Sections {
		mjmlSection(b, "#ffffff")
		mjmlText(b, "10px 25px 12px", mjmlHeading, esc(s.Name))
		for _, f := range s.Fields {
			mjmlText(b, "8px 25px 4px", mjmlLabel, esc(f.Label))
			mjmlValueRows(b, f)
		}
		mjmlEnd(b)
	}
	mjmlSection(b, "#ffffff")
	if p.LastModified != "" {
		mjmlText(b, "10px 25px", mjmlFont+"font-size:12px;line-height:1.4;text-align:left;color:#8a8a8a;", lastModPrefix+" "+esc(p.LastModified))
	}
	fmt.Fprintf(b, `<tr><td align="left" vertical-align="middle" style="font-size:0px;padding:10px 25px 20px;word-break:break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%%;"><tbody><tr><td align="center" bgcolor="#0b5394" role="presentation" style="border:none;border-radius:3px;cursor:auto;mso-padding-alt:10px 25px;background:#0b5394;" valign="middle"><a href="%s?utm_source=notifica&amp;utm_medium=email" style="display:inline-block;background:#0b5394;color:#ffffff;%sfont-size:14px;font-weight:bold;line-height:120%%;margin:0;text-decoration:none;text-transform:none;padding:10px 25px;mso-padding-alt:0px;border-radius:3px;" target="_blank">%s</a></td></tr></tbody></table></td></tr>
`, esc(p.URL), mjmlFont, esc(mjmlButton))
	mjmlEnd(b)
	mjmlSection(b, "#eef3f8")
	mjmlText(b, "10px 25px", mjmlHeading, mjmlOthers)
	for _, o := range []struct{ title, status, nature string }{
		{"Bilancio partecipativo giovani", "In corso", "Processo certificato e finanziato"},
		{"Piazze in comune", "Concluso", "Processo certificato non finanziato"},
	} {
		mjmlText(b, "10px 25px 4px", mjmlFont+"font-size:16px;font-weight:bold;line-height:1.2;text-align:left;color:#222222;", esc(o.title))
		mjmlText(b, "4px 25px 2px", mjmlLabel, "Stato di avanzamento")
		mjmlText(b, "0 25px 4px", mjmlValue, esc(o.status))
		mjmlText(b, "4px 25px 2px", mjmlLabel, "Natura Processo")
		mjmlText(b, "0 25px 10px", mjmlValue, esc(o.nature))
	}
	mjmlEnd(b)
	mjmlSection(b, "#f4f4f4")
	mjmlText(b, "10px 25px", mjmlFont+"font-size:11px;line-height:1.4;text-align:center;color:#8a8a8a;", `Ricevi questa e-mail perché segui questa scheda sull'Osservatorio Partecipazione.<br><a href="https://www.osservatoriopartecipazione.it/notifiche/disiscriviti?t=`+h3ID(p.URL+"#unsub", 24)+`" style="color:#8a8a8a;">Smetti di seguire</a> · <a href="https://www.osservatoriopartecipazione.it/notifiche/preferenze" style="color:#8a8a8a;">Preferenze</a>`)
	mjmlEnd(b)
	b.WriteString("</div>\n</body>\n</html>\n")
}

// mjmlValueRows writes a field's value: a text block with lines and list
// items separated by <br>, the map's caption in the label's style above
// its image, images as mj-image blocks, "Non disponibile" in muted italics
// when empty.
func mjmlValueRows(b *strings.Builder, f Field) {
	if isEmpty(f) {
		mjmlText(b, "0 25px 8px", mjmlMuted, mjmlEmpty)
		return
	}
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			mjmlText(b, "0 25px 8px", mjmlValue, strings.Join(lines, "<br>"))
			lines = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			flush()
			mjmlImage(b, absURL(pt.text))
		case "map":
			flush()
			mjmlText(b, "0 25px 2px", mjmlLabel, esc(pt.text))
		default:
			lines = append(lines, h6Text(pt.text))
		}
	}
	flush()
}
