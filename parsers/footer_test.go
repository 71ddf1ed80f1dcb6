package parsers

import (
	"fmt"
	"net/url"
	"testing"
)

// TestFooterDate: the date a page's footer says it was last changed is
// the record's last-modified date, unless the record shows its own; the
// rest of the footer (another label, a version number) is not read.
func TestFooterDate(t *testing.T) {
	body := `<h1>Un clima di partecipazione</h1><div class="document">
<h2>Processo</h2><dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Durata (mesi)</dt><dd>12</dd></dl>
<h2>Crediti</h2><dl><dt>Processo segnalato da</dt><dd>Osservatorio Partecipazione</dd>%s</dl></div>`
	tests := []struct {
		name, inRecord, footer, want string
	}{
		{"a div.footer", "", `<div class="footer"><hr class="footer">Data ultima modifica: 15/02/2020</div>`, "2020-02-15"},
		{"a footer with more after the date", "", `<footer><p>Data ultima modifica: 15/02/2020</p><p>Generato con Docutils 0.21</p></footer>`, "2020-02-15"},
		{"a bold label", "", `<div id="footer"><b>Data ultima modifica:</b> 15/02/2020<br>© 2020 Comune</div>`, "2020-02-15"},
		{"the record's own date first", `<dt>Data ultima modifica</dt><dd>01/03/2021</dd>`, `<footer>Data ultima modifica: 15/02/2020</footer>`, "2021-03-01"},
		{"a footer without the date", "", `<footer><p>© 2020 Regione Emilia-Romagna</p></footer>`, "<nil>"},
	}
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/1983")
	for _, tt := range tests {
		page := []byte("<html><body>" + fmt.Sprintf(body, tt.inRecord) + tt.footer + "</body></html>")
		rec, err := Parse(page, u, "text/html; charset=utf-8")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := str(rec.LastModified); got != tt.want {
			t.Errorf("%s: last modified %q, want %q", tt.name, got, tt.want)
		}
		if str(rec.Status) != "Concluso" || str(rec.ReportedBy) != "Osservatorio Partecipazione" {
			t.Errorf("%s: status %q, reported by %q", tt.name, str(rec.Status), str(rec.ReportedBy))
		}
	}

	// Another label in the footer is not the record's.
	page := []byte("<html><body>" + fmt.Sprintf(body, "") + `<footer><p>Stato di avanzamento: In corso</p><p>Data ultima modifica: 15/02/2020</p></footer></body></html>`)
	rec, err := Parse(page, u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if str(rec.Status) != "Concluso" || str(rec.LastModified) != "2020-02-15" {
		t.Errorf("status %q, last modified %q", str(rec.Status), str(rec.LastModified))
	}
}
