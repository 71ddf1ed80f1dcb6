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

// TestOtherRecordsCards: cards of similar records beside the record (a
// heading linking to each, a figure and its label) do not widen the
// element holding the record's labels: their fields are theirs; a record
// whose own heading links to itself is read.
func TestOtherRecordsCards(t *testing.T) {
	card := `<div class="card"><h3><a href="/processi/3870">Piazze in comune</a></h3><div class="stat"><span class="value">8</span> <span class="label">Durata (mesi)</span></div></div>`
	page := `<html><body><main><article><h1>Riolonet</h1><section><h2>Processo</h2>
<div class="row"><span class="key">Stato di avanzamento</span> <div class="val">Progetto</div></div>
<div class="row"><span class="key">Anno di avvio</span> <div class="val">2015</div></div></section></article>
<aside class="similar"><h2>Schede simili</h2><div class="cards">` + card + `</div></aside></main></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/877", "text/html; charset=utf-8")
	if rec.DurationMonths != nil {
		t.Errorf("duration %d, from another record's card", *rec.DurationMonths)
	}
	if str(rec.Status) != "Progetto" || rec.StartYear == nil || *rec.StartYear != 2015 {
		t.Errorf("status %q, start year %v", str(rec.Status), rec.StartYear)
	}
	page = `<html><body><div class="post"><h2><a href="/processi/877">Riolonet</a></h2><div class="entry"><p>Stato di avanzamento<br>Progetto</p><p>Durata (mesi)<br>8</p></div></div></body></html>`
	rec = mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/877", "text/html; charset=utf-8")
	if str(rec.Status) != "Progetto" || rec.DurationMonths == nil || *rec.DurationMonths != 8 {
		t.Errorf("status %q, duration %v, of a post titled with a link to itself", str(rec.Status), rec.DurationMonths)
	}
}

// TestCountIsNoList: a bare count under a list field's word (a platform's
// statistics: "Partecipanti 240") is not that list; names are.
func TestCountIsNoList(t *testing.T) {
	for in, want := range map[string]bool{"240": true, "1.200": true, "Singoli cittadini": false, "2 associazioni": false, "": false} {
		if got := countOnly(in); got != want {
			t.Errorf("countOnly(%q) = %v, want %v", in, got, want)
		}
	}
	page := `<html><body><h1>Riolonet</h1><dl><dt>Stato di avanzamento</dt><dd>Progetto</dd><dt>Durata (mesi)</dt><dd>8</dd></dl>
<section class="statistics"><h3>Statistiche</h3><div class="stat"><span class="title">Partecipanti</span><span class="number">240</span></div></section></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1980", "text/html; charset=utf-8")
	if rec.Participants != nil {
		t.Errorf("participants %q, a count", rec.Participants)
	}
	if !hasWarning(rec, "bad_value", "Partecipanti") {
		t.Errorf("warnings %+v, want a bad_value for Partecipanti", rec.Warnings)
	}
}
