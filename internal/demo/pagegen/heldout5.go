package pagegen

import (
	"fmt"
	"strings"
)

// heldOut5Layouts are a fifth set of record pages in markups that nothing
// else in the project renders: site builders, a blog, a spreadsheet-like
// database, a survey tool, an open data catalogue, two participation
// platforms, a site from the late 1990s, a static site generator, a CMS
// page rewritten by an accessibility overlay and a mobile app's web
// build. Like the other held-out sets they exist only to measure how a
// reader of record pages does on markup it was not written against.
var heldOut5Layouts = []layout{
	{name: "wix", contentType: "text/html; charset=UTF-8", render: renderWix5, encode: encodeUTF8},
	{name: "webflow", contentType: "text/html", render: renderWebflow5, encode: encodeUTF8},
	{name: "ghost", contentType: "text/html; charset=utf-8", render: renderGhost5, encode: encodeUTF8},
	{name: "airtable", contentType: "text/html; charset=utf-8", render: renderAirtable5, encode: encodeUTF8},
	{name: "enketo", contentType: "text/html; charset=utf-8", render: renderEnketo5, encode: encodeUTF8},
	{name: "ckan", contentType: "text/html; charset=utf-8", render: renderCKAN5, encode: encodeUTF8},
	{name: "decidim", contentType: "text/html; charset=utf-8", render: renderDecidim5, encode: encodeUTF8},
	{name: "consul", contentType: "text/html; charset=utf-8", render: renderConsul5, encode: encodeUTF8},
	{name: "frontpage", contentType: "text/html", render: renderFrontPage5, encode: encodeLatin1},
	{name: "hugo", contentType: "text/html; charset=utf-8", render: renderHugo5, encode: encodeUTF8},
	{name: "overlay", contentType: "text/html; charset=utf-8", render: renderOverlay5, encode: encodeUTF8},
	{name: "rnweb", contentType: "text/html", render: renderRNWeb5, encode: encodeUTF8},
}

