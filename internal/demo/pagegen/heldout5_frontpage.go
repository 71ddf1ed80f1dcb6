package pagegen

import (
	"fmt"
	"strings"
)

// Fonts of the FrontPage site.
const (
	fpFont      = `<font face="Arial, Helvetica, sans-serif" size="2">`
	fpSmallFont = `<font face="Arial, Helvetica, sans-serif" size="1">`
	fpSpacer    = `<img border="0" src="images/spacer.gif" width="1" height="8" alt="">`
	fpBackToTop = "Torna su"
)

// renderFrontPage5 writes a record as a municipal site made with
// FrontPage in the late 1990s shows it: ISO-8859-1 declared in a <meta>
// only, a centred fixed-width layout table with a banner, a column of
// image buttons and the content cell; the content is the title in a big
// <font>, the region and the badges, and one table of two fields per
// row whose cells hold the label in capitals with a colon, a <br> and
// the value (lists one item per line, long texts across both columns),
// section rows in capitals, spacer images between sections, &nbsp; in
// empty cells, and a timestamp bot with the last-modified date.
func renderFrontPage5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<html>

<head>
<meta http-equiv="Content-Language" content="it">
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<meta name="GENERATOR" content="Microsoft FrontPage 4.0">
<meta name="ProgId" content="FrontPage.Editor.Document">
<meta name="Microsoft Theme" content="none">
<meta name="Microsoft Border" content="none">
<title>%[1]s</title>
<script language="JavaScript">
<!--
function MM_swapImgRestore() { var i,x,a=document.MM_sr; for(i=0;a&&i<a.length&&(x=a[i])&&x.oSrc;i++) x.src=x.oSrc; }
function MM_swapImage() { var i,j=0,x,a=MM_swapImage.arguments; document.MM_sr=new Array; for(i=0;i<(a.length-2);i+=3) if ((x=document.getElementById(a[i]))!=null){document.MM_sr[j++]=x; if(!x.oSrc) x.oSrc=x.src; x.src=a[i+2];} }
//-->
</script>
</head>

<body bgcolor="#FFFFF0" link="#800000" vlink="#808080" alink="#FF0000" topmargin="0" leftmargin="0">
<a name="top"></a>
<center>
<table border="0" cellpadding="0" cellspacing="0" width="780">
  <tr>
    <td colspan="2" bgcolor="#800000"><img border="0" src="images/banner_partecipazione.jpg" width="780" height="90" alt="Comune - Ufficio Partecipazione"></td>
  </tr>
  <tr>
    <td colspan="2" bgcolor="#800000" align="right">%[2]s<font color="#FFFFFF">%[3]s&nbsp;&nbsp;</font></font></td>
  </tr>
  <tr>
    <td width="150" valign="top" bgcolor="#F5E6C8">
      <table border="0" cellpadding="0" cellspacing="0" width="150">
        <tr><td><a href="index.htm" onmouseout="MM_swapImgRestore()" onmouseover="MM_swapImage('bt1','','images/bt_home_on.gif',1)"><img border="0" src="images/bt_home.gif" id="bt1" width="150" height="28" alt="Home"></a></td></tr>
        <tr><td><a href="processi.htm" onmouseout="MM_swapImgRestore()" onmouseover="MM_swapImage('bt2','','images/bt_processi_on.gif',1)"><img border="0" src="images/bt_processi.gif" id="bt2" width="150" height="28" alt="Processi"></a></td></tr>
        <tr><td><a href="contatti.htm" onmouseout="MM_swapImgRestore()" onmouseover="MM_swapImage('bt3','','images/bt_contatti_on.gif',1)"><img border="0" src="images/bt_contatti.gif" id="bt3" width="150" height="28" alt="Contatti"></a></td></tr>
        <tr><td>&nbsp;</td></tr>
      </table>
    </td>
    <td width="630" valign="top">
      <table border="0" cellpadding="8" cellspacing="0" width="100%%">
        <tr>
          <td>
