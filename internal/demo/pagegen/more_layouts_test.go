package pagegen

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestMoreLayoutsListed(t *testing.T) {
	if got := MoreLayouts(); !slices.Equal(got, []string{"form", "cards"}) {
		t.Errorf("MoreLayouts() = %q", got)
	}
	for _, l := range MoreLayouts() {
		if slices.Contains(Layouts(), l) {
			t.Errorf("%s is in Layouts too", l)
		}
		if ContentType(l) != "text/html; charset=utf-8" {
			t.Errorf("ContentType(%s) = %q", l, ContentType(l))
		}
	}
	_, err := Render(parseRecord(t, 141), "xml")
	if !errors.Is(err, ErrUnknownLayout) || !strings.Contains(err.Error(), "form, cards") {
		t.Errorf("unknown layout: %v", err)
	}
}

// TestMoreLayoutsRead checks every record in both extra layouts as a
// reader would: well-formed markup, and the title, region, badges, every
// label in order and exactly its value (record 141 complete).
func TestMoreLayoutsRead(t *testing.T) {
	for _, p := range pages(t) {
		for _, layout := range MoreLayouts() {
			b, err := Render(p, layout)
			if err != nil {
				t.Fatal(err)
			}
			doc, enc := decodeBody(t, b, ContentType(layout))
			errs := checkWellFormed(doc)
			if enc != "utf-8" {
				errs = append(errs, "decodes as "+enc)
			}
			if !strings.HasPrefix(doc, "<!-- Fixture data: record ") {
				errs = append(errs, "no provenance comment")
			}
			errs = append(errs, checkReading(read(t, doc, p.URL), p)...)
			if len(errs) > 0 {
				t.Errorf("%d/%s:\n  %s", p.ID, layout, strings.Join(errs, "\n  "))
			}
		}
	}
}

func TestFormLayout(t *testing.T) {
	b, err := Render(parseRecord(t, 141), "form")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{
		`<form method="post" action="scheda-processo.aspx?id=141" id="form1">`,
		`<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUK`,
		`<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="`,
		"<legend>Processo</legend>", "<legend>Gestione di Processo</legend>", "<legend>Caratteristiche</legend>",
		"<legend>Obiettivi e Risultati</legend>", "<legend>Crediti</legend>",
		`<label for="ctl00_MainContent_ddlStato" id="ctl00_MainContent_lblStato" class="etichetta">Stato di avanzamento <abbr class="obbligatorio" title="campo obbligatorio">*</abbr></label>`,
		`<option selected="selected" value="0">Concluso</option>`,
		`<label for="ctl00_MainContent_txtDurata" id="ctl00_MainContent_lblDurata" class="etichetta">Durata (mesi)</label> <a id="ctl00_MainContent_hlAiutoDurata" class="aiuto"`,
		`>?</a>`,
		`<input name="ctl00$MainContent$txtDurata" type="text" value="12" readonly="readonly" id="ctl00_MainContent_txtDurata" class="campo" />`,
		`<span class="aspNetDisabled"><input id="ctl00_MainContent_chkCodecisione" type="checkbox" name="ctl00$MainContent$chkCodecisione" disabled="disabled" /></span>`,
		`<option selected="selected" value="3">Non indicato o dato non disponibile nelle fonti consultate</option>`,
		`<textarea name="ctl00$MainContent$txtObiettivi" rows="6" cols="80" readonly="readonly" id="ctl00_MainContent_txtObiettivi" class="campo">` + "\r\nLa Fabbrica delle Idee",
		`value="Comune di Formigine / Comune di Maranello / Comune di Sassuolo / Focus Lab"`,
		`<span id="ctl00_MainContent_lblMappa" class="etichetta">Mappa di Impatto</span>`,
		`<a id="ctl00_MainContent_hlMappa" href="archive/2012615000000.141.jpg"><img id="ctl00_MainContent_imgMappa" src="archive/2012615000000.141.jpg"`,
		`<span id="ctl00_MainContent_lblUltimaModifica">Data ultima modifica: 15/02/2020</span>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("141/form: no %q", want)
		}
	}
	// Every field but the image has a label for a control.
	if n := strings.Count(doc, `<label for="ctl00_MainContent_`); n != 27 {
		t.Errorf("141/form: %d labels for controls, want 27", n)
	}
	checks := map[int]string{
		1408: `<input id="ctl00_MainContent_chkPresenzaFemminile" type="checkbox" name="ctl00$MainContent$chkPresenzaFemminile" checked="checked" disabled="disabled" />`,
		1068: `<label for="ctl00_MainContent_txtTerritorio" id="ctl00_MainContent_lblTerritorio" class="etichetta">Territorio Interessato <abbr class="obbligatorio" title="campo obbligatorio">*</abbr></label>` + "\n" +
			`                <span class="mappa">Mappa <a id="ctl00_MainContent_hlMappaTerritorio" href="archive/1068_MappaImpatto.jpg">`,
		2974: `<input id="ctl00_MainContent_chkProroga" type="checkbox" name="ctl00$MainContent$chkProroga" checked="checked" disabled="disabled" />`,
		518: `<select name="ctl00$MainContent$ddlProroga" id="ctl00_MainContent_ddlProroga" disabled="disabled" class="aspNetDisabled campo">` + "\n" +
			"                \t<option selected=\"selected\" value=\"0\"></option>",
		1980: `<option selected="selected" value="4">Non prevista come premialità nel bando di riferimento</option>`,
	}
	for id, want := range checks {
		b, err := Render(parseRecord(t, id), "form")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%d/form: no %q", id, want)
		}
	}
}

func TestCardsLayout(t *testing.T) {
	b, err := Render(parseRecord(t, 141), "cards")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{
		`<div class="card-header"><h2 class="h5 mb-0">Gestione di Processo</h2></div>`,
		`<li class="list-group-item"><strong>Stato di avanzamento</strong> <i class="bi bi-info-circle" aria-hidden="true" data-bs-toggle="tooltip" data-bs-title="`,
		`<strong>Natura Processo</strong> <span class="text-primary" data-bs-toggle="tooltip" title="`,
		`">ⓘ</span><br>Processo non certificato</li>`,
		`">(i)</small><br>12</li>`,
		`<br>Comune di Formigine<br>Comune di Maranello<br>Comune di Sassuolo<br>Focus Lab</li>`,
		`<strong class="card-title">Obiettivi:</strong>`,
		`<span class="card-text"><a href="archive/2012615000000.141.jpg"><img class="img-fluid rounded mt-1" src="archive/2012615000000.141.jpg" alt=""></a></span>`,
		`<p class="text-body-secondary small">Data ultima modifica: 15/02/2020</p>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("141/cards: no %q", want)
		}
	}
	if n := len(regexp.MustCompile(`<strong[^>]*>`).FindAllString(doc, -1)); n != 28 {
		t.Errorf("141/cards: %d strong labels, want the 28 fields", n)
	}
	b, _ = Render(parseRecord(t, 1068), "cards")
	if !strings.Contains(string(b), `<span class="small text-muted">Mappa</span><br><a href="archive/1068_MappaImpatto.jpg"><img class="img-fluid rounded mt-1" src="archive/1068_MappaImpatto.jpg" alt=""></a><br>Bologna`) {
		t.Error("1068/cards: map and territory not as expected")
	}
}
