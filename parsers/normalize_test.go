package parsers

import (
	"net/url"
	"slices"
	"testing"
)

func TestNormalizeLabel(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"case", "Stato di Avanzamento", "stato di avanzamento"},
		{"trailing colon", "Stato di avanzamento:", "stato di avanzamento"},
		{"colon after space", "Stato di avanzamento :", "stato di avanzamento"},
		{"required asterisk", "Partecipanti *", "partecipanti"},
		{"collapsed white space", "  Natura\n\tProcesso  ", "natura processo"},
		{"no-break space", "Durata\u00a0(mesi)", "durata (mesi)"},
		{"accents folded", "Tematica specìfica", "tematica specifica"},
		{"en dash with spaces", "Comitato di Garanzia locale – Funzioni assegnate", "comitato di garanzia locale - funzioni assegnate"},
		{"hyphen without spaces", "Comitato di Garanzia locale-Funzioni assegnate", "comitato di garanzia locale - funzioni assegnate"},
		{"em dash", "Comitato di Garanzia locale—Altre Funzioni Assegnate", "comitato di garanzia locale - altre funzioni assegnate"},
		{"typographic apostrophe", "Data dell’ultima modifica", "data dell'ultima modifica"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NormalizeLabel(tt.in); got != tt.want {
				t.Errorf("NormalizeLabel(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDictionaryLookup(t *testing.T) {
	tests := []struct{ name, label, field string }{
		{"exact", "Stato di avanzamento", "status"},
		{"alternate label", "Cofinanziamento", "cofunding"},
		{"long alternate", "Data inizio del processo", "start_date"},
		{"short alternate", "Data inizio", "start_date"},
		{"dash variant", "Comitato di Garanzia locale – Funzioni assegnate", "guarantee_committee_functions"},
		{"upper case", "INDICE DI PARTECIPAZIONE", "participation_index"},
		{"unknown", "Codice fiscale", ""},
		{"section is not a field", "Processo", ""},
		{"value is not a label", "Concluso", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if f := dict.field(tt.label); f != nil {
				got = f.name
			}
			if got != tt.field {
				t.Errorf("field(%q) = %q, want %q", tt.label, got, tt.field)
			}
		})
	}
}

func TestPlaceholders(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"no data", "Non indicato o dato non disponibile nelle fonti consultate", true},
		{"no data, other case", "non indicato o dato non disponibile nelle fonti consultate.", true},
		{"not foreseen", "Non prevista come premialità nel bando di riferimento", true},
		{"not foreseen without accent", "Non prevista come premialita nel bando di riferimento", true},
		{"a real value", "Si", false},
		{"placeholder inside a longer text", "Dato: Non indicato o dato non disponibile nelle fonti consultate", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dict.isPlaceholder(tt.in); got != tt.want {
				t.Errorf("isPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestStripConfigLeaks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"leak before value", "VISIBLE=True;UPDATABLE=True; Concluso", "Concluso"},
		{"leak after label", "Partecipanti VISIBLE=True;UPDATABLE=False;MANDATORY=False", "Partecipanti"},
		{"single pair with semicolon", "ORDER=3; Concluso", "Concluso"},
		{"ordinary equals sign", "a = b", "a = b"},
		{"glued to the label", "Anno di avvioVISIBLE=True;", "Anno di avvio"},
		{"a query string in a URL is kept", "http://www.comune.it/page?PAGE=2&ID=5", "http://www.comune.it/page?PAGE=2&ID=5"},
		{"lower-case key kept", "x=1;y=2", "x=1;y=2"},
		{"no leak", "Comune di Bologna", "Comune di Bologna"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := collapseSpace(stripConfigLeaks(tt.in)); got != tt.want {
				t.Errorf("stripConfigLeaks(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestResolveURL(t *testing.T) {
	page, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/141")
	base, _ := url.Parse("https://www.osservatoriopartecipazione.it/")
	tests := []struct {
		name string
		base *url.URL
		ref  string
		want string
	}{
		{"relative to the page", page, "archive/141.jpg", "https://www.osservatoriopartecipazione.it/scheda-processo/archive/141.jpg"},
		{"relative to base href", base, "archive/141.jpg", "https://www.osservatoriopartecipazione.it/archive/141.jpg"},
		{"root relative", page, "/media/x.png", "https://www.osservatoriopartecipazione.it/media/x.png"},
		{"absolute kept", page, "http://www.fabbricaideedistretto.it", "http://www.fabbricaideedistretto.it"},
		{"host lower-cased", page, "HTTP://WWW.Comune.IT/Pagina", "http://www.comune.it/Pagina"},
		{"protocol relative", page, "//cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg"},
		{"mailto is not a web address", page, "mailto:info@comune.it", ""},
		{"javascript is not a web address", page, "javascript:void(0)", ""},
		{"fragment only", page, "#top", ""},
		{"spaces trimmed", page, "  /a  ", "https://www.osservatoriopartecipazione.it/a"},
		{"no base keeps relative", nil, "archive/x.jpg", "archive/x.jpg"},
		{"a web archive's replay", page, "/web/20200215103844/http://www.fabbricaideedistretto.it", "http://www.fabbricaideedistretto.it"},
		{"a replayed image", page, "/web/20200215103844im_/https://www.osservatoriopartecipazione.it/archive/141.jpg", "https://www.osservatoriopartecipazione.it/archive/141.jpg"},
		{"a replay's absolute address", nil, "https://web.archive.org/web/2016/www.comune.it/partecipa", "http://www.comune.it/partecipa"},
		{"a replay with the slashes collapsed", page, "/web/20200215103844/http:/www.comune.it/", "http://www.comune.it/"},
		{"a site's own /web/ path", page, "/web/pagina.html", "https://www.osservatoriopartecipazione.it/web/pagina.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ResolveURL(tt.base, tt.ref); got != tt.want {
				t.Errorf("ResolveURL(%q) = %q, want %q", tt.ref, got, tt.want)
			}
		})
	}
}

func TestURLsInText(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"record 141", "Il sito http://www.fabbricaideedistretto.it da cui sono state tratte le informazioni sul processo non è più disponibile", []string{"http://www.fabbricaideedistretto.it"}},
		{"sentence full stop", "Vedi https://www.comune.fiorano-modenese.mo.it/partecipa.", []string{"https://www.comune.fiorano-modenese.mo.it/partecipa"}},
		{"www without scheme", "sul sito www.comune.maranello.mo.it, sezione partecipazione", []string{"http://www.comune.maranello.mo.it"}},
		{"in parentheses", "(http://example.org/a_(b))", []string{"http://example.org/a_(b)"}},
		{"closing parenthesis", "(vedi http://example.org/a)", []string{"http://example.org/a"}},
		{"two urls", "http://a.it e http://b.it/x?y=1", []string{"http://a.it", "http://b.it/x?y=1"}},
		{"host without dot rejected", "http://localhost", nil},
		{"no url", "nessun indirizzo", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := URLsInText(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("URLsInText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestDeclaredGone(t *testing.T) {
	tests := []struct {
		name, in string
		want     bool
	}{
		{"record 141", "Il sito http://www.fabbricaideedistretto.it da cui sono state tratte le informazioni sul processo non è più disponibile", true},
		{"non più attivo", "Il blog www.esempio.it non più attivo raccoglieva i verbali", true},
		{"without accents", "il sito www.esempio.it non e piu raggiungibile", true},
		{"dismesso with a site noun", "Il portale www.esempio.it è stato dismesso nel 2019", true},
		{"chiuso said of the process", "Il percorso si è chiuso con un evento pubblico, materiali su www.esempio.it", false},
		{"other sentence says gone", "Materiali su www.esempio.it. Il vecchio sito non è più disponibile", false},
		{"live site", "Tutti i materiali sono su http://www.esempio.it", false},
		{"gone word inside the address", "Materiali su www.sitochiuso.it", false},
		{"english", "The site http://old.example.org is no longer available", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			us := findURLs(tt.in)
			if len(us) != 1 {
				t.Fatalf("findURLs(%q) found %d addresses", tt.in, len(us))
			}
			if got := newGoneText(tt.in, us).at(us[0].start); got != tt.want {
				t.Errorf("gone at %q = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