`, esc(p.Title), fpSmallFont, fpRegion(p))
	fmt.Fprintf(b, "<p align=\"center\"><font face=\"Arial, Helvetica, sans-serif\" size=\"5\" color=\"#800000\"><b>%s</b></font></p>\n", esc(p.Title))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<p align=\"center\">")
		for i, name := range n {
			if i > 0 {
				b.WriteString("&nbsp;&nbsp;")
			}
			fmt.Fprintf(b, "<img border=\"0\" src=\"images/bollino.gif\" width=\"16\" height=\"16\" alt=\"\">&nbsp;<font face=\"Arial, Helvetica, sans-serif\" size=\"2\" color=\"#006600\"><b>%s</b></font>", esc(name))
		}
		b.WriteString("</p>\n")
	}
	fmt.Fprintf(b, "<p align=\"center\">%s%s <a href=\"mailto:partecipazione@comune.example.it?subject=Processo%%20%d\">%s</a></font></p>\n<hr size=\"1\" color=\"#800000\">\n", fpFont, esc(ctaQuestion), p.ID, esc(ctaAction))
	b.WriteString("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" width=\"100%\" bordercolor=\"#C0C0C0\" style=\"border-collapse: collapse\">\n")
	for _, s := range p.Sections {
		fmt.Fprintf(b, "  <tr>\n    <td colspan=\"2\" bgcolor=\"#800000\"><font face=\"Arial, Helvetica, sans-serif\" size=\"3\" color=\"#FFFFFF\"><b>&nbsp;&nbsp;%s</b></font></td>\n  </tr>\n", esc(strings.ToUpper(s.Name)))
		var row []Field
		flush := func() {
			if len(row) == 0 {
				return
			}
			b.WriteString("  <tr>\n")
			for _, f := range row {
				fmt.Fprintf(b, "    <td width=\"50%%\" valign=\"top\">%s</td>\n", fpCell(f))
			}
			if len(row) == 1 {
				b.WriteString("    <td width=\"50%\" valign=\"top\">&nbsp;</td>\n")
			}
			b.WriteString("  </tr>\n")
			row = nil
		}
		for _, f := range s.Fields {
			if h4Long(f) {
				flush()
				fmt.Fprintf(b, "  <tr>\n    <td colspan=\"2\" valign=\"top\">%s</td>\n  </tr>\n", fpCell(f))
				continue
			}
			row = append(row, f)
			if len(row) == 2 {
				flush()
			}
		}
		flush()
		fmt.Fprintf(b, "  <tr>\n    <td colspan=\"2\">%s</td>\n  </tr>\n", fpSpacer)
	}
	b.WriteString("</table>\n")
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p align=\"right\">%s%s <!--webbot bot=\"Timestamp\" S-Type=\"EDITED\" S-Format=\"%%d/%%m/%%Y\" startspan -->%s<!--webbot bot=\"Timestamp\" i-CheckSum=\"12604\" endspan --></font></p>\n", fpSmallFont, lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `<p align="center">%s<a href="#top">%s</a></font></p>
<p align="center">%sVisitatori: <img src="_vti_bin/fpcount.exe/?Page=processo%d.htm|Image=4|Digits=5" alt="Contatore"></font></p>
          </td>
        </tr>
      </table>
    </td>
  </tr>
  <tr>
    <td colspan="2" bgcolor="#F5E6C8" align="center">%sUfficio Partecipazione - Piazza Grande, 1 - Tel. 0522 000000</font></td>
  </tr>
</table>
</center>
</body>

</html>
`, fpSmallFont, fpBackToTop, fpSmallFont, p.ID, fpSmallFont)
}

// fpRegion is the text of the banner's second row: the region, or a
// non-breaking space.
func fpRegion(p *Page) string {
	if p.Region == "" {
		return "&nbsp;"
	}
	return esc(p.Region)
}

// fpCell renders a field's cell: the label in capitals with a colon in
// bold, a <br>, then the value's lines, list items one per line, images
// at a fixed size, addresses linked as the editor's AutoFormat did;
// &nbsp; when empty.
func fpCell(f Field) string {
	var out []string
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "img":
			out = append(out, `<img border="0" src="`+esc(absURL(pt.text))+`" width="250" height="170">`)
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
			}))
		}
	}
	value := strings.Join(out, "<br>\n")
	if value == "" {
		value = "&nbsp;"
	}
	return fpFont + "<b>" + esc(strings.ToUpper(f.Label)) + ":</b><br>\n" + value + "</font>"
}
