package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut9 parses every record in every layout of the ninth held-out
// set (pagegen.HeldOut9Layouts: markups the record page of an
// observatory with an ASP.NET back end could have, namely a WebForms
// DetailsView with the badges as check boxes, a hand-written FormView
// template, an MVC scaffolded Details view, a DevExpress form layout with
// read-only memos, Telerik tabs whose hidden page views hold the
// sections, a Reporting Services print report, a pdf2htmlEX conversion
// of the PDF scheda, a Blazor page whose fields show the value before
// the label, a DNN form with help tooltips and a Sitefinity detail
// widget, none of which anything else in the project renders) and
// compares each typed field and the links with the record's canonical
// parse, the golden file of its "dl" layout, like TestHeldOut8: it fails
// when (a) is below heldOutTarget or when any page is rejected.
func TestHeldOut9(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "ninth", layouts: pagegen.HeldOut9Layouts, render: pagegen.RenderHeldOut9})
}
