package parsers

import (
	"testing"
)

// TestFormHelpPopups: a form's help popup beside each label (an empty
// link to "#" that opens it, the help text in an element whose class
// ends in "Tooltip" or "HelpText" with the framework's prefix glued on)
// is neither the value nor its end; a link to "javascript:" with text
// shows its text and is no link of the record.
func TestFormHelpPopups(t *testing.T) {
	item := func(label, help, value string) string {
		return `<div class="formItem"><div class="fwLabel"><label><span>` + label + `:</span></label>
<a tabindex="-1" aria-haspopup="true" href="#" class="fwFormHelp"></a>
<div class="fwTooltip"><div class="fwFormHelpContent"><span class="fwHelpText">` + help + `</span><a href="#" class="pinHelp" aria-label="Pin"></a></div></div></div>
<span class="fwFormValue">` + value + `</span></div>`
	}
	page := `<html><body><h1>Un clima di partecipazione</h1><div class="fwForm"><h2>Processo</h2><fieldset>` +
		item("Stato di avanzamento", "Indicare lo Stato di avanzamento e i Partecipanti", "Concluso") +
		item("Durata (mesi)", "Mesi tra Data inizio e Data fine", "12") +
		item("Partecipanti", "Categorie di Partecipanti", `Singoli cittadini / <a href="javascript:void(0)">Associazioni</a>`) +
		`</fieldset><p><strong>Titolari della decisione <a href="javascript:void(0)" class="rfHelp"></a><span class="rfTooltip">Campo compilato dalla redazione</span>:</strong><br>Comune di Ravenna</p></div></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1983", "text/html; charset=utf-8")
	if str(rec.Status) != "Concluso" {
		t.Errorf("status %q", str(rec.Status))
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v", rec.DurationMonths)
	}
	if len(rec.Participants) != 2 || rec.Participants[0] != "Singoli cittadini" || rec.Participants[1] != "Associazioni" {
		t.Errorf("participants %q", rec.Participants)
	}
	if len(rec.DecisionMakers) != 1 || rec.DecisionMakers[0] != "Comune di Ravenna" {
		t.Errorf("decision makers %q, under a bold label holding a popup's link", rec.DecisionMakers)
	}
	if len(rec.Links) != 0 {
		t.Errorf("links %+v, want none", rec.Links)
	}
}

// TestDrawnSpace: an empty element holding only a space between two words
// (a PDF converter draws each gap as a positioned span) is a space, not
// nothing, in a value and in a label; an empty icon glued to a word adds
// none.
func TestDrawnSpace(t *testing.T) {
	page := `<html><body><h1>Un clima di partecipazione</h1><div class="pc">
<div class="t">Processo</div>
<div class="t">Stato di avanzamento</div><div class="t">Concluso<i class="icon"></i></div>
<div class="t">Durata (mesi)</div><div class="t">12</div>
<div class="t">Titolari della decisione</div><div class="t">Comune<span class="_ _0"> </span>di Fiorano Modenese</div></div>
<dl><dt>Natura<span class="_ _0"> </span>Processo</dt><dd>Processo<span class="_ _0"> </span>non certificato</dd></dl></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/141", "text/html; charset=utf-8")
	if str(rec.Nature) != "Processo non certificato" || str(rec.Status) != "Concluso" {
		t.Errorf("nature %q, status %q", str(rec.Nature), str(rec.Status))
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v", rec.DurationMonths)
	}
	if len(rec.DecisionMakers) != 1 || rec.DecisionMakers[0] != "Comune di Fiorano Modenese" {
		t.Errorf("decision makers %q", rec.DecisionMakers)
	}
}
