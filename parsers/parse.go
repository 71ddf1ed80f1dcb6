package parsers

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
// when no id can be found. Its work is linear in the page's size.
func Parse(body []byte, pageURL *url.URL, contentType string) (*Record, error) {
	rec, _, err := parse(context.Background(), body, pageURL, contentType, nil)
	return rec, err
}

// ParseContext is Parse that stops, returning ctx's error, soon after ctx
// is canceled, however large the page.
func ParseContext(ctx context.Context, body []byte, pageURL *url.URL, contentType string) (*Record, error) {
	rec, _, err := parse(ctx, body, pageURL, contentType, nil)
	return rec, err
}

// Explain parses a page as Parse does and also tells how it was read. The
// explanation is returned even when the page is not read as a record (the
// error says why), so a maintainer can see what the parser saw.
func Explain(body []byte, pageURL *url.URL, contentType string) (*Record, *Explanation, error) {
	x := &explainer{}
	rec, _, err := parse(context.Background(), body, pageURL, contentType, x)
	x.e.Labels = nonNil(x.e.Labels)
	x.e.Decorations = nonNil(x.e.Decorations)
	x.e.Unused = nonNil(x.e.Unused)
	x.e.Warnings = nonNil(x.e.Warnings)
	x.e.Sections = nonNil(x.e.Sections)
	return rec, &x.e, err
}

func parse(ctx context.Context, body []byte, pageURL *url.URL, contentType string, x *explainer) (rec *Record, _ *explainer, err error) {
	defer recoverFault(&rec, &err)
	dec := decodeBody(body, contentType)
	if x != nil {
		x.e.Encoding = dec.encoding
	}
	root, nestWarn, err := parseHTML(ctx, dec.text)
	if err != nil {
		return nil, x, err
	}
	if reshapeNeeded(dec.text) {
		reshape(ctx, root, 0)
	}
	doc := goquery.NewDocumentFromNode(root)
	lin, err := linearize(ctx, root, len(dec.text))
	if err != nil {
		return nil, x, fmt.Errorf("parse: %w", err)
	}

	container := recordContainer(lin.tokens)
	a := newAssembler(documentBase(root, pageURL), container)
	a.explain = x
	if pageURL != nil {
		self := *pageURL
		self.Fragment, self.Scheme = "", ""
		a.self = strings.TrimSuffix(strings.TrimPrefix(self.String(), "//"), "/")
	}
	a.canonical = func() string {
		if c := canonicalURL(doc); c != "" {
			return selfKey(c)
		}
		return ""
	}
	if x != nil && container != nil {
		x.e.Container = describeNode(container)
	}
	if lin.full {
		a.rec.Warnings = append(a.rec.Warnings, Warning{Code: "too_many_blocks",
			Message: fmt.Sprintf("the page has more than %d blocks of text: the record was read from the first %d", maxTokens, maxTokens)})
	}
	for _, w := range []*Warning{dec.warning, nestWarn} {
		if w != nil {
			a.rec.Warnings = append(a.rec.Warnings, *w)
		}
	}
	a.run(lin.tokens)
	if a.known < minKnownLabels {
		x.finish(a.rec)
		return nil, x, fmt.Errorf("%w: %d of the observatory's field labels found", ErrNotRecordPage, a.known)
	}

	rec = a.rec
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
	id, ok := recordID(rec.URL)
	if !ok {
		if c := canonicalURL(doc); c != "" {
			id, ok = recordID(c)
		}
	}
	if !ok {
		x.finish(rec)
		return nil, x, ErrNoRecordID
	}
	rec.ID = id

	if rec.Region == nil {
		rec.Region = breadcrumbRegion(doc)
	}
	if lin.h1 != "" && rec.Region != nil {
		// "<h1>Title <small>Regione Emilia-Romagna</small></h1>"
		lin.h1 = strings.TrimSpace(strings.TrimSuffix(lin.h1, *rec.Region))
	}
	docTitle := titleText(root)
	lin.h1 = withoutItemID(lin.h1, docTitle)
	title := a.labeledTitle
	if title == "" {
		title = chooseTitle(lin.h1, docTitle, a.headerTitle, lin.shows)
		if t, ok := headingPart(docTitle, lin.headings); ok && title != lin.h1 {
			title = t // "Title: Schede processi - Airtable", the title shown as a heading
		}
		if title != lin.h1 {
			title = withoutAppName(title, lin.shows, lin.showsBlock)
		}
	}
	if a.labeledTitle == "" && (a.nearAfterH1 < 0 || a.nearAfterH1 >= nearTitleFar || genericTitle(lin.h1)) && a.nearTitle != "" && a.nearTitle != title && !genericTitle(a.nearTitle) && !dict.lookup(a.nearTitle).found() &&
		!titledByDocument(title, docTitle, lin.h1, lin.headings) {
		title = a.nearTitle // the record's own heading, under the page's
	}
	if title != "" {
		rec.Title = &title
	} else {
		rec.Warnings = append(rec.Warnings, Warning{Code: "no_title", Message: "no title found (no h1, no <title>)"})
	}
	x.finish(rec)
	return rec, x, nil
}

// documentBase is the URL relative references resolve against: the page's
// <base href> (itself resolved against the page URL) or the page URL.
func documentBase(root *html.Node, pageURL *url.URL) *url.URL {
	base := firstElement(root, "base", func(n *html.Node) bool { _, ok := anyAttr(n, "href"); return ok })
	if base == nil {
		return pageURL
	}
	href, _ := anyAttr(base, "href")
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

// canonicalURL is the page's own statement of its address: the first
// <link rel="canonical">, else the first og:url. It walks the tree rather
// than matching selectors: a parse may ask for it on every page.
func canonicalURL(doc *goquery.Document) string {
	var canonical, og *html.Node
	var walk func(*html.Node) bool
	walk = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch {
			case c.DataAtom == atom.Link && canonical == nil && slices.Contains(strings.Fields(attr(c, "rel")), "canonical"):
				canonical = c
				return true
			case c.DataAtom == atom.Meta && og == nil && attr(c, "property") == "og:url":
				og = c
			}
			if walk(c) {
				return true
			}
		}
		return false
	}
	for _, n := range doc.Nodes {
		if walk(n) {
			break
		}
	}
	if canonical != nil {
		if h := strings.TrimSpace(attr(canonical, "href")); h != "" {
			return h
		}
	}
	if og != nil {
		return strings.TrimSpace(attr(og, "content"))
	}
	return ""
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
