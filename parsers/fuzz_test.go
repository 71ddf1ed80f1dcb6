package parsers

import (
	"encoding/json"
	"errors"
	"net/url"
	"os"
	"strings"
	"testing"
)

// FuzzParse feeds the parser arbitrary bytes: it must never panic, and what
// it returns must hold together. Seeds are the layout fixtures and a few
// malformed pages. Run it with: go test ./parsers -run '^$' -fuzz FuzzParse
func FuzzParse(f *testing.F) {
	for _, fx := range fixtures(f) {
		if fx.id == 141 || fx.id == 1068 {
			b, err := os.ReadFile(fx.html)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b, "")
		}
	}
	f.Add([]byte(`<dl><dt>Stato di avanzamento</dt><dd>Concluso</dd><dt>Indice di partecipazione</dt><dd>17 / 30</dd></dl>`), "text/html; charset=windows-1252")
	f.Add([]byte("<p>Data ultima modifica: 31/02/2020</p><p>Link: www.</p><p>Mappa</p><img src=''>"), "")
	f.Add([]byte("<table><tr><th>Partecipanti<td>a / / b<tr><th>Mappa<td><a href='x.jpg'>Mappa</a>"), "text/html; charset=utf-16")
	f.Add([]byte{0xFF, 0xFE, '<', 0, 'p', 0}, "")
	u, _ := url.Parse(pageURL141)
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		r, err := Parse(body, u, contentType)
		if fault := (*FaultError)(nil); errors.As(err, &fault) {
			t.Fatalf("%v\n%s", fault, fault.Stack)
		}
		if err != nil {
			if r != nil {
				t.Fatal("a record returned with an error")
			}
			return
		}
		if r.ID != 141 {
			t.Fatalf("id = %d", r.ID)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("record does not marshal: %v", err)
		}
		for _, raw := range r.Raw {
			if strings.Contains(raw.Label, "VISIBLE=") || strings.Contains(raw.Text, "VISIBLE=True;") {
				t.Fatalf("configuration leak in raw: %+v", raw)
			}
		}
		for _, l := range r.Links {
			if !strings.HasPrefix(l.URL, "http://") && !strings.HasPrefix(l.URL, "https://") {
				t.Fatalf("link is not a web address: %q", l.URL)
			}
		}
		if r.ParticipationIndex != nil && (r.ParticipationIndexMax == nil || *r.ParticipationIndex > *r.ParticipationIndexMax) {
			t.Fatalf("index %v over max %v", r.ParticipationIndex, r.ParticipationIndexMax)
		}
	})
}

// FuzzValues checks the value readers on arbitrary text: no panics, and a
// date read once reads again to itself.
func FuzzValues(f *testing.F) {
	for _, s := range []string{"15.000,00 €", "16,67", "40%", "15/02/2020", "29/02/2024", "Sì", "17 / 30", "1.200", "a / b / ", "15 febbraio 2020"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = ParseDecimal(s)
		_, _ = ParseCount(s)
		_, _ = ParseYear(s)
		_, _ = ParseBool(s)
		if v, m, err := ParseIndex(s); err == nil && (v > m || m <= 0) {
			t.Fatalf("ParseIndex(%q) = %d / %d", s, v, m)
		}
		if d, err := ParseDate(s); err == nil {
			if again, err := ParseDate(d); err != nil || again != d {
				t.Fatalf("ParseDate(%q) = %q, which reads back as %q, %v", s, d, again, err)
			}
		}
		for _, item := range SplitList(s, " / ") {
			if item == "" || item != strings.TrimSpace(item) {
				t.Fatalf("SplitList(%q) item %q", s, item)
			}
		}
		_ = NormalizeLabel(s)
		_ = URLsInText(s)
	})
}
