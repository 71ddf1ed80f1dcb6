package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// heldOut4Layouts are a fourth set of record pages in markups that nothing
// else in the project renders: an issue tracker, an ERP form, a notes
// export, a repository's pages, a report generator, a public
// administration's transparency section, a print view, an older
// front-end framework, a page builder saved after an in-browser
// translation, a forms server, a feed reader and an accelerated mobile
// page. Like the other held-out sets they exist only to measure how a
// reader of record pages does on markup it was not written against.
var heldOut4Layouts = []layout{
	{name: "redmine", contentType: "text/html; charset=utf-8", render: renderRedmine4, encode: encodeUTF8},
	{name: "odoo", contentType: "text/html; charset=utf-8", render: renderOdoo4, encode: encodeUTF8},
	{name: "notion", contentType: "text/html", render: renderNotion4, encode: encodeUTF8},
	{name: "pages", contentType: "text/html; charset=utf-8", render: renderPages4, encode: encodeUTF8},
	{name: "jasper", contentType: "text/html", render: renderJasper4, encode: encodeUTF8},
	{name: "trasparenza", contentType: "text/html", render: renderTrasparenza4, encode: encodeLatin1},
	{name: "stampa", contentType: "text/html", render: renderStampa4, encode: encodeWindows1252},
	{name: "bootstrap3", contentType: "text/html; charset=UTF-8", render: renderBootstrap34, encode: encodeUTF8},
	{name: "elementor", contentType: "text/html; charset=UTF-8", render: renderElementor4, encode: encodeUTF8},
	{name: "infopath", contentType: "text/html; charset=utf-8", render: renderInfoPath4, encode: encodeUTF8},
	{name: "hentry", contentType: "text/html; charset=utf-8", render: renderHEntry4, encode: encodeUTF8},
	{name: "amp", contentType: "text/html; charset=utf-8", render: renderAMP4, encode: encodeUTF8},
}

// HeldOut4Layouts returns the names of the fourth held-out set:
//
//   - "redmine": a Redmine issue whose custom fields hold the record:
//     div.attribute rows with the label in a <span> followed by ":" and
//     the value in div.value, short fields split over two columns, long
//     texts full width in div.wiki (left out when empty), sections as
//     collapsible fieldsets, multiple values joined by ", ", the tracker's
//     own attributes ("Stato", "Priorità") above and a history entry
//     naming a field below.
//   - "odoo": an Odoo 16 form view in read mode: o_td_label cells with
//     <label class="o_form_label"> and a "?" tooltip marker, values in
//     o_field_widget spans, two groups side by side per section under an
//     o_horizontal_separator, tags (badge spans) for list items, maps in
//     a field of their own, the chatter after the sheet.
//   - "notion": a page exported from Notion as HTML: a properties table
//     with the region and the badges as select pills, a table of
//     contents, sections as <h2>, one open toggle per field (the label in
//     <summary>), one <ul> per list item, empty toggles for empty fields.
//   - "pages": a Markdown page published by a static site generator
//     (GitHub Pages, Primer theme): the site name as a first <h1>, badges
//     only as image alt texts, the short fields as "**Label:** value"
//     lines joined by <br> in one paragraph, lists as bullets, long texts
//     under <h3>, one section as a table, "—" for empty values.
//   - "jasper": a JasperReports HTML export: pages of fixed-width tables
//     with colspan cells, spans with inline styles for every text,
//     section bands in capitals, lists as written, page headers and
//     footers between the fields of consecutive pages.
//   - "trasparenza": a record in the "Amministrazione trasparente" section
//     of a public body: the section tree first, one long table with
//     <th scope="row"> labels carrying footnote calls "(1)", section rows,
//     acronyms in <abbr>, list items on <br>-separated lines, empty cells
//     holding a non-breaking space, footnotes after the table,
//     ISO-8859-1 declared in a <meta> only.
//   - "stampa": a print view: a two-column table headed "Campo | Valore",
//     plain <td> labels, sections as <tr class="section"> rows with one
//     colspan cell, lists as written, print date and page address after
//     the table, windows-1252 declared in a <meta> only.
//   - "bootstrap3": Bootstrap 3 panels: .panel-heading sections, rows with
//     a <strong> label in .col-sm-4 and a p.form-control-static value in
//     .col-sm-8, list items as span.label badges, long texts full width in
//     a well, "Nessun dato" for empty values, help icons, the region in
//     the <h1>'s <small>, a hidden modal listing the labels.
//   - "elementor": a WordPress page built with Elementor, saved after the
//     browser translated it: every text in two nested <font> elements,
//     long texts split into one pair per sentence, each field an inner
//     section with the label widget and the value widget in separate
//     columns, lists as icon lists.
//   - "infopath": an InfoPath form shown by SharePoint Forms Services in
//     read mode: layout tables, labels ending in ":" with red required
//     stars, values in xdTextBox spans, rich text boxes, read-only
//     drop-down lists for choices, a multiple-selection list of check
//     boxes for the participants, date pickers with a calendar button,
//     bullets of text boxes for the other lists.
//   - "hentry": a feed reader showing the record's feed item, marked up
//     with microformats (h-entry, p-name, dt-updated, p-category): the
//     badges and region as categories, the content one paragraph per
//     section whose lines are unmarked "Label: value" text separated by
//     <br>, lists and long texts as written.
//   - "amp": the AMP version of the record page: amp-img instead of <img>,
//     an amp-accordion with one <section> per section (only the first
//     expanded), each field a paragraph of two spans with no space
//     between label and value, list items as spans with nothing between
//     them, empty fields left out, a sidebar that is not displayed.
func HeldOut4Layouts() []string {
	return namesOf(heldOut4Layouts)
}

