package parsers

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// sheetPage is a sheet published as a web page: column letters over the
// rows, each row numbered in its first cell, the title in the first row.
func sheetPage(docTitle, corner string) string {
	row := func(n, a, b string) string {
		return `<tr><th class="rh"><div>` + n + `</div></th><td>` + a + `</td><td>` + b + `</td></tr>`
	}
	return `<html><head><title>` + docTitle + `</title></head><body><div class="bar"><span>Scheda 141</span></div>
<table><thead><tr><th>` + corner + `</th><th>A</th><th>B</th></tr></thead><tbody>` +
		row("1", `<b>Un clima di partecipazione</b>`, "") + row("2", "Regione Emilia-Romagna", "") +
		row("3", "Processo", "") + row("4", "Stato di avanzamento", "Concluso") + row("5", "Durata (mesi)", "12") +
		row("6", "Anno di avvio", "2019") + row("7", "Data ultima modifica", "15/02/2020") +
		`</tbody></table></body></html>`
}

// TestGridHeadings: a sheet's row numbers and column letters are neither
// labels (no unknown_label "5") nor values (no "Concluso 5") nor the
// title; a number or a letter that does not count the rows or columns is
// read as usual.
func TestGridHeadings(t *testing.T) {
	u, _ := url.Parse("https://www.osservatoriopartecipazione.it/scheda-processo/141")
	rec, err := Parse([]byte(sheetPage("Scheda 141 - Fogli Google", "")), u, "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range rec.Warnings {
		if w.Code == "unknown_label" {
			t.Errorf("warning %s: %s", w.Code, w.Message)
		}
	}
	if str(rec.Status) != "Concluso" || rec.DurationMonths == nil || *rec.DurationMonths != 12 || rec.StartYear == nil || *rec.StartYear != 2019 {
		t.Errorf("status %q, duration %v, start year %v", str(rec.Status), rec.DurationMonths, rec.StartYear)
	}
	if str(rec.Title) != "Un clima di partecipazione" {
		t.Errorf("title %q", str(rec.Title))
	}

	tests := []struct {
		name, html string
		want       bool
	}{
		{"a row number", `<table><tr><th>4</th><td>a</td></tr><tr><th id="x">5</th><td>b</td></tr></table>`, true},
		{"a column letter", `<table><tr><th></th><th id="x">A</th><th>B</th></tr></table>`, true},
		{"a number not counting rows", `<table><tr><th>Anno</th><td>a</td></tr><tr><th id="x">2019</th><td>b</td></tr></table>`, false},
		{"a number after a label cell", `<table><tr><th>Durata</th><th>4</th></tr><tr><th>Anno</th><th id="x">5</th></tr></table>`, false},
		{"a lone letter", `<table><tr><th>Classe</th><th id="x">A</th></tr></table>`, false},
	}
	for _, tt := range tests {
		th := findTh(t, tt.html)
		if got := gridHeading(th); got != tt.want {
			t.Errorf("%s: gridHeading = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// findTh parses a fragment and returns its element with id "x".
func findTh(t *testing.T, fragment string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<html><body>" + fragment + "</body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && attr(n, "id") == "x" {
			found = n
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		t.Fatalf("no element with id x in %s", fragment)
	}
	return found
}
