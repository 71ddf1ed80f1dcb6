package pagegen

import (
	"fmt"
	"slices"
	"strings"
)

// infoPathChoices are the options of the form's drop-down lists, by label;
// fields of type bool share one list.
var infoPathChoices = map[string][]string{
	"Stato di avanzamento": {"Progetto", "In corso", "Concluso"},
	"Natura Processo":      {"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"},
	"Tipo di partecipazione": {"Partecipazione volontaria", "Partecipazione volontaria regolata da Statuto o atti deliberativi",
		"Partecipazione obbligatoria per legge"},
	"Livello di partecipazione": {"INFORMAZIONE", "CONSULTAZIONE", "CO-PROGETTAZIONE", "EMPOWERMENT"},
	"Riscontro della prevalenza di genere fra i partecipanti": {"Femminile", "Maschile",
		"Non indicato o dato non disponibile nelle fonti consultate"},
	"bool": {"Si", "No", "Non indicato o dato non disponibile nelle fonti consultate",
		"Non prevista come premialità nel bando di riferimento"},
}

// infoPathMoreParticipants are the options of the participants' list that
// no record here selects.
var infoPathMoreParticipants = []string{"Associazioni di categoria", "Istituti scolastici", "Imprese e professionisti"}

// infoPathRequired are the fields the form marks with a red star.
var infoPathRequired = set("Stato di avanzamento", "Natura Processo", "Titolari della decisione", "Tipo di partecipazione")

// infoPathBox are the attributes of a read-only InfoPath control bound to
// a field of the form's data source.
func infoPathBox(label, kind string) string {
	return fmt.Sprintf(`hideFocus="1" title="" contentEditable="false" tabIndex="-1" xd:xctname="%s" xd:binding="my:%s"`, kind, strings.ReplaceAll(pascal(label), "-", ""))
}

