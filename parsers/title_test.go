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

// TestPageKindTitles: "Dettagli", "Stampa scheda" name what a page does
// with a record, not the record: the document title's other part, or the
// page's heading, is the title; the list a record belongs to ("Schede
// processi") and what follows it name the page's place.
func TestPageKindTitles(t *testing.T) {
	tests := []struct {
		h1, docTitle, header, want string
	}{
		{"", "Dettagli - Riolonet", "", "Riolonet"},
		{"", "Stampa scheda", "Riolonet", "Riolonet"},
		{"", "Stampa scheda processo 141", "Riolonet", "Riolonet"},
		{"Dettagli", "Riolonet", "", "Riolonet"},
		{"", "Riolonet: Schede processi - Airtable", "", "Riolonet"},
		{"", "Riolonet | Elenco processi | Comune", "", "Riolonet"},
		{"", "Riolonet - Processo di Riolo Terme - Airtable", "", "Riolonet - Processo di Riolo Terme - Airtable"},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.h1, tt.docTitle, tt.header, nil); got != tt.want {
			t.Errorf("chooseTitle(%q, %q, %q) = %q, want %q", tt.h1, tt.docTitle, tt.header, got, tt.want)
		}
	}
}

// TestFurnitureAroundTitle: a cookie notice and a report viewer's toolbar
// are furniture, and a heading just below an <h1> that names the site is
// the record's title.
func TestFurnitureAroundTitle(t *testing.T) {
	body := `<div id="cookieBar" class="cookie-bar"><p>Questo sito utilizza cookie tecnici.</p></div>
<div class="ToolbarPageNav"><input type="text" value="1"> di 1</div><div role="toolbar"><span>Trova</span></div>
<div class="header"><h1 class="sito">Osservatorio Partecipazione</h1><div class="login">[ <a href="/login">Accedi</a> ]</div></div>
<div class="main"><span class="regione">Regione Emilia-Romagna</span><h2>Riolonet</h2>
<table><tr><td>Stato di avanzamento</td><td>Concluso</td></tr><tr><td>Durata (mesi)</td><td>12</td></tr></table></div>`
	rec := mustParse(t, []byte("<html><head><title>Scheda processo - Osservatorio Partecipazione</title></head><body>"+body+"</body></html>"),
		"https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if got := str(rec.Title); got != "Riolonet" {
		t.Errorf("title %q", got)
	}
	rec = mustParse(t, []byte("<html><head><title>Stampa scheda</title></head><body>"+strings.Replace(body, "<h2>Riolonet</h2>", "<div><div>Riolonet</div></div>", 1)+"</body></html>"),
		"https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if got := str(rec.Title); got != "Riolonet" {
		t.Errorf("title %q, the first header text past the furniture", got)
	}
}
