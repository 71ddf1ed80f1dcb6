package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut8 parses every record in every layout of the eighth held-out
// set (pagegen.HeldOut8Layouts: a course platform's database entry, a
// register sheet saved as a web page with the record as one row, a
// published online spreadsheet, a mailing list archive's message quoting
// a form mail, a documentation generator's field lists, an
// accessibility-first page, a mobile web app showing values above their
// labels, a web archive's replay of an old page, a page builder's rich
// text and a groupware server's form, none of which anything else in the
// project renders) and compares each typed field and the links with the
// record's canonical parse, the golden file of its "dl" layout, like
// TestHeldOut7: it fails when (a) is below heldOutTarget or when any page
// is rejected.
func TestHeldOut8(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "eighth", layouts: pagegen.HeldOut8Layouts, render: pagegen.RenderHeldOut8})
}
