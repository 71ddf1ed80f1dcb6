package parsers

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
)

// Explanation tells how a page was read, for a maintainer adapting the
// parser to a new layout (archivio parse --explain): every label found,
// the element it came from, how it matched the dictionary, what was dropped
// as decoration, each value as text and as typed, and what was not used.
type Explanation struct {
	Encoding string `json:"encoding"`
	// Container is the element that holds the record's labels; text
	// outside it is not a value.
	Container   string             `json:"container"`
	Labels      []ExplainedLabel   `json:"labels"`
	Decorations []ExplainedDrop    `json:"decorations"`
	Unused      []ExplainedBlock   `json:"unused"`
	Warnings    []Warning          `json:"warnings"`
	Sections    []ExplainedSection `json:"sections"`
}

// ExplainedLabel is one label found on the page.
type ExplainedLabel struct {
	Label   string `json:"label"`   // as shown, decorations removed
	Element string `json:"element"` // where it sits, e.g. "dl.scheda > dt"
	// Match is how the label was recognized: exact (as the dictionary
	// writes it), normalized (case, accents, spacing, colons, decorations),
	// fuzzy (a near miss), or unknown.
	Match   string          `json:"match"`
	Field   string          `json:"field,omitempty"`
	Section string          `json:"section,omitempty"`
	Dropped string          `json:"dropped,omitempty"` // decorations removed from the label
	Text    string          `json:"text"`              // the value as shown
	Typed   json.RawMessage `json:"typed"`             // the value in the record
	Note    string          `json:"note,omitempty"`    // why there is no typed value
}

// ExplainedDrop is a decoration left out.
type ExplainedDrop struct {
	Text    string `json:"text"`
	Element string `json:"element"`
	Where   string `json:"where"`
}

// ExplainedBlock is a block of text no field took, and why.
type ExplainedBlock struct {
	Text    string `json:"text"`
	Element string `json:"element"`
	Why     string `json:"why"`
}

// ExplainedSection is a section heading found.
type ExplainedSection struct {
	Name    string `json:"name"`
	Element string `json:"element"`
	Match   string `json:"match"`
}

// explainer collects an Explanation while a page is assembled. Its methods
// do nothing on a nil explainer, so the common path pays nothing.
type explainer struct {
	e Explanation
}

type explainedLabel struct {
	x *explainer
	i int
}

func (x *explainer) label(f *openField, text string) explainedLabel {
	if x == nil {
		return explainedLabel{}
	}
	how := f.tok.how.String()
	field := ""
	if f.def != nil {
		field = f.def.name
	} else {
		how = "unknown"
	}
	x.e.Labels = append(x.e.Labels, ExplainedLabel{
		Label: f.label, Element: describeNode(f.tok.node), Match: how, Field: field,
		Section: f.section, Dropped: f.tok.dropped, Text: text,
	})
	return explainedLabel{x, len(x.e.Labels) - 1}
}

func (el explainedLabel) note(s string) {
	if el.x != nil {
		el.x.e.Labels[el.i].Note = s
	}
}

func (x *explainer) decoration(text string, n *html.Node, where string) {
	if x != nil {
		x.e.Decorations = append(x.e.Decorations, ExplainedDrop{Text: text, Element: describeNode(n), Where: where})
	}
}

func (x *explainer) unused(t token, why string) {
	if x == nil {
		return
	}
	text := t.text
	if text == "" && len(t.images()) > 0 {
		text = t.images()[0].src
	}
	if text == "" && len(t.links()) > 0 {
		text = t.links()[0].href
	}
	x.e.Unused = append(x.e.Unused, ExplainedBlock{Text: text, Element: describeNode(t.node), Why: why})
}

func (x *explainer) section(t token) {
	if x != nil {
		x.e.Sections = append(x.e.Sections, ExplainedSection{Name: t.text, Element: describeNode(t.node), Match: t.how.String()})
	}
}

// finish fills in the typed values from the finished record.
func (x *explainer) finish(rec *Record) {
	if x == nil {
		return
	}
	doc, err := json.Marshal(rec)
	if err != nil {
		return
	}
	var fields map[string]json.RawMessage
	if json.Unmarshal(doc, &fields) != nil {
		return
	}
	for i := range x.e.Labels {
		l := &x.e.Labels[i]
		if l.Field == "" {
			continue
		}
		l.Typed = fields[l.Field]
		if l.Field == "participation_index" {
			l.Typed = json.RawMessage(`{"value":` + string(fields["participation_index"]) + `,"max":` + string(fields["participation_index_max"]) + `}`)
		}
	}
	x.e.Warnings = rec.Warnings
}

// describeNode names an element as a selector with up to two ancestors:
// "div.row.campo > div.etichetta".
func describeNode(n *html.Node) string {
	var parts []string
	for d := 0; n != nil && n.Type == html.ElementNode && d < 3; d, n = d+1, n.Parent {
		parts = append(parts, nodeSelector(n))
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " > ")
}

func nodeSelector(n *html.Node) string {
	s := n.Data
	if id := strings.TrimSpace(attr(n, "id")); id != "" && len(id) < 60 {
		s += "#" + id
	}
	for i, c := range strings.Fields(attr(n, "class")) {
		if i == 3 {
			break
		}
		s += "." + c
	}
	if f := attr(n, "for"); f != "" {
		s += `[for="` + f + `"]`
	}
	return s
}
