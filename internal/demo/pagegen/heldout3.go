package pagegen

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// heldOut3Layouts are a third set of record pages in markups that nothing
// else in the project renders: back-office views, design systems, office
// and document conversions, e-mail, wikis, single-page applications
// rendered on the server and open data viewers. Like the other held-out
// sets they exist only to measure how a reader of record pages does on
// markup it was not written against.
var heldOut3Layouts = []layout{
	{name: "django", contentType: "text/html; charset=utf-8", render: renderDjango3, encode: encodeUTF8},
	{name: "govuk", contentType: "text/html; charset=utf-8", render: renderGovUK3, encode: encodeUTF8},
	{name: "lightning", contentType: "text/html;charset=UTF-8", render: renderLightning3, encode: encodeUTF8},
	{name: "confluence", contentType: "text/html;charset=UTF-8", render: renderConfluence3, encode: encodeUTF8},
	{name: "gdocs", contentType: "text/html; charset=utf-8", render: renderGDocs3, encode: encodeUTF8},
	{name: "newsletter", contentType: "text/html", render: renderNewsletter3, encode: encodeUTF8},
	{name: "pdftohtml", contentType: "text/html", render: renderPDF3, encode: encodeLatin1},
	{name: "jsonview", contentType: "text/html; charset=utf-8", render: renderJSONView3, encode: encodeUTF8},
	{name: "nuxt", contentType: "text/html;charset=utf-8", render: renderNuxt3, encode: encodeUTF8},
	{name: "wiki", contentType: "text/html; charset=UTF-8", render: renderWiki3, encode: encodeUTF8},
	{name: "angular", contentType: "text/html; charset=utf-8", render: renderAngular3, encode: encodeUTF8},
}

// HeldOut3Layouts returns the names of the third held-out set:
//
//   - "django": a Django admin change form in view-only mode: fieldsets
//     with <h2>, div.form-row with a <label> ending in ":" and the value in
//     div.readonly, "-" for empty values, help texts under some fields,
//     related values joined by ", ", images as links to the file.
//   - "govuk": GOV.UK design system summary cards, one per section:
//     dl.govuk-summary-list rows with a key, a value and an actions <dd>
//     holding a "Modifica" link whose visually hidden text names the
//     field; empty values are "Aggiungi …" links.
//   - "lightning": a Salesforce Lightning record page on an Experience
//     Cloud site: custom elements, a highlights panel repeating some
//     fields, two fields per form row, assistive texts for edit buttons
//     and help icons, a hidden related tab, picklists joined by "; ".
//   - "confluence": a Confluence page, one page-properties table per
//     section (th.confluenceTh labels, td.confluenceTd values in
//     div.content-wrapper), short list items as status lozenges,
//     autolinked URLs, page labels and comments after the record.
//   - "gdocs": a Google Docs document published to the web: no semantic
//     headings for labels, classes only (styles in a <style>), one span per
//     run, links through the www.google.com/url redirect, image paths
//     typed as links.
//   - "newsletter": the web version of an e-mail newsletter: nested layout
//     tables with inline styles, a hidden preheader with label-like text,
//     Outlook conditional comments, bold cells as labels, bullet cells for
//     list items, tracked links, empty fields left out.
//   - "pdftohtml": a PDF converted by pdftohtml -s: every line an
//     absolutely positioned paragraph, non-breaking spaces between words,
//     labels and values wrapped over several lines, running heads and
//     page numbers between lines of a value, ISO-8859-1.
//   - "jsonview": an open data portal showing the record as a JSON tree:
//     snake_case keys made of the label's words, quoted strings, numbers
//     and null, arrays for lists, URLs linked inside strings.
//   - "nuxt": a Vue page rendered on the server by Nuxt: data-v
//     attributes and comment placeholders everywhere, Element Plus
//     descriptions with two label/value pairs per table row, tags with no
//     space between them for list items, the record again in the
//     __NUXT_DATA__ payload.
//   - "wiki": a MediaWiki article: an infobox with the short fields,
//     division rows for the sections, the long texts as article sections
//     under <h3>, citation markers, edit links, empty fields left out.
//   - "angular": an Angular Material page rendered on the server: cards,
//     outlined form fields with floating <mat-label> labels, values in
//     read-only inputs, text areas and mat-select triggers, chips for list
//     items, ligature icons, hints under some fields, <base href="/">.
func HeldOut3Layouts() []string {
	return namesOf(heldOut3Layouts)
}

// RenderHeldOut3 renders p in a layout of the third held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut3(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut3Layouts, "third held-out set", p, name)
}

// h3Long reports whether f is free text long enough that templates show
// it as paragraphs rather than as a short value.
func h3Long(f Field) bool {
	if f.Type != "text" {
		return false
	}
	n := 0
	for _, l := range f.Lines {
		n += utf8.RuneCountInString(l)
	}
	return n > 200
}

// h3IsList reports whether f is a list field.
func h3IsList(f Field) bool { return listSep(f.Type) != "" }

// h3Words returns the words of a label folded to ASCII lower case, all of
// them (idWords keeps four).
func h3Words(label string) []string {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	fold := map[rune]rune{'à': 'a', 'á': 'a', 'è': 'e', 'é': 'e', 'ì': 'i', 'ò': 'o', 'ó': 'o', 'ù': 'u'}
	for _, r := range strings.ToLower(label) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case fold[r] != 0:
			b.WriteRune(fold[r])
		default:
			flush()
		}
	}
	flush()
	return words
}

// h3Snake is a label as a snake_case key: "Durata (mesi)" -> "durata_mesi".
func h3Snake(label string) string { return strings.Join(h3Words(label), "_") }

// h3Hash is a stable small number for a string, for ids and for choosing
// which fields get a variation.
func h3Hash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// h3ID is a stable identifier-like string of n hex digits for s.
func h3ID(s string, n int) string {
	x := fmt.Sprintf("%08x%08x", h3Hash(s), h3Hash(s+"#"))
	return x[:min(n, len(x))]
}

// h3Autolink renders text with every http or https address in it turned
// into a link made by link(url), trailing punctuation left out of the
// address.
func h3Autolink(text string, link func(u string) string) string {
	var b strings.Builder
	for _, word := range strings.SplitAfter(text, " ") {
		core := strings.TrimRight(word, " ")
		trail := word[len(core):]
		punct := ""
		for len(core) > 0 && strings.ContainsRune(".,;:)", rune(core[len(core)-1])) {
			punct = core[len(core)-1:] + punct
			core = core[:len(core)-1]
		}
		if (strings.HasPrefix(core, "http://") || strings.HasPrefix(core, "https://")) && len(core) > len("https://") {
			b.WriteString(link(core) + esc(punct) + trail)
			continue
		}
		b.WriteString(esc(word))
	}
	return b.String()
}

// h3ShortItems reports whether every item of a list field is at most n
// characters long.
func h3ShortItems(f Field, n int) bool {
	for _, pt := range valueParts(f, true) {
		if pt.kind == "item" && utf8.RuneCountInString(pt.text) > n {
			return false
		}
	}
	return true
}

// h3Helped are the fields some layouts show a help text under.
var h3Helped = set("Stato di avanzamento", "Natura Processo", "Percentuale Cofinanziamento",
	"Indice di partecipazione", "Dettagli o note sulle fonti utilizzate", "Territorio Interessato")
