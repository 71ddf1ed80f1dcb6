package alerts

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// atomNS is the Atom 1.0 namespace (RFC 4287).
const atomNS = "http://www.w3.org/2005/Atom"

// Category schemes of the entries: the alert's kind and its verdict, so a
// feed reader can filter on them.
const (
	kindScheme    = "tag:archivio,2026:kind"
	verdictScheme = "tag:archivio,2026:verdict"
)

// atomFeed is the part of an Atom feed document this package writes and
// reads back. Elements it does not know are dropped on rewrite.
type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string      `xml:"id"`
	Title     atomText    `xml:"title"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    *atomPerson `xml:"author,omitempty"`
	Generator string      `xml:"generator,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Content    atomText       `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// MarshalXML writes the text escaped as encoding/xml does, except that
// line breaks stay literal rather than become "&#xA;": the same text to an
// XML parser, and a feed file people can read.
func (t atomText) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	if t.Type != "" {
		start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: "type"}, Value: t.Type})
	}
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(t.Body)); err != nil {
		return err
	}
	inner := struct {
		Raw string `xml:",innerxml"`
	}{strings.ReplaceAll(b.String(), "&#xA;", "\n")}
	return e.EncodeElement(inner, start)
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomCategory struct {
	Term   string `xml:"term,attr"`
	Scheme string `xml:"scheme,attr,omitempty"`
}

// EntryID is the Atom entry id of an alert in the feed whose id is
// feedID: a name-based UUID (version 5) of the feed id and the alert's id,
// as a URN. The same alert in the same feed always has the same entry id;
// alerts of two archives (whose feeds have different ids) never share one.
func EntryID(feedID string, a Alert) string {
	return "urn:uuid:" + uuid.NewSHA1(uuid.NameSpaceURL, []byte(feedID+"#alert/"+strconv.FormatInt(a.ID, 10))).String()
}

// Feed names an Atom feed document.
type Feed struct {
	Title string
	ID    string // an IRI, such as "urn:uuid:..." (the catalog's identity); required
	// Self is the feed's own URL, written as its rel="self" link (RFC
	// 4287 4.2.7.2); none when empty.
	Self string
}

// RenderAtom returns an Atom 1.0 feed document (RFC 4287) of the alerts,
// newest first (by At, then by ID): the same feed the sink of NewAtom
// keeps on disk.
func RenderAtom(f Feed, updated time.Time, alerts []Alert) ([]byte, error) {
	if strings.TrimSpace(f.ID) == "" {
		return nil, fmt.Errorf("render Atom feed: empty feed id: %w", ErrInvalidOptions)
	}
	sorted := slices.Clone(alerts)
	slices.SortStableFunc(sorted, func(x, y Alert) int {
		return cmp.Or(y.At.Compare(x.At), cmp.Compare(y.ID, x.ID))
	})
	entries := make([]atomEntry, 0, len(sorted))
	for _, a := range sorted {
		if err := validateForAtom(a); err != nil {
			return nil, fmt.Errorf("render Atom feed: %w", err)
		}
		entries = append(entries, entryFor(f.ID, a))
	}
	data, err := encodeFeed(newFeed(f, updated, entries))
	if err != nil {
		return nil, fmt.Errorf("render Atom feed: %w", err)
	}
	return data, nil
}

// validateForAtom checks what an entry needs beyond a deliverable alert:
// a time for atom:updated.
func validateForAtom(a Alert) error {
	if err := a.validate(); err != nil {
		return err
	}
	if a.At.IsZero() {
		return fmt.Errorf("alert %d: no time raised (At): %w", a.ID, ErrInvalidAlert)
	}
	return nil
}

// entryFor is the Atom entry of an alert.
func entryFor(feedID string, a Alert) atomEntry {
	e := atomEntry{
		ID:         EntryID(feedID, a),
		Title:      atomText{Type: "text", Body: Headline(a)},
		Updated:    atomTime(a.At),
		Links:      []atomLink{{Rel: "related", Href: oneLine(a.URL)}},
		Categories: []atomCategory{{Term: a.Kind, Scheme: kindScheme}},
		Content:    atomText{Type: "text", Body: Describe(a)},
	}
	if a.Verdict != "" {
		e.Categories = append(e.Categories, atomCategory{Term: oneLine(a.Verdict), Scheme: verdictScheme})
	}
	return e
}

func newFeed(f Feed, updated time.Time, entries []atomEntry) atomFeed {
	var links []atomLink
	if f.Self != "" {
		links = append(links, atomLink{Rel: "self", Href: oneLine(f.Self), Type: "application/atom+xml"})
	}
	return atomFeed{
		ID:        f.ID,
		Title:     atomText{Type: "text", Body: f.Title},
		Links:     links,
		Updated:   atomTime(updated),
		Author:    &atomPerson{Name: "archivio"}, // RFC 4287 4.1.1: entries carry none
		Generator: "archivio",
		Entries:   entries,
	}
}

// encodeFeed serializes a feed with the XML declaration and a final
// newline.
func encodeFeed(f atomFeed) ([]byte, error) {
	body, err := xml.MarshalIndent(f, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode feed: %w", err)
	}
	out := make([]byte, 0, len(xml.Header)+len(body)+1)
	out = append(out, xml.Header...)
	out = append(out, body...)
	return append(out, '\n'), nil
}

// atomTime formats a date construct (RFC 4287 3.3): RFC 3339 in UTC.
func atomTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

// sortEntries orders entries newest first by atom:updated, keeping the
// order of entries updated at the same time. Unreadable dates sort last.
func sortEntries(es []atomEntry) {
	slices.SortStableFunc(es, func(x, y atomEntry) int {
		return parseAtomTime(y.Updated).Compare(parseAtomTime(x.Updated))
	})
}

func parseAtomTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	return t
}
