package pagegen

import (
	"strings"
)

// heldOut11Layouts are an eleventh set of record pages, in markups of the
// platforms Italian regions and municipalities publish their pages with
// and that nothing else in the project renders. Like the other held-out
// sets they exist only to measure how a reader of record pages does on
// markup it was not written against.
var heldOut11Layouts = []layout{
	{name: "comunweb", contentType: "text/html; charset=utf-8", render: renderComunWeb11, encode: encodeUTF8},
	{name: "municipium", contentType: "text/html; charset=utf-8", render: renderMunicipium11, encode: encodeUTF8},
	{name: "isweb", contentType: "text/html; charset=UTF-8", render: renderISWeb11, encode: encodeUTF8},
	{name: "dkan", contentType: "text/html; charset=utf-8", render: renderDKAN11, encode: encodeUTF8},
	{name: "magnolia", contentType: "text/html;charset=UTF-8", render: renderMagnolia11, encode: encodeUTF8},
	{name: "thymeleaf", contentType: "text/html;charset=UTF-8", render: renderThymeleaf11, encode: encodeUTF8},
	{name: "pagopa", contentType: "text/html; charset=utf-8", render: renderPagoPA11, encode: encodeUTF8},
	{name: "opencms", contentType: "text/html;charset=UTF-8", render: renderOpenCms11, encode: encodeUTF8},
	{name: "joomla4", contentType: "text/html; charset=utf-8", render: renderJoomla411, encode: encodeUTF8},
	{name: "halley", contentType: "text/html; charset=utf-8", render: renderHalley11, encode: encodeUTF8},
}

// HeldOut11Layouts returns the names of the eleventh held-out set:
//
//   - "comunweb": a ComunWEB / OpenPA object full view (eZ Publish):
//     the ITA web toolkit grid, each attribute a Grid row of a <strong>
//     label cell and an attribute value cell, long texts in ezxmltext
//     paragraphs, lists as ul.list-unstyled, sections as h2.openpa-widget-title.
//   - "municipium": a Maggioli Municipium page: a card per section,
//     each field a div of a span.scheda__etichetta and a
//     div.scheda__valore, the lists as comma separated chips.
//   - "isweb": an ISWEB "Amministrazione trasparente" record detail:
//     each field one div.campoOggetto of a span.etichettaCampo ending
//     with ":" and a span.valoreCampo on the same line, sections as
//     div.titoloSezione.
//   - "dkan": a DKAN dataset page: the "Informazioni aggiuntive"
//     tables, one per section, with a "Campo" / "Valore" header row and
//     one row per field whose first cell is the label.
//   - "magnolia": a Magnolia CMS page of text-image components: each
//     field an <h3> heading followed by its value paragraphs, sections
//     as <h2> of a section component.
//   - "thymeleaf": a Spring Boot admin detail view (Thymeleaf and
//     Bootstrap 5): each field a row of a col-form-label <label> and a
//     read-only form-control-plaintext input, long values in read-only
//     text areas, the CSRF token in a hidden input.
//   - "pagopa": a PagoPA-style receipt: a centred table with inline
//     styles, a section title row, each field a row of a grey label cell
//     and a bold right-aligned value cell.
//   - "opencms": an OpenCms Mercury detail page: each field a "piece" of
//     an <h3 class="piece-heading"> and a body div, sections as
//     <h2> headings of element-headings.
//   - "joomla4": a Joomla 4 article with custom fields: the field groups
//     as fieldset-like <ul class="fields-container"> under their <h3>,
//     each field an li.field-entry of a span.field-label ending with ": "
//     and a span.field-value.
//   - "halley": a Halley municipal site detail page: a <fieldset> per
//     section with its <legend>, each field a <p> of a <label> and the
//     value after a <br>.
func HeldOut11Layouts() []string {
	return namesOf(heldOut11Layouts)
}

// RenderHeldOut11 renders p in a layout of the eleventh held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut11(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut11Layouts, "eleventh held-out set", p, name)
}

// h11Value renders f's value as HTML: list items (when there are more
// than one) in a <ul> with class ul, other lines joined by sep, images
// as <img>, addresses in text linked.
func h11Value(f Field, ul, sep string) string {
	parts := valueParts(f, true)
	items := 0
	for _, pt := range parts {
		if pt.kind == "item" {
			items++
		}
	}
	var out []string
	var list []string
	flush := func() {
		if len(list) > 0 {
			out = append(out, h11UL(ul)+strings.Join(list, "")+`</ul>`)
			list = nil
		}
	}
	for _, pt := range parts {
		switch {
		case pt.kind == "item" && items > 1:
			list = append(list, "<li>"+h3Autolink(pt.text, h11Link)+"</li>")
			continue
		case pt.kind == "map":
			flush()
			out = append(out, esc(mapLine))
		case pt.kind == "img":
			flush()
			out = append(out, `<img src="`+esc(absURL(pt.text))+`" alt="" />`)
		default:
			flush()
			out = append(out, h3Autolink(pt.text, h11Link))
		}
	}
	flush()
	return strings.Join(out, sep)
}

// h11UL is a list's start tag, with class ul when there is one.
func h11UL(ul string) string {
	if ul == "" {
		return "<ul>"
	}
	return `<ul class="` + ul + `">`
}

// h11Link is an address as a link.
func h11Link(u string) string {
	return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
}

// h11Nav is the observatory's menu, as every template has it.
var h11Nav = h10Nav

// h11Cookie is the cookie notice every page carries.
const h11Cookie = h10Cookie

// h11Inline renders f's value as inline HTML: every piece (list item,
// text line, image) joined by sep.
func h11Inline(f Field, sep string) string {
	return h10HTML(f, true, sep, func(src string) string {
		return `<img src="` + esc(src) + `" alt="" />`
	})
}

// h11Block renders f's value as block HTML: text lines and images in
// paragraphs, list items (when there are more than one) in a <ul> with
// class ul.
func h11Block(f Field, ul string) string {
	s := "<p>" + strings.ReplaceAll(strings.ReplaceAll(h11Value(f, ul, "</p><p>"), h11UL(ul), "</p>"+h11UL(ul)), "</ul>", "</ul><p>") + "</p>"
	return strings.ReplaceAll(s, "<p></p>", "")
}
