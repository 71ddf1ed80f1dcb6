package parsers

import "strings"

// The header fields (title, region, badges) come from the page's
// structure: its heading, the site header, the badges beside the title.
// Some pages show them as labelled fields instead ("Titolo: ...",
// "Regione: ...", "Riconoscimenti: Certificato"), as back offices and data
// views do; a reader takes them for what they are, and so does the parser.

// kindHeader marks a header field written as a labelled field.
const kindHeader kind = 100

// headerDefs are the labels of header fields.
var headerDefs = []fieldDef{
	{name: "title", kind: kindHeader, labels: []string{"Titolo", "Titolo del processo", "Nome del processo", "Denominazione del processo"}},
	{name: "region", kind: kindHeader, labels: []string{"Regione", "Ente"}},
	{name: "badges", kind: kindHeader, labels: []string{"Riconoscimenti", "Riconoscimento", "Badge"}},
}

// setHeader stores a header field read from a labelled field.
func (a *assembler) setHeader(f *openField, texts []string) bool {
	if len(texts) == 0 {
		return false
	}
	switch f.def.name {
	case "title":
		a.labeledTitle = texts[0]
	case "region":
		r := regionIn(texts[0])
		if r == "" && regionIn("Regione "+texts[0]) != "" {
			r = "Regione " + strings.TrimSpace(texts[0])
		}
		if r == "" {
			return false
		}
		a.rec.Region = &r
	case "badges":
		for _, t := range texts {
			a.badges(t)
		}
	}
	return true
}
