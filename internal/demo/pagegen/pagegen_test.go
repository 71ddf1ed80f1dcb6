package pagegen

import (
	"errors"
	"mime"
	"reflect"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// parseRecord parses the embedded record id.
func parseRecord(t *testing.T, id int) *Page {
	t.Helper()
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range srcs {
		if s.ID == id {
			p, err := ParseText(s.Text)
			if err != nil {
				t.Fatalf("ParseText(%s): %v", s.File, err)
			}
			return p
		}
	}
	t.Fatalf("no embedded record %d", id)
	return nil
}

// findField returns the first field labelled label, or nil.
func findField(p *Page, label string) *Field {
	for i := range p.Sections {
		for j := range p.Sections[i].Fields {
			if p.Sections[i].Fields[j].Label == label {
				return &p.Sections[i].Fields[j]
			}
		}
	}
	return nil
}

// decodePage decodes a rendered page with the charset of its layout's
// Content-Type (UTF-8 when it names none, as a sniffer would find).
func decodePage(t *testing.T, layout string, b []byte) string {
	t.Helper()
	_, params, err := mime.ParseMediaType(ContentType(layout))
	if err != nil {
		t.Fatalf("ContentType(%q): %v", layout, err)
	}
	switch cs := params["charset"]; cs {
	case "", "utf-8":
		if !utf8.Valid(b) {
			t.Fatalf("%s: page is not valid UTF-8", layout)
		}
		return string(b)
	case "windows-1252":
		out, err := charmap.Windows1252.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	case "iso-8859-1":
		out, err := charmap.ISO8859_1.NewDecoder().Bytes(b)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	default:
		t.Fatalf("%s: unexpected charset %q", layout, cs)
		return ""
	}
}

func TestSources(t *testing.T) {
	srcs, err := Sources()
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 18 {
		t.Errorf("got %d sources, want 18", len(srcs))
	}
	for i, s := range srcs {
		if i > 0 && srcs[i-1].ID >= s.ID {
			t.Errorf("sources not sorted by ID: %d before %d", srcs[i-1].ID, s.ID)
		}
		p, err := ParseText(s.Text)
		if err != nil {
			t.Errorf("ParseText(%s): %v", s.File, err)
			continue
		}
		if p.ID != s.ID {
			t.Errorf("%s: URL id %d, file id %d", s.File, p.ID, s.ID)
		}
		if p.Title == "" || len(p.Sections) == 0 || p.Sections[0].Name != "Processo" {
			t.Errorf("%s: title %q, %d sections", s.File, p.Title, len(p.Sections))
		}
	}
}

func TestParseText141(t *testing.T) {
	p := parseRecord(t, 141)
	if p.URL != "https://www.osservatoriopartecipazione.it/scheda-processo/141" || p.ID != 141 {
		t.Errorf("URL %q, ID %d", p.URL, p.ID)
	}
	if p.Region != "Regione Emilia-Romagna" {
		t.Errorf("Region %q", p.Region)
	}
	if p.Title != "La fabbrica delle idee. Progetti per rilanciare il distretto ceramico" {
		t.Errorf("Title %q", p.Title)
	}
	if p.Certified || p.Financed {
		t.Errorf("badges %v %v, want none", p.Certified, p.Financed)
	}
	if p.LastModified != "15/02/2020" {
		t.Errorf("LastModified %q", p.LastModified)
	}
	want := map[string][]string{
		"Processo":             {"Stato di avanzamento", "Natura Processo", "Durata (mesi)"},
		"Gestione di Processo": {"Titolari della decisione", "Soggetti esterni", "Partecipanti"},
		"Caratteristiche": {"Mappa di Impatto", "Ambito di intervento", "Tipo di partecipazione", "Codecisione",
			"Tra i soggetti partecipanti si registra la presenza femminile",
			"Riscontro della prevalenza di genere fra i partecipanti",
			"Conciliazione con tempi di vita e lavoro dei partecipanti nella gestione del processo",
			"Anno di avvio", "Anno di chiusura", "Fasi del percorso",
			"Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali",
			"Figure Professionali", "Territorio Interessato", "Tecniche di Partecipazione"},
		"Obiettivi e Risultati": {"Obiettivi", "Risultati Attesi",
			"Documenti di proposta partecipata approvati al termine del processo",
			"Risultati conseguiti", "Indice di partecipazione", "Livello di partecipazione"},
		"Crediti": {"Processo segnalato da", "Dettagli o note sulle fonti utilizzate"},
	}
	var names []string
	for _, s := range p.Sections {
		names = append(names, s.Name)
		var got []string
		for _, f := range s.Fields {
			got = append(got, f.Label)
		}
		if !reflect.DeepEqual(got, want[s.Name]) {
			t.Errorf("section %q labels:\n got %q\nwant %q", s.Name, got, want[s.Name])
		}
	}
	if !reflect.DeepEqual(names, sectionNames) {
		t.Errorf("sections %q, want %q", names, sectionNames)
	}
	for _, label := range []string{"Ambito di intervento", "Anno di avvio", "Utilizzo di piattaforme tecnologiche, metodologie e strumenti digitali"} {
		if f := findField(p, label); f == nil || len(f.Lines) != 0 || f.MapImage != "" {
			t.Errorf("%q: got %+v, want an empty field", label, f)
		}
	}
	checks := []struct {
		label, typ string
		lines      []string
	}{
		{"Stato di avanzamento", "enum", []string{"Concluso"}},
		{"Durata (mesi)", "int", []string{"12"}},
		{"Soggetti esterni", "list( / )", []string{"Comune di Formigine / Comune di Maranello / Comune di Sassuolo / Focus Lab"}},
		{"Mappa di Impatto", "url", []string{"archive/2012615000000.141.jpg"}},
		{"Indice di partecipazione", "index", []string{"17 / 30"}},
		{"Dettagli o note sulle fonti utilizzate", "text", []string{"Il sito http://www.fabbricaideedistretto.it da cui sono state tratte le informazioni sul processo non è più disponibile"}},
	}
	for _, c := range checks {
		f := findField(p, c.label)
		if f == nil || f.Type != c.typ || !reflect.DeepEqual(f.Lines, c.lines) {
			t.Errorf("%q: got %+v, want type %q lines %q", c.label, f, c.typ, c.lines)
		}
	}
}

func TestParseTextMapInsideValue(t *testing.T) {
	p := parseRecord(t, 1068)
	f := findField(p, "Territorio Interessato")
	if f == nil {
		t.Fatal("no Territorio Interessato")
	}
	if f.MapImage != "archive/1068_MappaImpatto.jpg" || !reflect.DeepEqual(f.Lines, []string{"Bologna"}) || f.Type != "list( / )" {
		t.Errorf("got %+v", *f)
	}
}

func TestParseTextStandaloneMap(t *testing.T) {
	p := parseRecord(t, 213)
	if len(p.Sections) < 3 || p.Sections[2].Name != "Caratteristiche" || len(p.Sections[2].Fields) == 0 {
		t.Fatalf("sections: %+v", p.Sections)
	}
	got := p.Sections[2].Fields[0]
	want := Field{Label: "Mappa", Type: "url", Lines: []string{"archive/2012615000000.213.jpg"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestParseTextSingleNewlines(t *testing.T) {
	p := parseRecord(t, 2974)
	if p.Region != "" || p.Title != "Verso la Piazza del sapere" || p.Certified || p.Financed {
		t.Errorf("region %q title %q badges %v %v", p.Region, p.Title, p.Certified, p.Financed)
	}
	if f := findField(p, "Logo"); f == nil || len(f.Lines) != 0 {
		t.Errorf("Logo: %+v, want empty", f)
	}
	if f := findField(p, "Richiesta e concessione della proroga"); f == nil || !reflect.DeepEqual(f.Lines, []string{"Sì"}) {
		t.Errorf("proroga: %+v", f)
	}
}

func TestParseTextBadges(t *testing.T) {
	p := parseRecord(t, 1408)
	if !p.Certified || !p.Financed {
		t.Errorf("1408: badges %v %v, want both", p.Certified, p.Financed)
	}
	const head = "https://www.osservatoriopartecipazione.it/scheda-processo/9\nT\n" + ctaLine + "\n"
	cases := []struct {
		name, badges string
		cert, fin    bool
	}{
		{"none", "", false, false},
		{"certified", "Certificato", true, false},
		{"run together", "CertificatoFinanziato", true, true},
		{"spaced", "Certificato Finanziato", true, true},
		{"separate lines", "Certificato\n\nFinanziato", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := ParseText([]byte(head + c.badges + "\n\nProcesso\n"))
			if err != nil {
				t.Fatal(err)
			}
			if p.Certified != c.cert || p.Financed != c.fin {
				t.Errorf("got %v %v, want %v %v", p.Certified, p.Financed, c.cert, c.fin)
			}
		})
	}
}

func TestParseTextURLs(t *testing.T) {
	for _, u := range []string{
		"http://www.osservatoriopartecipazione.it/scheda-processo/1074",
		"https://www.osservatoriopartecipazione.it/scheda-processo/1074",
		"https://www.osservatoriopartecipazione.it/processi/ambito/scheda-processo/1074",
		"  https://www.osservatoriopartecipazione.it/scheda-processo/1074/  ",
	} {
		p, err := ParseText([]byte(u + "\nTitolo\n"))
		if err != nil || p.ID != 1074 || p.Title != "Titolo" {
			t.Errorf("%q: %+v, %v", u, p, err)
		}
	}
	for _, u := range []string{
		"ftp://www.osservatoriopartecipazione.it/scheda-processo/1",
		"https://www.osservatoriopartecipazione.it/processi/1",
		"https://www.osservatoriopartecipazione.it/scheda-processo/abc",
		"https://www.osservatoriopartecipazione.it/scheda-processo/0",
		"/scheda-processo/1",
		"Regione Emilia-Romagna",
		"http://[::1/scheda-processo/1",
	} {
		if _, err := ParseText([]byte(u + "\nTitolo\n")); !errors.Is(err, ErrBadURL) {
			t.Errorf("%q: err %v, want ErrBadURL", u, err)
		}
	}
	for _, text := range []string{"", "\n\n  \n"} {
		if _, err := ParseText([]byte(text)); !errors.Is(err, ErrEmpty) {
			t.Errorf("%q: err %v, want ErrEmpty", text, err)
		}
	}
}

func TestParseTextFormatErrors(t *testing.T) {
	const u = "https://www.osservatoriopartecipazione.it/scheda-processo/5\n"
	for name, text := range map[string]string{
		"text before section":  u + "Titolo\n\nqualcosa\n\nProcesso\n",
		"value without label":  u + "Titolo\n\nProcesso\n\nConcluso\n",
		"value after last mod": u + "Titolo\n\nProcesso\n\nData ultima modifica: 01/01/2020\naltro\n",
	} {
		if _, err := ParseText([]byte(text)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err %v, want ErrFormat", name, err)
		}
	}
}
