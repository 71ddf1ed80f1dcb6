package pagegen

import (
	"strings"
)

// heldOut8Layouts are an eighth set of record pages in markups that
// nothing else in the project renders: a course platform's database
// activity, two spreadsheets published as web pages, a mailing list's
// archive, a documentation generator, an accessibility-first page, a
// mobile web app, a web archive's replay of the observatory's old page, a
// page builder's rich text and a groupware server's form. Like the other
// held-out sets they exist only to measure how a reader of record pages
// does on markup it was not written against.
var heldOut8Layouts = []layout{
	{name: "moodle", contentType: "text/html; charset=utf-8", render: renderMoodle8, encode: encodeUTF8},
	{name: "excel", contentType: "text/html", render: renderExcel8, encode: encodeWindows1252},
	{name: "gsheets", contentType: "text/html; charset=utf-8", render: renderGSheets8, encode: encodeUTF8},
	{name: "pipermail", contentType: "text/html", render: renderPipermail8, encode: encodeLatin1},
	{name: "docutils", contentType: "text/html", render: renderDocutils8, encode: encodeUTF8},
	{name: "aria", contentType: "text/html; charset=utf-8", render: renderARIA8, encode: encodeUTF8},
	{name: "vuetify", contentType: "text/html;charset=utf-8", render: renderVuetify8, encode: encodeUTF8},
	{name: "wayback", contentType: "text/html; charset=utf-8", render: renderWayback8, encode: encodeUTF8},
	{name: "wagtail", contentType: "text/html; charset=utf-8", render: renderWagtail8, encode: encodeUTF8},
	{name: "domino", contentType: "text/html; charset=ISO-8859-1", render: renderDomino8, encode: encodeLatin1},
}

// HeldOut8Layouts returns the names of the eighth held-out set:
//
//   - "moodle": a Moodle 4 "Database" activity's single entry view in a
//     course about participation: the course's name is the <h1>, the
//     activity's an <h2>; the teacher's template shows the title in an
//     <h3>, the region and the badges on a line under it, then a table of
//     "Label: " cells beside their values, a row with an <h4> per section,
//     multiple choices joined by <br />, dates as Moodle prints them
//     ("15 febbraio 2020"), images as URL fields; the entry's author,
//     comments and the activity navigation after it.
//   - "excel": a workbook sheet saved by Excel as a web page
//     (windows-1252 in a <meta> only, Office namespaces, conditional
//     comments, xl-classed cells) holding the record as one row of a
//     register: a row of merged cells naming the sections, a row of
//     column headings (the labels, preceded by "ID scheda", "Titolo",
//     "Regione", "Certificato" and "Finanziato" answered Sì or No), then
//     the record's row; lines within a cell separated by Excel's
//     same-cell <br>, numbers with x:num, addresses as hyperlinks.
//   - "gsheets": a Google Sheets sheet published to the web: the grid's
//     column letters and row numbers as header cells around the record,
//     the title and region in merged rows, the badges each in a cell,
//     section rows, labels in column A and values in column B (lines
//     joined by <br>), an empty notes column, links through Google's
//     redirect; the document's name above the grid.
//   - "pipermail": a Mailman 2 list archive message (ISO-8859-1 in a
//     <meta> only) replying to a message that a site's "report a
//     process" form sent: the subject as <h1>, author, date and thread
//     links, then in a <pre> the reply and the quoted form mail, every
//     quoted line as pipermail marks it ("&gt;<i> ... </I>"), fields as
//     "Label: value" or a "Label:" line followed by the value's lines,
//     wrapped at 72 columns, sections as "== Name ==" lines, addresses
//     linked; the list's footer after.
//   - "docutils": a reStructuredText document rendered by Docutils'
//     html4css1 writer: the title and the region as title and subtitle,
//     badges as inline role spans, sections as <h1>s in div.section, each
//     section a field-list table whose field names end with ":", names
//     longer than the limit taking a row of their own (colspan="2") with
//     the body in the next row after an empty cell, bodies as
//     paragraphs, bullet lists and images; the last-modified date in the
//     document footer.
//   - "aria": an accessibility-first page: skip links, sections labelled
//     by their headings, fields as role="list" items of role="term" and
//     role="definition" spans, help texts as visible hints referenced by
//     aria-describedby between label and value, short figures shown as an
//     icon and the value with the label visually hidden, empty values as
//     an aria-hidden "—" with a visually hidden "Nessun dato", dates in
//     <time>, badges with aria-hidden icons.
//   - "vuetify": a Nuxt 3 web app with Vuetify 3 rendered on the server,
//     made for phones: an app bar with the region, the title in an <h1>,
//     badges as chips, then per section a list subheader and two-line
//     list items showing the value as the item's title and the label as
//     the smaller subtitle under it, list values as chips, long texts in
//     open expansion panels titled by their label, images as v-img,
//     empty fields left out; the Nuxt payload in a JSON script.
//   - "wayback": the Wayback Machine's replay of the observatory's old
//     ASP.NET page: the replay scripts and toolbar (capture dates,
//     calendar, "About this capture") before the page and the archive's
//     comment after it, every link and image of the page rewritten to
//     "/web/<timestamp>[im_]/<original address>"; the page itself a
//     WebForms form with view state, the region in a span, the title in
//     an <h1>, badges as images with alt texts, one table per section of
//     label and value spans, lines joined by <br />.
//   - "wagtail": a Wagtail page whose editors typed the record in
//     StreamField blocks: heading blocks for the sections, rich text
//     blocks (every paragraph with Draftail's data-block-key) in which a
//     bold label paragraph is followed by the value's paragraphs or
//     list, short values after a soft line break in the label's
//     paragraph, images as raw HTML blocks that split a field's value
//     from its label; tags for the badges and the region as intro.
//   - "domino": a Lotus Domino 8.5 document opened on the web
//     (ISO-8859-1 in the Content-Type only, no doctype): the form's
//     hidden fields, expanded collapsible sections with twistie images,
//     every field a table row whose cells start with Domino's
//     ecblank.gif spacer and a <br>, labels ending with ":", <font>
//     everywhere, multiple values one per line, addresses linked.
func HeldOut8Layouts() []string {
	return namesOf(heldOut8Layouts)
}

