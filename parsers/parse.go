package parsers

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
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

func parse(ctx context.Context, body []byte, pageURL *url.URL, contentType string, x *explainer) (*Record, *explainer, error) {
	dec := decodeBody(body, contentType)
	if x != nil {
		x.e.Encoding = dec.encoding
	}
	root, nestWarn, err := parseHTML(ctx, dec.text)
	if err != nil {
		return nil, x, err
	}
	doc := goquery.NewDocumentFromNode(root)
	lin, err := linearize(ctx, root, len(dec.text))
	if err != nil {
		return nil, x, fmt.Errorf("parse: %w", err)
	}

	container := recordContainer(lin.tokens)
	a := newAssembler(documentBase(doc, pageURL), container)
	a.explain = x
	if pageURL != nil {
		self := *pageURL
		self.Fragment, self.Scheme = "", ""
		a.self = strings.TrimSuffix(strings.TrimPrefix(self.String(), "//"), "/")
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
	title := a.labeledTitle
	if title == "" {
		title = chooseTitle(lin.h1, doc.Find("title").First().Text(), a.headerTitle)
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

// chooseTitle picks the record's title among the page's first <h1>, its
// document <title> (less the site's name) and the first text of its header.
// An <h1> that is a section or a field label, the site's name, or generic
// (the list the page belongs to, what a back office does with it) is not
// the title, and the document title may hold it beside the record's
// ("Schede processi - Title"); when the <h1> and the document title
// disagree, the document title names the record unless it is generic
// ("Scheda processo").
func chooseTitle(h1, docTitle, header string) string {
	t := siteTitle(docTitle)
	if h1 != "" && t != "" && t != h1 {
		if rest, ok := afterPart(t, h1); ok && !genericTitle(rest) && genericTitle(h1) {
			return rest
		}
	}
	if h1 != "" && (dict.lookup(h1).found() || genericTitle(h1)) {
		h1 = ""
	}
	if h1 != "" && t != "" && t != h1 && !strings.Contains(t, h1) && !strings.Contains(h1, t) && !genericTitle(t) {
		return t
	}
	switch {
	case h1 != "":
		return h1
	case t != "" && !genericTitle(t):
		return t
	case header != "":
		return header
	}
	return t
}

// afterPart returns the rest of a document title that begins or ends with
// part and a separator: "Schede processi - Title" and "Schede processi"
// give "Title".
func afterPart(t, part string) (string, bool) {
	for _, sep := range titleSeps {
		if rest, ok := strings.CutPrefix(t, part+sep); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
		if rest, ok := strings.CutSuffix(t, sep+part); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// genericTitle reports whether a document title names the kind of page or
// the site rather than the record.
func genericTitle(t string) bool {
	f := strings.Trim(foldText(t), " .:-")
	if siteScore(t) == 2 && len(f) < 40 {
		return true
	}
	switch f {
	case "", "scheda", "scheda processo", "scheda del processo", "dettaglio", "dettaglio processo",
		"processo", "processi", "scheda progetto", "progetto", "schede processi", "elenco processi":
		return true
	}
	// "Foglio 1: Scheda 141", "Scheda n. 141": a sheet or a record number;
	// "Visualizza processo", "Modifica processo": what a back office does.
	for _, p := range []string{"foglio", "scheda n", "visualizza ", "modifica ", "dettaglio ", "view ", "change "} {
		if strings.HasPrefix(f, p) && len(f) < 40 {
			return true
		}
	}
	return strings.HasPrefix(f, "scheda ") && len(f) < 16
}

// titleSeps separate a document title's parts.
var titleSeps = []string{" | ", " – ", " — ", " - ", " :: ", " · ", " » ", ": "}

// siteTitle takes the site's name off a document title:
// "La fabbrica delle idee | Osservatorio Partecipazione" -> "La fabbrica delle idee".
func siteTitle(t string) string {
	t = collapseSpace(t)
	seps := titleSeps[:len(titleSeps)-1]
	last, lastLen, first, firstLen := -1, 0, len(t), 0
	for _, sep := range seps {
		if i := strings.LastIndex(t, sep); i > last {
			last, lastLen = i, len(sep)
		}
		if i := strings.Index(t, sep); i >= 0 && i < first {
			first, firstLen = i, len(sep)
		}
	}
	if last < 0 {
		return t
	}
	// The site's name is after the last separator or before the first
	// ("Osservatorio Partecipazione - Title"); the record's own title may
	// hold separators and even the word "partecipazione".
	suffix, prefix := siteScore(t[last+lastLen:]), siteScore(t[:first])
	if genericTitle(t[:last]) {
		suffix = 0 // what would be left is no title: "Schede processi - Title"
	}
	if genericTitle(t[first+firstLen:]) {
		prefix = 0
	}
	switch {
	case suffix > 0 && suffix >= prefix:
		return strings.TrimSpace(t[:last])
	case prefix > 0:
		return strings.TrimSpace(t[first+firstLen:])
	}
	return t
}

// siteScore says how surely a part of a document title is the site's name:
// 2 when it names the observatory, 1 when it only speaks of participation.
func siteScore(s string) int {
	f := foldText(s)
	switch {
	case len(f) > 80:
		return 0
	case strings.Contains(f, "osservatorio"):
		return 2
	case strings.Contains(f, "partecipazione"):
		return 1
	}
	return 0
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
