package parsers

import "testing"

// TestFuzzyLabels: near-miss labels map to their field; labels close to
// two fields, or to none, do not.
func TestFuzzyLabels(t *testing.T) {
	tests := []struct {
		name, label, want string // want "" means no guess
	}{
		{"a word more", "Natura del processo", "nature"},
		{"a word less", "Stato avanzamento", "status"},
		{"a trailing qualifier", "Stato di avanzamento del processo", "status"},
		{"a typo", "Stato di avanzamneto", "status"},
		{"a letter dropped", "Codecisone", "codecision"},
		{"singular", "Soggetto esterno", "external_parties"},
		{"singular, one word", "Partecipante", "participants"},
		{"plural", "Obiettivo", "objectives"},
		{"a shorter count label", "Numero partecipanti", "participants_count"},
		{"another preposition", "Anno del finanziamento", "funding_year"},
		{"the committee without 'locale'", "Comitato di Garanzia", "guarantee_committee"},
		{"a longer last-change label", "Data dell'ultima modifica", "last_modified"},
		{"case and accents", "TITOLARI DELLA DECISIONE", "decision_makers"},

		{"close to two dates", "Data", ""},
		{"close to two years", "Anno", ""},
		{"start or end?", "Data del processo", ""},
		{"one shared word of two", "Stato", ""},
		{"functions or other functions", "Comitato di Garanzia locale - Funzioni", ""},
		{"a different field sharing a word", "Anno di inaugurazione", ""},
		{"unrelated", "Documenti allegati", ""},
		{"short words get no typo", "Lnk", ""},
		{"a number alone", "2020", ""},
		{"a value, not a label", "Singoli cittadini", ""},
		{"another count", "Numero incontri", ""},
		{"a short label with a word replaced", "Schede dei processi partecipativi", ""},
		{"a long label with a word replaced", "Tra i soggetti partecipanti si nota la presenza femminile", "women_present"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, _ := trimLabelDecor(NormalizeLabel(tt.label))
			got := ""
			if f := dict.fuzzyMatch(n); f != nil {
				got = f.name
			}
			if got != tt.want {
				t.Errorf("fuzzyMatch(%q) = %q, want %q", tt.label, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"avanzamento", "avanzamento", 2, 0},
		{"avanzamento", "avanzamneto", 2, 1}, // transposition
		{"codecisione", "codecisone", 2, 1},
		{"partecipant", "partecipazion", 2, 3}, // over the limit
		{"abc", "abcdef", 1, 2},
		{"città", "citta", 1, 1},
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}
