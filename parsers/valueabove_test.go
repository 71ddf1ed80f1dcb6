package parsers

import (
	"net/url"
	"strings"
	"testing"
)

// TestValueAboveLabel reads two-line list items whose title is the value
// and whose subtitle, last in the item, the label, the first of a
// section's items included, a value of several chips, and an open
// accordion panel whose header button is the label.
func TestValueAboveLabel(t *testing.T) {
	item := func(value, label string) string {
		return `<div class="item"><div class="content"><div class="title">` + value + `</div><div class="subtitle">` + label + `</div></div></div>`
	}
	page := `<html><body><h1>Un clima di partecipazione</h1><div class="app">
<div class="list"><div class="subheader">Processo</div>` +
		item("<span>Concluso</span>", "Stato di avanzamento") + item("<span>12</span>", "Durata (mesi)") + `</div>
<div class="list"><div class="subheader">Gestione di Processo</div>` +
		item(`<div class="chips"><div class="chip">Comune di Formigine</div><div class="chip">Comune di Maranello</div></div>`, "Soggetti esterni") +
		item("<span>Singoli cittadini</span>", "Partecipanti") + `</div>
<div class="panels"><div class="panel"><button aria-expanded="true">Obiettivi<span class="icon"></span></button><div class="panel-text"><p>Coinvolgere i cittadini.</p></div></div>
<div class="panel"><button aria-expanded="false">Mostra altro</button></div></div>
</div></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status == nil || *rec.Status != "Concluso" {
		t.Errorf("status %v", rec.Status)
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v", rec.DurationMonths)
	}
	if got := strings.Join(rec.ExternalParties, "|"); got != "Comune di Formigine|Comune di Maranello" {
		t.Errorf("external parties %q", got)
	}
	if got := strings.Join(rec.Participants, "|"); got != "Singoli cittadini" {
		t.Errorf("participants %q", got)
	}
	if rec.Objectives == nil || *rec.Objectives != "Coinvolgere i cittadini." {
		t.Errorf("objectives %v", rec.Objectives)
	}
}

// TestTextBeforeSectionLabels: a paragraph after a section heading and
// before a list of labels is not the first label's value.
func TestTextBeforeSectionLabels(t *testing.T) {
	page := `<html><body><h1>Un clima di partecipazione</h1><main>
<section><h2>Processo</h2><p>Dati forniti dal Comune.</p><dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Durata (mesi)</dt><dd>12</dd></dl></section>
<section><h2>Crediti</h2><dl><dt>Processo segnalato da</dt><dd>Osservatorio Partecipazione</dd></dl></section>
</main></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status == nil || *rec.Status != "Concluso" {
		t.Errorf("status %v, want Concluso alone", rec.Status)
	}
}

// TestSectionToggle: the icon linking to a section's expanded view, just
// before the section's heading, is not the last value's link; an image
// that names something else is.
func TestSectionToggle(t *testing.T) {
	tests := []struct {
		name, heading string
		links         []anchor
		images        []image
		want          bool
	}{
		{"a twistie", "Gestione di Processo", []anchor{{href: "?OpenDocument&ExpandSection=2"}}, []image{{src: "/icons/collapse.gif", alt: "Hide details for Gestione di Processo"}}, true},
		{"a link with text", "Crediti", []anchor{{href: "x", text: "Crediti"}}, []image{{src: "a.gif", alt: "Mostra Crediti"}}, false},
		{"an image of something else", "Crediti", []anchor{{href: "x"}}, []image{{src: "map.jpg", alt: "Mappa"}}, false},
		{"the heading's own name only", "Crediti", nil, []image{{src: "c.png", alt: "Crediti"}}, false},
	}
	for _, tt := range tests {
		if got := disclosure(tt.heading, tt.links, tt.images); got != tt.want {
			t.Errorf("%s: disclosure = %v, want %v", tt.name, got, tt.want)
		}
	}
	page := `<html><body><h1>Un clima di partecipazione</h1><form>
<b>Processo</b><br><table><tr><td>Stato di avanzamento:</td><td>Concluso</td></tr>
<tr><td>Link:</td><td><a href="http://www.comune.it/clima">http://www.comune.it/clima</a></td></tr></table>
<a href="/db.nsf/x?OpenDocument&amp;ExpandSection=1,2#_Section2"><img src="/icons/collapse.gif" alt="Hide details for Crediti"></a><b>Crediti</b><br>
<table><tr><td>Processo segnalato da:</td><td>Osservatorio Partecipazione</td></tr></table></form></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Links) != 1 || rec.Links[0].URL != "http://www.comune.it/clima" {
		t.Errorf("links %+v, want the website only", rec.Links)
	}
}

// TestValueAboveWithLink: an outlined field that shows its value above
// its label (the label again in the border's notch) keeps a value holding
// a link, the record's last field included.
func TestValueAboveWithLink(t *testing.T) {
	field := func(value, label string) string {
		return `<div class="item"><div class="control"><div class="input"><div class="slot">` + value + `</div><fieldset class="border"><legend>` + label + `</legend></fieldset></div><label class="input-label">` + label + `</label></div></div>`
	}
	page := `<html><body><h1>La fabbrica delle idee</h1><div class="grid"><h2>Gestione di Processo</h2>` +
		field(`<div class="chips"><div class="chip">Singoli cittadini</div></div>`, "Partecipanti") +
		field(`<div class="chips"><img src="/archive/877.jpg" alt="Mappa"><div class="chip">Ravenna</div></div>`, "Territorio Interessato") +
		`<h2>Crediti</h2>` +
		field("Osservatorio Partecipazione", "Processo segnalato da") +
		field(`Il sito <a href="http://www.fabbricaideedistretto.it">http://www.fabbricaideedistretto.it</a> non è più disponibile`, "Dettagli o note sulle fonti utilizzate") +
		`</div></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/141")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rec.Participants, "|") != "Singoli cittadini" || strings.Join(rec.Territory, "|") != "Ravenna" {
		t.Errorf("participants %q, territory %q", rec.Participants, rec.Territory)
	}
	if str(rec.ImpactMap) != "https://www.osservatoriopartecipazione.it/archive/877.jpg" {
		t.Errorf("map %q, drawn above the territory's label", str(rec.ImpactMap))
	}
	if str(rec.ReportedBy) != "Osservatorio Partecipazione" {
		t.Errorf("reported by %q", str(rec.ReportedBy))
	}
	if want := "Il sito http://www.fabbricaideedistretto.it non è più disponibile"; str(rec.SourceNotes) != want {
		t.Errorf("source notes %q, want %q", str(rec.SourceNotes), want)
	}
}
