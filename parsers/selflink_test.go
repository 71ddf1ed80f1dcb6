package parsers

import (
	"testing"
)

// TestSelfByCanonicalPath: a page served under another host than its
// canonical address links to its own path ("Visualizza tutti i
// dettagli"): that link is the page itself, neither the website nor a
// link of the record; a link to another path of the site is one.
func TestSelfByCanonicalPath(t *testing.T) {
	page := func(href string) []byte {
		return []byte(`<html><head><link rel="canonical" href="https://shop.example.com/products/riolonet"></head><body><h1>Riolonet</h1>
<dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Durata (mesi)</dt><dd>12</dd>
<dt>Link</dt><dd><a href="` + href + `">Visualizza tutti i dettagli</a></dd></dl></body></html>`)
	}
	tests := []struct {
		href, want string
		links      int
	}{
		{"/products/riolonet", "<nil>", 0},
		{"https://shop.example.com/products/riolonet", "<nil>", 0},
		{"/products/riolonet-sito", "https://www.osservatoriopartecipazione.it/products/riolonet-sito", 1},
		{"/", "https://www.osservatoriopartecipazione.it/", 1},
	}
	for _, tt := range tests {
		rec := mustParse(t, page(tt.href), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
		if got := str(rec.Website); got != tt.want || len(rec.Links) != tt.links {
			t.Errorf("%s: website %q with %d links, want %q with %d", tt.href, got, len(rec.Links), tt.want, tt.links)
		}
	}
}
