package parsers

import (
	"slices"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	tests := []struct {
		name, in string
		want     float64
		wantErr  bool
	}{
		{"italian euro amount", "15.000,00 €", 15000, false},
		{"euro sign first", "€ 24.000,00", 24000, false},
		{"no-break space before euro", "19.800,00\u00a0€", 19800, false},
		{"euro word", "15000 euro", 15000, false},
		{"EUR code", "EUR 1.500,50", 1500.5, false},
		{"decimal comma", "16,67", 16.67, false},
		{"percent sign", "40%", 40, false},
		{"percent with space", "28,57 %", 28.57, false},
		{"dot groups thousands as Italian writes", "15.000", 15000, false},
		{"several thousands dots", "1.000.000", 1000000, false},
		{"english format", "15,000.00", 15000, false},
		{"english thousands commas", "1,000,000", 1000000, false},
		{"decimal dot with two digits", "16.67", 16.67, false},
		{"plain integer", "300", 300, false},
		{"negative", "-5,5", -5.5, false},
		{"empty", "", 0, true},
		{"words", "non disponibile", 0, true},
		{"only euro", "€", 0, true},
		{"two numbers", "10 / 20", 0, true},
		{"dangling separator", "15.", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDecimal(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseDecimal(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if !tt.wantErr && got != tt.want {
				t.Errorf("ParseDecimal(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseCount(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
		wantErr  bool
	}{
		{"plain", "300", 300, false},
		{"thousands dot", "1.200", 1200, false},
		{"approximate", "circa 400", 400, false},
		{"with unit", "12 mesi", 12, false},
		{"spaces", "  17 ", 17, false},
		{"range is not a count", "300-400", 0, true},
		{"qualifier that changes meaning", "oltre 300", 0, true},
		{"empty", "", 0, true},
		{"negative", "-3", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCount(tt.in)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("ParseCount(%q) = %v, %v; want %v, wantErr %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseYear(t *testing.T) {
	tests := []struct {
		name, in string
		want     int
		wantErr  bool
	}{
		{"year", "2011", 2011, false},
		{"with spaces", " 2024 ", 2024, false},
		{"trailing dot", "2020.", 2020, false},
		{"two digits", "11", 0, true},
		{"out of range", "1492", 0, true},
		{"date is not a year", "15/02/2020", 0, true},
		{"empty", "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseYear(tt.in)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("ParseYear(%q) = %v, %v; want %v, wantErr %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        bool
	}{
		{"dd/mm/yyyy", "15/02/2020", "2020-02-15", false},
		{"single digits", "7/1/2021", "2021-01-07", false},
		{"dashes", "14-01-2022", "2022-01-14", false},
		{"dots", "30.03.2024", "2024-03-30", false},
		{"iso", "2024-11-29", "2024-11-29", false},
		{"italian month name", "15 febbraio 2020", "2020-02-15", false},
		{"month name capitalized", "1 Dicembre 2023", "2023-12-01", false},
		{"no such day", "31/02/2020", "", true},
		{"leap day", "29/02/2024", "2024-02-29", false},
		{"not a leap year", "29/02/2023", "", true},
		{"month 13", "01/13/2020", "", true},
		{"two-digit year", "15/02/20", "", true},
		{"words", "in corso", "", true},
		{"empty", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseDate(%q) = %q, %v; want %q, wantErr %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseBool(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
		wantErr  bool
	}{
		{"Si", "Si", true, false},
		{"Sì with grave accent", "Sì", true, false},
		{"Sí with acute accent", "Sí", true, false},
		{"upper case", "SI", true, false},
		{"apostrophe for accent", "Si'", true, false},
		{"No", "No", false, false},
		{"upper NO", "NO", false, false},
		{"spaces", " no ", false, false},
		{"placeholder is not a bool", "Non indicato o dato non disponibile nelle fonti consultate", false, true},
		{"maybe", "Forse", false, true},
		{"empty", "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseBool(tt.in)
			if (err != nil) != tt.wantErr || (!tt.wantErr && got != tt.want) {
				t.Errorf("ParseBool(%q) = %v, %v; want %v, wantErr %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseIndex(t *testing.T) {
	tests := []struct {
		name, in string
		v, max   int
		wantErr  bool
	}{
		{"spaced", "17 / 30", 17, 30, false},
		{"tight", "17/30", 17, 30, false},
		{"zero", "0 / 30", 0, 30, false},
		{"above maximum", "31 / 30", 0, 0, true},
		{"zero maximum", "0 / 0", 0, 0, true},
		{"no slash", "17", 0, 0, true},
		{"words", "alto / basso", 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, m, err := ParseIndex(tt.in)
			if (err != nil) != tt.wantErr || v != tt.v || m != tt.max {
				t.Errorf("ParseIndex(%q) = %d, %d, %v; want %d, %d, wantErr %v", tt.in, v, m, err, tt.v, tt.max, tt.wantErr)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		name, in, sep string
		want          []string
	}{
		{"slash list", "Comune di Formigine / Comune di Maranello / Focus Lab", " / ", []string{"Comune di Formigine", "Comune di Maranello", "Focus Lab"}},
		{"one item", "Singoli cittadini", " / ", []string{"Singoli cittadini"}},
		{"item with parentheses", "OST (Open Space Technology) / Barcamp", " / ", []string{"OST (Open Space Technology)", "Barcamp"}},
		{"trailing separator of a cut text", "Ascolto attivo / ", " / ", []string{"Ascolto attivo"}},
		{"trailing separator trimmed", "Ascolto attivo /", " / ", []string{"Ascolto attivo"}},
		{"slash without spaces is not a separator", "e/o partner", " / ", []string{"e/o partner"}},
		{"comma list", "Monitoraggio degli esiti del processo, Supervisione del corretto svolgimento del processo", ", ", []string{"Monitoraggio degli esiti del processo", "Supervisione del corretto svolgimento del processo"}},
		{"empty items dropped", " /  / A", " / ", []string{"A"}},
		{"empty", "", " / ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SplitList(tt.in, tt.sep); !slices.Equal(got, tt.want) {
				t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
