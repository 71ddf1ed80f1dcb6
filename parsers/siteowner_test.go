package parsers

import "testing"

// TestRegionInOwnerName: the region ending a longer name (a body of the
// region running the site) is not a region header; the region alone, or
// run together with the next text, is.
func TestRegionInOwnerName(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Regione Emilia-Romagna", "Regione Emilia-Romagna"},
		{"Regione Emilia-RomagnaOsservatorio Partecipazione", "Regione Emilia-Romagna"},
		{"Ente: Regione Emilia-Romagna", "Regione Emilia-Romagna"},
		{"Osservatorio Partecipazione Regione Emilia-Romagna", "Regione Emilia-Romagna"},
		{"Assemblea legislativa della Regione Emilia-Romagna", ""},
		{"Portale dalla Regione Emilia-Romagna", ""},
		{"Della Regione Emilia-Romagna", ""},
		{"Legislative Assembly of the Regione Emilia-Romagna", ""},
		{"Sorella Regione Emilia-Romagna", "Regione Emilia-Romagna"},
		{"ProvinciaRegione Emilia-Romagna", ""},
	}
	for _, tt := range tests {
		if got := regionIn(tt.text); got != tt.want {
			t.Errorf("regionIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestSiteOwnerRegion: the site's owner in the page's banner (a link to
// the owner's own site, or a body of the region) is not the record's
// region; the record's own region below it is read, and a record's tag
// linking to its platform, or an owner link inside the record's content,
// is the region.
func TestSiteOwnerRegion(t *testing.T) {
	const table = `<h2>Processo</h2><table><tr><td>Stato di avanzamento</td><td>Concluso</td></tr><tr><td>Durata (mesi)</td><td>12</td></tr></table>`
	tests := []struct{ name, body, want string }{ // want "": no region
		{"owner bar, no region",
			`<header><div class="top"><a href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a></div><h1>Osservatorio Partecipazione</h1></header><main><h2>Riolonet</h2>` + table + `</main>`, ""},
		{"owner bar glued to an app link",
			`<header id="header"><div><a href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a><a href="/app">Scarica l'app</a></div></header><main><h2>Riolonet</h2>` + table + `</main>`, ""},
		{"role banner",
			`<div role="banner"><a href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a></div><div><h2>Riolonet</h2>` + table + `</div>`, ""},
		{"owner bar, then the record's region",
			`<header><a href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a></header><main><h2>Riolonet</h2><p>Regione Toscana</p>` + table + `</main>`, "Regione Toscana"},
		{"owner's body in the banner",
			`<div id="testata"><span class="ente">Assemblea legislativa della Regione Emilia-Romagna</span></div><h1>Riolonet</h1>` + table, ""},
		{"region in the banner, not a link",
			`<header><div>Regione Emilia-Romagna</div></header><h1>Riolonet</h1>` + table, "Regione Emilia-Romagna"},
		{"region linking to this site in the banner",
			`<header><a href="/regione">Regione Emilia-Romagna</a></header><h1>Riolonet</h1>` + table, "Regione Emilia-Romagna"},
		{"record's tag linking to its platform",
			`<main><h1>Riolonet</h1><ul class="tags"><li><a href="https://partecipa.example.org/processes?scope=3">Regione Emilia-Romagna</a></li></ul>` + table + `</main>`, "Regione Emilia-Romagna"},
		{"record's header inside an article",
			`<article><header><h1>Riolonet</h1><a href="https://www.regione.emilia-romagna.it">Regione Emilia-Romagna</a></header>` + table + `</article>`, "Regione Emilia-Romagna"},
	}
	for _, tt := range tests {
		rec := mustParse(t, []byte("<html><head><title>Riolonet</title></head><body>"+tt.body+"</body></html>"),
			"https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
		got := ""
		if rec.Region != nil {
			got = *rec.Region
		}
		if got != tt.want {
			t.Errorf("%s: region %q, want %q", tt.name, got, tt.want)
		}
	}
}