// renderInfoPath4 writes a record form filled in InfoPath and shown by
// SharePoint's Forms Services in read mode: the ribbon, hidden state
// fields, then the view: a two-column layout table with the title, the
// region and the badges, a heading row per section, and one row per field
// with the label (ending in ":", a red star after required ones) and the
// control that holds the value.
func renderInfoPath4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html dir="ltr" lang="it-IT">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=10">
<meta name="GENERATOR" content="Microsoft SharePoint">
<meta http-equiv="Content-type" content="text/html; charset=utf-8">
<meta http-equiv="Expires" content="0">
<title>%s.xml</title>
<link rel="stylesheet" type="text/css" href="/_layouts/15/1040/styles/Themable/corev15.css?rev=2bIvYGaRcJoUk3LJZy1uHw%%3D%%3D">
<link rel="stylesheet" type="text/css" href="/_layouts/15/1040/styles/Themable/infopath.css">
<script type="text/javascript" src="/_layouts/15/init.js?rev=ZZG8IfVvbZJTjE4OTDM5Rw%%3D%%3D"></script>
<script type="text/javascript" src="/_layouts/15/inc/Core.js"></script>
</head>
<body>
<form method="post" action="./FormServer.aspx?XmlLocation=/sites/osservatorio/Schede/%d.xml&amp;Source=/sites/osservatorio/Schede/Forms/AllItems.aspx&amp;DefaultItemOpen=1" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwULLTE0NDk1ODQ2NjAPZBYCZg9kFgI%s">
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAKZ%s">
<div id="s4-ribbonrow" class="ms-ui-ribbon"><div id="RibbonContainer"><div class="ms-cui-ribbon"><div class="ms-cui-tts"><a href="javascript:;" class="ms-cui-tt-a"><span class="ms-cui-tt-span">Home</span></a></div><div class="ms-cui-tabBody"><span class="ms-cui-ctl-large"><a href="javascript:;" class="ms-cui-ctl-large"><span class="ms-cui-ctl-largelabel">Modifica visualizzazione</span></a></span><span class="ms-cui-ctl-large"><a href="javascript:;" class="ms-cui-ctl-large"><span class="ms-cui-ctl-largelabel">Stampa visualizzazione</span></a></span><span class="ms-cui-ctl-large"><a href="javascript:;" class="ms-cui-ctl-large"><span class="ms-cui-ctl-largelabel">Chiudi</span></a></span></div></div></div></div>
<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="FormControl" class="ms-formbody">
<div id="FormControl_V1" class="xdFormLayout" style="direction: ltr; width: 694px;">
<table class="xdFormLayout xdTableStyleTwoCol" style="BORDER-TOP-STYLE: none; WORD-WRAP: break-word; BORDER-LEFT-STYLE: none; BORDER-COLLAPSE: collapse; TABLE-LAYOUT: fixed; BORDER-BOTTOM-STYLE: none; BORDER-RIGHT-STYLE: none; WIDTH: 694px" border="1">
<colgroup><col style="WIDTH: 220px"><col style="WIDTH: 474px"></colgroup>
<tbody valign="top">
<tr class="xdTitleRow"><td class="xdTitleCell" colSpan="2" style="BORDER-BOTTOM: #4f81bd 1pt solid; PADDING-BOTTOM: 10px; PADDING-TOP: 14px"><h1><font face="Cambria" color="#17365d" size="5">%s</font></h1></td></tr>
`, esc(p.Title), p.ID, h3ID(p.URL, 48), h3ID(p.Title, 24), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<tr class=\"xdTitleRowWithSubHeading\"><td class=\"xdTitleCellSecondary\" colSpan=\"2\"><font face=\"Calibri\" color=\"#4f81bd\" size=\"3\">%s</font></td></tr>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<tr class=\"xdTableContentRow\"><td class=\"xdTableContentCell\"><font face=\"Calibri\" size=\"2\">Riconoscimenti:</font></td><td class=\"xdTableContentCell\"><span class=\"xdTextBox\" %s style=\"WIDTH: 100%%\">%s</span></td></tr>\n",
		infoPathBox("Riconoscimenti", "PlainText"), esc(strings.Join(badgeNames(p), ", ")))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<tr class=\"xdTableOffsetRow\"><td class=\"xdTableOffsetCellLabel\" colSpan=\"2\" style=\"BACKGROUND-COLOR: #dbe5f1; PADDING-TOP: 6px\"><h2><font face=\"Cambria\" color=\"#17365d\" size=\"4\">%s</font></h2></td></tr>\n", esc(s.Name))
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			star := ""
			if infoPathRequired[f.Label] {
				star = `<font face="Calibri" color="#ff0000" size="2"> *</font>`
			}
			fmt.Fprintf(b, "<tr class=\"xdTableContentRow\"><td class=\"xdTableContentCell\"><font face=\"Calibri\" size=\"2\">%s:</font>%s</td><td class=\"xdTableContentCell\">%s</td></tr>\n", esc(f.Label), star, infoPathControl(f))
		}
	}
	b.WriteString(`</tbody>
