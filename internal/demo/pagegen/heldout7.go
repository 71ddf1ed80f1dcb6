package pagegen

import (
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// heldOut7Layouts are a seventh set of record pages in markups that nothing
// else in the project renders: a blog, an online shop's product template,
// a municipality's official notice board, a legacy CMS, a word processor's
// export, a survey tool's response view, two chat tools, an issue tracker,
// an ebook chapter, an institutional repository and a knowledge base. Like
// the other held-out sets they exist only to measure how a reader of
// record pages does on markup it was not written against.
var heldOut7Layouts = []layout{
	{name: "blogger", contentType: "text/html; charset=UTF-8", render: renderBlogger7, encode: encodeUTF8},
	{name: "shopify", contentType: "text/html; charset=utf-8", render: renderShopify7, encode: encodeUTF8},
	{name: "albo", contentType: "text/html;charset=ISO-8859-15", render: renderAlbo7, encode: encodeLatin97},
	{name: "joomla15", contentType: "text/html; charset=utf-8", render: renderJoomla7, encode: encodeJoomla7},
	{name: "writer", contentType: "text/html", render: renderWriter7, encode: encodeWindows1252},
	{name: "gforms", contentType: "text/html; charset=utf-8", render: renderGForms7, encode: encodeUTF8},
	{name: "slack", contentType: "text/html; charset=utf-8", render: renderSlack7, encode: encodeUTF8},
	{name: "gitlab", contentType: "text/html; charset=utf-8", render: renderGitLab7, encode: encodeUTF8},
	{name: "epub", contentType: "application/xhtml+xml; charset=utf-8", render: renderEPUB7, encode: encodeUTF8},
	{name: "dspace", contentType: "text/html;charset=UTF-8", render: renderDSpace7, encode: encodeUTF8},
	{name: "wikibase", contentType: "text/html; charset=UTF-8", render: renderWikibase7, encode: encodeUTF8},
	{name: "telegram", contentType: "text/html; charset=utf-8", render: renderTelegram7, encode: encodeUTF8},
}

// HeldOut7Layouts returns the names of the seventh held-out set:
//
//   - "blogger": a Blogspot post in the Simple theme whose author pasted
//     the record in the compose editor: one <div> per line, labels told
//     from values only by a coloured <span>, blank lines between fields
//     (an empty field is a label followed by a blank line), sections as
//     the editor's headings, images in centred "separator" links; the
//     blog's name is the only <h1>, the post title an <h3>; post footer,
//     comments and sidebar widgets (archive, post labels, profile) follow.
//   - "shopify": a Shopify Dawn product template reused for the record:
//     the region as the vendor, the badges as product badges, a price, a
//     quantity input and a cart button before it, the long texts in a
//     "Descrizione" collapsible row (an <h3> per label), then one
//     collapsible row per section whose rich text is a bulleted list of
//     "Label – value" items, label and value in one text node; empty
//     fields left out; share button and product recommendations after.
//   - "albo": an Italian municipality's "Albo pretorio" act page from a
//     legacy Java portal, ISO-8859-15 declared in the Content-Type only:
//     the act's own data (register number, subject, publication period)
//     and its attachments in th/td tables like the record's, then the
//     record as the metadata of the attached "scheda", one table per
//     section with a caption, "--" for empty values, list items and
//     lines separated by <br>, images as links named by their path; the
//     record's title is not the <h1>.
//   - "joomla15": a Joomla 1.5 article (rhuk_milkyway template):
//     contentpaneopen tables, the title in a contentheading cell and no
//     <h1>, PDF/print/e-mail buttons, a login form and menus around;
//     labels told from values only by underlining, the value after a
//     <br> in the same paragraph, every non-ASCII character written as
//     TinyMCE's named entities, <base href> set to the page itself,
//     "Ultimo aggiornamento" after the text.
//   - "writer": a LibreOffice Writer document saved as HTML (windows-1252
//     declared in a <meta> only): <p class="western"> paragraphs with a
//     hanging indent in which the label, in a grey smaller <font>, is
//     followed by a tab and the value; list items on lines of their own
//     after <br> and a tab; the document's header and footer (page
//     number in <sdfield>) as <div title="header|footer">.
//   - "gforms": a Google Forms response viewed by its owner: the form's
//     title as an ARIA heading (no <h1>), sections ("Sezione 2 di 5"),
//     questions whose answers are disabled inputs, textareas (list items
//     one per line) and date inputs (ISO values), choice questions drawn
//     as ARIA radio buttons and check boxes with every option shown and
//     only aria-checked telling the answer (an empty one shows its
//     options all unchecked), "Altro:" with its text for answers outside
//     the options, uploaded files as chips linking to them.
//   - "slack": a thread exported to HTML from Slack: a bot's message with
//     one attachment per section, fields as title/value pairs (short
//     ones two per row), list items as "• " lines, "n/d" for empty
//     values, the region and badges as context lines after emoji images,
//     images as links named by their file; reactions and replies that
//     name labels follow.
//   - "gitlab": a GitLab issue whose description holds a task list and
//     the record as a YAML code block highlighted by Rouge: labels are
//     mapping keys under the section keys, lists YAML sequences, long
//     texts folded block scalars wrapped at 80 columns, empty values
//     null or [], values that YAML would misread single-quoted; the
//     issue's activity and sidebar (with its own "Partecipanti") follow.
//   - "epub": an ebook chapter (EPUB 3 XHTML served as
//     application/xhtml+xml): <section epub:type="chapter">, the record's
//     fields as run-in paragraphs whose label is a small-caps span ending
//     in a full stop, list items joined by "; ", "—" for empty values,
//     maps as figures, note references after some labels and the notes
//     as <aside epub:type="footnote"> at the end of the chapter.
//   - "dspace": a DSpace (XMLUI Mirage 2) full item record: the title in
//     an <h2>, per section a ds-table of rows whose label-cell holds the
//     label and, under it, the metadata key, one row per value (a list
//     repeats its label on every item), a language column, empty fields
//     left out; system metadata, files and collections after the record.
//   - "wikibase": a Wikibase item page: the badges as page status
//     indicators (images), the title in the <h1> followed by the item id,
//     the region in the description, then the statements: property labels
//     as links, one statement per list item or line, enumerated values
//     as links to items, "nessun valore" for empty fields, rank selectors,
//     edit links and reference togglers between them; the record's
//     sections are not shown.
//   - "telegram": a Telegram channel's web preview (t.me/s/...) whose
//     posts carry the record: the title in bold in the first post, the
//     sections in capitals, each field an emoji, a bold "Label:" and the
//     value, list items on lines of their own after "▫️ ", "–" for empty
//     values; the record split across several posts at field boundaries
//     with each post's views, time and author between them; the page
//     <title> is the channel's.
func HeldOut7Layouts() []string {
	return namesOf(heldOut7Layouts)
}

// RenderHeldOut7 renders p in a layout of the seventh held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut7(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut7Layouts, "seventh held-out set", p, name)
}

