package demosite

import (
	"fmt"
	"slices"

	"archivio/internal/demo/pagegen"
)

// SetLayout makes every record page use one pagegen layout from the next
// request on, as when the real site changes its templates: a page in a new
// markup has new bytes, so a new ETag, and a conditional request gets it
// whole. Any of pagegen's layouts will do, those of MoreLayouts included;
// pagegen.ShellLayout is a markup no reader of the visible page can read.
// "" returns to the default: layouts by record id, as New set them.
func (s *Site) SetLayout(layout string) error {
	known := slices.Concat(pagegen.Layouts(), pagegen.MoreLayouts(), []string{pagegen.ShellLayout})
	if layout != "" && !slices.Contains(known, layout) {
		return fmt.Errorf("set layout: %w: %q", pagegen.ErrUnknownLayout, layout)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.layout = layout
	return nil
}
