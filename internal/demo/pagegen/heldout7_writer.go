package pagegen

import (
	"fmt"
	"strings"
)

// writerLabel is the font a label is set in; writerHeader starts the
// document's running header.
const (
	writerLabel  = `<font color="#808080"><font size="2" style="font-size: 9pt">`
	writerHeader = "Osservatorio regionale della partecipazione"
)

// renderWriter7 writes a record as a LibreOffice Writer document saved as
// HTML: the title as a large bold centred paragraph, sections as
// headings, every field a hanging-indent paragraph whose label, in a grey
// smaller font, is followed by a tab and the value, further lines and
// list items after <br> and a tab; the running header and footer as
// <div title="header"> and <div title="footer">.
func renderWriter7(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">
<HTML>
<HEAD>
	<META HTTP-EQUIV="CONTENT-TYPE" CONTENT="text/html; charset=windows-1252">
	<TITLE>%[1]s</TITLE>
	<META NAME="GENERATOR" CONTENT="LibreOffice 4.1.6.2 (Windows)">
	<META NAME="AUTHOR" CONTENT="Ufficio Partecipazione">
	<META NAME="CREATED" CONTENT="20200214;9553800000000">
	<META NAME="CHANGED" CONTENT="20200215;10120000000000">
	<STYLE TYPE="text/css">
	<!--
		@page { size: 21cm 29.7cm; margin: 2cm }
		P { margin-bottom: 0.21cm; direction: ltr; widows: 2; orphans: 2 }
		P.western { font-family: "Liberation Serif", serif; font-size: 12pt; so-language: it-IT }
		H2 { margin-bottom: 0.21cm; direction: ltr; widows: 2; orphans: 2 }
		H2.western { font-family: "Liberation Sans", sans-serif; font-size: 14pt; so-language: it-IT; font-style: italic }
	-->
	</STYLE>
</HEAD>
<BODY LANG="it-IT" DIR="LTR">
<DIV TITLE="header">
	<P CLASS="western" ALIGN="RIGHT" STYLE="margin-bottom: 1.2cm"><FONT SIZE=1 STYLE="font-size: 8pt">%[2]s &ndash; scheda n. %[3]d</FONT></P>
</DIV>
<P CLASS="western" ALIGN="CENTER" STYLE="margin-bottom: 0.5cm"><FONT FACE="Liberation Sans, sans-serif"><FONT SIZE=5 STYLE="font-size: 20pt"><B>%[1]s</B></FONT></FONT></P>
`, esc(p.Title), writerHeader, p.ID)
	if p.Region != "" || len(badgeNames(p)) > 0 {
		b.WriteString("<P CLASS=\"western\" ALIGN=\"CENTER\">")
		var bits []string
		if p.Region != "" {
			bits = append(bits, "<I>"+esc(p.Region)+"</I>")
		}
		for _, bd := range badgeNames(p) {
			bits = append(bits, "<B>"+esc(bd)+"</B>")
		}
		b.WriteString(strings.Join(bits, " &middot; "))
		b.WriteString("</P>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<H2 CLASS=\"western\">%s</H2>\n", esc(s.Name))
		for _, f := range h7Fields(p, i) {
			fmt.Fprintf(b, "<P CLASS=\"western\" STYLE=\"margin-left: 4.5cm; text-indent: -4.5cm; margin-bottom: 0.2cm\">%s%s</FONT></FONT>\t", writerLabel, esc(f.Label))
			b.WriteString(joinParts(h7Lines(f), "<BR>\t", func(pt part) string {
				if pt.kind == "img" {
					return `<IMG SRC="` + esc(pt.text) + `" NAME="Immagine` + fmt.Sprint(h3Hash(pt.text)%90+1) + `" ALIGN=BOTTOM WIDTH=320 HEIGHT=240 BORDER=0>`
				}
				return h6Text(pt.text)
			}))
			b.WriteString("</P>\n")
		}
	}
	b.WriteString(`<DIV TITLE="footer">
	<P CLASS="western" ALIGN="CENTER" STYLE="margin-top: 0.5cm; margin-bottom: 0cm"><FONT SIZE=1 STYLE="font-size: 8pt">Pagina <SDFIELD TYPE=PAGE SUBTYPE=RANDOM FORMAT=PAGE>1</SDFIELD></FONT></P>
</DIV>
</BODY>
</HTML>
`)
}
