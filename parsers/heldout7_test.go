package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut7 parses every record in every layout of the seventh held-out
// set (pagegen.HeldOut7Layouts: a blog post pasted from the editor, an
// online shop's product template, a municipality's notice board, a
// legacy CMS article, a word processor's export, a survey tool's response
// view, a chat export, an issue holding the record as YAML, an ebook
// chapter, an institutional repository's item record, a knowledge base
// item and a channel's posts, none of which anything else in the project
// renders) and compares each typed field and the links with the record's
// canonical parse, the golden file of its "dl" layout, like TestHeldOut6:
// figure (a) over the fields with a value on either side, figure (b) over
// all fields, a rejected page counting every field wrong; it fails when
// (a) is below heldOutTarget or when any page is rejected.
func TestHeldOut7(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "seventh", layouts: pagegen.HeldOut7Layouts, render: pagegen.RenderHeldOut7})
}
