package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut6 parses every record in every layout of the sixth held-out
// set (pagegen.HeldOut6Layouts: a block theme post, a tabbed open data
// page, a low-code portal's read-only form, a forum topic quoting the
// record as pasted text, a notebook's table, stat cards rendered by
// SvelteKit, web components with declarative shadow DOM, a text-only
// page, an e-mail's web version, a page saved with its framed widget and
// a script's UTF-16 export, none of which anything else in the project
// renders) and compares each typed field and the links with the record's
// canonical parse, the golden file of its "dl" layout. It reports two
// figures: (a) the fields where either side has a value, and (b) all
// fields, nulls included; in both, a page the parser rejects counts every
// field wrong. It fails when (a) is below heldOutTarget, or when any
// page is rejected: every page of the set carries the record's labels.
// With -v it prints both figures per layout, figure (a) per layout and
// field, and the first differences in each layout.
func TestHeldOut6(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "sixth", layouts: pagegen.HeldOut6Layouts, render: pagegen.RenderHeldOut6})
}