// RenderHeldOut4 renders p in a layout of the fourth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut4(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut4Layouts, "fourth held-out set", p, name)
}

// h4Fields returns the fields of p in page order with the last-modified
// date as a field of the last section, as layouts that show it among the
// fields do.
func h4Fields(s Section, last bool, p *Page) []Field {
	if !last || p.LastModified == "" {
		return s.Fields
	}
	return append(append([]Field(nil), s.Fields...), Field{Label: lastModLabel, Type: "date", Lines: []string{p.LastModified}})
}

// h4Items returns the items of a list field, or nil.
func h4Items(f Field) []string {
	var items []string
	for _, pt := range valueParts(f, true) {
		if pt.kind == "item" {
			items = append(items, pt.text)
		}
	}
	return items
}

// h4Sentences splits text after every ". " (the space stays with the
// sentence it ends), as a machine translator segments what it translates.
func h4Sentences(text string) []string {
	var out []string
	for {
		i := strings.Index(text, ". ")
		if i < 0 || i+2 >= len(text) {
			break
		}
		out = append(out, text[:i+2])
		text = text[i+2:]
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// h4Acronyms are the acronyms public bodies mark up with <abbr> for
// accessibility, with their expansions.
var h4Acronyms = map[string]string{
	"TdN": "Tavolo di Negoziazione", "DocPP": "Documento di proposta partecipata", "OST": "Open Space Technology",
	"CNA": "Confederazione nazionale dell'artigianato", "APS": "Associazione di promozione sociale",
	"AUSER": "Associazione per l'invecchiamento attivo", "ACER": "Azienda casa Emilia-Romagna",
	"CdG": "Comitato di Garanzia", "PP": "Processo partecipativo", "AC": "Amministrazione comunale",
	"RE": "Reggio Emilia", "RN": "Rimini", "FC": "Forlì-Cesena",
}

// h4Abbr escapes text and marks up every whole-word acronym of
// h4Acronyms with <abbr title>. The text reads the same.
func h4Abbr(text string) string {
	var b strings.Builder
	word := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127
	}
	for text != "" {
		r, n := utf8.DecodeRuneInString(text)
		if !word(r) {
			b.WriteString(esc(text[:n]))
			text = text[n:]
			continue
		}
		end := 0
		for end < len(text) {
			r, m := utf8.DecodeRuneInString(text[end:])
			if !word(r) {
				break
			}
			end += m
		}
		w := text[:end]
		if title, ok := h4Acronyms[w]; ok {
			fmt.Fprintf(&b, `<abbr title="%s">%s</abbr>`, esc(title), esc(w))
		} else {
			b.WriteString(esc(w))
		}
		text = text[end:]
	}
	return b.String()
}

// h4Long reports whether f is free text that templates show full width.
func h4Long(f Field) bool { return h3Long(f) || h4Wide[f.Label] }

// h4Wide are the free-text fields that forms give a full-width text area
// whatever their length.
var h4Wide = set("Comitato di Garanzia locale", "Comitato di Garanzia locale - Altre Funzioni Assegnate",
	"Tavolo di Negoziazione", "Design del processo partecipativo", "Fasi del percorso",
	"Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali", "Obiettivi", "Risultati Attesi",
	"Risultati conseguiti", "Dettagli o note sulle fonti utilizzate")
