package pagegen

import (
	"fmt"
	"strings"
)

// notionIDs hands out the block ids of a Notion export: UUIDs derived
// from the page and a counter, so that every block's id is unique.
type notionIDs struct {
	seed string
	n    int
}

func (ids *notionIDs) next() string {
	ids.n++
	x := h3ID(fmt.Sprintf("%s#%d", ids.seed, ids.n), 16) + h3ID(fmt.Sprintf("%d#%s", ids.n, ids.seed), 16)
	return x[:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// notionStyle is the start of the stylesheet every exported page carries.
const notionStyle = `/* cspell:disable-file */
/* webkit printing magic: print all background colors */
html {
	-webkit-print-color-adjust: exact;
}
* {
	box-sizing: border-box;
	-webkit-print-color-adjust: exact;
}
html, body {
	margin: 0;
	padding: 0;
}
body {
	line-height: 1.5;
	white-space: pre-wrap;
}
.page-title { font-size: 2.5rem; font-weight: 700; margin-top: 0; margin-bottom: 0.75em; }
table.properties { width: 100%; }
.properties th { text-align: left; font-weight: normal; color: rgba(55, 53, 47, 0.65); width: 200px; }
.selected-value { display: inline-block; padding: 0 0.5em; background: rgba(206, 205, 202, 0.5); border-radius: 3px; margin-right: 0.5em; }
.toggle { padding-inline-start: 0em; list-style-type: none; }
.toggle > li > details { padding-left: 1.7em; }
.toggle > li > details > summary { margin-left: -1.1em; }
.table_of_contents-item { display: block; font-size: 0.875rem; line-height: 1.3; padding: 0.125rem; }
.callout { border-radius: 3px; padding: 1rem; }
`

// notionIcon is the icon of a property type in the properties table.
func notionIcon(kind string) string {
	return `<span class="icon property-icon"><svg role="graphics-symbol" viewBox="0 0 16 16" style="width:14px;height:14px;display:block;fill:rgba(55, 53, 47, 0.45);flex-shrink:0" class="types` + kind + `"><path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13z"></path></svg></span>`
}

// renderNotion4 writes a record page of a Notion database exported as
// HTML: the page's properties (the region and the badges as select
// values, the record's address, its author), a table of contents, the
// call to action in a callout, and per section a heading followed by one
// toggle per field, open, with the label as its summary and the value as
// its blocks.
func renderNotion4(b *strings.Builder, p *Page) {
	ids := &notionIDs{seed: p.URL}
	fmt.Fprintf(b, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"/><title>%s</title><style>\n%s</style></head><body><article id=\"%s\" class=\"page sans\"><header><div class=\"page-header-icon undefined\"><span class=\"icon\">🗳️</span></div><h1 class=\"page-title\">%s</h1><p class=\"page-description\"></p><table class=\"properties\"><tbody>",
		esc(p.Title), notionStyle, ids.next(), esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, `<tr class="property-row property-row-select"><th>%sRegione</th><td><span class="selected-value select-value-color-blue">%s</span></td></tr>`, notionIcon("Select"), esc(p.Region))
	}
	fmt.Fprintf(b, `<tr class="property-row property-row-multi_select"><th>%sRiconoscimenti</th><td>`, notionIcon("MultipleSelect"))
	for _, n := range badgeNames(p) {
		fmt.Fprintf(b, `<span class="selected-value select-value-color-green">%s</span>`, esc(n))
	}
	fmt.Fprintf(b, `</td></tr><tr class="property-row property-row-url"><th>%sScheda</th><td><a href="%s" class="url-value">%s</a></td></tr><tr class="property-row property-row-created_by"><th>%sCreato da</th><td><span class="user"><img src="https://lh3.googleusercontent.com/a/default-user=s100" class="icon user-icon"/>Redazione Osservatorio</span></td></tr></tbody></table></header><div class="page-body">`,
		notionIcon("Url"), esc(p.URL), esc(p.URL), notionIcon("CreatedBy"))
	secIDs := make([]string, len(p.Sections))
	for i := range p.Sections {
		secIDs[i] = ids.next()
	}
	fmt.Fprintf(b, `<nav id="%s" class="block-color-gray table_of_contents">`, ids.next())
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="table_of_contents-item table_of_contents-indent-0"><a class="table_of_contents-link" href="#%s">%s</a></div>`, secIDs[i], esc(s.Name))
	}
	fmt.Fprintf(b, `</nav><figure class="block-color-gray_background callout" style="white-space:pre-wrap;display:flex" id="%s"><div style="font-size:1.5em"><span class="icon">💡</span></div><div style="width:100%%">%s <a href="https://www.osservatoriopartecipazione.it/integra?processo=%d">%s</a></div></figure>`,
		ids.next(), esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<h2 id="%s" class="">%s</h2>`, secIDs[i], esc(s.Name))
		for _, f := range h4Fields(s, i == len(p.Sections)-1, p) {
			fmt.Fprintf(b, `<ul id="%s" class="toggle"><li><details open=""><summary>%s</summary>%s</details></li></ul>`, ids.next(), esc(f.Label), notionBlocks(f, ids))
		}
	}
	b.WriteString(`</div></article><span class="sans" style="font-size:14px;padding-top:2em"></span></body></html>` + "\n")
}

// notionBlocks renders a value as the blocks inside a toggle: one
// bulleted list (of one item) per list item, one paragraph per line,
// images as figures linking to themselves, nothing for an empty value.
func notionBlocks(f Field, ids *notionIDs) string {
	var b strings.Builder
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			fmt.Fprintf(&b, `<ul id="%s" class="bulleted-list"><li style="list-style-type:disc">%s</li></ul>`, ids.next(), esc(pt.text))
		case "img":
			u := esc(absURL(pt.text))
			fmt.Fprintf(&b, `<figure id="%s" class="image"><a href="%s"><img style="width:288px" src="%s"/></a></figure>`, ids.next(), u, u)
		default:
			fmt.Fprintf(&b, `<p id="%s" class="">%s</p>`, ids.next(), h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `">` + esc(u) + `</a>`
			}))
		}
	}
	return b.String()
}
