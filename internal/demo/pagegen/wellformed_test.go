package pagegen

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

var (
	voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")
	// blockElements may not stand where only phrasing content is allowed:
	// an HTML parser would close the open paragraph or misplace them.
	blockElements = set("address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "dd", "dt",
		"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
		"li", "main", "nav", "ol", "p", "pre", "section", "table", "tr", "td", "th", "tbody", "thead", "caption",
		"legend", "ul", "summary")
	phrasingParents = set("p", "span", "a", "strong", "b", "em", "i", "label", "abbr", "small", "sup", "sub",
		"h1", "h2", "h3", "h4", "h5", "h6", "legend", "dt", "caption", "font", "u", "time", "summary")
	// allowedChildren restricts what some elements may contain.
	allowedChildren = map[string]map[string]bool{
		"ul": set("li"), "ol": set("li"), "dl": set("dt", "dd", "div"),
		"table": set("caption", "colgroup", "thead", "tbody", "tfoot", "tr"),
		"thead": set("tr"), "tbody": set("tr"), "tfoot": set("tr"), "tr": set("td", "th"),
		"select": set("option", "optgroup"), "optgroup": set("option"),
		"html": set("head", "body"), "head": set("meta", "title", "base", "link", "script", "style"),
	}
	// allowedParents restricts where some elements may stand.
	allowedParents = map[string]map[string]bool{
		"li": set("ul", "ol"), "dt": set("dl", "div"), "dd": set("dl", "div"), "tr": set("table", "thead", "tbody", "tfoot"),
		"td": set("tr"), "th": set("tr"), "option": set("select", "optgroup"), "legend": set("fieldset"),
		"caption": set("table"), "summary": set("details"), "thead": set("table"), "tbody": set("table"),
	}
	noTextIn  = set("html", "head", "table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "select")
	labelable = set("input", "select", "textarea")
)

// checkWellFormed reads a decoded page token by token and returns its
// markup errors: elements not closed or closed out of order, block
// elements where only phrasing content may stand, children that tables,
// lists, description lists and selects do not allow, text where none may
// be, nested links, forms or labels, duplicate ids, and labels whose for
// names no form control. A page without errors is parsed by an HTML5
// parser into exactly the tree its markup shows.
func checkWellFormed(doc string) []string {
	var errs []string
	fail := func(format string, args ...any) {
		if len(errs) < 20 {
			errs = append(errs, fmt.Sprintf(format, args...))
		}
	}
	var stack []string
	ids := map[string]string{} // id -> element
	var fors []string
	z := html.NewTokenizer(strings.NewReader(doc))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				fail("tokenizer: %v", z.Err())
			}
			break
		}
		tok := z.Token()
		inSVG := false
		for _, s := range stack {
			if s == "svg" {
				inSVG = true
			}
		}
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name := tok.Data
			if !inSVG {
				parent := ""
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				if phrasingParents[parent] && blockElements[name] {
					fail("<%s> inside <%s>", name, parent)
				}
				if ok, limited := allowedChildren[parent]; limited && !ok[name] {
					fail("<%s> inside <%s>", name, parent)
				}
				if ok, limited := allowedParents[name]; limited && !ok[parent] {
					fail("<%s> inside <%s>", name, parent)
				}
				for _, s := range stack {
					if s == name && (name == "a" || name == "form" || name == "label") {
						fail("<%s> nested in <%s>", name, name)
					}
				}
				if tt == html.SelfClosingTagToken && !voidElements[name] {
					fail("<%s/> is not a void element", name)
				}
			}
			for _, a := range tok.Attr {
				switch a.Key {
				case "id":
					if _, dup := ids[a.Val]; dup {
						fail("duplicate id %q", a.Val)
					}
					ids[a.Val] = name
				case "for":
					if name == "label" {
						fors = append(fors, a.Val)
					}
				}
			}
			if tt == html.StartTagToken && !voidElements[name] {
				stack = append(stack, name)
			}
		case html.EndTagToken:
			if len(stack) == 0 {
				fail("</%s> with no open element", tok.Data)
				continue
			}
			if top := stack[len(stack)-1]; top != tok.Data {
				fail("</%s> closes <%s>", tok.Data, top)
				continue
			}
			stack = stack[:len(stack)-1]
		case html.TextToken:
			if len(stack) > 0 && noTextIn[stack[len(stack)-1]] && strings.TrimSpace(tok.Data) != "" {
				fail("text %q inside <%s>", tok.Data, stack[len(stack)-1])
			}
		}
	}
	if len(stack) > 0 {
		fail("elements left open: %v", stack)
	}
	for _, f := range fors {
		if el, ok := ids[f]; !ok || !labelable[el] {
			fail("label for=%q names no form control (found %q)", f, el)
		}
	}
	return errs
}
