package serve

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"

	nethtml "golang.org/x/net/html"
)

// Rewriting archived pages for replay: every URL an archived page holds
// (links, images, style sheets, frames, form targets, URLs in CSS) is
// made to point at the archive (/replay/TIMESTAMP/URL), so that nothing in
// the page reaches the live web; scripts, event handlers, refreshes and
// <base> are dropped. An URL the archive has no copy of still points at
// the archive (which answers that it is missing) and its element is
// marked data-archivio-missing. The sandboxing Content-Security-Policy of
// the replay answers is the second wall: what the rewriting missed is
// not fetched from elsewhere.

// urlMapper turns a URL found in a page (absolute, resolved) into the
// one written instead, and says whether the archive has it.
type urlMapper func(abs string) (string, bool)

// urlAttrs are the attributes holding one URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "poster": true, "data": true,
	"background": true, "cite": true, "longdesc": true, "lowsrc": true, "dynsrc": true, "manifest": true,
	"codebase": true, "icon": true, "profile": true, "xlink:href": true, "usemap": false, "itemtype": false,
}

// droppedAttrs are attributes that would act on their own or defeat the
// rewriting.
var droppedAttrs = map[string]bool{"srcdoc": true, "ping": true, "integrity": true, "crossorigin": true, "nonce": true}

// missingStyle marks the elements whose URL the archive lacks.
const missingStyle = `<style>[data-archivio-missing]{outline:2px dashed #b00020 !important;outline-offset:1px}</style>`

// maxNesting bounds how deep <noscript> contents are read again as markup.
const maxNesting = 4

// rewriteHTML rewrites an archived HTML page whose URL is base.
func rewriteHTML(body []byte, base *url.URL, m urlMapper) []byte {
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)
	rewriteHTMLInto(&out, body, base, m, 0, true)
	return out.Bytes()
}

func rewriteHTMLInto(out *bytes.Buffer, body []byte, base *url.URL, m urlMapper, depth int, top bool) {
	z := nethtml.NewTokenizer(bytes.NewReader(body))
	styled := !top
	skip := "" // the element whose content is dropped (script)
	raw := ""  // the raw text element being read (style, noscript)
	for {
		tt := z.Next()
		if tt == nethtml.ErrorToken {
			break
		}
		if skip != "" {
			if tt == nethtml.EndTagToken {
				if name, _ := z.TagName(); string(name) == skip {
					skip = ""
				}
			}
			continue
		}
		switch tt {
		case nethtml.TextToken:
			switch raw {
			case "style":
				out.WriteString(rewriteCSS(string(z.Raw()), base, m))
			case "noscript":
				if depth < maxNesting {
					rewriteHTMLInto(out, z.Raw(), base, m, depth+1, false)
				}
			default:
				out.Write(z.Raw())
			}
		case nethtml.StartTagToken, nethtml.SelfClosingTagToken:
			tok := z.Token()
			name := tok.Data
			switch {
			case name == "script":
				if tt == nethtml.StartTagToken {
					skip = "script"
				}
				continue
			case name == "base":
				if h := attr(tok, "href"); h != "" {
					if b, err := base.Parse(strings.TrimSpace(h)); err == nil && (b.Scheme == "http" || b.Scheme == "https") {
						base = b
					}
				}
				continue
			case name == "meta" && strings.EqualFold(attr(tok, "http-equiv"), "refresh"):
				continue
			}
			out.WriteString(rewriteTag(tok, tt, base, m))
			if !styled && (name == "head" || name == "body") {
				out.WriteString(missingStyle)
				styled = true
			}
			if tt == nethtml.StartTagToken && (name == "style" || name == "noscript") {
				raw = name
			}
		case nethtml.EndTagToken:
			name, _ := z.TagName()
			if string(name) == raw {
				raw = ""
			}
			out.Write(z.Raw())
		default:
			out.Write(z.Raw())
		}
	}
	if !styled {
		out.WriteString(missingStyle)
	}
}

