package pagegen

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// heldOut2Layouts are a second set of record pages in markups that nothing
// else in the project renders: portals, office exports, accessible and
// mobile-first templates. Like the first held-out set they exist to
// measure how a reader of record pages does on markup it was not written
// against.
var heldOut2Layouts = []layout{
	{name: "liferay", contentType: "text/html;charset=UTF-8", render: renderLiferay, encode: encodeUTF8},
	{name: "sharepoint", contentType: "text/html; charset=utf-8", render: renderSharePoint, encode: encodeUTF8},
	{name: "italia", contentType: "text/html; charset=utf-8", render: renderItalia, encode: encodeUTF8},
	{name: "plone", contentType: "text/html;charset=utf-8", render: renderPlone, encode: encodeUTF8},
	{name: "calc", contentType: "text/html", render: renderCalc, encode: encodeWindows1252},
	{name: "dlgroups", contentType: "text/html; charset=utf-8", render: renderDLGroups, encode: encodeUTF8},
	{name: "articles", contentType: "text/html", render: renderArticles, encode: encodeUTF8},
	{name: "markdown", contentType: "text/html; charset=utf-8", render: renderMarkdown, encode: encodeUTF8},
	{name: "word", contentType: "text/html", render: renderWord, encode: encodeWindows1252},
	{name: "datalabel", contentType: "text/html; charset=utf-8", render: renderDataLabel, encode: encodeUTF8},
}

// HeldOut2Layouts returns the names of the second held-out set:
//
//   - "liferay": a Liferay DXP portal page, the record in a web content
//     portlet among navigation portlets; sections as Clay panels, fields as
//     field-label and field-value elements (one value element per list
//     item), visually hidden headings and menu texts, empty fields left
//     out.
//   - "sharepoint": a SharePoint list item display form: the list name as
//     the page heading and the record title as a "Titolo" row, a
//     ms-formtable with ms-formlabel cells (h3 and nobr) and ms-formbody
//     cells with field comments, section rows, multi-choice values joined
//     by "; ", empty values as a non-breaking space.
//   - "italia": a Designers Italia (Bootstrap Italia) page: a page index
//     of the sections, it-list items whose secondary text is an <em>
//     glued to the label, chips for list items, callouts for long texts
//     with visually hidden prefixes, a page rating block; empty fields
//     left out.
//   - "plone": a Plone classic display view: fieldsets with legends,
//     div.field with a <label>, help text under some labels, z3c.form
//     display widgets, multi-choice values joined by ", ".
//   - "calc": a LibreOffice Calc HTML export in windows-1252 declared in a
//     <meta>: the sheet heading as the only <h1>, one big table with
//     labels in column A and values in B, sections as merged cells,
//     numbers and dates with sdval and sdnum, empty cells holding <br>,
//     image paths as hyperlinked cell text.
//   - "dlgroups": an accessible description page: <dl> with a <div> per
//     group, one <dd> per list item, <p> paragraphs and figures in <dd>,
//     empty values as an aria-hidden dash with a visually hidden text.
//   - "articles": each field an <article> with a <header><h3> label
//     carrying a permalink "¶" and the value in a <section>.
//   - "markdown": a static site page rendered from Markdown: a
//     "Campo | Valore" table per section, with text as editors and
//     filters leave it: search terms highlighted in <mark>, units in
//     <small>, soft hyphens and <wbr> in long labels, zero-width spaces
//     pasted into labels and values.
//   - "word": a Word document saved as a web page, in windows-1252: the
//     title in MsoTitle, sections in <h1>, labels in bold MsoNormal
//     paragraphs, values in the next paragraphs, lists as Word bullets
//     with their "·" markers, VML images in conditional comments,
//     spelling marks inside values.
//   - "datalabel": a mobile-first page of stacked tables, one row of cells
//     per section, whose labels exist only in the cells' data-label
//     attributes, shown by a stylesheet rule (td::before { content:
//     attr(data-label) }).
func HeldOut2Layouts() []string {
	return namesOf(heldOut2Layouts)
}

// HeldOut2CSSLabels reports whether a layout of the second held-out set
// shows its labels only through the stylesheet (generated content from
// an attribute), never as text in the document.
func HeldOut2CSSLabels(layout string) bool { return layout == "datalabel" }

// RenderHeldOut2 renders p in a layout of the second held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut2(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut2Layouts, "second held-out set", p, name)
}

// piece2Kind is what a piece of a field's value is.
type piece2Kind int

const (
	piece2Map   piece2Kind = iota // the "Mappa" marker before a map image
	piece2Image                   // an image path, relative to the site
	piece2Item                    // one item of a list
	piece2Line                    // a line of text
)

// piece2 is one piece of a field's value.
type piece2 struct {
	kind piece2Kind
	text string
}

// pieces2 splits f's value into what a layout shows: the map marker and
// its image, images, list items (lists split at their separator) and
// text lines.
func pieces2(f Field) []piece2 {
	var out []piece2
	if f.MapImage != "" {
		out = append(out, piece2{piece2Map, mapLine}, piece2{piece2Image, f.MapImage})
	}
	sep := listSep(f.Type)
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			out = append(out, piece2{piece2Image, line})
		case sep != "":
			for _, it := range listItems(line, sep) {
				out = append(out, piece2{piece2Item, it})
			}
		default:
			out = append(out, piece2{piece2Line, line})
		}
	}
	return out
}

// empty2 reports whether f shows no value at all.
func empty2(f Field) bool { return len(f.Lines) == 0 && f.MapImage == "" }

// isList2 reports whether f is a list field.
func isList2(f Field) bool { return listSep(f.Type) != "" }

// isLongText2 reports whether f is free text that templates show as
// paragraphs rather than as a short value.
func isLongText2(f Field) bool {
	if f.Type != "text" {
		return false
	}
	n := 0
	for _, l := range f.Lines {
		n += len(l)
	}
	return n > 80
}

// abs2 is an image path as an absolute URL on the observatory's site.
func abs2(path string) string { return baseHref + path }

// slug2 is a label as an id or class fragment: its first ASCII words
// joined by sep.
func slug2(label, sep string) string { return strings.Join(idWords(label), sep) }

// hash2 is a stable small number for a string, for ids and for choosing
// which fields get a variation.
func hash2(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// textOrLink2 renders a text line: a line that is a URL becomes a link to
// itself, as editors and content systems turn typed addresses into links.
func textOrLink2(line string) string {
	if (strings.HasPrefix(line, "http://") || strings.HasPrefix(line, "https://")) && !strings.ContainsAny(line, " \t") {
		return `<a href="` + esc(line) + `">` + esc(line) + `</a>`
	}
	return esc(line)
}

// autolink2 renders text with every http or https address in it turned
// into a link to itself, as an editor's autoformat or a Markdown linkify
// extension does.
func autolink2(text string) string {
	var b strings.Builder
	for _, word := range strings.SplitAfter(text, " ") {
		core := strings.TrimRight(word, " ")
		trail := word[len(core):]
		punct := ""
		for strings.HasSuffix(core, ".") || strings.HasSuffix(core, ",") || strings.HasSuffix(core, ";") || strings.HasSuffix(core, ")") {
			punct = core[len(core)-1:] + punct
			core = core[:len(core)-1]
		}
		if (strings.HasPrefix(core, "http://") || strings.HasPrefix(core, "https://")) && len(core) > len("https://") {
			fmt.Fprintf(&b, `<a href="%s">%s</a>%s%s`, esc(core), esc(core), esc(punct), trail)
			continue
		}
		b.WriteString(esc(word))
	}
	return b.String()
}
