package parsers

import (
	"fmt"
	"testing"
)

// TestLineWrapByClass: lines a PDF converter draws one element each,
// placed by class (siblings whose classes differ in their vertical
// position only, each broken line ending in a space), are one label or
// one paragraph; items of the same class, or lines that do not end where
// the text broke, stay apart.
func TestLineWrapByClass(t *testing.T) {
	tests := []struct {
		name, html string
		want       bool
	}{
		{"the next line", `<div><div id="a" class="t x2 y1 ff1">una discussione e </div><div id="x" class="t x2 y2 ff1">partecipazione</div></div>`, true},
		{"no space at the break", `<div><div id="a" class="t x2 y1 ff1">Comune di Formigine</div><div id="x" class="t x2 y2 ff1">Comune di Sassuolo</div></div>`, false},
		{"the same class", `<div><div id="a" class="item">Comune di Formigine </div><div id="x" class="item">Comune di Sassuolo</div></div>`, false},
		{"another column", `<div><div id="a" class="t x1 y1 ff2">Fasi del percorso </div><div id="x" class="t x2 y1 ff1">Il percorso</div></div>`, false},
		{"not adjacent", `<div><div id="a" class="t x2 y1 ff1">una </div><p>x</p><div id="x" class="t x2 y3 ff1">due</div></div>`, false},
	}
	for _, tt := range tests {
		b := findTh(t, tt.html)
		a := b.Parent.FirstChild
		if got := lineWrap(a, b); got != tt.want {
			t.Errorf("%s: lineWrap = %v, want %v", tt.name, got, tt.want)
		}
	}

	line := func(x, y, text string) string {
		return `<div class="t m0 ` + x + ` h2 ` + y + ` ff1 fs0">` + text + "</div>\n"
	}
	page := `<html><head><title>Scheda processo 141</title></head><body><div class="pc">` +
		line("x1", "y1", "Regione Emilia-Romagna") + line("x1", "y2", "Un clima di ") + line("x1", "y3", "partecipazione") +
		line("x1", "y4", "Processo") +
		line("x1", "y5", "Stato di avanzamento") + line("x2", "y5", "Concluso") +
		line("x1", "y6", "Fasi del percorso") + line("x2", "y6", "Il percorso prevede diversi ") + line("x2", "y6b", `partecipanti<span class="_ _0"> </span>e `) + line("x2", "y7", "livelli di attività.") +
		line("x1", "y8", "Documenti di proposta partecipata ") + line("x1", "y9", "approvati al termine del processo") + line("x2", "y8", "No") +
		line("x1", "y9", "Gestione di Processo") +
		line("x1", "y9a", "Struttura responsabile del ") + line("x1", "y9b", "processo") + line("x2", "y9a", "Settore urbanistica") +
		line("x1", "y9c", "Comitato di Garanzia locale") + line("x2", "y9c", "Tre membri.") +
		line("x1", "y9d", "Comitato di Garanzia locale - ") + line("x1", "y9e", "Altre Funzioni Assegnate") + line("x2", "y9d", "Monitoraggio ex-post") +
		line("x1", "y9f", "Numero persone partecipanti ") + line("x1", "y9g", "(stimate o effettive)") + line("x2", "y9f", "400") +
		line("x1", "ya", "Soggetti esterni") + line("x2", "ya", "Comune di Formigine") + line("x2", "yb", "Comune di Sassuolo") +
		`</div></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/141", "text/html; charset=utf-8")
	if got := str(rec.Title); got != "Un clima di partecipazione" {
		t.Errorf("title %q, drawn over two lines", got)
	}
	if got := str(rec.Phases); got != "Il percorso prevede diversi partecipanti e livelli di attività." {
		t.Errorf("phases %q", got)
	}
	if rec.ProposalDocumentsApproved == nil || *rec.ProposalDocumentsApproved {
		t.Errorf("proposal documents approved %v, want false", rec.ProposalDocumentsApproved)
	}
	if got := str(rec.ResponsibleUnit); got != "Settore urbanistica" {
		t.Errorf("responsible unit %q", got)
	}
	if str(rec.GuaranteeCommittee) != "Tre membri." || str(rec.GuaranteeCommitteeOtherFunctions) != "Monitoraggio ex-post" {
		t.Errorf("guarantee committee %q, other functions %q", str(rec.GuaranteeCommittee), str(rec.GuaranteeCommitteeOtherFunctions))
	}
	if rec.ParticipantsCount == nil || *rec.ParticipantsCount != 400 {
		t.Errorf("participants count %v", rec.ParticipantsCount)
	}
	if len(rec.ExternalParties) != 2 {
		t.Errorf("external parties %q, want two", rec.ExternalParties)
	}
}

// TestLineWrapByPosition: the same on a page placing each line by inline
// style: a bold title over two lines, a label whose last line spells a
// section's name, a label whose first line is a shorter label.
func TestLineWrapByPosition(t *testing.T) {
	line := func(top, left int, text string, bold bool) string {
		if bold {
			text = "<b>" + text + "</b>"
		}
		return fmt.Sprintf(`<p style="position:absolute;top:%dpx;left:%dpx;white-space:nowrap">%s</p>`+"\n", top, left, text)
	}
	page := `<html><head><title>Scheda processo</title></head><body><div id="page1-div" style="position:relative">` +
		line(40, 108, "Regione Emilia-Romagna", false) + line(70, 108, "Un clima di ", true) + line(85, 108, "partecipazione", true) +
		line(120, 108, "Processo", true) + line(144, 108, "Stato di avanzamento", true) + line(144, 330, "Concluso", false) +
		line(170, 108, "Gestione di Processo", true) +
		line(194, 108, "Struttura responsabile del ", true) + line(209, 108, "processo", true) + line(194, 330, "Settore urbanistica", false) +
		line(240, 108, "Caratteristiche", true) +
		line(264, 108, "Numero persone partecipanti ", true) + line(279, 108, "(stimate o effettive)", true) + line(264, 330, "400", false) +
		`</div></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1983", "text/html; charset=utf-8")
	if got := str(rec.Title); got != "Un clima di partecipazione" {
		t.Errorf("title %q", got)
	}
	if got := str(rec.ResponsibleUnit); got != "Settore urbanistica" {
		t.Errorf("responsible unit %q", got)
	}
	if rec.ParticipantsCount == nil || *rec.ParticipantsCount != 400 {
		t.Errorf("participants count %v", rec.ParticipantsCount)
	}
	if str(rec.Status) != "Concluso" {
		t.Errorf("status %q", str(rec.Status))
	}
}
