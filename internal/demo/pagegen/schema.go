package pagegen

import (
	"sync"

	"archivio/parsers/schema"
)

// sectionNames are the section headings of a scheda processo, in page order.
var sectionNames = schema.Sections()

// labelInfo is what the field schema says about one label as written.
type labelInfo struct {
	field string // schema field name
	typ   string // schema type
}

// labels returns the dictionary of labels as written (every alternate) to
// their field and type, from the record schema (archivio/parsers/schema).
// Header fields are not labels: their values are the URL, title, region
// and badges.
var labels = sync.OnceValue(func() map[string]labelInfo {
	m := make(map[string]labelInfo)
	for _, f := range schema.Fields() {
		if f.Header() {
			continue
		}
		for _, label := range f.Labels {
			m[label] = labelInfo{field: f.Name, typ: f.Type}
		}
	}
	return m
})

func isSectionName(s string) bool {
	for _, n := range sectionNames {
		if s == n {
			return true
		}
	}
	return false
}
