package pagegen

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// calcFont opens the font of an ordinary LibreOffice Calc cell.
const calcFont = `<font face="Liberation Sans" color="#000000">`

// renderCalc writes the record as LibreOffice Calc exports a sheet to
// HTML: a <meta> with windows-1252, the generator's head, the sheet name
// as the document's only <h1>, then one table with the title and region
// in merged rows, the awards in a row of their own, a merged row per
// section and a row per field: the label in column A, the value in
// column B. Numeric and date cells carry sdval and sdnum; empty cells
// hold a <br>; image paths are cell text hyperlinked to the image.
func renderCalc(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0 Transitional//EN">

<html>
<head>
	
	<meta http-equiv="content-type" content="text/html; charset=windows-1252"/>
	<title>%s</title>
	<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>
	<meta name="author" content="Osservatorio Partecipazione"/>
	<meta name="created" content="2020-02-15T10:12:04"/>
	<meta name="changed" content="2020-02-15T10:40:21.381000000"/>
	<meta name="AppVersion" content="16.0300"/>
	
	<style type="text/css">
		body,div,table,thead,tbody,tfoot,tr,th,td,p { font-family:"Liberation Sans"; font-size:x-small }
		a.comment-indicator:hover + comment { background:#ffd; position:absolute; display:block; border:1px solid black; padding:0.5em;  } 
		a.comment-indicator { background:red; display:inline-block; border:1px solid black; width:0.5em; height:0.5em;  } 
		comment { display:none;  } 
	</style>
	
</head>

<body>
<a name="table0"></a><h1>Foglio 1: <em>Scheda %d</em></h1>
<table cellspacing="0" border="0">
	<colgroup width="287"></colgroup>
	<colgroup width="613"></colgroup>
`, esc(p.Title), p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "\t<tr>\n\t\t<td colspan=2 height=\"17\" align=\"left\" valign=middle><font face=\"Liberation Sans\" color=\"#666666\">%s</font></td>\n\t\t</tr>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "\t<tr>\n\t\t<td colspan=2 height=\"30\" align=\"left\" valign=middle><b><font face=\"Liberation Sans\" size=4 color=\"#000080\">%s</font></b></td>\n\t\t</tr>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString("\t<tr>\n")
		for i := range 2 {
			attrs := ` align="left" valign=middle`
			if i == 0 {
				attrs = ` height="17"` + attrs
			}
			if i < len(badges) {
				fmt.Fprintf(b, "\t\t<td%s><b><font face=\"Liberation Sans\" color=\"#008000\">%s</font></b></td>\n", attrs, esc(badges[i]))
			} else {
				fmt.Fprintf(b, "\t\t<td%s><br></td>\n", attrs)
			}
		}
		b.WriteString("\t</tr>\n")
	}
	for _, s := range p.Sections {
		fmt.Fprintf(b, "\t<tr>\n\t\t<td colspan=2 height=\"21\" align=\"center\" valign=middle bgcolor=\"#C0C0C0\"><b><font face=\"Liberation Sans\" size=3 color=\"#000000\">%s</font></b></td>\n\t\t</tr>\n", esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "\t<tr>\n\t\t<td height=\"17\" align=\"left\" valign=top><b>%s%s</font></b></td>\n\t\t%s\n\t</tr>\n", calcFont, esc(f.Label), calcValueCell(f))
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "\t<tr>\n\t\t<td height=\"17\" align=\"left\" valign=top><i>%s%s</font></i></td>\n\t\t%s\n\t</tr>\n", calcFont, lastModLabel,
			calcValueCell(Field{Label: lastModLabel, Type: "date", Lines: []string{p.LastModified}}))
	}
	b.WriteString(`</table>
<!-- ************************************************************************** -->
</body>

</html>
`)
}

// calcValueCell renders the value cell of a field: numbers and dates as
// numeric cells with their value in sdval, other values as text, lines
// separated by <br>, image paths as hyperlinked text.
func calcValueCell(f Field) string {
	ps := pieces2(f)
	if len(ps) == 0 {
		return `<td align="left" valign=top><br></td>`
	}
	if len(ps) == 1 && ps[0].kind == piece2Line {
		if v, num, ok := calcNumber(f.Type, ps[0].text); ok {
			return fmt.Sprintf(`<td align="right" valign=top sdval="%s" sdnum="%s">%s%s</font></td>`, v, num, calcFont, esc(ps[0].text))
		}
	}
	var lines []string
	for _, pc := range ps {
		switch pc.kind {
		case piece2Image:
			lines = append(lines, `<a href="`+esc(abs2(pc.text))+`">`+esc(pc.text)+`</a>`)
		default:
			lines = append(lines, autolink2(pc.text))
		}
	}
	if isList2(f) {
		// The cell holds the list as typed: items joined by the list's
		// separator, the map image (if any) on lines of its own before it.
		var head, items []string
		for i, pc := range ps {
			if pc.kind == piece2Item {
				items = append(items, esc(pc.text))
			} else {
				head = append(head, lines[i])
			}
		}
		lines = head
		if len(items) > 0 {
			lines = append(lines, strings.Join(items, esc(listSep(f.Type))))
		}
	}
	return `<td align="left" valign=top>` + calcFont + strings.Join(lines, "<br>") + `</font></td>`
}

// calcNumber returns the sdval and sdnum of a numeric or date cell, or
// false when text is not a number or a date as Calc would store one.
func calcNumber(typ, text string) (string, string, bool) {
	switch typ {
	case "int", "number":
	case "date":
		d, err := time.Parse("02/01/2006", text)
		if err != nil {
			return "", "", false
		}
		serial := int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		return strconv.Itoa(serial), "1040;1040;GG/MM/AAAA", true
	default:
		return "", "", false
	}
	s := strings.TrimSpace(text)
	euro := strings.HasSuffix(s, " €")
	s = strings.TrimSuffix(s, " €")
	s = strings.ReplaceAll(s, ".", "")
	s = strings.ReplaceAll(s, ",", ".")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", "", false
	}
	num := "1040;"
	switch {
	case euro:
		num = "1040;0;#.##0,00 [$€-410];[RED]-#.##0,00 [$€-410]"
	case strings.Contains(text, ","):
		num = "1040;0;0,00"
	}
	return strconv.FormatFloat(v, 'f', -1, 64), num, true
}

// renderWord writes the record as Word saves a document as a web page:
// Office namespaces, windows-1252 in a <meta>, document properties and
// style definitions in conditional comments, the region in a small
// paragraph, the title in the Title style, sections in Heading 1 (<h1>),
// each label in a bold MsoNormal paragraph and its value in the
// paragraphs after it, then an empty paragraph. Lists are Word bullets
// (their "·" markers in Symbol font inside downlevel-revealed conditional
// comments), images VML shapes with an <img> fallback, and some words of
// long texts carry spelling marks.
func renderWord(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="scheda-%d_file/filelist.xml">
<title>%s</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Osservatorio Partecipazione</o:Author>
  <o:LastAuthor>Redazione</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:TotalTime>12</o:TotalTime>
  <o:Created>2020-02-15T09:12:00Z</o:Created>
  <o:Pages>2</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:Symbol;
	panose-1:5 5 1 2 1 7 6 2 5 7;
	mso-font-charset:2;
	mso-generic-font-family:roman;}
 @font-face
	{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;
	mso-font-charset:0;}
 /* Style Definitions */
 p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	mso-style-qformat:yes;
	mso-style-parent:"";
	margin:0cm;
	margin-bottom:.0001pt;
	mso-pagination:widow-orphan;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;
	mso-fareast-language:EN-US;}
 h1
	{mso-style-priority:9;
	mso-style-link:"Titolo 1 Carattere";
	margin-top:12.0pt;
	margin-bottom:3.0pt;
	page-break-after:avoid;
	mso-outline-level:1;
	font-size:14.0pt;}
 p.MsoTitle, li.MsoTitle, div.MsoTitle
	{mso-style-priority:10;
	mso-style-link:"Titolo Carattere";
	font-size:20.0pt;}
 p.MsoListParagraphCxSpFirst, p.MsoListParagraphCxSpMiddle, p.MsoListParagraphCxSpLast, p.MsoListParagraph
	{mso-style-priority:34;
	margin-left:36.0pt;
	mso-add-space:auto;}
 @page WordSection1
	{size:595.3pt 841.9pt;
	margin:70.85pt 2.0cm 2.0cm 2.0cm;}
div.WordSection1
	{page:WordSection1;}
 /* List Definitions */
 @list l0
	{mso-list-id:1203133546;
	mso-list-type:hybrid;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:"Tabella normale";
	mso-tstyle-rowband-size:0;}
</style>
<![endif]-->
</head>

<body lang=IT style='tab-interval:35.4pt;word-wrap:break-word'>

<div class=WordSection1>

`, p.ID, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=MsoNormal><span style='font-size:9.0pt;color:#595959'>%s<o:p></o:p></span></p>\n\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<p class=MsoTitle>%s<o:p></o:p></p>\n\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString("<p class=MsoNormal>")
		for i, n := range badges {
			if i > 0 {
				b.WriteString("<span style='mso-tab-count:1'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>")
			}
			fmt.Fprintf(b, "<b><span style='color:#00B050'>%s</span></b>", esc(n))
		}
		b.WriteString("<o:p></o:p></p>\n\n")
	}
	fmt.Fprintf(b, "<p class=MsoNormal><i><span style='font-size:9.0pt'>%s <a href=\"https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d\">%s</a><o:p></o:p></span></i></p>\n\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	shape := 0
	for _, s := range p.Sections {
		fmt.Fprintf(b, "<h1>%s<o:p></o:p></h1>\n\n", esc(s.Name))
		for _, f := range s.Fields {
			fmt.Fprintf(b, "<p class=MsoNormal><b><span style='font-size:10.0pt'>%s<o:p></o:p></span></b></p>\n\n", esc(f.Label))
			ps := pieces2(f)
			for i, pc := range ps {
				switch pc.kind {
				case piece2Image:
					shape++
					src := esc(abs2(pc.text))
					fmt.Fprintf(b, "<p class=MsoNormal><span style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape id=\"Immagine_x0020_%d\" o:spid=\"_x0000_i%d\" type=\"#_x0000_t75\" style='width:150pt;height:112.5pt;visibility:visible;mso-wrap-style:square'><v:imagedata src=\"%s\" o:title=\"\"/></v:shape><![endif]--><![if !vml]><img width=200 height=150 src=\"%s\" v:shapes=\"Immagine_x0020_%d\"><![endif]></span><o:p></o:p></p>\n\n",
						shape, 1024+shape, src, src, shape)
				case piece2Item:
					fmt.Fprintf(b, "<p class=%s style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-size:10.0pt;font-family:Symbol;mso-fareast-font-family:Symbol;mso-bidi-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span style='font-size:10.0pt'>%s<o:p></o:p></span></p>\n\n",
						wordListClass(ps, i), esc(pc.text))
				default:
					text := autolink2(pc.text)
					if isLongText2(f) {
						text = wordSpelling(pc.text)
					}
					fmt.Fprintf(b, "<p class=MsoNormal><span style='font-size:10.0pt'>%s<o:p></o:p></span></p>\n\n", text)
				}
			}
			b.WriteString("<p class=MsoNormal><span style='font-size:10.0pt'><o:p>&nbsp;</o:p></span></p>\n\n")
		}
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<p class=MsoNormal align=right style='text-align:right'><i><span style='font-size:8.0pt'>%s %s<o:p></o:p></span></i></p>\n\n", lastModPrefix, esc(p.LastModified))
	}
	b.WriteString("</div>\n\n</body>\n\n</html>\n")
}

// wordListClass is the paragraph class Word gives the bullet at index i
// among the pieces of a value: a lone bullet, or the first, a middle or
// the last of a run.
func wordListClass(ps []piece2, i int) string {
	prev := i > 0 && ps[i-1].kind == piece2Item
	next := i+1 < len(ps) && ps[i+1].kind == piece2Item
	switch {
	case !prev && !next:
		return "MsoListParagraph"
	case !prev:
		return "MsoListParagraphCxSpFirst"
	case !next:
		return "MsoListParagraphCxSpLast"
	}
	return "MsoListParagraphCxSpMiddle"
}

// wordSpelling renders a long text as Word saves it after a spelling
// check: the seventh word in a SpellE mark and the fifteenth in a GramE
// mark (when they are plain words), addresses as links.
func wordSpelling(text string) string {
	words := strings.Split(text, " ")
	for i, w := range words {
		switch {
		case strings.HasPrefix(w, "http://") || strings.HasPrefix(w, "https://"):
			words[i] = autolink2(w)
		case (i == 6 || i == 14) && plainWord(w):
			cls := "SpellE"
			if i == 14 {
				cls = "GramE"
			}
			words[i] = "<span class=" + cls + ">" + esc(w) + "</span>"
		default:
			words[i] = esc(w)
		}
	}
	return strings.Join(words, " ")
}

// plainWord reports whether w is letters only.
func plainWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0xC0 && r <= 0x17F) {
			return false
		}
	}
	return true
}
