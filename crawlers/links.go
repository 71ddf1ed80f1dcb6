package crawlers

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlLinks are the links of a page that answered 200 with an HTML
// content type (see pageLinks); nil for any other page.
func htmlLinks(p *Page) []string {
	if p.Status != http.StatusOK || !strings.Contains(p.Header.Get("Content-Type"), "html") {
		return nil
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return nil
	}
	return pageLinks(p.Body, u)
}

// pageLinks returns the targets of a page's <a href> and <area href>
// links, resolved against its <base href> or its URL. It reads the page
// as a stream of tags, without building a tree: link discovery runs on
// every page of a crawl.
func pageLinks(body []byte, pageURL *url.URL) []string {
	z := html.NewTokenizer(bytes.NewReader(body))
	base := pageURL
	var out []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if !hasAttr {
				continue
			}
			a := atom.Lookup(name)
			if a != atom.A && a != atom.Area && a != atom.Base {
				continue
			}
			href := ""
			for {
				k, v, more := z.TagAttr()
				if string(k) == "href" {
					href = strings.TrimSpace(string(v))
				}
				if !more {
					break
				}
			}
			if href == "" || strings.HasPrefix(href, "#") {
				continue
			}
			u, err := base.Parse(href)
			if err != nil {
				continue
			}
			if a == atom.Base {
				if u.IsAbs() {
					base = u
				}
				continue
			}
			u.Fragment = ""
			out = append(out, u.String())
		}
	}
}

// PageLinks are the links of an HTML page as a crawl follows them (see
// pageLinks), for the nodes of a shared catalog.
func PageLinks(body []byte, pageURL *url.URL) []string { return pageLinks(body, pageURL) }
