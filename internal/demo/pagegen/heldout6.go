package pagegen

// heldOut6Layouts are a sixth set of record pages in markups that nothing
// else in the project renders: a block theme, a tabbed open data page, a
// low-code portal form, a forum topic, a notebook, two kinds of server
// rendered components, a text-only page, an e-mail's web version, a page
// saved with its embedded frame and a script's export. Like the other
// held-out sets they exist only to measure how a reader of record pages
// does on markup it was not written against.
var heldOut6Layouts = []layout{
	{name: "gutenberg", contentType: "text/html; charset=UTF-8", render: renderGutenberg6, encode: encodeUTF8},
	{name: "typo3", contentType: "text/html; charset=utf-8", render: renderTypo36, encode: encodeUTF8},
	{name: "powerpages", contentType: "text/html; charset=utf-8", render: renderPowerPages6, encode: encodeUTF8},
	{name: "discourse", contentType: "text/html; charset=utf-8", render: renderDiscourse6, encode: encodeUTF8},
	{name: "jupyter", contentType: "text/html", render: renderJupyter6, encode: encodeUTF8},
	{name: "sveltekit", contentType: "text/html", render: renderSvelte6, encode: encodeUTF8},
	{name: "litssr", contentType: "text/html; charset=utf-8", render: renderLit6, encode: encodeUTF8},
	{name: "lite", contentType: "text/html; charset=us-ascii", render: renderLite6, encode: encodeASCII6},
	{name: "mjml", contentType: "text/html; charset=utf-8", render: renderMJML6, encode: encodeUTF8},
	{name: "singlefile", contentType: "text/html", render: renderSingleFile6, encode: encodeUTF8},
	{name: "powershell", contentType: "text/html", render: renderPowerShell6, encode: encodeUTF16LE6},
}

// HeldOut6Layouts returns the names of the sixth held-out set:
//
//   - "gutenberg": a WordPress block theme post with an English interface
//     around the Italian record: a cookie consent bar, the region and
//     badges as post tags, per section a wp-block-heading and
//     wp-block-table figures whose label cells are plain <td>s (lines
//     and list items separated by <br>, "—" for empty values), long texts
//     in closed wp-block-details whose <summary> is the label, then
//     related posts showing other records' fields and the comments.
//   - "typo3": an Italian open data "scheda" on a TYPO3 site built on the
//     Bootstrap package: one tab per section in a role="tablist" (the
//     section names appear only there, together, before every field),
//     all panels in the DOM and all but the first hidden by the
//     stylesheet, labels told from values only by grid column and a bold
//     class, "n.d." for empty values, download links after the tabs.
//   - "powerpages": a Power Pages (Dynamics 365) read-only basic form
//     with an English interface: fieldsets of two-column section tables,
//     <label for> labels, values in read-only inputs, disabled option-set
//     drop-downs (every choice in the markup, one selected), two-option
//     fields as radio buttons of which the checked one is the answer,
//     multi-select choices as selected items beside a hidden <select>,
//     descriptions between some labels and their controls, maps as image
//     columns of their own, a chat widget after the form.
//   - "discourse": a Discourse topic in the crawler view, English
//     interface, whose first post quotes the record as pasted from the
//     observatory's page: one paragraph per section whose <br>-separated
//     lines alternate label and value with no markup telling them apart
//     (an empty field is a label followed by the next label), image
//     addresses as autolinked lines; replies quote single lines.
//   - "jupyter": a Jupyter notebook exported with nbconvert's lab template:
//     code cells with prompts, and the record as a pandas Styler table
//     with a two-level row index (the section in a row-spanning header
//     cell, the label in the next header cell), "nan" for empty values,
//     addresses hyperlinked, maps as rows of their own.
//   - "sveltekit": a SvelteKit page rendered on the server (Svelte 5
//     hydration comments <!--[--> <!--]--> <!---->, svelte-xxxx scoped
//     classes): per section a strip of stat cards whose value is printed
//     above its label, then the other fields as label and value rows,
//     chips for list items, "—" and "nessun dato" for empty values,
//     cards of similar records after the record.
//   - "litssr": web components rendered by Lit SSR with declarative shadow
//     DOM: each field's label exists only inside its
//     <template shadowrootmode="open"> (with lit-part comments) and its
//     value is light DOM slotted into it; the title is slotted into the
//     shadow root's <h1>, region and badges exist only in the shadow
//     root, empty fields show "Non specificato" from their shadow root.
//   - "lite": a text-only page for slow connections: one <pre> per
//     section, the section name in capitals underlined with "=", each
//     field in two fixed columns (labels padded with spaces, long labels
//     and values wrapped within their column, list items as "* " lines
//     whose continuation lines are indented), blank lines between
//     fields, nothing for empty values; ASCII with every other character
//     as a character reference (named where HTML has a name), us-ascii
//     declared in the Content-Type only.
//   - "mjml": the web version of a notification e-mail built with MJML,
//     sent to followers of the record: nested presentation tables and
//     Outlook conditional comments, labels told from values only by
//     inline style (small, grey, text-transform: uppercase), "Non
//     disponibile" for empty values, a button to the record, then
//     teasers of other updated records with their own labels and values.
//   - "singlefile": a municipality's news page that embeds the
//     observatory's record widget in an iframe, saved with SingleFile: the
//     widget's whole document is in the iframe's srcdoc attribute
//     (escaped), its images turned into data: URIs inside links to the
//     originals; the municipality's other news follow.
//   - "powershell": a PowerShell ConvertTo-Html -As List export, one
//     fragment per section under an <h2>, "Label:" and value cells,
//     characters from U+00A0 to U+00FF written as numeric references as
//     HttpUtility.HtmlEncode writes them, addresses turned into links by
//     the script, CRLF line ends, saved by Out-File as UTF-16LE with a
//     byte order mark.
func HeldOut6Layouts() []string {
	return namesOf(heldOut6Layouts)
}

// RenderHeldOut6 renders p in a layout of the sixth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut6(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut6Layouts, "sixth held-out set", p, name)
}

// h6Tags are the region and the badges of p, as sites that show them as
// tags list them.
func h6Tags(p *Page) []string {
	var tags []string
	if p.Region != "" {
		tags = append(tags, p.Region)
	}
	return append(tags, badgeNames(p)...)
}

// h6LastModified returns the last-modified date of p as a field of the
// last section, for layouts that show it as one, or false when p has
// none.
func h6LastModified(p *Page) (Field, bool) {
	if p.LastModified == "" {
		return Field{}, false
	}
	return Field{Label: lastModLabel, Type: "date", Lines: []string{p.LastModified}}, true
}

// h6Text renders a text line with its addresses linked.
func h6Text(line string) string {
	return h3Autolink(line, func(u string) string {
		return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
	})
}

// h6Stat reports whether f is short and typed, the kind of field
// dashboards show as a figure: numbers, years, dates, choices and yes/no
// answers whose value is short.
func h6Stat(f Field) bool {
	switch f.Type {
	case "int", "number", "date", "enum", "index", "bool":
	default:
		return false
	}
	for _, l := range f.Lines {
		if len([]rune(l)) > 40 {
			return false
		}
	}
	return true
}

// h6YesNo reports whether f is a yes/no field answered yes or no.
func h6YesNo(f Field) bool {
	return f.Type == "bool" && len(f.Lines) == 1 && (f.Lines[0] == "Si" || f.Lines[0] == "Sì" || f.Lines[0] == "No")
}
