package parsers

import (
	"net/url"
	"testing"
)

// TestRegisterRow reads a record kept as one row of a register sheet: a
// row of merged cells naming the sections, a row of labels among which a
// few the dictionary does not know (an id, badges answered Sì or No), and
// the record's row under it.
func TestRegisterRow(t *testing.T) {
	page := `<html><body><table>
<tr><td colspan="12">Registro dei processi - estrazione del 15/02/2020</td></tr>
<tr><td colspan="4">Scheda</td><td colspan="6">Processo</td><td colspan="2">Crediti</td></tr>
<tr><td>ID scheda</td><td>Titolo</td><td>Certificato</td><td>Finanziato</td>
<td>Stato di avanzamento</td><td>Natura Processo</td><td>Durata (mesi)</td><td>Anno di avvio</td><td>Anno di chiusura</td><td>Data inizio del processo</td>
<td>Processo segnalato da</td><td>Dettagli o note sulle fonti utilizzate</td></tr>
<tr><td>1983</td><td>Un clima di partecipazione</td><td>Sì</td><td>No</td>
<td>Concluso</td><td>Processo non certificato</td><td>12</td><td>&nbsp;</td><td>2020</td><td>15/02/2019</td>
<td>Osservatorio Partecipazione</td><td>&nbsp;</td></tr>
</table></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Title == nil || *rec.Title != "Un clima di partecipazione" {
		t.Errorf("title %v", rec.Title)
	}
	if !rec.Certified || rec.Financed {
		t.Errorf("certified %v financed %v, want true false", rec.Certified, rec.Financed)
	}
	if rec.Status == nil || *rec.Status != "Concluso" {
		t.Errorf("status %v", rec.Status)
	}
	if rec.DurationMonths == nil || *rec.DurationMonths != 12 {
		t.Errorf("duration %v", rec.DurationMonths)
	}
	if rec.StartYear != nil || rec.EndYear == nil || *rec.EndYear != 2020 {
		t.Errorf("start %v end %v, want none and 2020", rec.StartYear, rec.EndYear)
	}
	if rec.ReportedBy == nil || *rec.ReportedBy != "Osservatorio Partecipazione" {
		t.Errorf("reported by %v", rec.ReportedBy)
	}
}

// TestTwoFieldsPerRowNotColumns: rows of label and value cells, two fields
// to a row, are not a row of labels over a row of values.
func TestTwoFieldsPerRowNotColumns(t *testing.T) {
	page := `<html><body><h1>Un clima di partecipazione</h1><table>
<tr><th>Stato di avanzamento</th><td>Concluso</td><th>Durata (mesi)</th><td>12</td></tr>
<tr><th>Anno di avvio</th><td>2019</td><th>Anno di chiusura</th><td>2020</td></tr>
</table></body></html>`
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	rec, err := Parse([]byte(page), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if rec.Status == nil || *rec.Status != "Concluso" || rec.StartYear == nil || *rec.StartYear != 2019 || rec.EndYear == nil || *rec.EndYear != 2020 {
		t.Errorf("status %v start %v end %v", rec.Status, rec.StartYear, rec.EndYear)
	}
}
