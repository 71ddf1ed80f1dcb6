package parsers

import (
	"testing"
)

// TestBadgeBoxes: a badge's name followed by a check box alone is that
// badge when the box is ticked and nothing when it is not, in the header
// (a details view's rows) and among the record's fields (a form's
// display labels); a badge's name written alone is still the badge.
func TestBadgeBoxes(t *testing.T) {
	row := func(name, box string) string {
		return `<tr><td><b>` + name + `</b></td><td><span class="disabled">` + box + `</span></td></tr>`
	}
	on, off := `<input type="checkbox" checked disabled>`, `<input type="checkbox" disabled>`
	tests := []struct {
		name, badges   string
		cert, financed bool
	}{
		{"both ticked", `<table>` + row("Certificato", on) + row("Finanziato", on) + `</table>`, true, true},
		{"neither ticked", `<table>` + row("Certificato", off) + row("Finanziato", off) + `</table>`, false, false},
		{"one ticked", `<table>` + row("Certificato", on) + row("Finanziato", off) + `</table>`, true, false},
		{"among fields", `<div class="display-label">Titolo</div><div class="display-field">Riolonet</div>
<div class="display-label">Certificato</div><div class="display-field">` + on + `</div>
<div class="display-label">Finanziato</div><div class="display-field">` + off + `</div>`, true, false},
		{"written alone", `<p><span class="badge">Certificato</span></p>`, true, false},
	}
	for _, tt := range tests {
		page := `<html><body><h1>Riolonet</h1>` + tt.badges + `<h2>Processo</h2><dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Durata (mesi)</dt><dd>12</dd></dl></body></html>`
		rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
		if rec.Certified != tt.cert || rec.Financed != tt.financed {
			t.Errorf("%s: certified %v, financed %v; want %v, %v", tt.name, rec.Certified, rec.Financed, tt.cert, tt.financed)
		}
		if str(rec.Status) != "Concluso" {
			t.Errorf("%s: status %q", tt.name, str(rec.Status))
		}
	}
}
