package parsers

import (
	"testing"
)

// TestHiddenTabPanels: panels of a tab set hidden by their style until
// their tab is chosen (siblings of one kind and class, exactly one shown)
// are read; a row hidden among rows shown, and a panel with no shown
// sibling, are not.
func TestHiddenTabPanels(t *testing.T) {
	tests := []struct {
		name, html string
		want       bool
	}{
		{"a multipage's hidden view", `<div><div class="view">a</div><div class="view" id="x" style="display:none;">b</div><div class="view" style="display:none">c</div></div>`, true},
		{"a row hidden among rows", `<div><div class="row" id="x" style="display:none">a</div><div class="row">b</div><div class="row">c</div></div>`, false},
		{"no shown sibling", `<div><div class="view" id="x" style="display:none">a</div><div class="view" style="display:none">b</div></div>`, false},
		{"no class", `<div><div>a</div><div id="x" style="display:none">b</div></div>`, false},
		{"another class shown", `<div><div class="tab">a</div><div class="view" id="x" style="display:none">b</div></div>`, false},
	}
	for _, tt := range tests {
		if got := hiddenTab(findTh(t, tt.html)); got != tt.want {
			t.Errorf("%s: hiddenTab = %v, want %v", tt.name, got, tt.want)
		}
	}

	page := `<html><body><h1>Un clima di partecipazione</h1>
<ul class="tabs"><li><a href="#">Processo</a></li><li><a href="#">Crediti</a></li></ul>
<div class="pages"><div class="page" id="p1"><div class="row"><span class="etichetta">Stato di avanzamento</span><span>Concluso</span></div>
<div class="row" style="display:none"><span class="etichetta">Durata (mesi)</span><span>99</span></div>
<div class="row"><span class="etichetta">Durata (mesi)</span><span>12</span></div></div>
<div class="page" id="p2" style="display:none"><div class="row"><span class="etichetta">Processo segnalato da</span><span>Osservatorio Partecipazione</span></div></div></div>
</body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1983", "text/html; charset=utf-8")
	if str(rec.Status) != "Concluso" || str(rec.ReportedBy) != "Osservatorio Partecipazione" {
		t.Errorf("status %q, reported by %q", str(rec.Status), str(rec.ReportedBy))
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v, want 12 (the hidden row's 99 left out)", rec.DurationMonths)
	}
}
