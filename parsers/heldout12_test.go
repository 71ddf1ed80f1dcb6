package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut12 parses every record in every layout of the twelfth
// held-out set (pagegen.HeldOut12Layouts: markups today's web
// frameworks render on the server, namely a Next.js App Router page
// with Tailwind description lists, a Remix route with <h3> labels, an
// Astro page of <b> labels in list items, a Qwik City page with its
// resumable comments and <output> values, an Ember FastBoot page of
// detail rows, a Phoenix LiveView list, an Ext JS classic form of
// display fields, a Material UI grid of caption and body Typography, a
// Chakra UI page of Stat components and an Ant Design bordered vertical
// Descriptions, none of which anything else in the project renders) and
// compares each typed field and the links with the record's canonical
// parse, the golden file of its "dl" layout, like TestHeldOut10: it
// fails when (a) is below heldOutTarget or when any page is rejected.
// Measured once on the parser of e016e0c: (a) 99.3%, (b) 99.8%, no page
// rejected.
func TestHeldOut12(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "twelfth", layouts: pagegen.HeldOut12Layouts, render: pagegen.RenderHeldOut12})
}
