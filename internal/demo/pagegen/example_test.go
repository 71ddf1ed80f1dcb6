package pagegen_test

import (
	"fmt"

	"archivio/internal/demo/pagegen"
)

func ExampleParseText() {
	text := "https://www.osservatoriopartecipazione.it/scheda-processo/1068\n" +
		"Regione Emilia-Romagna\n\nCondividere Marconi\n\n" +
		"Hai gestito, partecipato o hai info su questo processo? Integra le informazioni\n" +
		"Certificato\n\nProcesso\n\nStato di avanzamento\n\nProgetto\n\n" +
		"Gestione di Processo\n\nTerritorio Interessato\n\nMappa\n\narchive/1068_MappaImpatto.jpg\nBologna\n"
	p, err := pagegen.ParseText([]byte(text))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.ID, p.Title, p.Certified, p.Financed)
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			fmt.Printf("%s / %s (%s): %q map=%q\n", s.Name, f.Label, f.Type, f.Lines, f.MapImage)
		}
	}
	// Output:
	// 1068 Condividere Marconi true false
	// Processo / Stato di avanzamento (enum): ["Progetto"] map=""
	// Gestione di Processo / Territorio Interessato (list( / )): ["Bologna"] map="archive/1068_MappaImpatto.jpg"
}

func ExampleContentType() {
	for _, layout := range pagegen.Layouts() {
		fmt.Printf("%s: %s\n", layout, pagegen.ContentType(layout))
	}
	// Output:
	// dl: text/html; charset=utf-8
	// table: text/html; charset=windows-1252
	// divs: text/html
	// inline: text/html; charset=iso-8859-1
}

func ExampleMoreLayouts() {
	for _, layout := range pagegen.MoreLayouts() {
		fmt.Printf("%s: %s\n", layout, pagegen.ContentType(layout))
	}
	// Output:
	// form: text/html; charset=utf-8
	// cards: text/html; charset=utf-8
}

func ExampleRenderRandom() {
	srcs, err := pagegen.Sources()
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := pagegen.ParseText(srcs[0].Text)
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := pagegen.RenderRandom(p, 42)
	b, _ := pagegen.RenderRandom(p, 42)
	fmt.Println(string(a.Body) == string(b.Body), a.ContentType == b.ContentType)
	// Output:
	// true true
}
