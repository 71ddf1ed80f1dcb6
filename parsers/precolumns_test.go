package parsers

import (
	"strings"
	"testing"
)

// TestPreColumnsFewRows: a <pre> table of one or two rows is read as
// columns when every row begins with a known label; two rows of other
// text padded the same way are text.
func TestPreColumnsFewRows(t *testing.T) {
	page := "<html><body><h1>Riolonet</h1><pre>\nPROCESSO\n========\n\nStato di avanzamento            Progetto\n\nNatura Processo                 Processo certificato non finanziato\n</pre>" +
		"<pre>\nGESTIONE DI PROCESSO\n====================\n\nTitolari della decisione        * Comune di Vezzano Sul Crostolo\n</pre>" +
		"<pre>\nCARATTERISTICHE\n===============\n\nDurata (mesi)                   12\n\nAnno di avvio                   2021\n\nAnno di chiusura                2022\n</pre></body></html>"
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/2205", "text/html; charset=utf-8")
	if str(rec.Status) != "Progetto" || str(rec.Nature) != "Processo certificato non finanziato" {
		t.Errorf("status %q, nature %q", str(rec.Status), str(rec.Nature))
	}
	if strings.Join(rec.DecisionMakers, "|") != "Comune di Vezzano Sul Crostolo" {
		t.Errorf("decision makers %q", rec.DecisionMakers)
	}
	for _, tc := range []struct {
		lines []string
		want  bool
	}{
		{[]string{"Stato di avanzamento    Progetto", "Natura Processo         Processo certificato"}, true},
		{[]string{"Stato di avanzamento    Progetto"}, true},
		{[]string{"Il percorso prevede     due fasi", "La prima fase           in aprile"}, false},
		{[]string{"Stato di avanzamento    Progetto", "La prima fase           in aprile"}, false},
	} {
		if got := valueColumn(tc.lines) > 0; got != tc.want {
			t.Errorf("valueColumn(%q) found columns %v, want %v", tc.lines, got, tc.want)
		}
	}
}