// RenderHeldOut8 renders p in a layout of the eighth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut8(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut8Layouts, "eighth held-out set", p, name)
}

// h8Months are the Italian month names Moodle prints dates with.
var h8Months = []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
	"agosto", "settembre", "ottobre", "novembre", "dicembre"}

// h8LongDate writes dd/mm/yyyy as "d month yyyy" ("15 febbraio 2020");
// other text is returned as is.
func h8LongDate(d string) string {
	parts := strings.Split(d, "/")
	if len(parts) != 3 || len(parts[0]) != 2 || len(parts[1]) != 2 || len(parts[2]) != 4 {
		return d
	}
	m := int(parts[1][0]-'0')*10 + int(parts[1][1]-'0')
	if m < 1 || m > 12 {
		return d
	}
	return strings.TrimPrefix(parts[0], "0") + " " + h8Months[m-1] + " " + parts[2]
}

// h8Short reports whether f's value is one short line, as templates show
// beside or after their label.
func h8Short(f Field) bool {
	parts := valueParts(f, true)
	return len(parts) == 1 && parts[0].kind == "line" && len([]rune(parts[0].text)) <= 40
}

// h8Wrap breaks text into lines of at most width characters at spaces,
// each line but the last keeping the space it was broken at, as a mail
// client's format=flowed does.
func h8Wrap(text string, width int) []string {
	var out []string
	for len([]rune(text)) > width {
		r := []rune(text)
		cut := -1
		for i := width; i > 0; i-- {
			if r[i] == ' ' {
				cut = i
				break
			}
		}
		if cut < 0 {
			break
		}
		out = append(out, string(r[:cut+1]))
		text = string(r[cut+1:])
	}
	return append(out, text)
}