func attr(t nethtml.Token, key string) string {
	for _, a := range t.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// rewriteTag writes a start tag again with its URLs rewritten.
func rewriteTag(t nethtml.Token, tt nethtml.TokenType, base *url.URL, m urlMapper) string {
	var b strings.Builder
	b.WriteByte('<')
	b.WriteString(t.Data)
	missing := ""
	for _, a := range t.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		val := a.Val
		switch {
		case strings.HasPrefix(key, "on") || droppedAttrs[key] || strings.HasPrefix(key, "data-archivio"):
			continue
		case urlAttrs[key]:
			var ok bool
			val, ok = mapOne(val, base, m)
			if !ok && missing == "" {
				missing = strings.TrimSpace(a.Val)
			}
		case key == "srcset" || key == "imagesrcset":
			val = rewriteSrcset(val, base, m)
		case key == "style":
			val = rewriteCSS(val, base, m)
		}
		b.WriteByte(' ')
		if a.Namespace != "" {
			b.WriteString(a.Namespace + ":")
		}
		b.WriteString(a.Key)
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(val))
		b.WriteByte('"')
	}
	if missing != "" {
		b.WriteString(` data-archivio-missing="`)
		b.WriteString(html.EscapeString(missing))
		b.WriteByte('"')
	}
	if tt == nethtml.SelfClosingTagToken {
		b.WriteString(" /")
	}
	b.WriteByte('>')
	return b.String()
}

// mapOne rewrites one URL of a page; ok is false when it points at the
// web and the archive lacks it. Fragments stay; anything that is not
// http, https or data becomes "#".
func mapOne(raw string, base *url.URL, m urlMapper) (string, bool) {
	s := strings.TrimSpace(raw)
	if s == "" || strings.HasPrefix(s, "#") {
		return s, true
	}
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "data:") {
		return s, true
	}
	u, err := base.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "#", true
	}
	frag := u.Fragment
	u.Fragment, u.RawFragment = "", ""
	out, ok := m(u.String())
	if frag != "" {
		out += "#" + url.PathEscape(frag)
	}
	return out, ok
}

func rewriteSrcset(v string, base *url.URL, m urlMapper) string {
	parts := strings.Split(v, ",")
	for i, p := range parts {
		f := strings.Fields(p)
		if len(f) == 0 {
			continue
		}
		f[0], _ = mapOne(f[0], base, m)
		parts[i] = strings.Join(f, " ")
	}
	return strings.Join(parts, ", ")
}

var (
	cssURL    = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`(?i)@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// rewriteCSS rewrites the URLs of a style sheet or style attribute.
func rewriteCSS(css string, base *url.URL, m urlMapper) string {
	css = cssURL.ReplaceAllStringFunc(css, func(s string) string {
		g := cssURL.FindStringSubmatch(s)
		u, _ := mapOne(g[1]+g[2]+g[3], base, m)
		return `url("` + cssEscape(u) + `")`
	})
	return cssImport.ReplaceAllStringFunc(css, func(s string) string {
		g := cssImport.FindStringSubmatch(s)
		u, _ := mapOne(g[1]+g[2], base, m)
		return `@import url("` + cssEscape(u) + `")`
	})
}

func cssEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", "", "\r", "", "<", "%3C", ">", "%3E").Replace(s)
}

// pageURLs lists the absolute http(s) URLs an HTML page or style sheet
// holds, as rewriteHTML and rewriteCSS would meet them.
func pageURLs(body []byte, base *url.URL, css bool) []string {
	seen := map[string]bool{}
	var out []string
	collect := func(abs string) (string, bool) {
		if !seen[abs] {
			seen[abs] = true
			out = append(out, abs)
		}
		return abs, true
	}
	if css {
		rewriteCSS(string(body), base, collect)
	} else {
		rewriteHTML(body, base, collect)
	}
	return out
}
