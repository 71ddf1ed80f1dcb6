package parsers

import (
	"testing"
)

// TestRepliesAreNotTheRecord: a reply under the record, marked as a
// comment (microdata), naming a field is someone's comment, not the
// record's; a record posted itself as a comment is read.
func TestRepliesAreNotTheRecord(t *testing.T) {
	post := `<div class="post"><p>Stato di avanzamento<br>Progetto</p><p>Durata (mesi)<br>8</p></div>`
	reply := `<div itemprop="comment" itemscope itemtype="http://schema.org/Comment" class="crawler-post"><div class="post"><p>Anno di avvio<br>2010</p><p>Lo dicono i verbali.</p></div></div>`
	page := `<html><body><h1>Riolonet</h1><div id="post_1">` + post + `</div>` + reply + `</body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if rec.StartYear != nil {
		t.Errorf("start year %d, from a reply", *rec.StartYear)
	}
	if str(rec.Status) != "Progetto" || rec.DurationMonths == nil || *rec.DurationMonths != 8 {
		t.Errorf("status %q, duration %v", str(rec.Status), rec.DurationMonths)
	}
	page = `<html><body><h1>Riolonet</h1><div itemprop="comment" itemscope itemtype="https://schema.org/Comment">` + post + `</div></body></html>`
	rec = mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if str(rec.Status) != "Progetto" {
		t.Errorf("status %q, of a record posted as a comment", str(rec.Status))
	}
}
