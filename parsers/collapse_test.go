package parsers

import "testing"

func TestCollapseSpace(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"clean", "Comune di Carpi", "Comune di Carpi"},
		{"leading and trailing", "  Comune di Carpi \n", "Comune di Carpi"},
		{"runs", "Comune  di\n\t Carpi", "Comune di Carpi"},
		{"no-break space", "19.800,00\u00a0€", "19.800,00 €"},
		{"zero-width space and BOM", "\ufeffCarpi\u200b", "Carpi"},
		{"accents kept", "Città  di Forlì ", "Città di Forlì"},
		{"single trailing space", "Carpi ", "Carpi"},
		{"only spaces", " \n ", ""},
		{"empty", "", ""},
		{"soft hyphens show nothing", "Anno della cert\u00adific\u00adazione", "Anno della certificazione"},
		{"zero-width space inside a word", "Parte\u200bcipanti", "Partecipanti"},
		{"zero-width space after a space", "Comune di A / \u200bComune di B", "Comune di A / Comune di B"},
		{"zero-width space before a space", "Carpi\u200b \u200b Modena", "Carpi Modena"},
		{"word joiner", "Forl\u2060ì", "Forlì"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := collapseSpace(tt.in); got != tt.want {
				t.Errorf("collapseSpace(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
