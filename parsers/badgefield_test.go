package parsers

import (
	"strings"
	"testing"
)

// TestBadgeAnswered: a field named like a badge and answered yes or no
// ("Certificato: true", "Finanziato: No", as a scaffold or a data view
// prints a yes/no column) is that badge when the answer is yes and
// nothing when it is no; a badge's name over any other value, or a label
// that only begins with one, is not the badge.
func TestBadgeAnswered(t *testing.T) {
	p := func(label, value string) string {
		return "<p>\n  <strong>" + label + ":</strong>\n  " + value + "\n</p>\n"
	}
	tests := []struct {
		name, fields   string
		cert, financed bool
		unknown        string // a label reported as not in the dictionary
	}{
		{"true and false", p("Certificato", "true") + p("Finanziato", "false"), true, false, ""},
		{"false and true", p("Certificato", "false") + p("Finanziato", "true"), false, true, ""},
		{"Sì and No", p("Certificato", "Sì") + p("Finanziato", "No"), true, false, ""},
		{"si, no", p("Certificato", "si") + p("Finanziato", "no"), true, false, ""},
		{"both yes", p("Certificato", "Vero") + p("Finanziato", "✓"), true, true, ""},
		{"not yes or no", p("Certificato", "2019"), false, false, "Certificato"},
		{"a longer label", p("Certificato dal Tecnico di garanzia", "true"), false, false, "Certificato dal Tecnico di garanzia"},
		{"a yes to another question", p("Cofinanziamento", "Sì"), false, false, ""},
	}
	for _, tt := range tests {
		// The badges' fields after the region's, and first in the page,
		// before any label the dictionary knows (where a badge's name
		// styled as a label is the badge whatever follows: the near
		// misses are checked after the region only).
		orders := []string{p("Ente", "Regione Emilia-Romagna") + tt.fields, tt.fields + p("Ente", "Regione Emilia-Romagna")}
		if tt.unknown != "" {
			orders = orders[:1]
		}
		for _, fields := range orders {
			page := `<html><body><h1>Riolonet</h1><div id="scheda">` + fields +
				`<h2>Processo</h2>` + p("Stato di avanzamento", "Concluso") + p("Durata (mesi)", "12") + `</div></body></html>`
			rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
			if rec.Certified != tt.cert || rec.Financed != tt.financed {
				t.Errorf("%s: certified %v, financed %v; want %v, %v", tt.name, rec.Certified, rec.Financed, tt.cert, tt.financed)
			}
			if str(rec.Status) != "Concluso" || str(rec.Title) != "Riolonet" || str(rec.Region) != "Regione Emilia-Romagna" {
				t.Errorf("%s: status %q, title %q, region %q", tt.name, str(rec.Status), str(rec.Title), str(rec.Region))
			}
			var unknown []string
			for _, w := range rec.Warnings {
				if w.Code == "unknown_label" {
					unknown = append(unknown, w.Label)
				}
			}
			if got := strings.Join(unknown, ", "); got != tt.unknown {
				t.Errorf("%s: labels not in the dictionary %q, want %q", tt.name, got, tt.unknown)
			}
		}
	}
}

// TestBadgeInOwnBox: a badge shown as a status in a box of its own among
// the header's fields, each field in its own box, is the badge; a text in
// such a box that is more than badges, or a badge's name past the first
// section heading, is not.
func TestBadgeInOwnBox(t *testing.T) {
	field := func(label, value string) string {
		return `<div class="form-group"><label>` + label + `</label><div class="field"><span>` + value + `</span></div></div>` + "\n"
	}
	status := func(text string) string {
		return `<div class="form-group"><span class="label label-success">` + text + `</span></div>` + "\n"
	}
	tests := []struct {
		name, header, section string
		cert, financed        bool
	}{
		{"one", status("Certificato"), "", true, false},
		{"both", status("Certificato") + status("Finanziato"), "", true, true},
		{"both in one", status("Certificato · Finanziato"), "", true, true},
		{"after another field", status("Finanziato") + field("Titolo", "Riolonet"), "", false, true},
		{"more than a badge", status("Certificato regionale"), "", false, false},
		{"a sentence", status("Processo certificato e finanziato"), "", false, false},
		{"past the first section", "", status("Certificato"), false, false},
	}
	for _, tt := range tests {
		page := `<html><body><h1>Riolonet</h1><form>` + field("Ente", "Regione Emilia-Romagna") + tt.header +
			`<h2>Processo</h2>` + field("Stato di avanzamento", "Concluso") + tt.section + field("Durata (mesi)", "12") + `</form></body></html>`
		rec := mustParse(t, []byte(page), "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
		if rec.Certified != tt.cert || rec.Financed != tt.financed {
			t.Errorf("%s: certified %v, financed %v; want %v, %v", tt.name, rec.Certified, rec.Financed, tt.cert, tt.financed)
		}
		if str(rec.Status) != "Concluso" || str(rec.Region) != "Regione Emilia-Romagna" {
			t.Errorf("%s: status %q, region %q", tt.name, str(rec.Status), str(rec.Region))
		}
	}
}
