package demosite

import (
	"fmt"
	"strings"
	"time"

	"archivio/internal/demo/pagegen"
)

// firstModified is the Last-Modified date of record 0; record id was last
// modified id hours later, and each Update moves it one day forward.
var firstModified = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// updateStep is how far Update moves a record's Last-Modified date.
const updateStep = 24 * time.Hour

// statusLabel is the field whose value listing pages show as the status.
const statusLabel = "Stato di avanzamento"

// record is one scheda processo of the site.
type record struct {
	// page is the record's content. Until the first Update it may share
	// its sections with other records (synthetic records share them with
	// their real text), so it is read-only; Update replaces it with a
	// deep copy.
	page     *pagegen.Page
	layout   string
	modified time.Time
}

// loadRecords returns the records of a site with opts (defaults applied),
// by id.
func loadRecords(opts Options) (map[int]*record, []int, error) {
	sources, err := pagegen.Sources()
	if err != nil {
		return nil, nil, fmt.Errorf("load records: %w", err)
	}
	if len(sources) == 0 {
		return nil, nil, fmt.Errorf("load records: no record texts embedded")
	}
	texts := make([]*pagegen.Page, len(sources))
	for i, src := range sources {
		if texts[i], err = pagegen.ParseText(src.Text); err != nil {
			return nil, nil, fmt.Errorf("load %s: %w", src.File, err)
		}
	}

	layouts := pagegen.Layouts()
	newRecord := func(p *pagegen.Page) *record {
		return &record{
			page:     p,
			layout:   layouts[p.ID%len(layouts)],
			modified: firstModified.Add(time.Duration(p.ID) * time.Hour),
		}
	}
	records := make(map[int]*record)
	var ids []int
	if opts.Records == 0 {
		for _, p := range texts {
			records[p.ID] = newRecord(p)
			ids = append(ids, p.ID) // Sources is sorted by id
		}
		return records, ids, nil
	}
	ids = make([]int, opts.Records)
	for i := range opts.Records {
		id := i + 1
		p := *texts[i%len(texts)] // shares Sections, read-only
		p.ID = id
		p.Title = fmt.Sprintf("%s (%d)", p.Title, id)
		p.URL = fmt.Sprintf("https://%s/scheda-processo/%d", opts.Host, id)
		records[id] = newRecord(&p)
		ids[i] = id
	}
	return records, ids, nil
}

// clonePage returns a deep copy of p.
func clonePage(p *pagegen.Page) *pagegen.Page {
	c := *p
	c.Sections = make([]pagegen.Section, len(p.Sections))
	for i, s := range p.Sections {
		c.Sections[i] = pagegen.Section{Name: s.Name, Fields: make([]pagegen.Field, len(s.Fields))}
		for j, f := range s.Fields {
			f.Lines = append([]string(nil), f.Lines...)
			c.Sections[i].Fields[j] = f
		}
	}
	return &c
}

// status returns the value of p's "Stato di avanzamento" field, or "".
func status(p *pagegen.Page) string {
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if f.Label == statusLabel {
				return strings.Join(f.Lines, " ")
			}
		}
	}
	return ""
}

// mapImages returns the image paths of p's maps, as written in the
// record text (relative, e.g. "archive/1068_MappaImpatto.jpg").
func mapImages(p *pagegen.Page) []string {
	var out []string
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			if f.MapImage != "" {
				out = append(out, f.MapImage)
			}
			if f.Label == "Mappa" {
				out = append(out, f.Lines...)
			}
		}
	}
	return out
}
