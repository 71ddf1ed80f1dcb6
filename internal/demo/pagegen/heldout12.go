package pagegen

import (
	"fmt"
	"strings"
)

// heldOut12Layouts are a twelfth set of record pages, in the markups a
// rebuilt observatory site could be served in by today's web frameworks'
// server-side rendering, and that nothing else in the project renders.
// Like the other held-out sets they exist only to measure how a reader
// of record pages does on markup it was not written against.
var heldOut12Layouts = []layout{
	{name: "nextjs", contentType: "text/html; charset=utf-8", render: renderNext12, encode: encodeUTF8},
	{name: "remix", contentType: "text/html; charset=utf-8", render: renderRemix12, encode: encodeUTF8},
	{name: "astro", contentType: "text/html", render: renderAstro12, encode: encodeUTF8},
	{name: "qwik", contentType: "text/html; charset=utf-8", render: renderQwik12, encode: encodeUTF8},
	{name: "fastboot", contentType: "text/html; charset=utf-8", render: renderFastBoot12, encode: encodeUTF8},
	{name: "liveview", contentType: "text/html; charset=utf-8", render: renderLiveView12, encode: encodeUTF8},
	{name: "extjs", contentType: "text/html;charset=UTF-8", render: renderExtJS12, encode: encodeUTF8},
	{name: "mui", contentType: "text/html; charset=utf-8", render: renderMUI12, encode: encodeUTF8},
	{name: "chakra", contentType: "text/html; charset=utf-8", render: renderChakra12, encode: encodeUTF8},
	{name: "antd", contentType: "text/html; charset=utf-8", render: renderAntd12, encode: encodeUTF8},
}

// HeldOut12Layouts returns the names of the twelfth held-out set:
//
//   - "nextjs": a Next.js App Router page styled with Tailwind utility
//     classes: a card per section whose description list has a grid row
//     per field (<dt> label, <dd> value spanning two columns), lists as
//     <ul role="list">, the React Server Components payload pushed into
//     self.__next_f by inline scripts.
//   - "remix": a Remix route: each section an <section> with an <h2>,
//     each field an <h3> label above its value paragraphs, the loader
//     data in window.__remixContext.
//   - "astro": an Astro page: scoped data-astro-cid attributes, each
//     field a list item of a <b> label and a value span, the share
//     button an <astro-island> with its props serialized.
//   - "qwik": a Qwik City page with its resumable markup: <!--qv-->
//     comments around every component, q:key attributes, each field a
//     label span and an <output>, the state in <script type="qwik/json">.
//   - "fastboot": an Ember app rendered by FastBoot: ember-view divs
//     between the fastboot-body boundary scripts, each field a BEM
//     detail row of a label div and a value div.
//   - "liveview": a Phoenix LiveView page with the core components'
//     <.list>: a <dl> of flex rows, the LiveView session and static
//     tokens on the main container.
//   - "extjs": an Ext JS classic form rendered on the server: a fieldset
//     per section with its legend, each field a displayfield whose label
//     text ends with ":" and whose value is an x-form-display-field div.
//   - "mui": a React page with Material UI: a Paper per section, a Grid
//     of two items per field, the label a caption Typography and the
//     value a body1 Typography; emotion style tags in the head.
//   - "chakra": a Chakra UI page: short fields as Stat components
//     (chakra-stat__label and chakra-stat__number) in a SimpleGrid, long
//     fields as a small heading and a text paragraph.
//   - "antd": an Ant Design page: a bordered vertical Descriptions per
//     section, three columns: a row of label cells, then a row of value
//     cells under them.
func HeldOut12Layouts() []string {
	return namesOf(heldOut12Layouts)
}

// RenderHeldOut12 renders p in a layout of the twelfth held-out set and
// returns the page and the Content-Type a server sends with it.
func RenderHeldOut12(p *Page, name string) ([]byte, string, error) {
	return renderHeldOut(heldOut12Layouts, "twelfth held-out set", p, name)
}

// h12Value renders f's value as HTML: the pieces joined by sep, list
// lines whole, images by <img> with class cls.
func h12Value(f Field, sep, cls string) string {
	return h10HTML(f, false, sep, func(src string) string {
		return `<img src="` + esc(src) + `" alt="" class="` + cls + `" loading="lazy">`
	})
}

// h12List renders f's value as HTML list items (one per list item,
// line, image or map marker), each in open and close.
func h12List(f Field, open, close, cls string) string {
	return open + h10HTML(f, true, close+open, func(src string) string {
		return `<img src="` + esc(src) + `" alt="" class="` + cls + `" loading="lazy">`
	}) + close
}

// h12Badges is the record's badges joined by sep, each in open/close.
func h12Badges(p *Page, open, close string) string {
	var out []string
	for _, bd := range badgeNames(p) {
		out = append(out, open+bd+close)
	}
	return strings.Join(out, " ")
}

// h12JSON is s as a JSON string's content (quotes and backslashes
// escaped), for the framework state scripts; HTML-escaped as well.
func h12JSON(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return strings.ReplaceAll(strings.ReplaceAll(s, "<", `\u003c`), "\n", `\n`)
}

// h12Nav writes the observatory's menu as links, each in the given
// markup with %[1]s the path and %[2]s the text.
func h12Nav(b *strings.Builder, item string) {
	for _, n := range h10Nav {
		fmt.Fprintf(b, item, n[1], esc(n[0]))
	}
}
