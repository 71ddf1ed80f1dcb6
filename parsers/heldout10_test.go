package parsers

import (
	"testing"

	"archivio/internal/demo/pagegen"
)

// TestHeldOut10 parses every record in every layout of the tenth
// held-out set (pagegen.HeldOut10Layouts: markups of application
// platforms, frameworks and document managers, namely a JSF PrimeFaces
// panel grid, an Oracle APEX page of display-only items with their
// protected values in hidden inputs, an OutSystems Reactive app with
// pre-wrapped expressions, a read-only ServiceNow form, a Vaadin Flow
// form layout whose values are only in its inputs, a Struts JSP page
// with the labels in capitals, a Rails scaffold show page, a Laravel
// Nova detail page, an Alfresco Share properties panel and an Omeka S
// item page, none of which anything else in the project renders) and
// compares each typed field and the links with the record's canonical
// parse, the golden file of its "dl" layout, like TestHeldOut9: it fails
// when (a) is below heldOutTarget or when any page is rejected.
func TestHeldOut10(t *testing.T) {
	measureHeldOut(t, heldOutSet{name: "tenth", layouts: pagegen.HeldOut10Layouts, render: pagegen.RenderHeldOut10})
}
