package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut4 parses every record in every layout of the fourth
// held-out set (pagegen.HeldOut4Layouts: an issue tracker, an ERP form, a
// notes export, a static site, a report generator, a transparency
// section, a print view, Bootstrap 3 panels, a translated page-builder
// page, a forms server, a feed reader and an AMP page, none of which
// anything else in the project renders) and compares each typed field
// and the links with the record's canonical parse, the golden file of its
// "dl" layout. It reports two figures: (a) the fields where either side
// has a value, and (b) all fields, nulls included; in both, a page the
// parser rejects counts every field wrong. It fails when (a) is below
// heldOutTarget, or when any page is rejected: every page of the set
// carries the record's labels. With -v it prints both figures per layout,
// figure (a) per layout and field, and the first differences in each
// layout.
func TestHeldOut4(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "fourth", layouts: pagegen.HeldOut4Layouts, render: pagegen.RenderHeldOut4})
}
