package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut5 parses every record in every layout of the fifth held-out
// set (pagegen.HeldOut5Layouts: two site builders, a blog post, a shared
// database record, a survey tool's read-only submission, an open data
// catalogue, two participation platforms, a late-1990s site, a static
// site's front matter, a CMS page rewritten by an accessibility overlay
// and a mobile app's web build, none of which anything else in the
// project renders) and compares each typed field and the links with the
// record's canonical parse, the golden file of its "dl" layout. It
// reports two figures: (a) the fields where either side has a value, and
// (b) all fields, nulls included; in both, a page the parser rejects
// counts every field wrong. It fails when (a) is below heldOutTarget, or
// when any page is rejected: every page of the set carries the record's
// labels. With -v it prints both figures per layout, figure (a) per
// layout and field, and the first differences in each layout.
func TestHeldOut5(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "fifth", layouts: pagegen.HeldOut5Layouts, render: pagegen.RenderHeldOut5})
}
