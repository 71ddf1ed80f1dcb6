package alerts

import (
	"errors"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		a    Alert
		want []string
		not  []string
	}{
		{
			name: "down names the records and the last good capture",
			a:    downAlert(),
			want: []string{
				"http://www.fabbricaideedistretto.it went down (verdict dns_not_found).",
				"Since: 2026-03-02T01:30:00Z",
				"Raised: 2026-03-02T02:00:00Z (alert 12)",
				"Cited by 1 record:",
				"- record 141: La fabbrica delle idee. Progetti per rilanciare il distretto ceramico",
				"https://www.osservatoriopartecipazione.it/scheda-processo/141",
				"Last good capture: 2025-11-03T10:15:00Z",
				"WARC: archivio-20251103-00001.warc.gz at offset 48213",
				"Replay: http://localhost:8080/archive/20251103101500/http://www.fabbricaideedistretto.it/",
			},
		},
		{
			name: "up without records or capture says so",
			a:    upAlert(),
			want: []string{
				"http://www.fabbricaideedistretto.it is back up (verdict ok).",
				"No record cites this link.",
				"Last good capture: none in the archive.",
			},
		},
		{
			name: "a copy only another archive holds is named as such",
			a: func() Alert {
				a := downAlert()
				a.LastGoodCapture = &Capture{Wayback: "https://web.archive.org/web/20250101000000/http://www.fabbricaideedistretto.it/"}
				return a
			}(),
			want: []string{"Last good capture: none in the archive.\nA copy elsewhere: https://web.archive.org/web/20250101000000/http://www.fabbricaideedistretto.it/\n"},
			not:  []string{"unknown", "WARC:", "offset"},
		},
		{
			// Titles come from crawled pages: a line break in one must
			// not forge a line of the description (or an e-mail header).
			name: "line breaks in crawled text are flattened",
			a: func() Alert {
				a := downAlert()
				a.Records[0].Title = "Titolo\r\nLast good capture: forged"
				return a
			}(),
			want: []string{"- record 141: Titolo  Last good capture: forged"},
			not:  []string{"\nLast good capture: forged"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Describe(tc.a)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Describe lacks %q; got:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("Describe has %q; got:\n%s", n, got)
				}
			}
			if !strings.HasSuffix(got, "\n") {
				t.Errorf("Describe does not end with a newline")
			}
		})
	}
}

func TestHeadlineAndSubject(t *testing.T) {
	a := downAlert()
	if got, want := Headline(a), "DOWN http://www.fabbricaideedistretto.it (dns_not_found)"; got != want {
		t.Errorf("Headline = %q, want %q", got, want)
	}
	if got, want := Subject(a), "[archivio] DOWN http://www.fabbricaideedistretto.it (dns_not_found)"; got != want {
		t.Errorf("Subject = %q, want %q", got, want)
	}
	a.URL = "http://example.org/" + strings.Repeat("è", 400)
	s := Subject(a)
	if len(s) > 500 || !strings.Contains(s, "...") {
		t.Errorf("Subject of a long URL not cut: %d bytes", len(s))
	}
	if !strings.HasSuffix(s, "... (dns_not_found)") || strings.ContainsRune(s, '\uFFFD') {
		t.Errorf("Subject cut badly: %q", s[len(s)-40:])
	}
}

func TestInvalidAlert(t *testing.T) {
	for _, a := range []Alert{
		{ID: 1, Kind: "flapping", URL: "http://x.example"},
		{ID: 2, Kind: KindDown},
	} {
		if err := a.validate(); !errors.Is(err, ErrInvalidAlert) {
			t.Errorf("validate(%+v) = %v, want ErrInvalidAlert", a, err)
		}
	}
}
