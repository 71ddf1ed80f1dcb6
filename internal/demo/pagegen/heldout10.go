package pagegen

import (
	"strings"
)

// heldOut10Layouts are a tenth set of record pages, in markups of the
// application platforms, frameworks and document managers a public
// administration's participation observatory could plausibly publish its
// record page with, and that nothing else in the project renders. Like
// the other held-out sets they exist only to measure how a reader of
// record pages does on markup it was not written against.
var heldOut10Layouts = []layout{
	{name: "primefaces", contentType: "text/html;charset=UTF-8", render: renderPrimeFaces10, encode: encodeUTF8},
	{name: "apex", contentType: "text/html; charset=utf-8", render: renderAPEX10, encode: encodeUTF8},
	{name: "outsystems", contentType: "text/html; charset=utf-8", render: renderOutSystems10, encode: encodeUTF8},
	{name: "servicenow", contentType: "text/html;charset=UTF-8", render: renderServiceNow10, encode: encodeUTF8},
	{name: "vaadin", contentType: "text/html;charset=utf-8", render: renderVaadin10, encode: encodeUTF8},
	{name: "struts", contentType: "text/html;charset=UTF-8", render: renderStruts10, encode: encodeUTF8},
	{name: "rails", contentType: "text/html; charset=utf-8", render: renderRails10, encode: encodeUTF8},
	{name: "nova", contentType: "text/html; charset=UTF-8", render: renderNova10, encode: encodeUTF8},
	{name: "alfresco", contentType: "text/html;charset=UTF-8", render: renderAlfresco10, encode: encodeUTF8},
	{name: "omeka", contentType: "text/html; charset=UTF-8", render: renderOmeka10, encode: encodeUTF8},
}

// HeldOut10Layouts returns the names of the tenth held-out set:
//
//   - "primefaces": a JSF page with PrimeFaces: a p:fieldset per
//     section (legend and toggler), a two-column p:panelGrid whose first
//     cells hold p:outputLabel labels ending with ":" and whose second
//     cells hold h:outputText spans with the generated form:component
//     ids, lists as p:dataList, the JSF view state in a hidden input.
//   - "apex": an Oracle APEX page in the Universal Theme: a form region
//     per section, every item display only: the label container, then
//     the protected value in a hidden input followed by the display
//     span, and the error placeholder; page items named P12_XXX.
//   - "outsystems": an OutSystems Reactive web app rendered in the
//     browser and saved: data-container divs, a card per section, each
//     field two columns of data-expression spans, long texts in one
//     span with white-space: pre-wrap and the lines joined by line feeds.
//   - "servicenow": a ServiceNow record form in read-only mode: form
//     sections under their headers, each field a form-group whose label
//     span is followed by the original value in a hidden input and the
//     read-only value in a disabled input or text area.
//   - "vaadin": a Vaadin Flow view: vaadin-form-layout, each field a
//     read-only vaadin-text-field or vaadin-text-area with its slotted
//     <label> and the value only in the slotted <input>'s value or the
//     <textarea>; list items on lines of a text area.
//   - "struts": a Struts 1 JSP page of the early 2000s: nested tables
//     with bgcolor, the labels in capitals inside <font><b>, the values
//     written by bean:write in <font> tags, section rows spanning both
//     columns, jsessionid in the links.
//   - "rails": a Rails scaffold show page: each field a <p> with the
//     label in <strong> ending with ":" and the value after it on its
//     own line, sections as <h2>, the edit and back links and the
//     destroy button_to form with its authenticity token.
//   - "nova": a Laravel Nova resource detail page saved from the
//     browser: panels headed by <h1>, each field a flex row of an <h4>
//     label and a value column, long texts in prose divs, the badges as
//     Nova badge spans, the Inertia page data on the app div.
//   - "alfresco": an Alfresco Share document details page: the
//     properties panel with the sets as bordered panels, each field a
//     viewmode-field of a "Label:" viewmode-label and a viewmode-value,
//     empty fields shown as "(Nessuno)" as Share shows them.
//   - "omeka": an Omeka S item page: the badges as the item sets it
//     belongs to, a definition list of properties under each section's
//     group heading, each property a div.property of a <dt> and the
//     values, one dd.value per list item, empty properties left out,
//     images as media links with thumbnails.
func HeldOut10Layouts() []string {
	return namesOf(heldOut10Layouts)
}

// RenderHeldOut10 renders p in a layout of the tenth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut10(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut10Layouts, "tenth held-out set", p, name)
}

// h10Lines returns the pieces of f's value as plain text lines: list
// items (when items is set), image addresses (absolute) and text lines;
// the map marker is left out.
func h10Lines(f Field, items bool) []string {
	var out []string
	for _, pt := range valueParts(f, items) {
		switch pt.kind {
		case "map":
		case "img":
			out = append(out, absURL(pt.text))
		default:
			out = append(out, pt.text)
		}
	}
	return out
}

// h10Snake is a label as a column name: "Stato di avanzamento" ->
// "stato_di_avanzamento".
func h10Snake(label string) string { return h3Snake(label) }

// h10Upper is a label as an item or column name in capitals:
// "Stato di avanzamento" -> "STATO_DI_AVANZAMENTO".
func h10Upper(label string) string { return strings.ToUpper(h3Snake(label)) }

// h10HTML renders f's value as HTML: the pieces joined by sep, addresses
// in text linked, images by img.
func h10HTML(f Field, items bool, sep string, img func(src string) string) string {
	var out []string
	for _, pt := range valueParts(f, items) {
		switch pt.kind {
		case "map":
			out = append(out, mapLine)
		case "img":
			out = append(out, img(absURL(pt.text)))
		default:
			out = append(out, h3Autolink(pt.text, h10Link))
		}
	}
	return strings.Join(out, sep)
}

// h10Link is an address as a link opening in a new window.
func h10Link(u string) string {
	return `<a href="` + esc(u) + `" target="_blank" rel="noopener">` + esc(u) + `</a>`
}

// h10Nav is the observatory's menu, as every template has it.
var h10Nav = [][2]string{{"Processi", "processi"}, {"Mappa dei processi", "mappa"}, {"Statistiche", "statistiche"}, {"Segnala un processo", "segnala"}, {"Chi siamo", "chi-siamo"}}

// h10Cookie is the cookie notice every page carries.
const h10Cookie = `Questo sito utilizza cookie tecnici e, previo consenso, cookie analitici. Proseguendo la navigazione accetti l'uso dei cookie tecnici.`
