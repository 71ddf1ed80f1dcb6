package pagegen

import (
	"fmt"
	"strings"
)

// powerPagesChat is the text of the chat widget's launcher, after the
// form.
const powerPagesChat = "Chat with us"

// powerPagesChoices are the options of the form's option sets, by label.
var powerPagesChoices = map[string][]string{
	"Stato di avanzamento":      {"Progetto", "In corso", "Concluso"},
	"Natura Processo":           {"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"},
	"Tipo di partecipazione":    {"Partecipazione volontaria", "Partecipazione volontaria regolata da Statuto o atti deliberativi"},
	"Livello di partecipazione": {"INFORMAZIONE", "CONSULTAZIONE", "CO-PROGETTAZIONE", "EMPOWERMENT"},
}

// powerPagesMoreChoices are options of every multi-select choice column
// beyond those a record selects; the hidden <select> lists them all.
var powerPagesMoreChoices = []string{"Associazioni", "Istituti scolastici", "Imprese"}

// powerPagesDescribed are the columns whose description the form shows
// between the label and the control.
var powerPagesDescribed = set("Stato di avanzamento", "Durata (mesi)", "Partecipanti", "Indice di partecipazione")

// ppForm writes the controls of one Power Pages form; ids are the
// columns' logical names, made unique.
type ppForm struct {
	b   *strings.Builder
	ids map[string]int
}

// id returns the logical name of a column labelled label.
func (f *ppForm) id(label string) string {
	name := strings.Join(h3Words(label), "")
	if len(name) > 36 {
		name = name[:36]
	}
	name = "oss_" + name
	f.ids[name]++
	if n := f.ids[name]; n > 1 {
		name = fmt.Sprintf("%s%d", name, n)
	}
	return name
}

