package pagegen

import (
	"errors"
	"strings"
	"testing"
)

// h11Doc renders p in layout and decodes it as a browser would.
func h11Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut11(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// TestHeldOut11Pages checks every record in every layout of the
// eleventh held-out set: well-formed utf-8 markup, the provenance
// comment, and the title, region, badges, every label with a value and
// every piece of every value shown (text of elements, text areas and
// form values, alternative texts, link and image targets; dates also in
// words).
func TestHeldOut11Pages(t *testing.T) {
	if n := len(HeldOut11Layouts()); n < 10 {
		t.Fatalf("%d layouts in the eleventh held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(),
		HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts(), HeldOut7Layouts(), HeldOut8Layouts(), HeldOut9Layouts(), HeldOut10Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	checkHeldOutPages(t, names, HeldOut11Layouts(), h11Doc, nil)
	if _, _, err := RenderHeldOut11(parseRecord(t, 141), "rails"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut11(rails): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut11(nil, "dkan"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut11Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut11Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"comunweb": {`<div class="Grid-cell u-md-size3of12 u-lg-size3of12"><strong>Stato di avanzamento</strong></div><div class="Grid-cell u-md-size9of12 u-lg-size9of12 attribute-value"><p>Concluso</p></div>`,
			`<h2 class="openpa-widget-title u-text-h3"><span>Gestione di Processo</span></h2>`, `<ul class="list-unstyled"><li>Comune di Formigine</li><li>Comune di Maranello</li>`, `class="Breadcrumb"`},
		"municipium": {"<span class=\"scheda__etichetta\">Stato di avanzamento</span>\n<div class=\"scheda__valore\">Concluso</div>",
			`<h3 class="scheda__titolo">Gestione di Processo</h3>`, `<span class="chip chip-simple">Comune di Formigine</span>, <span class="chip chip-simple">Comune di Maranello</span>`},
		"isweb": {`<span class="etichettaCampo">Stato di avanzamento:</span> <span class="valoreCampo">Concluso</span></div>`,
			`<div class="titoloSezione">Gestione di Processo</div>`, `Comune di Formigine<br />Comune di Maranello<br />`},
		"dkan": {`<tr><td>Stato di avanzamento</td><td>Concluso</td></tr>`, `<thead><tr><th scope="col">Campo</th><th scope="col">Valore</th></tr></thead>`,
			`<ul class="dc-list"><li>Comune di Formigine</li><li>Comune di Maranello</li>`},
		"magnolia": {"<h3>Stato di avanzamento</h3>\n<div class=\"text\"><p>Concluso</p></div>", `<h2 class="section-title">Gestione di Processo</h2>`},
		"thymeleaf": {"class=\"col-sm-3 col-form-label fw-semibold\">Stato di avanzamento</label>\n  <div class=\"col-sm-9\"><input type=\"text\" readonly class=\"form-control-plaintext\" id=\"campo2\" value=\"Concluso\"></div>",
			`<h2 class="h5 mt-4 border-bottom pb-1">Gestione di Processo</h2>`, `value="Comune di Formigine / Comune di Maranello`, `name="_csrf"`},
		"pagopa": {`<td width="40%" valign="top" style="color:#5c6f82">Stato di avanzamento</td><td align="right" valign="top" style="font-weight:600;color:#17324d">Concluso</td>`,
			`letter-spacing:1px;color:#5c6f82;font-weight:600">Gestione di Processo</td>`},
		"opencms": {`<h3 class="piece-heading" tabindex="0">Stato di avanzamento</h3></div><div class="body"><div class="text"><p>Concluso</p></div></div>`,
			`<h2 class="element-heading">Gestione di Processo</h2>`},
		"joomla4": {`<li class="field-entry stato-di-avanzamento "><span class="field-label ">Stato di avanzamento: </span><span class="field-value ">Concluso</span>`,
			"<h3 class=\"fields-group-title\">Gestione di Processo</h3>\n<ul class=\"fields-container\">", `Comune di Formigine, Comune di Maranello`},
		"halley": {"<p><label>Stato di avanzamento</label><br>\nConcluso</p>", "<fieldset class=\"dettaglio\">\n<legend>Gestione di Processo</legend>", "Comune di Formigine<br>\nComune di Maranello"},
	}
	for _, layout := range HeldOut11Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h11Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
	}
}
