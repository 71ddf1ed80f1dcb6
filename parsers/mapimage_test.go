package parsers

import (
	"strings"
	"testing"
)

// TestMapImages: a thumbnail in a link to its image file shows that file
// (the map is the full image, not the thumbnail); the map's image beside
// the territory's text in one line is the map, the text the territory
// (less the map's caption "Mappa" first in a list joined by commas); a
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
		{"the map's caption, the map and the territory as one list",
			`Mappa, <img src="/archive/877.jpg" alt="">, Ravenna`,
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Ravenna"},
		{"the map's caption, the map and two places",
			`Mappa; <img src="/archive/877.jpg" alt="">; Ravenna; Cervia`,
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Ravenna|Cervia"},
		{"a place named like a map, no caption",
			`Mappano, <img src="/archive/877.jpg" alt="">, Ravenna`,
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Mappano|Ravenna"},
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

// TestMapPlaceholder: a picture shown by a placeholder ("[immagine]") in
// the map's value, with the link a PDF lays over it placed after the
// page's lines, is the image that link opens, whichever field is open
// when the link comes; without a placeholder, such a link is the open
// field's.
func TestMapPlaceholder(t *testing.T) {
	line := func(x, y, text string) string {
		return `<div class="t ` + x + ` ` + y + ` ff1">` + text + "</div>\n"
	}
	area := `<a class="l" href="https://www.osservatoriopartecipazione.it/archive/877.jpg"><span class="d" style="position:absolute;left:340px;bottom:200px;width:226px;height:170px;"></span></a>`
	page := func(mapLines string) string {
		return `<html><body><h1>Riolonet</h1><div class="pc">` + line("x1", "y1", "Processo") +
			line("x1", "y2", "Stato di avanzamento") + line("x2", "y2", "Concluso") + mapLines +
			line("x1", "y8", "Design del processo partecipativo") + line("x2", "y8", "Quattro sessioni.") + area + `</div></body></html>`
	}
	tests := []struct {
		name, lines, wantMap, wantTerritory string
	}{
		{"a placeholder under its label", line("x1", "y3", "Territorio Interessato") + line("x2", "y3", "Ravenna") + line("x1", "y4", "Mappa di Impatto") + line("x2", "y4", "[immagine]"),
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Ravenna"},
		{"a placeholder after Mappa", line("x1", "y3", "Territorio Interessato") + line("x2", "y3", "Mappa") + line("x2", "y4", "[immagine]") + line("x2", "y5", "Ravenna"),
			"https://www.osservatoriopartecipazione.it/archive/877.jpg", "Ravenna"},
		{"no placeholder", line("x1", "y3", "Territorio Interessato") + line("x2", "y3", "Ravenna"), "<nil>", "Ravenna"},
	}
	for _, tt := range tests {
		rec := mustParse(t, []byte(page(tt.lines)), "https://www.osservatoriopartecipazione.it/scheda-processo/877", "text/html; charset=utf-8")
		if got := str(rec.ImpactMap); got != tt.wantMap {
			t.Errorf("%s: map %q, want %q", tt.name, got, tt.wantMap)
		}
		if got := strings.Join(rec.Territory, "|"); got != tt.wantTerritory {
			t.Errorf("%s: territory %q, want %q", tt.name, got, tt.wantTerritory)
		}
		if got := str(rec.ProcessDesign); got != "Quattro sessioni." {
			t.Errorf("%s: process design %q", tt.name, got)
		}
	}
}

// TestMapInYAMLComment: in YAML shown as code, a comment in the
// territory's value giving the map's image ("# mappa: URL") is the map;
// other comments, and a comment naming another field, are not values.
func TestMapInYAMLComment(t *testing.T) {
	yaml := func(comment string) []byte {
		lines := []string{"# scheda esportata", "Processo:", "  Stato di avanzamento: Concluso", "  Durata (mesi): 12",
			"Gestione di Processo:", "  Territorio Interessato:", "    " + comment, "    - Ravenna", "  Partecipanti:", "    - Singoli cittadini"}
		var b strings.Builder
		b.WriteString(`<html><body><h1>Riolonet</h1><div class="md"><pre class="code highlight"><code>`)
		for _, l := range lines {
			b.WriteString(`<span class="line">` + l + "</span>\n")
		}
		b.WriteString("</code></pre></div></body></html>")
		return []byte(b.String())
	}
	tests := []struct {
		comment, want string
	}{
		{"# mappa: https://www.osservatoriopartecipazione.it/archive/877.jpg", "https://www.osservatoriopartecipazione.it/archive/877.jpg"},
		{"# https://www.osservatoriopartecipazione.it/archive/877.jpg", "https://www.osservatoriopartecipazione.it/archive/877.jpg"},
		{"# stato di avanzamento: https://www.osservatoriopartecipazione.it/archive/877.jpg", "<nil>"},
		{"# da verificare", "<nil>"},
	}
	for _, tt := range tests {
		rec := mustParse(t, yaml(tt.comment), "https://www.osservatoriopartecipazione.it/scheda-processo/877", "text/html; charset=utf-8")
		if got := str(rec.ImpactMap); got != tt.want {
			t.Errorf("%q: map %q, want %q", tt.comment, got, tt.want)
		}
		if got := strings.Join(rec.Territory, "|"); got != "Ravenna" {
			t.Errorf("%q: territory %q", tt.comment, got)
		}
	}
}

// TestMapRowActions: a summary row holding the map's label, its image and
// the row's "Modifica" link (its object visually hidden) gives the image,
// not the edit link, as the map and its link.
func TestMapRowActions(t *testing.T) {
	page := `<html><body><h1>Riolonet</h1><dl class="summary">
<div class="row"><dt class="key">Stato di avanzamento</dt><dd class="value">Concluso</dd><dd class="actions"><a href="/processi/1074/modifica/stato">Modifica<span class="visually-hidden"> stato di avanzamento</span></a></dd></div>
<div class="row"><dt class="key">Mappa di Impatto</dt><dd class="value"><img src="/archive/1074.jpg" alt=""></dd><dd class="actions"><a href="/processi/1074/modifica/mappa">Modifica<span class="visually-hidden"> mappa di impatto</span></a></dd></div>
</dl></body></html>`
	rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if got := str(rec.ImpactMap); got != "https://www.osservatoriopartecipazione.it/archive/1074.jpg" {
		t.Errorf("map %q", got)
	}
	for _, l := range rec.Links {
		if strings.Contains(l.URL, "modifica") {
			t.Errorf("link %s (%s): an edit link", l.URL, l.Field)
		}
	}
}

// TestWithoutMapCaption: the map's label first in a line of items is the
// map's caption; any other first item stays.
func TestWithoutMapCaption(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Mappa, , Ravenna", "Ravenna"},
		{"Mappa; Ravenna; Cervia", "Ravenna; Cervia"},
		{"Mappa di Impatto, Bologna", "Bologna"},
		{"Mappano, Ravenna", "Mappano, Ravenna"},
		{"Ravenna, Mappa", "Ravenna, Mappa"},
		{"Mappa", "Mappa"},
		{"Ravenna", "Ravenna"},
	}
	for _, tt := range tests {
		if got := withoutMapCaption(tt.text); got != tt.want {
			t.Errorf("withoutMapCaption(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
