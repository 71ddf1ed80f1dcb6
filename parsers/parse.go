package parsers

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// minKnownLabels is how many distinct dictionary labels a page must carry to
// be taken for a process page.
const minKnownLabels = 2

// Parse reads an observatory process page ("scheda processo") into a Record.
//
// body is the page as fetched. pageURL is where it came from: it gives the
// record id and resolves relative links (nil when unknown; the page's
// canonical link must then name the record). contentType is the HTTP
// Content-Type when known, "" otherwise; it decides the charset before any
// <meta> declaration does.
//
// Non-fatal findings are in the record's Warnings. Parse fails with
// ErrNotRecordPage when the page is not a process page and ErrNoRecordID
// when no id can be found.
func Parse(body []byte, pageURL *url.URL, contentType string) (*Record, error) {
	dec := decodeBody(body, contentType)
	root, err := html.Parse(bytes.NewReader(dec.text))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	doc := goquery.NewDocumentFromNode(root)
	lin := linearize(root, len(dec.text))

	a := newAssembler(documentBase(doc, pageURL), recordContainer(lin.tokens))
	if dec.warning != nil {
		a.rec.Warnings = append(a.rec.Warnings, *dec.warning)
	}
	a.run(lin.tokens)
	if a.known < minKnownLabels {
		return nil, fmt.Errorf("%w: %d of the observatory's field labels found", ErrNotRecordPage, a.known)
	}

	rec := a.rec
	// Collections are [] rather than null in JSON: always present, maybe empty.
	rec.Raw = nonNil(rec.Raw)
	rec.Links = nonNil(rec.Links)
	rec.Warnings = nonNil(rec.Warnings)
	switch {
	case pageURL != nil:
		rec.URL = pageURL.String()
	default:
		rec.URL = canonicalURL(doc)
	}
	id, ok := RecordID(rec.URL)
	if !ok {
		if c := canonicalURL(doc); c != "" {
			id, ok = RecordID(c)
		}
	}
	if !ok {
		return nil, ErrNoRecordID
	}
	rec.ID = id

	title := lin.h1
	if title == "" {
		title = siteTitle(doc.Find("title").First().Text())
	}
	if title == "" {
		title = a.headerTitle
	}
	if title != "" {
		rec.Title = &title
	} else {
		rec.Warnings = append(rec.Warnings, Warning{Code: "no_title", Message: "no title found (no h1, no <title>)"})
	}
	return rec, nil
}

// documentBase is the URL relative references resolve against: the page's
// <base href> (itself resolved against the page URL) or the page URL.
func documentBase(doc *goquery.Document, pageURL *url.URL) *url.URL {
	href, ok := doc.Find("base[href]").First().Attr("href")
	if !ok {
		return pageURL
	}
	b, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return pageURL
	}
	if pageURL != nil {
		b = pageURL.ResolveReference(b)
	}
	if !b.IsAbs() {
		return pageURL
	}
	return b
}

// canonicalURL is the page's own statement of its address.
func canonicalURL(doc *goquery.Document) string {
	if h, ok := doc.Find(`link[rel~="canonical"]`).First().Attr("href"); ok && strings.TrimSpace(h) != "" {
		return strings.TrimSpace(h)
	}
	h, _ := doc.Find(`meta[property="og:url"]`).First().Attr("content")
	return strings.TrimSpace(h)
}

// siteTitle takes the site's name off a document title:
// "La fabbrica delle idee | Osservatorio Partecipazione" -> "La fabbrica delle idee".
func siteTitle(t string) string {
	t = collapseSpace(t)
	for _, sep := range []string{" | ", " – ", " — ", " - ", " :: ", " · "} {
		if i := strings.LastIndex(t, sep); i > 0 {
			site := foldText(t[i:])
			if strings.Contains(site, "osservatorio") || strings.Contains(site, "partecipazione") {
				return strings.TrimSpace(t[:i])
			}
		}
	}
	return t
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
