package parsers

import (
	"slices"
	"strings"
	"testing"
)

// TestDashedLabel checks where a "Label – value" line is cut: known labels
// only, the longest when a label holds " - " itself, never a near miss or
// a dash inside a value.
func TestDashedLabel(t *testing.T) {
	tests := []struct {
		text, label, value string
	}{
		{"Stato di avanzamento – Concluso", "Stato di avanzamento", "Concluso"},
		{"Durata (mesi) — 12", "Durata (mesi)", "12"},
		{"Partecipanti - Singoli cittadini - Associazioni", "Partecipanti", "Singoli cittadini - Associazioni"},
		{"Comitato di Garanzia locale - Funzioni assegnate - Monitoraggio", "Comitato di Garanzia locale - Funzioni assegnate", "Monitoraggio"},
		{"Mappa di Impatto –", "Mappa di Impatto", ""},
		{"Stato avanzamento – Concluso", "", ""},    // a near miss is not cut
		{"Il percorso – fase 1", "", ""},            // no label
		{"Concluso – Stato di avanzamento", "", ""}, // the label is not first
		{"Stato di avanzamento–Concluso", "", ""},   // no spaces around the dash
		{"Durata (mesi) -", "Durata (mesi)", ""},    // the value on the next line
	}
	for _, tc := range tests {
		i, j := dashedLabel(tc.text)
		label, value := "", ""
		if i > 0 {
			label, value = tc.text[:i], tc.text[j:]
		}
		if label != tc.label || value != tc.value {
			t.Errorf("dashedLabel(%q) = %q, %q; want %q, %q", tc.text, label, value, tc.label, tc.value)
		}
	}
}

