package parsers

import (
	"strings"
	"testing"
)

// TestNumberedDocTitle: a document title naming the record by its number
// and then a name the page does not show ("Scheda 141 - Fogli Google") is
// a document and its application: the title is the page's own; one whose
// second part the page shows names the record.
func TestNumberedDocTitle(t *testing.T) {
	shown := func(s string) bool { return strings.Contains("Un clima di partecipazione|Ravenna Partecipa", s) }
	tests := []struct {
		docTitle, header, want string
	}{
		{"Scheda 141 - Fogli Google", "Un clima di partecipazione", "Un clima di partecipazione"},
		{"Scheda processo n. 141 – Ravenna Partecipa", "Osservatorio Partecipazione – Schede dei processi", "Ravenna Partecipa"},
		{"Scheda 141 - Fogli Google", "", "Fogli Google"},
		{"Ravenna Partecipa - Fogli Google", "Un clima di partecipazione", "Ravenna Partecipa - Fogli Google"},
	}
	for _, tt := range tests {
		if got := chooseTitle("", tt.docTitle, tt.header, shown); got != tt.want {
			t.Errorf("chooseTitle(%q, header %q) = %q, want %q", tt.docTitle, tt.header, got, tt.want)
		}
	}
}

// TestBreadcrumbDocTitle: a document title written as a breadcrumb
// ("Osservatorio Partecipazione > Processi > Scheda") names the site and
// the kind of page, not the record: the <h1> is the title.
func TestBreadcrumbDocTitle(t *testing.T) {
	tests := []struct {
		h1, docTitle, want string
	}{
		{"La fabbrica delle idee", "Osservatorio Partecipazione > Processi > Scheda", "La fabbrica delle idee"},
		{"La fabbrica delle idee", "Osservatorio Partecipazione › Processi › Scheda", "La fabbrica delle idee"},
		{"", "Osservatorio Partecipazione > Processi > La fabbrica delle idee", "La fabbrica delle idee"},
		{"Scheda processo", "Processi › Riolonet", "Riolonet"},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.h1, tt.docTitle, "", nil); got != tt.want {
			t.Errorf("chooseTitle(%q, %q) = %q, want %q", tt.h1, tt.docTitle, got, tt.want)
		}
	}
}
