package pagegen

import (
	"strings"
)

// heldOut9Layouts are a ninth set of record pages, in markups that the
// record page of a public administration's participation observatory
// with an ASP.NET back end could plausibly have, and that nothing else in
// the project renders. Like the other held-out sets they exist only to
// measure how a reader of record pages does on markup it was not written
// against.
var heldOut9Layouts = []layout{
	{name: "detailsview", contentType: "text/html; charset=utf-8", render: renderDetailsView9, encode: encodeUTF8},
	{name: "formview", contentType: "text/html; charset=utf-8", render: renderFormView9, encode: encodeUTF8},
	{name: "mvc", contentType: "text/html; charset=utf-8", render: renderMVC9, encode: encodeUTF8},
	{name: "devexpress", contentType: "text/html; charset=utf-8", render: renderDevExpress9, encode: encodeUTF8},
	{name: "telerik", contentType: "text/html; charset=utf-8", render: renderTelerik9, encode: encodeUTF8},
	{name: "ssrs", contentType: "text/html; charset=utf-8", render: renderSSRS9, encode: encodeUTF8},
	{name: "pdf2htmlex", contentType: "text/html", render: renderPDF2HTMLEX9, encode: encodeUTF8},
	{name: "blazor", contentType: "text/html; charset=utf-8", render: renderBlazor9, encode: encodeUTF8},
	{name: "dnn", contentType: "text/html; charset=utf-8", render: renderDNN9, encode: encodeUTF8},
	{name: "sitefinity", contentType: "text/html; charset=utf-8", render: renderSitefinity9, encode: encodeUTF8},
	{name: "volto", contentType: "text/html; charset=utf-8", render: renderVolto9, encode: encodeUTF8},
	{name: "comuni", contentType: "text/html; charset=UTF-8", render: renderComuni9, encode: encodeUTF8},
}

// HeldOut9Layouts returns the names of the ninth held-out set:
//
//   - "detailsview": an ASP.NET WebForms page with a master page and one
//     DetailsView per section: generated control ids, inline styles of
//     the auto format, header text cells beside bound values, the
//     badges as a CheckBoxField whose box is ticked or not (so the words
//     "Certificato" and "Finanziato" stand on every page), lines joined
//     by <br />, view state and the WebForms scripts.
//   - "formview": a WebForms FormView whose item template a developer
//     wrote: "Label:" text followed by the value in an <asp:Label> span
//     (lblXxx ids) and a <br />, sections as <h3>s inside the one cell
//     of the FormView's table, long texts in a <div> of their own.
//   - "mvc": an ASP.NET MVC 3 scaffolded Details view: a <fieldset> per
//     section with its <legend>, div.display-label before
//     div.display-field, lists through a display template as <ul>, the
//     "Modifica | Torna all'elenco" action links after them.
//   - "devexpress": a DevExpress ASPxFormLayout: a group box per section
//     with its caption, each item a table row of a caption cell
//     ("Label:" in a <label>) and a nested control cell holding an
//     ASPxLabel span, or for long texts a read-only ASPxMemo
//     <textarea>; the DevExpress client state scripts after each
//     control.
//   - "telerik": Telerik UI for ASP.NET AJAX: a RadTabStrip with one
//     tab per section and a RadMultiView whose page views hold the
//     sections, all but the first hidden with display:none until a tab
//     is clicked; inside, RadLabel label and value spans in rows.
//   - "ssrs": the record's "Stampa scheda" as SQL Server Reporting
//     Services' ReportViewer renders it in HTML: the viewer's toolbar,
//     then nested layout tables of text boxes with generated class names,
//     the section banners as shaded text boxes in capitals, labels and
//     values in cells side by side, lines in separate <div>s.
//   - "pdf2htmlex": the record's PDF scheda converted by pdf2htmlEX:
//     every line of text an absolutely positioned div with the
//     converter's class soup, the labels in a bold face in a left column
//     (long labels broken over lines), the values beside them broken
//     into lines at about 80 characters, pages as div.pf.
//   - "blazor": a Blazor Server page prerendered with MudBlazor: the
//     Blazor component markers in comments, scoped CSS attributes, the
//     sections as expansion panels, each field an outlined MudField
//     whose value comes first and whose label (<label> and notched
//     <legend>) follows it, lists as chips, dates as "15 febbraio 2020".
//   - "dnn": a DNN (DotNetNuke) page: skin panes and module container,
//     the record in a dnnForm with collapsible section heads, each field
//     a dnnFormItem whose label control carries a help tooltip (between
//     label and value), values in spans.
//   - "sitefinity": a Sitefinity dynamic module item's detail widget:
//     field wrappers with sfitemFieldLbl labels ending with ":", short
//     texts, long texts in sfitemRichText divs, choices as lists, dates
//     in words ("15 febbraio 2020"), the image through the library's
//     thumbnail address with the original linked.
//   - "volto": Plone 6's Volto front end rendering a content type's
//     default view on the server: Semantic UI segments, skip links and
//     breadcrumbs, a <fieldset> with <legend> per schema fieldset, each
//     field a field-wrapper-<name> div of a label div and a view widget
//     (text, tokens joined by commas, rich text, image), the badges as
//     tag labels, and the content's data for the client in a
//     window.__data script.
//   - "comuni": a WordPress theme for Italian municipalities built on
//     Bootstrap Italia 2: slim header, brand and mega menu, breadcrumbs,
//     badges as chips, the sections as accordion items all collapsed
//     but the first, each field a multi-line list item whose value is an
//     <em> inside the label's span ("Label<em>value</em>"), cookie bar.
func HeldOut9Layouts() []string {
	return namesOf(heldOut9Layouts)
}

// RenderHeldOut9 renders p in a layout of the ninth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut9(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut9Layouts, "ninth held-out set", p, name)
}

// h9Value renders f's value: the pieces (list items when items is set)
// joined by sep, addresses in text linked, images by img.
func h9Value(f Field, items bool, sep string, img func(src string) string) string {
	var out []string
	for _, pt := range valueParts(f, items) {
		switch pt.kind {
		case "map":
			out = append(out, mapLine)
		case "img":
			out = append(out, img(absURL(pt.text)))
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" target="_blank">` + esc(u) + `</a>`
			}))
		}
	}
	return strings.Join(out, sep)
}

// h9Img is an image as a plain <img>.
func h9Img(src string) string { return `<img src="` + esc(src) + `" alt="" />` }

// h9Ctl is the control name a developer gives a field: the first words
// of the label, and of each part after a dash, in Pascal case.
func h9Ctl(label string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(label, func(r rune) bool { return r == '-' || r == '–' }) {
		for _, x := range idWords(part) {
			b.WriteString(strings.ToUpper(x[:1]) + x[1:])
		}
	}
	return b.String()
}

// h9DateWords writes the value of a date field in words ("15 febbraio
// 2020"), other lines as they are.
func h9DateWords(f Field) Field {
	if f.Type != "date" {
		return f
	}
	g := f
	g.Lines = make([]string, len(f.Lines))
	for i, l := range f.Lines {
		g.Lines[i] = h8LongDate(l)
	}
	return g
}

// h9Nav is the observatory's menu, as every template has it.
var h9Nav = [][2]string{{"Processi", "processi"}, {"Mappa", "mappa"}, {"Statistiche", "statistiche"}, {"Segnala un processo", "segnala"}, {"Chi siamo", "chi-siamo"}}

// h9Cookie is the cookie notice every page carries.
const h9Cookie = `Questo sito utilizza cookie tecnici e, previo consenso, cookie analitici di terze parti. Per saperne di più consulta l'informativa.`