// HeldOut5Layouts returns the names of the fifth held-out set:
//
//   - "wix": a Wix site: generated class names in deep <div> nesting, one
//     rich-text element per section whose paragraphs hold a bold
//     <span style="font-weight:bold"> label with the colon inside or
//     outside it and the value in the next span, long texts and lists in
//     the paragraphs after their label, empty paragraphs holding only a
//     zero-width space, images as separate components between the texts,
//     the free-site banner above the header.
//   - "webflow": a Webflow CMS collection page: a label and a bound value
//     per field, empty fields and badges not earned kept in the markup
//     with the classes that hide them (w-condition-invisible,
//     w-dyn-bind-empty, an <img src=""> among them), multi-reference
//     lists as w-dyn-items, long texts as w-richtext, the "Made in
//     Webflow" badge after the content.
//   - "ghost": a Ghost blog post about the process: prose before and
//     after the record, tags for the region and badges, a feature image
//     with a caption, and the record as one "Campo | Valore" table per
//     section under an <h3>, lists as written.
//   - "airtable": a shared Airtable record: labelCellPair blocks with a
//     field-type icon and a description tooltip, values in cellContainer
//     as select tokens, linked records, long text or attachment
//     thumbnails, fields grouped in collapsible sections that show their
//     field count, the region and badges as fields above the sections,
//     maps as attachment fields of their own.
//   - "enketo": a KoboToolbox submission in Enketo's read-only view:
//     numbered groups ("1. Processo") and questions ("1.2 Stato di
//     avanzamento"), hints, required stars, answers in read-only inputs
//     and text areas, choices as radio buttons and check boxes of which
//     only the checked ones are the answer, images in file pickers.
//   - "ckan": a CKAN dataset page: the sidebar before the content,
//     resources, tags for the region and badges, and the record in the
//     "Informazioni aggiuntive" table (th.dataset-label,
//     td.dataset-details) with a row per section, empty fields left out,
//     lists as <ul>, images as links showing their address, the
//     catalogue's own dates after the fields.
//   - "decidim": a Decidim participatory process page: the hero with the
//     title, the region and the badges, then per section the long texts
//     in the main column and the short fields in a sidebar card as
//     definition-data items (span.definition-data__title followed by the
//     bare value text), lists as tag links, the platform's statistics
//     ("Partecipanti 240") after the record.
//   - "consul": a Consul Democracy proposal: author line, proposal code,
//     tags, and the record in the description as <h2> sections of
//     "<li><strong>Label:</strong> value</li>" items, empty fields left
//     out; the support sidebar and the comments after it.
//   - "frontpage": a site built with FrontPage in the late 1990s:
//     ISO-8859-1 declared in a <meta> only, <center>, nested layout
//     tables, image buttons, <font face> everywhere, labels in capitals
//     with a colon in the same cell as their value after a <br>, two
//     fields per row, &nbsp; padding, spacer images, a FrontPage
//     timestamp bot for the last-modified date.
//   - "hugo": a Hugo static site whose theme prints the front matter: one
//     <dl class="params"> per section, the keys humanized from snake_case
//     ("Durata mesi", "Mappa di impatto") in the order Hugo sorts them,
//     empty values left out, lists as <ul>, images by suffix, maps as
//     keys of their own.
//   - "overlay": a Joomla 4 article with custom fields (ul.fields-container,
//     span.field-label and span.field-value, field groups as headings)
//     after an accessibility overlay rewrote it: data-acsb attributes,
//     aria-labels, a visually hidden copy of each label inside its value,
//     skip links, a hidden widget; empty fields left out, maps as fields
//     of their own.
//   - "rnweb": a mobile app's React Native Web build: every text a
//     <div dir="auto"> with atomic css-/r- classes, no headings but
//     role="heading", label and value texts one above the other, list
//     items as bullet rows, images as a background <div> with a
//     transparent <img>, empty fields left out, a tab bar after the
//     content.
func HeldOut5Layouts() []string {
	return namesOf(heldOut5Layouts)
}

// RenderHeldOut5 renders p in a layout of the fifth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut5(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut5Layouts, "fifth held-out set", p, name)
}

// h5GenChars are the characters of generated class names.
const h5GenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"

// h5Gen is a generated class name of n characters for key, as CSS-module
// and CSS-in-JS tool chains emit them ("_2Hij5", "KcpHeO"): stable for a
// key, starting with a letter or an underscore.
func h5Gen(key string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		c := h5GenChars[h3Hash(fmt.Sprintf("%s#%d", key, i))%uint32(len(h5GenChars))]
		if b.Len() == 0 && c >= '0' && c <= '9' {
			b.WriteByte('_')
		}
		b.WriteByte(c)
	}
	return b.String()[:n]
}

// h5Slug is a title as a URL slug: lower-case ASCII words joined by "-".
func h5Slug(title string) string {
	words := h3Words(title)
	if len(words) > 8 {
		words = words[:8]
	}
	return strings.Join(words, "-")
}

// h5MapsApart returns the fields of s with the map of a field as a "Mappa"
// field of its own just before it, as systems that keep the map in a
// field of its own show it.
func h5MapsApart(fields []Field) []Field {
	var out []Field
	for _, f := range fields {
		if f.MapImage != "" {
			out = append(out, Field{Label: mapLine, Type: "url", Lines: []string{f.MapImage}})
			f.MapImage = ""
		}
		out = append(out, f)
	}
	return out
}

// h5NonEmpty returns the fields that show a value.
func h5NonEmpty(fields []Field) []Field {
	var out []Field
	for _, f := range fields {
		if !isEmpty(f) {
			out = append(out, f)
		}
	}
	return out
}

// h5Multi reports whether f's value is more than one piece (list items,
// a map and its image, lines), which single-line templates show as
// several lines.
func h5Multi(f Field) bool { return len(valueParts(f, true)) > 1 }
