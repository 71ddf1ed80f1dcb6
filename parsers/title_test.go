package parsers

import (
	"slices"
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

// TestPageKindTitles: "Dettagli", "Stampa scheda", "Ricevuta" name what
// a page does with a record, not the record: the document title's other part, or the
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
		{"", "Ricevuta - Riolonet", "", "Riolonet"},
		{"", "Ricevuta - Un Clima di partecipazione", "", "Un Clima di partecipazione"},
		{"", "Riepilogo | Riolonet", "", "Riolonet"},
		{"", "Ricevuta", "Riolonet", "Riolonet"},
		{"", "Ricevuta di partecipazione - Riolonet", "", "Ricevuta di partecipazione - Riolonet"},
		{"", "Riepilogo dei lavori del forum", "", "Riepilogo dei lavori del forum"},
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

// TestKindBeforeTitleInHeading: a heading that names the kind of page
// before the record ("Dettaglio Scheda Processo: Title") is read as a
// document title is, and the list a page belongs to ("Schede Processo")
// is not the title; a heading whose parts all name something else stays
// whole.
func TestKindBeforeTitleInHeading(t *testing.T) {
	tests := []struct {
		h1, docTitle, want string
	}{
		{"Dettaglio Scheda Processo: Riolonet", "Schede Processo | Osservatorio Partecipazione", "Riolonet"},
		{"Scheda 141 - Riolonet", "", "Riolonet"},
		{"Riolonet - Dettagli", "", "Riolonet"},
		{"Schede Processo", "Riolonet | Osservatorio Partecipazione", "Riolonet"},
		{"Riolonet: una rete per Riolo", "", "Riolonet: una rete per Riolo"},
		{"Processi partecipati: la scuola", "", "Processi partecipati: la scuola"},
		{"Schede tecniche dei ponti storici", "", "Schede tecniche dei ponti storici"},
	}
	for _, tt := range tests {
		if got := chooseTitle(tt.h1, tt.docTitle, "", nil); got != tt.want {
			t.Errorf("chooseTitle(%q, %q) = %q, want %q", tt.h1, tt.docTitle, got, tt.want)
		}
	}
	for s, want := range map[string]bool{"Schede processo": true, "Schede di processo": true, "Schede tecniche dei ponti storici": false, "Schedeprocesso": false} {
		if got := genericTitle(s); got != want {
			t.Errorf("genericTitle(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestWithoutAppName: a short name after the record's in the document
// title ("Title | ServiceNow") is the application's when the page shows
// the record's name as a block of its own and not the whole; a title the
// page shows whole, one whose first part the page shows only within a
// longer text, a long last part and a first part naming the kind of page
// stay as they are.
func TestWithoutAppName(t *testing.T) {
	tests := []struct {
		title  string
		blocks []string
		want   string
	}{
		{"Riolonet | ServiceNow", []string{"Nome", "Riolonet", "Ente"}, "Riolonet"},
		{"Ravenna Partecipa | Comune di Ravenna | Portale", []string{"Ravenna Partecipa | Comune di Ravenna"}, "Ravenna Partecipa | Comune di Ravenna"},
		{"Riolonet - Faenza", []string{"Riolonet - Faenza", "Riolonet"}, "Riolonet - Faenza"},
		{"Riolonet - Faenza", []string{"Riolonet Faenza"}, "Riolonet - Faenza"},
		{"Riolonet - Faenza", []string{"Il progetto Riolonet"}, "Riolonet - Faenza"},
		{"Riolonet | una rete per i cittadini di Riolo Terme", []string{"Riolonet"}, "Riolonet | una rete per i cittadini di Riolo Terme"},
		{"Scheda processo | ServiceNow", []string{"Scheda processo"}, "Scheda processo | ServiceNow"},
		{"Riolonet", []string{"Riolonet"}, "Riolonet"},
	}
	for _, tt := range tests {
		shows := func(s string) bool {
			return slices.ContainsFunc(tt.blocks, func(b string) bool { return strings.Contains(b, s) })
		}
		showsBlock := func(s string) bool { return slices.Contains(tt.blocks, s) }
		if got := withoutAppName(tt.title, shows, showsBlock); got != tt.want {
			t.Errorf("withoutAppName(%q, blocks %q) = %q, want %q", tt.title, tt.blocks, got, tt.want)
		}
	}
}

// TestTitleOfRecordPages reads titles whole pages give: the record's
// name shown in a field under a document title that adds the
// application's; a heading agreeing with the document title, above a
// caption over the badges; and, as near misses, a caption-like heading
// under a document title the page does not show as a heading, and a blog
// whose document title is the blog's.
func TestTitleOfRecordPages(t *testing.T) {
	fields := `<dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Durata (mesi)</dt><dd>12</dd></dl>`
	tests := []struct {
		name, page, want string
		cert             bool
	}{
		{"the application's name after the record's", `<html><head><title>Scheda processo | Riolonet | ServiceNow</title></head><body><h1>Scheda processo</h1><form>
<div class="form-group"><label for="n"><span>Nome</span></label><div><input id="n" type="text" readonly value="Riolonet"></div></div>
<div class="form-group"><span class="label">Certificato</span></div><h2>Processo</h2>` + fields + `</form></body></html>`, "Riolonet", true},
		{"a caption over the badges", `<html><head><title>Riolonet · Osservatorio Partecipazione · Archivio</title></head><body><header><h1><a href="/">Osservatorio Partecipazione</a></h1></header>
<div id="content"><h2><span class="title">Riolonet</span></h2><h3>Scheda processo</h3><div class="item-sets"><h4>Collezioni</h4><div><a href="/set/77">Certificato</a></div></div>
<h4>Processo</h4>` + fields + `</div></body></html>`, "Riolonet", true},
		{"the record's heading under the blog's", `<html><head><title>Il blog · Blogger</title></head><body><h2>Il blog</h2><p>Appunti di viaggio</p>
<h3>Riolonet</h3><p>Regione Emilia-Romagna</p><h3>Processo</h3>` + fields + `</body></html>`, "Riolonet", false},
	}
	for _, tt := range tests {
		rec := mustParse(t, []byte(tt.page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
		if got := str(rec.Title); got != tt.want || rec.Certified != tt.cert {
			t.Errorf("%s: title %q, certified %v; want %q, %v", tt.name, got, rec.Certified, tt.want, tt.cert)
		}
	}
}

// TestTitledByDocument: the document title less the site's name, shown
// as a heading other than the <h1>, names the record; a document title
// that is only that text, or one the page shows as its <h1> or not as a
// heading, does not say more than the page.
func TestTitledByDocument(t *testing.T) {
	tests := []struct {
		title, docTitle, h1 string
		headings            []string
		want                bool
	}{
		{"Riolonet", "Riolonet · Osservatorio Partecipazione · Archivio", "Osservatorio Partecipazione", []string{"Osservatorio Partecipazione", "Riolonet", "Scheda processo"}, true},
		{"Riolonet", "Scheda processo - Riolonet", "", []string{"Riolonet"}, true},
		{"Il blog", "Il blog", "", []string{"Il blog", "Riolonet"}, false},
		{"Riolonet", "Riolonet - Osservatorio Partecipazione", "Riolonet", []string{"Riolonet"}, false},
		{"Riolonet", "Riolonet - Osservatorio Partecipazione", "", []string{"Processo"}, false},
		{"Il blog", "Il blog · Blogger", "", []string{"Il blog"}, false},
	}
	for _, tt := range tests {
		if got := titledByDocument(tt.title, tt.docTitle, tt.h1, tt.headings); got != tt.want {
			t.Errorf("titledByDocument(%q, %q, %q, %q) = %v, want %v", tt.title, tt.docTitle, tt.h1, tt.headings, got, tt.want)
		}
	}
}
