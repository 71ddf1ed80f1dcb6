package pagegen

import (
	"fmt"
	"strings"
)

// dominoBlank is the spacer Domino writes at the start of every table
// cell of a form.
const dominoBlank = `<img width="1" height="1" src="/icons/ecblank.gif" border="0" alt="">`

// renderDomino8 writes a record as a Lotus Domino 8.5 document opened on
// the web: hidden fields, expanded sections with twisties, one table row
// per field, spacer images and <font> in every cell.
func renderDomino8(b *strings.Builder, p *Page) {
	doc := fmt.Sprintf("%032X", uint64(p.ID)*0x9E3779B97F4A7C15)
	view := "/osservatorio/schede.nsf/vwSchedePerNumero/" + doc
	var expand []string
	for i := range p.Sections {
		expand = append(expand, fmt.Sprint(i+1))
	}
	fmt.Fprintf(b, `<html>
<head>
<title>%[1]s</title><script language="JavaScript" type="text/javascript">
<!-- 
document._domino_target = "_self";
function _doClick(v, o, t) {
  var url="%[2]s?OpenDocument&Click=" + v;
  if (o.href != null) o.href = url; else document.location.href = url;
  return false;
}
// -->
</script>
</head>
<body text="#000000" bgcolor="#FFFFFF">

<form method="post" action="%[2]s?OpenDocument&amp;Seq=1" name="_Scheda">
<input type="hidden" name="__Click" value="0">
<table border="0" cellspacing="0" cellpadding="0">
<tr valign="top"><td width="96">`+dominoBlank+`<br>
<img src="%[2]s/$Body/0.1A2?OpenElement&amp;FieldElemFormat=gif" width="80" height="80" alt=""></td><td width="576">`+dominoBlank+`<br>
<font size="4" color="#004080" face="Arial"><b>%[1]s</b></font><br>
`, esc(p.Title), view)
	if p.Region != "" {
		fmt.Fprintf(b, "<font size=\"2\" face=\"Arial\">%s</font><br>\n", esc(p.Region))
	}
	for _, n := range badgeNames(p) {
		fmt.Fprintf(b, "<font size=\"2\" color=\"#008000\" face=\"Arial\"><b>%s</b></font> ", esc(n))
	}
	b.WriteString("</td></tr>\n</table>\n<br>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<a name="_Section%[1]d"></a><a href="%[2]s?OpenDocument&amp;ExpandSection=%[3]s#_Section%[1]d" target="_self"><img src="/icons/collapse.gif" border="0" alt="Hide details for %[4]s"></a><font size="3" color="#004080" face="Arial"><b>%[4]s</b></font><br>
<table border="0" cellspacing="0" cellpadding="0">
`, i+1, view, strings.Join(expand, ","), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<tr valign=\"top\"><td width=\"240\" bgcolor=\"#E8EEF7\">%s<br>\n<font size=\"2\" face=\"Arial\">%s:</font></td><td width=\"432\">%s<br>\n%s</td></tr>\n",
				dominoBlank, esc(f.Label), dominoBlank, dominoValue(f))
		}
		b.WriteString("</table>\n<br>\n")
	}
	fmt.Fprintf(b, `<hr>
<font size="1" face="Arial">Documento creato da: CN=Redazione/O=Osservatorio - Ultima modifica: 15/02/2020 10:12:44</font><br>
<a href="/osservatorio/schede.nsf/vwSchedePerNumero?OpenView"><font size="2" face="Arial">Torna alla vista</font></a>
</form>
</body>
</html>
`)
}

// dominoValue renders a field's value as Domino displays it: one value per
// line, text in <font>, addresses linked, empty fields as nothing.
func dominoValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			u := absURL(pt.text)
			out = append(out, `<a href="`+esc(u)+`" target="_blank">`+esc(u)+`</a>`)
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" target="_blank">` + esc(u) + `</a>`
			}))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return "<font size=\"2\" face=\"Arial\">" + strings.Join(out, "<br>\n") + "</font>"
}
