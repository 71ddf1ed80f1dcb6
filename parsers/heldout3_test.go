package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut3 parses every record in every layout of the third held-out
// set (pagegen.HeldOut3Layouts: back-office views, design systems,
// document conversions, e-mail, wikis, server-rendered applications and
// an open data viewer, none of which anything else in the project
// renders) and compares each typed field and the links with the record's
// canonical parse, the golden file of its "dl" layout. It reports two
// figures: (a) the fields where either side has a value, and (b) all
// fields, nulls included; in both, a page the parser rejects counts every
// field wrong. It fails when (a) is below heldOutTarget, or when any
// page is rejected: every page of the set carries the record's labels.
// With -v it prints both figures per layout, figure (a) per layout and
// field, and the first differences in each layout.
func TestHeldOut3(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "third", layouts: pagegen.HeldOut3Layouts, render: pagegen.RenderHeldOut3})
}