// renderPowerPages6 writes a record as a Power Pages site (Dynamics 365)
// shows it to an anonymous visitor in a read-only basic form: the portal
// header, the breadcrumb and the title, a summary section with the
// region as a lookup and the badges as a multi-select choice, then one
// fieldset per section whose table holds two columns of cells, each a
// label and a control in read mode; the chat widget and the footer
// follow.
func renderPowerPages6(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT" data-lang="it-IT" crm-lang="it-IT" dir="ltr" crm-lcid="1040" lcid="1040">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>%[1]s · Process registry</title>
<link rel="stylesheet" href="/bootstrap.min.css?1714723200">
<link rel="stylesheet" href="/theme.css?1714723200">
<link rel="stylesheet" href="/portalbasictheme.css?1714723200">
<script src="/_portal/b3a4c5d6-0000-4f00-9a00-2b3c4d5e6f70/Resources/ResourceManager?lang=it-IT"></script>
</head>
<body data-sitemap-state="/processes/process-details/">
<div class="page-copy">
<div class="navbar navbar-inverse navbar-static-top" role="navigation"><div class="container"><div class="navbar-header"><a href="/" class="navbar-brand">Process registry</a></div><div id="navbar" class="navbar-collapse collapse"><ul class="nav navbar-nav weblinks" role="menubar"><li class="weblink" role="none"><a aria-label="Home" href="/" title="Home" role="menuitem">Home</a></li><li class="weblink" role="none"><a aria-label="Processes" href="/processes/" title="Processes" role="menuitem">Processes</a></li><li class="weblink" role="none"><a aria-label="Sign in" href="/SignIn?returnUrl=%%2Fprocesses%%2Fprocess-details%%2F%%3Fid%%3D%[2]s" role="menuitem">Sign in</a></li></ul></div></div></div>
<div class="container">
<div class="page-heading"><ul class="breadcrumb"><li><a href="/" title="Home">Home</a></li><li><a href="/processes/" title="Processes">Processes</a></li><li class="active">Process details</li></ul>
<div class="page-header"><h1>%[1]s</h1></div></div>
<div class="row"><div class="col-md-12">
<a class="btn btn-default" href="/processes/" role="button"><span class="fa fa-chevron-left" aria-hidden="true"></span> Back to list</a>
<div id="EntityFormPanel" class="entity-form">
<form method="post" action="./?id=%[2]s" id="liquid_form">
<input type="hidden" name="__RequestVerificationToken" value="%[3]s">
<div id="ValidationSummaryEntityFormView" class="validation-summary alert alert-error alert-danger alert-block" style="display:none;" role="alert" aria-live="polite"></div>
<div class="crmEntityFormView">
<div class="tab clearfix">
<h2 class="tab-title">Process details</h2>
<div class="tab-column">
`, esc(p.Title), h6GUID(p.URL), h3ID(p.URL+"#token", 64))
	f := &ppForm{b: b, ids: map[string]int{}}
	f.summary(p)
	for i, s := range p.Sections {
		fields := h5MapsApart(s.Fields)
		if i == len(p.Sections)-1 {
			if lm, ok := h6LastModified(p); ok {
				fields = append(fields, lm)
			}
		}
		f.section(s.Name, fields)
	}
	fmt.Fprintf(b, `</div>
</div>
</div>
</form>
</div>
</div></div>
</div>
<div id="oc-lcw-container" class="lcw-container"><div class="lcw-launcher"><button type="button" class="lcw-launcher-button" aria-label="%[1]s"><span class="lcw-launcher-icon" aria-hidden="true"></span><span class="lcw-launcher-title">%[1]s</span></button><span class="lcw-launcher-subtitle">We're here to help. Ask about a process, a record or a field.</span></div><div class="lcw-chat-window" style="display:none"><p>Hi! I can answer questions like "What does Stato di avanzamento mean?"</p></div></div>
<footer role="contentinfo"><div class="footer-bottom"><div class="container"><p>Copyright &copy; 2024. All rights reserved.</p></div></div></footer>
</div>
<script id="Microsoft_Omnichannel_LCWidget" src="https://oc-cdn-public.azureedge.net/livechatwidget/scripts/LiveChatBootstrapper.js" data-app-id="%[2]s" data-org-id="%[4]s"></script>
</body>
</html>
`, powerPagesChat, h6GUID(p.URL), h3ID(p.URL+"#token", 64), h6GUID(p.URL+"#org"))
}

// h6GUID is a stable GUID-like identifier for s.
func h6GUID(s string) string {
	x := h3ID(s, 16) + h3ID(s+"#2", 16)
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// summary writes the form's first section: the region lookup and the
// badges as a multi-select choice column.
func (f *ppForm) summary(p *Page) {
	f.b.WriteString(`<fieldset aria-label="Summary"><legend class="section-title">Summary</legend><table role="presentation" data-name="summary" class="section"><colgroup><col style="width:50%;"><col style="width:50%;"></colgroup><tbody><tr>`)
	id := f.id("Regione")
	fmt.Fprintf(f.b, `<td colspan="1" rowspan="1" class="clearfix cell lookup form-control-cell"><div class="table-info"><label for="%[1]s_name" id="%[1]s_label" class="field-label">Regione</label></div><div class="control"><div class="input-group"><input type="text" id="%[1]s_name" class="text form-control lookup form-control readonly" readonly aria-readonly="true" value="%[2]s"><input type="hidden" id="%[1]s" value="%[3]s"></div></div></td>`,
		id, esc(p.Region), h6GUID(p.Region))
	f.multi(f.id("Riconoscimenti"), "Riconoscimenti", badgeNames(p), []string{badgeCertTxt, badgeFinTxt})
	f.b.WriteString("</tr></tbody></table></fieldset>\n")
}

// section writes one fieldset: two cells per row, long texts alone on
// their row.
func (f *ppForm) section(name string, fields []Field) {
	fmt.Fprintf(f.b, "<fieldset aria-label=\"%[1]s\"><legend class=\"section-title\">%[1]s</legend><table role=\"presentation\" data-name=\"%[2]s\" class=\"section\"><colgroup><col style=\"width:50%%;\"><col style=\"width:50%%;\"></colgroup><tbody>\n",
		esc(name), h3Snake(name))
	open := 0 // cells in the open row
	for _, fl := range fields {
		if h3Long(fl) {
			if open > 0 {
				f.b.WriteString("<td class=\"cell zero-cell\"></td></tr>\n")
				open = 0
			}
			f.b.WriteString("<tr>")
			f.cell(fl, 2)
			f.b.WriteString("</tr>\n")
			continue
		}
		if open == 0 {
			f.b.WriteString("<tr>")
		}
		f.cell(fl, 1)
		if open++; open == 2 {
			f.b.WriteString("</tr>\n")
			open = 0
		}
	}
	if open > 0 {
		f.b.WriteString("<td class=\"cell zero-cell\"></td></tr>\n")
	}
	f.b.WriteString("</tbody></table></fieldset>\n")
}

// cell writes one field's cell: the label, maybe the column's
// description, and the control in read mode.
func (f *ppForm) cell(fl Field, span int) {
	id := f.id(fl.Label)
	var kind, control string
	forID := id
	line := strings.Join(fl.Lines, " ")
	switch {
	case h6YesNo(fl):
		kind, forID = "boolean-radio", ""
		yes := "Sì"
		if line == "Si" {
			yes = "Si"
		}
		check := func(on bool) string {
			if on {
				return ` checked="checked"`
			}
			return ""
		}
		control = fmt.Sprintf(`<span id="%[1]s" class="boolean-radio" role="radiogroup" aria-labelledby="%[1]s_label"><input id="%[1]s_1" type="radio" name="%[1]s" value="1" disabled="disabled"%[2]s><label for="%[1]s_1">%[3]s</label><input id="%[1]s_0" type="radio" name="%[1]s" value="0" disabled="disabled"%[4]s><label for="%[1]s_0">No</label></span>`,
			id, check(line != "No"), yes, check(line == "No"))
	case powerPagesChoices[fl.Label] != nil:
		kind = "picklist"
		opts := powerPagesChoices[fl.Label]
		if line != "" && !contains5(opts, line) {
			opts = append(append([]string(nil), opts...), line)
		}
		var o strings.Builder
		sel := ""
		if line == "" {
			sel = ` selected="selected"`
		}
		fmt.Fprintf(&o, `<option value=""%s label=" "></option>`, sel)
		for i, opt := range opts {
			sel = ""
			if opt == line {
				sel = ` selected="selected"`
			}
			fmt.Fprintf(&o, `<option value="%d"%s>%s</option>`, 100000000+i, sel, esc(opt))
		}
		control = fmt.Sprintf(`<select id="%s" name="%s" class="form-control picklist readonly" disabled="disabled" aria-disabled="true">%s</select>`, id, id, o.String())
	case h3IsList(fl):
		f.multiCell(id, fl.Label, listParts(fl))
		return
	case len(fl.Lines) == 1 && isImagePath(fl.Lines[0]):
		kind, forID = "file", ""
		u := esc(absURL(fl.Lines[0]))
		control = fmt.Sprintf(`<div class="file-control-container"><a href="%s" target="_blank"><img src="%s" alt="" class="img-thumbnail" width="200"></a></div>`, u, u)
	case h3Long(fl):
		kind = "textarea"
		control = fmt.Sprintf(`<textarea id="%[1]s" name="%[1]s" rows="8" cols="20" class="textarea form-control readonly" readonly aria-readonly="true">%s</textarea>`, id, esc(line))
	case fl.Type == "date":
		kind = "datetime"
		control = fmt.Sprintf(`<div class="input-group datetimepicker"><input type="text" id="%[1]s" name="%[1]s" class="datetime form-control readonly" readonly aria-readonly="true" value="%[2]s"><span class="input-group-addon"><span class="fa fa-calendar" aria-hidden="true"></span></span></div>`, id, esc(line))
	case strings.HasPrefix(line, "http://") || strings.HasPrefix(line, "https://"):
		kind = "url"
		control = fmt.Sprintf(`<div class="input-group"><input type="url" id="%[1]s" name="%[1]s" class="text url form-control readonly" readonly aria-readonly="true" value="%[2]s"><a class="input-group-addon" href="%[2]s" target="_blank" aria-label="Open link"><span class="fa fa-external-link" aria-hidden="true"></span></a></div>`, id, esc(line))
	default:
		kind = "text"
		if fl.Type == "int" || fl.Type == "number" {
			kind = "decimal"
		}
		control = fmt.Sprintf(`<input type="text" id="%[1]s" name="%[1]s" class="text form-control readonly" readonly aria-readonly="true" value="%[2]s">`, id, esc(line))
	}
	f.open(id, forID, fl.Label, kind, span)
	fmt.Fprintf(f.b, `<div class="control">%s</div></td>`, control)
}

// open writes the start of a cell up to its control: the label (for the
// control when it has one) and the description.
func (f *ppForm) open(id, forID, label, kind string, span int) {
	forAttr := ""
	if forID != "" {
		forAttr = ` for="` + forID + `"`
	}
	fmt.Fprintf(f.b, `<td colspan="%d" rowspan="1" class="clearfix cell %s form-control-cell"><div class="table-info"><label%s id="%s_label" class="field-label">%s</label></div>`,
		span, kind, forAttr, id, esc(label))
	if powerPagesDescribed[label] {
		fmt.Fprintf(f.b, `<div class="description above">%s</div>`, esc(helpFor(label)))
	}
}

// multiCell writes a multi-select choice column's cell.
func (f *ppForm) multiCell(id, label string, chosen []string) {
	f.open(id, id, label, "multiselect", 1)
	f.multiControl(id, chosen, append(append([]string(nil), chosen...), powerPagesMoreChoices...))
	f.b.WriteString("</td>")
}

// multi writes a multi-select choice column's whole cell.
func (f *ppForm) multi(id, label string, chosen, options []string) {
	f.open(id, id, label, "multiselect", 1)
	f.multiControl(id, chosen, options)
	f.b.WriteString("</td>")
}

// multiControl writes the multi-select control: the selected items as
// the visitor sees them, and the hidden <select> holding every option.
func (f *ppForm) multiControl(id string, chosen, options []string) {
	f.b.WriteString(`<div class="control"><div class="msos-container"><div class="msos-selecteditems-container"><ul class="msos-selecteditems">`)
	for _, c := range chosen {
		fmt.Fprintf(f.b, `<li class="msos-selected-display-item"><span class="msos-selected-display-item-text">%s</span></li>`, esc(c))
	}
	fmt.Fprintf(f.b, `</ul></div></div><select id="%[1]s" name="%[1]s" multiple="multiple" disabled="disabled" style="display:none">`, id)
	seen := map[string]bool{}
	for i, o := range options {
		if seen[o] {
			continue
		}
		seen[o] = true
		sel := ""
		if contains5(chosen, o) {
			sel = ` selected="selected"`
		}
		fmt.Fprintf(f.b, `<option value="%d"%s>%s</option>`, 100000000+i, sel, esc(o))
	}
	f.b.WriteString("</select></div>")
}

// listParts returns the items of a list field.
func listParts(f Field) []string {
	var out []string
	for _, pt := range valueParts(f, true) {
		out = append(out, pt.text)
	}
	return out
}
