package parsers

import "testing"

// TestTrimLabelDecor names the decorations pages put around a label. The
// input is a label as NormalizeLabel leaves it.
func TestTrimLabelDecor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"stato di avanzamento", "stato di avanzamento"},
		{"stato di avanzamento ?", "stato di avanzamento"},
		{"stato di avanzamento:?", "stato di avanzamento"},
		{"stato di avanzamento: ?", "stato di avanzamento"},
		{"stato di avanzamento (?)", "stato di avanzamento"},
		{"stato di avanzamento [?]", "stato di avanzamento"},
		{"stato di avanzamento (i)", "stato di avanzamento"},
		{"stato di avanzamento(i)", "stato di avanzamento"},
		{"stato di avanzamento ⓘ", "stato di avanzamento"},
		{"ⓘ stato di avanzamento", "stato di avanzamento"},
		{"ℹ️ stato di avanzamento", "stato di avanzamento"},
		{"stato di avanzamento i", "stato di avanzamento"},
		{"stato di avanzamento *", "stato di avanzamento"},
		{"stato di avanzamento (*)", "stato di avanzamento"},
		{"* stato di avanzamento", "stato di avanzamento"},
		{"(*) stato di avanzamento ? :", "stato di avanzamento"},
		{"stato di avanzamento ：", "stato di avanzamento"},
		{"durata (mesi)", "durata (mesi)"},           // brackets that are the label's own
		{"durata (mesi) (i)", "durata (mesi)"},       // ... and a marker after them
		{"i soggetti esterni", "i soggetti esterni"}, // a leading "i" is the article
		{"punto i", "punto"},                         // a trailing lone "i" is the icon
		{"?", ""},
	}
	for _, tt := range tests {
		if got, _ := trimLabelDecor(tt.in); got != tt.want {
			t.Errorf("trimLabelDecor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTrimValueDecor: a decoration never starts a value, and what merely
// looks like one stays.
func TestTrimValueDecor(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Concluso", "Concluso"},
		{"? Concluso", "Concluso"},
		{"ⓘ Concluso", "Concluso"},
		{"(i) 12", "12"},
		{"* Concluso", "Concluso"},
		{": Concluso", "Concluso"},
		{": ? Concluso", "Concluso"},
		{"i Concluso", "Concluso"},
		{"i cittadini del quartiere", "i cittadini del quartiere"}, // Italian, not an icon
		{"?Concluso", "?Concluso"},                                 // no space: not a marker
		{"*** nota", "*** nota"},
		{"(i.e. example)", "(i.e. example)"},
		{"* ⓘ Concluso", "Concluso"},
		{"i i ACER Ravenna", "ACER Ravenna"},
	}
	for _, tt := range tests {
		if got, _ := trimValueDecor(tt.in); got != tt.want {
			t.Errorf("trimValueDecor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsMarker(t *testing.T) {
	for _, s := range []string{"?", " ? ", "(i)", "i", "I", "ⓘ", "*", "(*)", "[?]", "ℹ", "* ⓘ", "* *", "i i"} {
		if !isMarker(s) {
			t.Errorf("isMarker(%q) = false", s)
		}
	}
	for _, s := range []string{"", "No", "Sì", "a", "??? x", "(ii)", "12", "* nota", "i cittadini"} {
		if isMarker(s) {
			t.Errorf("isMarker(%q) = true", s)
		}
	}
}

// TestLookupDecorated: decorated labels and section headings find their
// entry, and say what was dropped.
func TestLookupDecorated(t *testing.T) {
	tests := []struct {
		in, field, section, how string
	}{
		{"Stato di avanzamento", "status", "", "exact"},
		{"Stato di avanzamento:", "status", "", "exact"},
		{"STATO DI AVANZAMENTO", "status", "", "normalized"},
		{"Stato di avanzamento:\u00a0?", "status", "", "normalized"},
		{"ⓘ Natura Processo", "nature", "", "normalized"},
		{"i Natura Processo", "nature", "", "normalized"},
		{"Durata (mesi) *", "duration_months", "", "normalized"},
		{"PROCESSO", "", "Processo", "normalized"},
		{"Obiettivi e Risultati (i)", "", "Obiettivi e Risultati", "normalized"},
		{"Stato", "", "", "none"},
	}
	for _, tt := range tests {
		m := dict.lookup(tt.in)
		field := ""
		if m.field != nil {
			field = m.field.name
		}
		if field != tt.field || m.section != tt.section || m.how.String() != tt.how {
			t.Errorf("lookup(%q) = field %q section %q %s, want %q %q %s", tt.in, field, m.section, m.how, tt.field, tt.section, tt.how)
		}
	}
}

// TestIsNoData: the texts pages show for an empty field, and a word for
// none in brackets as applications write it, are no value; a bare word
// that may answer a question, and other texts in brackets, are values.
func TestIsNoData(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"n.d.", true},
		{"—", true},
		{"Non specificato", true},
		{"(Nessuno)", true},
		{"(nessuna)", true},
		{"[vuoto]", true},
		{"<none>", true},
		{"{empty}", true},
		{"( non impostato )", true},
		{"(n/d)", true},
		{"Nessuno", false},             // bare, an answer
		{"(Nessuno escluso)", false},   // more than the word for none
		{"(2019)", false},              // brackets holding a value
		{"(Nessuno]", false},           // brackets that do not match
		{"Nessuno (vuoto)", false},     // not a whole value in brackets
		{"(vedi sotto)", false},        // a note
		{"()", false},                  // nothing to read
		{"Comune di Comacchio", false}, // a value
	}
	for _, tt := range tests {
		if got := isNoData(tt.in); got != tt.want {
			t.Errorf("isNoData(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
