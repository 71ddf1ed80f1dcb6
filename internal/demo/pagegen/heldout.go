package pagegen

import (
	"strings"
)

// heldOutLayouts are record pages in markups that neither the hand-written
// layouts nor RenderRandom produce, as other content systems would emit
// them. They measure how a reader of record pages does on markup it was
// not written against, so nothing else in the project renders them.
var heldOutLayouts = []layout{
	{name: "acf", contentType: "text/html; charset=UTF-8", render: renderACF, encode: encodeUTF8},
	{name: "drupal", contentType: "text/html; charset=UTF-8", render: renderDrupal, encode: encodeUTF8},
	{name: "k2", contentType: "text/html; charset=utf-8", render: renderK2, encode: encodeUTF8},
	{name: "microdata", contentType: "text/html", render: renderMicrodata, encode: encodeUTF8},
	{name: "grid", contentType: "text/html; charset=utf-8", render: renderGrid, encode: encodeUTF8},
	{name: "accordion", contentType: "text/html; charset=utf-8", render: renderAccordion, encode: encodeUTF8},
	{name: "oldtable", contentType: "text/html", render: renderOldTable, encode: encodeWindows1252},
	{name: "emphasis", contentType: "text/html; charset=ISO-8859-1", render: renderEmphasis, encode: encodeLatin1},
}

// HeldOutLayouts returns the names of the held-out layouts:
//
//   - "acf": a WordPress theme showing Advanced Custom Fields groups
//     (acf-field, acf-label with instructions under some labels, acf-input)
//     in accordion fields.
//   - "drupal": Drupal field markup (field__label, field__item, one item
//     element per list item), empty fields left out.
//   - "k2": Joomla K2 extra fields, "Label:" spans in a list with header
//     items for the sections, empty fields left out.
//   - "microdata": schema.org PropertyValue items with itemprop name and
//     value, lists as adjacent value spans, no charset declared anywhere.
//   - "grid": a flat CSS grid of label and value spans, minified.
//   - "accordion": <h4> labels inside <details> panels whose <summary> is
//     the section; all panels but the first closed.
//   - "oldtable": nested tables with <font> and <b>, spacer cells, section
//     rows in capitals, windows-1252 declared in a <meta> only.
//   - "emphasis": "<p><em>Label</em>: value</p>" paragraphs in ISO-8859-1
//     declared in the Content-Type only.
func HeldOutLayouts() []string {
	return namesOf(heldOutLayouts)
}

// RenderHeldOut renders p in a held-out layout and returns the page and
// the Content-Type a server sends with it.
func RenderHeldOut(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOutLayouts, "held out", p, name)
}

// part is one piece of a field's value as a held-out layout shows it.
type part struct {
	kind string // "map" (the Mappa marker), "img" (an image path), "item" (a list item) or "line"
	text string
}

// valueParts splits f's value into its pieces: the map marker and image,
// images, list items (when items is set; otherwise list lines stay whole)
// and text lines.
func valueParts(f Field, items bool) []part {
	var out []part
	if f.MapImage != "" {
		out = append(out, part{"map", mapLine}, part{"img", f.MapImage})
	}
	sep := listSep(f.Type)
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			out = append(out, part{"img", line})
		case sep != "" && items:
			for _, it := range listItems(line, sep) {
				out = append(out, part{"item", it})
			}
		default:
			out = append(out, part{"line", line})
		}
	}
	return out
}

// isEmpty reports whether a field shows no value.
func isEmpty(f Field) bool { return len(f.Lines) == 0 && f.MapImage == "" }

// joinParts renders parts with render, separated by sep.
func joinParts(parts []part, sep string, render func(part) string) string {
	out := make([]string, len(parts))
	for i, pt := range parts {
		out[i] = render(pt)
	}
	return strings.Join(out, sep)
}

// absURL is an image path as an absolute URL on the observatory's site,
// for layouts without <base href>.
func absURL(path string) string { return baseHref + path }