// TestColonLabelPastDash: a line whose longest known label ends in a
// colon past a dash that ends a shorter one is that longer label and its
// value; a colon in the value of a dashed label is the value's.
func TestColonLabelPastDash(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Comitato di Garanzia locale - Altre Funzioni Assegnate: Monitoraggio ex-post", true},
		{"Comitato di Garanzia locale - Funzioni assegnate: Monitoraggio", true},
		{"Stato di avanzamento - Concluso: in data 15/02/2020", false},
		{"Comitato di Garanzia locale - Composizione: tre membri", false},
	}
	for _, tc := range tests {
		_, j := dashedLabel(tc.text)
		if got := colonLabelPast(tc.text, j); got != tc.want {
			t.Errorf("colonLabelPast(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
	page := `<html><body><h1>Un clima di partecipazione</h1><div><h2>Gestione di Processo</h2>
<p>Comitato di Garanzia locale: Tre membri.</p>
<p>Comitato di Garanzia locale - Altre Funzioni Assegnate: Monitoraggio ex-post dell'impegno</p>
<p>Stato di avanzamento - Concluso</p><p>Durata (mesi): 12</p></div></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/2944", "text/html; charset=utf-8")
	if got := str(rec.GuaranteeCommitteeOtherFunctions); got != "Monitoraggio ex-post dell'impegno" {
		t.Errorf("other functions %q", got)
	}
	if got := str(rec.GuaranteeCommittee); got != "Tre membri." {
		t.Errorf("guarantee committee %q", got)
	}
}

// TestPictographs checks which texts are emoji markers: pictographs with
// their selectors and joiners, not check marks (a yes or no), not text.
func TestPictographs(t *testing.T) {
	for s, want := range map[string]bool{
		"📌": true, "▫️": true, "✅": true, "👩‍💻": true, " 🗓 ": true, "1️⃣": false,
		"✔": false, "✓": false, "☑": false, "": false, "Sì": false, "📌 Concluso": false, "•": false,
	} {
		if got := pictographs(s); got != want {
			t.Errorf("pictographs(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestYAMLScalars checks the reading of YAML shown as code: quoted
// scalars and block indicators.
func TestYAMLScalars(t *testing.T) {
	for in, want := range map[string]string{
		"'No'": "No", "'l''Amministrazione'": "l'Amministrazione", "'a' e 'b'": "'a' e 'b'",
		"No": "No", "'": "'", "''": "", "'tampone' rispetto": "'tampone' rispetto",
	} {
		if got := yamlUnquote(in); got != want {
			t.Errorf("yamlUnquote(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]byte{">-": '>', ">": '>', "|": '|', "|+": '|', ">-x": 0, "-": 0} {
		if got := blockScalar(in); got != want {
			t.Errorf("blockScalar(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWithoutItemID checks that an identifier after the title in the h1
// goes only when the document title shows the title without it.
func TestWithoutItemID(t *testing.T) {
	tests := []struct{ h1, doc, want string }{
		{"Riolonet (Q2141)", "Riolonet - Partecipa Wikibase", "Riolonet"},
		{"Riolonet [#141]", "Wiki | Riolonet", "Riolonet"},
		{"Riolonet (Q2141)", "Riolonet (Q2141) - Wiki", "Riolonet (Q2141)"},
		{"Bilancio partecipativo (2019)", "Bilancio partecipativo - Comune", "Bilancio partecipativo (2019)"},
		{"Riolonet (Q2141)", "Altro titolo", "Riolonet (Q2141)"},
	}
	for _, tc := range tests {
		if got := withoutItemID(tc.h1, tc.doc); got != tc.want {
			t.Errorf("withoutItemID(%q, %q) = %q, want %q", tc.h1, tc.doc, got, tc.want)
		}
	}
}

// TestReadings parses small pages in markups the held-out sets brought up
// and checks what a reader sees in them.
func TestReadings(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, r *Record)
	}{
		{
			name: "labels as links to the site's own pages, values as items",
			body: `<h1>Riolonet</h1><div class="prop"><a href="/wiki/Property:P1">Stato di avanzamento</a></div><div><a href="/wiki/Item:Q5">Concluso</a></div>
				<div class="prop"><a href="/wiki/Property:P2">Natura Processo</a></div><div><a href="/wiki/Item:Q6">Processo non certificato</a></div>
				<div class="prop"><a href="/wiki/Property:P3">Link</a></div><div><a href="https://www.comune.riolo.it/">https://www.comune.riolo.it/</a></div>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || str(r.Nature) != "Processo non certificato" || str(r.Website) != "https://www.comune.riolo.it/" {
					t.Errorf("status %q nature %q website %q", str(r.Status), str(r.Nature), str(r.Website))
				}
				if len(r.Links) != 1 || r.Links[0].URL != "https://www.comune.riolo.it/" {
					t.Errorf("links %+v, want only the website (the choices' item pages are navigation)", r.Links)
				}
			},
		},
		{
			name: "a link whose text is a label, right after that label, is its value",
			body: `<dl>` + twoFields + `<dt>Link</dt><dd><a href="/sito">Link</a></dd></dl>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Website) != "https://www.osservatoriopartecipazione.it/sito" {
					t.Errorf("website = %q", str(r.Website))
				}
			},
		},
		{
			name: "radio buttons and check boxes drawn with roles: only the checked ones",
			body: `<div>Stato di avanzamento</div><div role="radiogroup"><label><span role="radio" aria-checked="false"></span><span>Progetto</span></label>
				<label><span role="radio" aria-checked="true"></span><span>Concluso</span></label></div>
				<div>Figure Professionali</div><div><div role="checkbox" aria-checked="true">Facilitatori (Esterni)</div><div role="checkbox" aria-checked="false">Esperti</div></div>
				<div>Codecisione</div><div><div role="radio" aria-checked="false">Sì</div><div role="radio" aria-checked="true">No</div></div>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || !slices.Equal(r.ProfessionalRoles, []string{"Facilitatori (Esterni)"}) || r.Codecision == nil || *r.Codecision {
					t.Errorf("status %q roles %q codecision %v", str(r.Status), r.ProfessionalRoles, r.Codecision)
				}
			},
		},
		{
			name: "a label cell with a note under the label, one row per value, a language column",
			body: `<table>
				<tr><td>Stato di avanzamento<br><small>oss.stato</small></td><td>Concluso</td><td>it</td></tr>
				<tr><td>Soggetti esterni<br><small>oss.soggetti</small></td><td>Comune di Formigine</td><td>it</td></tr>
				<tr><td>Soggetti esterni<br><small>oss.soggetti</small></td><td>Focus Lab</td><td>it</td></tr>
				<tr><td>Durata (mesi)<br><small>oss.durata</small></td><td>12</td><td></td></tr></table>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || !slices.Equal(r.ExternalParties, []string{"Comune di Formigine", "Focus Lab"}) ||
					r.DurationMonths == nil || *r.DurationMonths != 12 {
					t.Errorf("status %q parties %q duration %v", str(r.Status), r.ExternalParties, r.DurationMonths)
				}
			},
		},
		{
			name: "two Label<br>value cells in a row stay two fields",
			body: `<table><tr><td>STATO DI AVANZAMENTO:<br>Concluso</td><td>NATURA PROCESSO:<br>Processo non certificato</td></tr></table>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || str(r.Nature) != "Processo non certificato" {
					t.Errorf("status %q nature %q", str(r.Status), str(r.Nature))
				}
			},
		},
		{
			name: "YAML shown as code: quoted scalars, a folded block, comments, empty values",
			body: `<pre><code><span class="line"><span>Processo</span>:</span>
<span class="line">  <span>Stato di avanzamento</span>: <span>Concluso</span></span>
<span class="line">  <span>Natura Processo</span>: <span>Processo non certificato</span></span>
<span class="line">  <span>Codecisione</span>: <span>'No'</span></span>
<span class="line">  <span>Anno di avvio</span>: <span>null</span></span>
<span class="line">  <span>Soggetti esterni</span>: <span>[]</span></span>
<span class="line">  <span>Obiettivi</span>: <span>&gt;-</span></span>
<span class="line">    <span>Rilanciare il distretto</span></span>
<span class="line">    <span>con l''aiuto di tutti</span></span>
<span class="line">  <span># nota del redattore</span></span>
<span class="line">  <span>Durata (mesi)</span>: <span>12</span></span></code></pre>`,
			check: func(t *testing.T, r *Record) {
				if r.Codecision == nil || *r.Codecision || r.StartYear != nil || r.ExternalParties != nil {
					t.Errorf("codecision %v start_year %v parties %q", r.Codecision, r.StartYear, r.ExternalParties)
				}
				if str(r.Objectives) != "Rilanciare il distretto con l''aiuto di tutti" || r.DurationMonths == nil || *r.DurationMonths != 12 {
					t.Errorf("objectives %q duration %v", str(r.Objectives), r.DurationMonths)
				}
			},
		},
		{
			name: "emoji before labels and items, note references, \"Label – value\" items",
			body: `<p><b>Progetto di prova</b></p><p>📍 Regione Emilia-Romagna</p>
				<p><i class="emoji"><b>🔹</b></i> <b>Stato di avanzamento:</b> Concluso<br><i class="emoji"><b>👥</b></i> <b>Partecipanti:</b><br>▫️ Singoli cittadini<br>▫️ Associazioni</p>
				<p><span>Durata (mesi).</span><a href="#n1"><sup>1</sup></a> 12</p>
				<ul><li>Natura Processo – Processo non certificato</li></ul>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || !slices.Equal(r.Participants, []string{"Singoli cittadini", "Associazioni"}) {
					t.Errorf("status %q participants %q", str(r.Status), r.Participants)
				}
				if r.DurationMonths == nil || *r.DurationMonths != 12 || str(r.Nature) != "Processo non certificato" {
					t.Errorf("duration %v nature %q", r.DurationMonths, str(r.Nature))
				}
				if str(r.Title) != "Progetto di prova" || str(r.Region) != "Regione Emilia-Romagna" {
					t.Errorf("title %q region %q", str(r.Title), str(r.Region))
				}
			},
		},
		{
			name: "the record's own heading far below the site's h1 is the title",
			body: `<h1>Il blog</h1><p>Appunti</p><ul><li><a href="/">Home</a></li><li><a href="/a">Chi siamo</a></li></ul><h2>sabato 15 febbraio</h2>
				<h3>Riolonet</h3><p>Regione Emilia-Romagna</p><h3>Processo</h3><dl>` + twoFields + `</dl>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Title) != "Riolonet" {
					t.Errorf("title = %q", str(r.Title))
				}
			},
		},
		{
			name: "a heading just below the h1 leaves the title to it",
			body: `<!DOCTYPE html><html><head><title>Riolonet - Wiki</title></head><body><h1>Riolonet</h1><p>Regione Emilia-Romagna</p><h2>Dichiarazioni</h2><dl>` + twoFields + `</dl></body></html>`,
			check: func(t *testing.T, r *Record) {
				if str(r.Title) != "Riolonet" {
					t.Errorf("title = %q", str(r.Title))
				}
			},
		},
		{
			name: "a label cut from text on a card after the record is another record's; the inline date is this one's",
			body: `<div class="scheda"><h2>Processo</h2><dl>` + twoFields + `<dt>Anno di avvio</dt><dd>2010</dd></dl>
				<h2>Caratteristiche</h2><dl><dt>Codecisione</dt><dd>No</dd></dl><h2>Crediti</h2><dl><dt>Processo segnalato da</dt><dd>Osservatorio</dd></dl></div>
				<p>Data ultima modifica: 15/02/2020</p>
				<div class="related"><h3><a href="/scheda-processo/9">Altro processo</a></h3><ul><li>Durata (mesi) – 6</li></ul></div>`,
			check: func(t *testing.T, r *Record) {
				if r.DurationMonths != nil || str(r.LastModified) != "2020-02-15" {
					t.Errorf("duration %v (the card's), last_modified %q", r.DurationMonths, str(r.LastModified))
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := page(tc.body)
			if strings.HasPrefix(tc.body, "<!DOCTYPE") {
				body = []byte(tc.body)
			}
			tc.check(t, mustParse(t, body, pageURL141, "text/html; charset=utf-8"))
		})
	}
}