</table>
</div>
</div>
</div></div>
</form>
</body>
</html>
`)
}

// infoPathControl renders the control holding a value: a drop-down list
// for choices, a multiple-selection list of check boxes for the
// participants, a bulleted list of text boxes for other lists, a date
// picker for dates, pictures for images, a rich text box for long texts
// and a text box otherwise.
func infoPathControl(f Field) string {
	choices, ok := infoPathChoices[f.Label]
	if !ok && f.Type == "bool" {
		choices, ok = infoPathChoices["bool"], true
	}
	value := strings.Join(f.Lines, " ")
	switch {
	case ok && f.MapImage == "":
		if value != "" && !slices.Contains(choices, value) {
			choices = append(append([]string(nil), choices...), value)
		}
		var o strings.Builder
		sel := ""
		if value == "" {
			sel = " selected"
		}
		fmt.Fprintf(&o, `<option value=""%s></option>`, sel)
		for _, c := range choices {
			sel = ""
			if c == value {
				sel = " selected"
			}
			fmt.Fprintf(&o, `<option value="%s"%s>%s</option>`, esc(c), sel, esc(c))
		}
		return fmt.Sprintf(`<select class="xdComboBox xdBehavior_Select" %s size="1" disabled style="WIDTH: 100%%">%s</select>`, infoPathBox(f.Label, "dropdown"), o.String())
	case f.Label == "Partecipanti" && f.MapImage == "":
		var o strings.Builder
		checked := h4Items(f)
		for i, c := range append(append([]string(nil), checked...), infoPathMoreParticipants...) {
			on := ""
			if i < len(checked) {
				on = " checked"
			}
			fmt.Fprintf(&o, `<div class="xdMultiSelectListItem"><input type="checkbox" tabIndex="-1" disabled%s><span>%s</span></div>`, on, esc(c))
		}
		return fmt.Sprintf(`<div class="xdMultiSelectList" %s style="OVERFLOW-Y: auto; WIDTH: 100%%; HEIGHT: 90px">%s</div>`, infoPathBox(f.Label, "multipleselectlistbox"), o.String())
	case f.Type == "date" && f.MapImage == "":
		return fmt.Sprintf(`<div class="xdDTPicker" title="" style="WIDTH: 100%%" noWrap="1" xd:xctname="DTPicker"><span class="xdDTText xdBehavior_FormattingNoBUI" %s>%s</span><button class="xdDTButton" xd:xctname="DTPicker_DTButton" tabIndex="-1" disabled><img src="/_layouts/15/inc/calendar.gif" alt=""></button></div>`,
			infoPathBox(f.Label, "PlainText"), esc(value))
	}
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<ul class="xdListItem_Bullet" style="MARGIN-TOP: 0px; MARGIN-BOTTOM: 0px">`+strings.Join(items, "")+`</ul>`)
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			items = append(items, `<li><span class="xdListItem xdBehavior_Formatting" `+infoPathBox(f.Label, "ListItem_Plain")+`>`+esc(pt.text)+`</span></li>`)
		case "map":
			flush()
			out = append(out, `<div>`+mapLine+`</div>`)
		case "img":
			flush()
			out = append(out, fmt.Sprintf(`<span class="xdInlinePicture" %s><img src="%s" alt="" style="WIDTH: 200px"></span>`, infoPathBox(f.Label, "InlineImage"), esc(absURL(pt.text))))
		default:
			flush()
			if h4Long(f) {
				out = append(out, fmt.Sprintf(`<div class="xdRichTextBox" %s style="WIDTH: 100%%; HEIGHT: auto; OVERFLOW-Y: auto"><div>%s</div></div>`, infoPathBox(f.Label, "RichText"), h3Autolink(pt.text, func(u string) string {
					return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
				})))
				continue
			}
			out = append(out, fmt.Sprintf(`<span class="xdTextBox" %s style="WIDTH: 100%%">%s</span>`, infoPathBox(f.Label, "PlainText"), esc(pt.text)))
		}
	}
	flush()
	if len(out) == 0 {
		switch {
		case h3IsList(f):
			return `<ul class="xdListItem_Bullet" style="MARGIN-TOP: 0px; MARGIN-BOTTOM: 0px"><li><span class="xdListItem xdBehavior_Formatting" ` + infoPathBox(f.Label, "ListItem_Plain") + `></span></li></ul>`
		case h4Long(f):
			return `<div class="xdRichTextBox" ` + infoPathBox(f.Label, "RichText") + ` style="WIDTH: 100%; HEIGHT: 50px"></div>`
		}
		return `<span class="xdTextBox" ` + infoPathBox(f.Label, "PlainText") + ` style="WIDTH: 100%"></span>`
	}
	return strings.Join(out, "")
}
