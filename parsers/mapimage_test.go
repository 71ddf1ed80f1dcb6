package parsers

import (
	"strings"
	"testing"
)

// TestMapImages: a thumbnail in a link to its image file shows that file
// (the map is the full image, not the thumbnail); the map's image beside
// the territory's text in one line is the map, the text the territory; a
// thumbnail linking to a page, not an image, is the thumbnail.
func TestMapImages(t *testing.T) {
	tests := []struct {
		name, value, wantMap, wantTerritory string
	}{
		{"a thumbnail linking to its image",
			`Fiorano Modenese</dd><dt>Mappa di Impatto</dt><dd><a href="/archive/141.jpg" class="lightbox"><img src="/images/141.tmb-thumb270.jpg?v=1" alt=""></a>`,
			"https://www.osservatoriopartecipazione.it/archive/141.jpg", "Fiorano Modenese"},
		{"the map beside the territory",
			`<span class="widget"><img src="/archive/877.jpg" alt="Mappa">, <span class="token">Ravenna</span></span>`,
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Ravenna"},
		{"a thumbnail linking to a page",
			`Fiorano Modenese</dd><dt>Mappa di Impatto</dt><dd><a href="/galleria/141"><img src="/images/141-thumb.jpg" alt=""></a>`,
			"https://www.osservatoriopartecipazione.it/images/141-thumb.jpg", "Fiorano Modenese"},
	}
	for _, tt := range tests {
		page := `<html><body><h1>Un clima di partecipazione</h1><dl><dt>Stato di avanzamento</dt><dd>Concluso</dd>
<dt>Territorio Interessato</dt><dd>` + tt.value + `</dd><dt>Tipo di partecipazione</dt><dd>Partecipazione volontaria</dd></dl></body></html>`
		rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/141", "text/html; charset=utf-8")
		if got := str(rec.ImpactMap); got != tt.wantMap {
			t.Errorf("%s: map %q, want %q", tt.name, got, tt.wantMap)
		}
		if got := strings.Join(rec.Territory, "|"); got != tt.wantTerritory {
			t.Errorf("%s: territory %q, want %q", tt.name, got, tt.wantTerritory)
		}
	}
}
