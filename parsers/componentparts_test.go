package parsers

import (
	"context"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestComponentParts: inline elements side by side whose classes name
// parts of one component (a header's title, subtitle and tags) are read
// as separate texts even with nothing between them; styles changing
// inside a word (emphasis, utility classes, BEM modifiers, converters'
// numbered classes) keep the word whole.
func TestComponentParts(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"design system header",
			`<div><span class="ant-page-header-heading-title">Riolonet</span><span class="ant-page-header-heading-sub-title">Regione Emilia-Romagna</span><span class="ant-page-header-heading-tags"><span class="ant-tag">Certificato</span></span></div>`,
			[]string{"Riolonet", "Regione Emilia-Romagna", "Certificato"}},
		{"BEM elements",
			`<div><span class="card__title">Riolonet</span><span class="card__meta">Regione Emilia-Romagna</span></div>`,
			[]string{"Riolonet", "Regione Emilia-Romagna"}},
		{"BEM elements with more classes",
			`<div><span class="x card__title">Riolonet</span><span class="card__meta y">Regione Emilia-Romagna</span></div>`,
			[]string{"Riolonet", "Regione Emilia-Romagna"}},
		{"emphasis inside a word",
			`<p>Parte<em>cipa</em>zione</p>`,
			[]string{"Partecipazione"}},
		{"classed emphasis inside a word",
			`<p><span class="text-bold">Parte</span><span class="text-italic">cipazione</span></p>`,
			[]string{"Partecipazione"}},
		{"BEM modifiers inside a word",
			`<p><span class="btn__text--bold">Parte</span><span class="btn__text--light">cipazione</span></p>`,
			[]string{"Partecipazione"}},
		{"numbered shades inside a word",
			`<p><span class="text-gray-500">Parte</span><span class="text-gray-900">cipazione</span></p>`,
			[]string{"Partecipazione"}},
		{"converter's runs",
			`<div class="t m0 x1 h2 y3 ff1 fs0 fc0 sc0 ls0 ws0"><span class="ff2">Parte</span><span class="ff3">cipazione</span></div>`,
			[]string{"Partecipazione"}},
		{"same class on both",
			`<p><span class="ant-page-header-title">Parte</span>cipazione</p>`,
			[]string{"Partecipazione"}},
		{"text between",
			`<p><span class="ant-page-header-title">Riolonet</span> di <span class="ant-page-header-subtitle">Riolo</span></p>`,
			[]string{"Riolonet di Riolo"}},
	}
	for _, tt := range tests {
		root, err := html.Parse(strings.NewReader("<html><body>" + tt.body + "</body></html>"))
		if err != nil {
			t.Fatal(err)
		}
		l, err := linearize(context.Background(), root, len(tt.body))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, tk := range l.tokens {
			got = append(got, tk.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: texts %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestComponentPartsHeader: a page header whose title, region and tag are
// parts of one component gives the region and the badge.
func TestComponentPartsHeader(t *testing.T) {
	page := []byte(`<html><head><title>Riolonet - Osservatorio Partecipazione</title></head><body>
<div class="ant-page-header"><div class="ant-page-header-heading"><span class="ant-page-header-heading-title">Riolonet</span><span class="ant-page-header-heading-sub-title">Regione Emilia-Romagna</span><span class="ant-page-header-heading-tags"><span class="ant-tag ant-tag-green">Certificato</span></span></div></div>
<h2>Processo</h2><table><tr><td>Stato di avanzamento</td><td>Concluso</td></tr><tr><td>Durata (mesi)</td><td>12</td></tr></table></body></html>`)
	rec := mustParse(t, page, "https://www.osservatoriopartecipazione.it/scheda-processo/1074", "text/html; charset=utf-8")
	if got := str(rec.Title); got != "Riolonet" {
		t.Errorf("title %q", got)
	}
	if got := str(rec.Region); got != "Regione Emilia-Romagna" {
		t.Errorf("region %q", got)
	}
	if !rec.Certified {
		t.Errorf("certified %v, want true", rec.Certified)
	}
}