// encodeLatin97 encodes doc in ISO-8859-15 (Latin-9, with the euro sign
// at 0xA4); characters it cannot encode become numeric references.
func encodeLatin97(doc string) ([]byte, error) {
	return encodeCharmap(doc, charmap.ISO8859_15, nil)
}

// h7Fields returns the fields of section i of p as layouts that show the
// last-modified date as a field of the last section list them.
func h7Fields(p *Page, i int) []Field {
	return h4Fields(p.Sections[i], i == len(p.Sections)-1, p)
}

// h7Lines returns the pieces of f's value as lines: list items, the map
// marker, image addresses (absolute) and text lines, in page order.
func h7Lines(f Field) []part {
	parts := valueParts(f, true)
	for i, pt := range parts {
		if pt.kind == "img" {
			parts[i].text = absURL(pt.text)
		}
	}
	return parts
}

// h7Town is the municipality that publishes a record on its own site:
// the first decision maker named "Comune di ...", or a union of
// municipalities when none is.
func h7Town(p *Page) string {
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if f.Label != "Titolari della decisione" {
				continue
			}
			for _, it := range h4Items(f) {
				if strings.HasPrefix(it, "Comune di ") {
					return it
				}
			}
		}
	}
	return "Unione dei Comuni della Bassa Romagna"
}
