package parsers

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

const pageURL141 = "https://www.osservatoriopartecipazione.it/scheda-processo/141"

// page wraps a body in a minimal document.
func page(body string) []byte {
	return []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>T</title></head><body>" + body + "</body></html>")
}

// twoFields are enough known labels for a page to count as a process page.
const twoFields = `<dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Natura Processo</dt><dd>Processo non certificato</dd>`

func mustParse(t *testing.T, body []byte, rawURL, contentType string) *Record {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(body, u, contentType)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return r
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func hasWarning(r *Record, code, label string) bool {
	for _, w := range r.Warnings {
		if w.Code == code && (label == "" || w.Label == label) {
			return true
		}
	}
	return false
}

func TestParseCases(t *testing.T) {
	tests := []struct {
		name  string
		body  []byte
		ctype string
		check func(t *testing.T, r *Record)
	}{
		{
			name: "schema drift: an unknown dt is a warning and takes its own value",
			body: page(`<h1>X</h1><h2>Processo</h2><dl>` + twoFields + `<dt>Codice CUP</dt><dd>E12F18000120006</dd><dt>Durata (mesi)</dt><dd>12</dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if !hasWarning(r, "unknown_label", "Codice CUP") {
					t.Errorf("no unknown_label warning for Codice CUP: %+v", r.Warnings)
				}
				if str(r.Nature) != "Processo non certificato" {
					t.Errorf("the previous field took the unknown label's value: nature = %q", str(r.Nature))
				}
				if r.DurationMonths == nil || *r.DurationMonths != 12 {
					t.Errorf("duration after the unknown label = %v", r.DurationMonths)
				}
				i := slices.IndexFunc(r.Raw, func(f RawField) bool { return f.Label == "Codice CUP" })
				if i < 0 || r.Raw[i].Field != "" || r.Raw[i].Text != "E12F18000120006" {
					t.Errorf("raw entry for the unknown label: %+v", r.Raw)
				}
			},
		},
		{
			name: "text after the record container is not the last field's value",
			body: page(`<div class="scheda"><h2>Crediti</h2><dl>` + twoFields + `<dt>Processo segnalato da</dt><dd>Osservatorio Partecipazione</dd></dl></div>
				<div class="fondo"><p>Torna all'elenco dei processi</p><p>Privacy e cookie</p></div>`),
			check: func(t *testing.T, r *Record) {
				if str(r.ReportedBy) != "Osservatorio Partecipazione" {
					t.Errorf("reported_by = %q", str(r.ReportedBy))
				}
			},
		},
		{
			name: "plain paragraphs with inline labels, a URL in text and a base href",
			body: page(`<base href="https://www.osservatoriopartecipazione.it/media/">
				<p>Regione Emilia-Romagna</p><p>Un titolo</p>
				<p>Processo</p><p>Stato di avanzamento: In corso</p><p>Link: www.comune.fiorano-modenese.mo.it/partecipa</p>
				<p>Logo</p><p><img src="loghi/141.png" alt="logo"></p>
				<p>Indice di partecipazione: 17 / 30</p><p>Data ultima modifica: 15/02/2020</p>`),
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "In corso" || str(r.Region) != "Regione Emilia-Romagna" {
					t.Errorf("status %q region %q", str(r.Status), str(r.Region))
				}
				if str(r.Website) != "http://www.comune.fiorano-modenese.mo.it/partecipa" {
					t.Errorf("website = %q", str(r.Website))
				}
				if str(r.Logo) != "https://www.osservatoriopartecipazione.it/media/loghi/141.png" {
					t.Errorf("logo not resolved against <base href>: %q", str(r.Logo))
				}
				if r.ParticipationIndex == nil || *r.ParticipationIndex != 17 || *r.ParticipationIndexMax != 30 {
					t.Errorf("index = %v / %v", r.ParticipationIndex, r.ParticipationIndexMax)
				}
				if str(r.LastModified) != "2020-02-15" {
					t.Errorf("last_modified = %q", str(r.LastModified))
				}
			},
		},
		{
			name: "image paths resolve against the page URL without base href",
			body: page(`<dl>` + twoFields + `<dt>Mappa di Impatto</dt><dd><img src="archive/x.jpg"></dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if str(r.ImpactMap) != "https://www.osservatoriopartecipazione.it/scheda-processo/archive/x.jpg" {
					t.Errorf("impact_map = %q", str(r.ImpactMap))
				}
			},
		},
		{
			name: "list items as icons and as elements",
			body: page(`<dl>` + twoFields + `<dt>Ambito di intervento</dt><dd><img src="i/amb.png" alt="Ambiente"><img src="i/mob.png" title="Mobilità"></dd>
				<dt>Tecniche di Partecipazione</dt><dd><ul><li>World Café / Caffè</li><li>Focus group</li></ul></dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if !slices.Equal(r.Scope, []string{"Ambiente", "Mobilità"}) {
					t.Errorf("scope = %q", r.Scope)
				}
				if !slices.Equal(r.Techniques, []string{"World Café / Caffè", "Focus group"}) {
					t.Errorf("items rendered as elements must not be split again: %q", r.Techniques)
				}
				for _, l := range r.Links {
					if l.Field == "scope" {
						t.Errorf("an icon is not a record link: %+v", l)
					}
				}
			},
		},
		{
			name: "placeholders are null and stay in raw",
			body: page(`<dl>` + twoFields + `<dt>Cofinanziamento altri soggetti</dt><dd>Non prevista come premialità nel bando di riferimento</dd>
				<dt>Riscontro della prevalenza di genere fra i partecipanti</dt><dd>Non indicato o dato non disponibile nelle fonti consultate</dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if r.Cofunding != nil || r.GenderPrevalence != nil {
					t.Errorf("placeholders must be null: %v %v", r.Cofunding, r.GenderPrevalence)
				}
				if len(r.Warnings) != 0 {
					t.Errorf("a placeholder is not a bad value: %+v", r.Warnings)
				}
				if r.Raw[2].Text != "Non prevista come premialità nel bando di riferimento" {
					t.Errorf("raw lost the placeholder: %+v", r.Raw[2])
				}
			},
		},
		{
			name: "a value that cannot be read is null with a warning",
			body: page(`<dl>` + twoFields + `<dt>Anno di chiusura</dt><dd>circa il 2011</dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if r.EndYear != nil || !hasWarning(r, "bad_value", "Anno di chiusura") {
					t.Errorf("end_year %v warnings %+v", r.EndYear, r.Warnings)
				}
			},
		},
		{
			name: "a label repeated with another value keeps the first and warns",
			body: page(`<dl>` + twoFields + `<dt>Stato di avanzamento</dt><dd>In corso</dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if str(r.Status) != "Concluso" || !hasWarning(r, "duplicate_label", "") {
					t.Errorf("status %q warnings %+v", str(r.Status), r.Warnings)
				}
			},
		},
		{
			name: "website link and a gone link written as an anchor",
			body: page(`<dl>` + twoFields + `<dt>Link</dt><dd><a href="http://www.fabbricaideedistretto.it/">Sito del progetto</a></dd>
				<dt>Dettagli o note sulle fonti utilizzate</dt><dd>Il sito <a href="http://www.vecchio.it">www.vecchio.it</a> non più attivo. Documenti su <a href="docs/a.pdf">questo file</a>.</dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if str(r.Website) != "http://www.fabbricaideedistretto.it/" {
					t.Errorf("website = %q", str(r.Website))
				}
				want := []string{
					"source_notes http://www.vecchio.it gone=true",
					"source_notes https://www.osservatoriopartecipazione.it/scheda-processo/docs/a.pdf gone=false",
					"website http://www.fabbricaideedistretto.it/ gone=false",
				}
				if got := linkSet(r); !slices.Equal(got, want) {
					t.Errorf("links = %q, want %q", got, want)
				}
			},
		},
		{
			name: "hidden elements, tooltips and leaked configuration never reach values or labels",
			body: page(`<dl>` + twoFields + `<dt>Codecisione <span class="tooltip">Indica se i Partecipanti decidono</span><i data-toggle="tooltip" title="aiuto"></i></dt>
				<dd>VISIBLE=True;UPDATABLE=False; Si<span style="display: none">No</span></dd>
				<div hidden><dt>Durata (mesi)</dt><dd>99</dd></div><dt aria-hidden="true">Partecipanti</dt>
				<dt>Titolari della decisione</dt><dd>Comune di Carpi<span class="sr-only"> (apre una nuova finestra)</span></dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if r.Codecision == nil || !*r.Codecision {
					t.Errorf("codecision = %v", r.Codecision)
				}
				if r.DurationMonths != nil || r.Participants != nil {
					t.Errorf("hidden fields leaked: %v %q", r.DurationMonths, r.Participants)
				}
				if !slices.Equal(r.DecisionMakers, []string{"Comune di Carpi"}) {
					t.Errorf("decision_makers = %q", r.DecisionMakers)
				}
				for _, raw := range r.Raw {
					if strings.Contains(raw.Text+raw.Label, "VISIBLE") || strings.Contains(raw.Label, "Indica") {
						t.Errorf("leak in raw: %+v", raw)
					}
				}
			},
		},
		{
			name: "comma list with an en dash in the label, badges as images, title from <title>",
			body: []byte(`<html><head><title>Processo X | Osservatorio Partecipazione</title></head><body>
				<p><img src="c.png" alt="Certificato"> <img src="f.png" alt="Finanziato"></p><dl>` + twoFields + `
				<dt>Comitato di Garanzia locale – Funzioni assegnate</dt><dd>Monitoraggio degli esiti del processo, Supervisione del corretto svolgimento del processo</dd></dl></body></html>`),
			check: func(t *testing.T, r *Record) {
				if !r.Certified || !r.Financed {
					t.Errorf("badges: certified %v financed %v", r.Certified, r.Financed)
				}
				if str(r.Title) != "Processo X" {
					t.Errorf("title = %q", str(r.Title))
				}
				if len(r.GuaranteeCommitteeFunctions) != 2 {
					t.Errorf("functions = %q", r.GuaranteeCommitteeFunctions)
				}
			},
		},
		{
			name: "the word Mappa without an image stays in the text",
			body: page(`<dl>` + twoFields + `<dt>Territorio Interessato</dt><dd><p>Mappa</p><p>Modena</p></dd></dl>`),
			check: func(t *testing.T, r *Record) {
				if !slices.Equal(r.Territory, []string{"Mappa", "Modena"}) || r.ImpactMap != nil {
					t.Errorf("territory %q impact_map %q", r.Territory, str(r.ImpactMap))
				}
			},
		},
		{
			name: "a table layout with header cells",
			body: page(`<table><caption>Processo</caption><tr><th>Stato di avanzamento</th><td>Concluso</td></tr>
				<tr><th>Anno di avvio</th><td></td></tr><tr><th>Anno di chiusura</th><td>2011</td></tr></table>`),
			check: func(t *testing.T, r *Record) {
				if r.StartYear != nil || r.EndYear == nil || *r.EndYear != 2011 {
					t.Errorf("start %v end %v", r.StartYear, r.EndYear)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustParse(t, tt.body, pageURL141, tt.ctype))
		})
	}
}

// latin1Page is a record page whose text has accents and a euro sign.
func latin1Page(meta string) string {
	return `<html><head>` + meta + `<title>Città</title></head><body><h1>Città delle colonie</h1><dl>` + twoFields +
		`<dt>Importo finanziato dal Bando</dt><dd>15.000,00 €</dd><dt>Territorio Interessato</dt><dd>Cesenatico / Forlì</dd></dl></body></html>`
}

func encode1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCharsets(t *testing.T) {
	tests := []struct {
		name        string
		body        func(t *testing.T) []byte
		contentType string
		warn        bool
	}{
		{"windows-1252 from the HTTP header", func(t *testing.T) []byte { return encode1252(t, latin1Page("")) }, "text/html; charset=windows-1252", false},
		{"iso-8859-1 from the HTTP header", func(t *testing.T) []byte {
			return encode1252(t, strings.ReplaceAll(latin1Page(""), "€", "&euro;"))
		}, "text/html; charset=ISO-8859-1", false},
		{"HTTP header wins over a wrong meta", func(t *testing.T) []byte {
			return encode1252(t, latin1Page(`<meta charset="utf-8">`))
		}, "text/html; charset=windows-1252", false},
		{"meta http-equiv", func(t *testing.T) []byte {
			return encode1252(t, latin1Page(`<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">`))
		}, "", false},
		{"meta charset after a long comment", func(t *testing.T) []byte {
			return encode1252(t, "<!-- "+strings.Repeat("x", 2000)+" -->"+latin1Page(`<meta charset="windows-1252">`))
		}, "", false},
		{"sniffed windows-1252 without any declaration", func(t *testing.T) []byte { return encode1252(t, latin1Page("")) }, "", false},
		{"UTF-8 without declaration whose first accent is past 1024 bytes", func(t *testing.T) []byte {
			return []byte("<!-- " + strings.Repeat("x", 1500) + " -->" + latin1Page(""))
		}, "", false},
		{"UTF-8 with a byte order mark", func(t *testing.T) []byte { return append([]byte{0xEF, 0xBB, 0xBF}, latin1Page("")...) }, "", false},
		{"declared UTF-8 but written in windows-1252", func(t *testing.T) []byte {
			return encode1252(t, latin1Page(`<meta charset="utf-8">`))
		}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustParse(t, tt.body(t), pageURL141, tt.contentType)
			if str(r.Title) != "Città delle colonie" {
				t.Errorf("title = %q", str(r.Title))
			}
			if !slices.Equal(r.Territory, []string{"Cesenatico", "Forlì"}) {
				t.Errorf("territory = %q", r.Territory)
			}
			if r.GrantEUR == nil || *r.GrantEUR != 15000 {
				t.Errorf("grant_eur = %v", r.GrantEUR)
			}
			if got := hasWarning(r, "charset_mismatch", ""); got != tt.warn {
				t.Errorf("charset_mismatch warning = %v, want %v", got, tt.warn)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		body   []byte
		url    string
		want   error
		wantID int
	}{
		{"error page", page(`<h1>Pagina non trovata</h1><p>Torna alla home</p>`), pageURL141, ErrNotRecordPage, 0},
		{"listing page", page(`<h1>Processi</h1><ul><li><a href="/scheda-processo/1">Uno</a></li></ul>`), pageURL141, ErrNotRecordPage, 0},
		{"empty body", nil, pageURL141, ErrNotRecordPage, 0},
		{"binary garbage", []byte{0, 1, 2, 0xff, 0xfe, 0x80}, pageURL141, ErrNotRecordPage, 0},
		{"no id in the URL", page(`<dl>` + twoFields + `</dl>`), "https://example.org/pagina.html", ErrNoRecordID, 0},
		{"id from the canonical link", []byte(`<html><head><link rel="canonical" href="https://www.osservatoriopartecipazione.it/scheda-processo/877"></head><body><dl>` + twoFields + `</dl></body></html>`), "https://example.org/copia.html", nil, 877},
		{"id from og:url", []byte(`<html><head><meta property="og:url" content="/processi/ambito/scheda-processo/1068"></head><body><dl>` + twoFields + `</dl></body></html>`), "https://example.org/copia.html", nil, 1068},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u, _ := url.Parse(tt.url)
			r, err := Parse(tt.body, u, "")
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse error = %v, want %v", err, tt.want)
			}
			if tt.want == nil && r.ID != tt.wantID {
				t.Errorf("id = %d, want %d", r.ID, tt.wantID)
			}
		})
	}
}

func TestParseNilURL(t *testing.T) {
	body := []byte(`<html><head><link rel="canonical" href="https://www.osservatoriopartecipazione.it/scheda-processo/141"></head><body><dl>` + twoFields + `</dl></body></html>`)
	r, err := Parse(body, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != 141 || r.URL != pageURL141 {
		t.Errorf("id %d url %q", r.ID, r.URL)
	}
}
