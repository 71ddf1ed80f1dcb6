package pagegen

import (
	"fmt"
	"html"
	"slices"
	"strings"
)

// layout is one way of rendering a page.
type layout struct {
	name        string
	contentType string
	render      func(b *strings.Builder, p *Page) // writes the page after the provenance comment, as UTF-8
	encode      func(doc string) ([]byte, error)  // turns the UTF-8 document into the layout's bytes
	more        bool                              // listed by MoreLayouts, not Layouts
}

// allLayouts lists the layouts in the order Layouts and MoreLayouts
// return them.
var allLayouts = []layout{
	{name: "dl", contentType: "text/html; charset=utf-8", render: renderDL, encode: encodeUTF8},
	{name: "table", contentType: "text/html; charset=windows-1252", render: renderTable, encode: encodeWindows1252},
	{name: "divs", contentType: "text/html", render: renderDivs, encode: encodeUTF8},
	{name: "inline", contentType: "text/html; charset=iso-8859-1", render: renderInline, encode: encodeLatin1},
	{name: "form", contentType: "text/html; charset=utf-8", render: renderForm, encode: encodeUTF8, more: true},
	{name: "cards", contentType: "text/html; charset=utf-8", render: renderCards, encode: encodeUTF8, more: true},
}

// baseHref is the <base href> of every layout: image paths stay relative,
// as written in the record texts.
const baseHref = "https://www.osservatoriopartecipazione.it/"

// Layouts returns the names of the established layouts: "dl", "table",
// "divs" and "inline". The demo site serves them and the parser's fixture
// set covers them.
func Layouts() []string { return layoutNames(false) }

// MoreLayouts returns the names of two more hand-written layouts of
// readable record pages: "form" (an ASP.NET WebForms read-only form) and
// "cards" (Bootstrap cards). They are kept apart from Layouts so that what
// iterates Layouts (the demo site, the parser's golden fixtures) does not
// change until it takes them on. (ShellLayout is in neither list: its
// visible page holds no record.)
func MoreLayouts() []string { return layoutNames(true) }

func layoutNames(more bool) []string {
	var names []string
	for _, l := range allLayouts {
		if l.more == more {
			names = append(names, l.name)
		}
	}
	return names
}

// ContentType returns the Content-Type an HTTP server should send with a
// page in layout, or "" for an unknown layout. The "divs" layout has no
// charset parameter on purpose: its pages declare no encoding anywhere.
func ContentType(layout string) string {
	if l, ok := findLayout(layout); ok {
		return l.contentType
	}
	return ""
}

// Render returns the bytes of p in layout (one of Layouts, MoreLayouts or
// ShellLayout), in that layout's encoding (see ContentType). Every page
// begins with an HTML comment naming the record it was made from.
func Render(p *Page, layout string) ([]byte, error) {
	l, ok := findLayout(layout)
	if !ok {
		return nil, fmt.Errorf("%w: %q (have %s)", ErrUnknownLayout, layout, strings.Join(slices.Concat(Layouts(), MoreLayouts(), []string{ShellLayout}), ", "))
	}
	if p == nil {
		return nil, fmt.Errorf("render %s: nil page", layout)
	}
	var b strings.Builder
	b.WriteString(provenance(p, layout))
	b.WriteString("\n")
	l.render(&b, p)
	out, err := l.encode(b.String())
	if err != nil {
		return nil, fmt.Errorf("render record %d in layout %s: %w", p.ID, layout, err)
	}
	return out, nil
}

func findLayout(name string) (layout, bool) {
	for _, l := range slices.Concat(allLayouts, extraLayouts) {
		if l.name == name {
			return l, true
		}
	}
	return layout{}, false
}

// provenance returns the HTML comment that opens every page.
func provenance(p *Page, layout string) string {
	from := "from a record text"
	if f := sourceFile(p.ID); f != "" {
		from = "from " + f
	}
	s := fmt.Sprintf("Fixture data: record %d of the Osservatorio Partecipazione (Regione Emilia-Romagna), public data, %s, page %s; rendered in layout %q by archivio/internal/demo/pagegen.",
		p.ID, from, p.URL, layout)
	return "<!-- " + commentSafe(s) + " -->"
}

// commentSafe makes s safe inside an HTML comment in any of the layouts'
// encodings: ASCII only, no "--" and no ">" that could end the comment.
func commentSafe(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '>':
			b.WriteString("%3E")
		case r == '-' && strings.HasSuffix(b.String(), "-"):
			b.WriteString("%2D")
		case r < 0x20 || r > 0x7e:
			b.WriteString("?")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// esc escapes text for HTML text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

// listSep returns the item separator of a list type ("list( / )" -> " / ",
// "list(, )" -> ", "), or "" when typ is not a list.
func listSep(typ string) string {
	if strings.HasPrefix(typ, "list(") && strings.HasSuffix(typ, ")") && len(typ) > len("list()") {
		return typ[len("list(") : len(typ)-1]
	}
	return ""
}

// listItems splits one value line of a list into its items.
func listItems(line, sep string) []string {
	var items []string
	for _, it := range strings.Split(line, sep) {
		if strings.TrimSpace(it) != "" {
			items = append(items, it)
		}
	}
	return items
}

// textHTML renders one text value line: URLs of url fields become links.
func textHTML(typ, line string) string {
	if typ == "url" && (strings.HasPrefix(line, "http://") || strings.HasPrefix(line, "https://")) && !strings.ContainsAny(line, " \t") {
		return `<a href="` + esc(line) + `">` + esc(line) + `</a>`
	}
	return esc(line)
}

// badgeNames returns the badges shown on p, in page order.
func badgeNames(p *Page) []string {
	var out []string
	if p.Certified {
		out = append(out, badgeCertTxt)
	}
	if p.Financed {
		out = append(out, badgeFinTxt)
	}
	return out
}
