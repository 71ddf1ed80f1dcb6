package pagegen

import (
	"errors"
	"strings"
	"testing"
)

// h9Doc renders p in layout and decodes it as a browser would.
func h9Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut9(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// TestHeldOut9Pages checks every record in every layout of the ninth
// held-out set: well-formed utf-8 markup, the provenance comment, and
// the title, region, badges, every label with a value and every piece of
// every value shown (text of elements, text areas and form values,
// alternative texts, link and image targets; dates also in words).
func TestHeldOut9Pages(t *testing.T) {
	if n := len(HeldOut9Layouts()); n < 10 {
		t.Fatalf("%d layouts in the ninth held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(),
		HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts(), HeldOut7Layouts(), HeldOut8Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	checkHeldOutPages(t, names, HeldOut9Layouts(), h9Doc, nil)
	if _, _, err := RenderHeldOut9(parseRecord(t, 141), "moodle"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut9(moodle): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut9(nil, "mvc"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut9Badges checks that the layouts showing the badges as check
// boxes tick them as the record has them: record 141 has neither badge,
// and a record with both has both ticked.
func TestHeldOut9Badges(t *testing.T) {
	p := parseRecord(t, 141)
	if p.Certified || p.Financed {
		t.Fatalf("record 141 has a badge; the test needs one without")
	}
	var both *Page
	for _, q := range pages(t) {
		if q.Certified && q.Financed {
			both = q
			break
		}
	}
	if both == nil {
		t.Fatal("no record with both badges")
	}
	for _, layout := range []string{"detailsview", "mvc"} {
		doc, _ := h9Doc(t, p, layout)
		if n := strings.Count(doc, `checked="checked"`); n != 0 {
			t.Errorf("141/%s: %d boxes ticked, want 0", layout, n)
		}
		doc, _ = h9Doc(t, both, layout)
		if n := strings.Count(doc, `checked="checked"`); n != 2 {
			t.Errorf("%d/%s: %d boxes ticked, want 2", both.ID, layout, n)
		}
	}
}

// TestHeldOut9Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut9Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"detailsview": {`<td style="background-color:#DEE8F5;font-weight:bold;width:35%;">Stato di avanzamento</td><td>Concluso</td>`,
			`id="MainContent_dvGestioneDiProcesso"`, `<td style="background-color:#DEE8F5;font-weight:bold;">Certificato</td>`, `name="__VIEWSTATE"`},
		"formview": {"Stato di avanzamento:\n                    <span id=\"MainContent_fvProcesso_lblStatoDiAvanzamento\">Concluso</span>\n                    <br />",
			`<b>Obiettivi:</b>`, `<h3>Gestione di Processo</h3>`, "Data ultima modifica:\n"},
		"mvc": {`<div class="display-label">Stato di avanzamento</div>` + "\n    <div class=\"display-field\">\n        Concluso\n    </div>",
			`<legend>Caratteristiche</legend>`, `<ul class="list-valori"><li>Comune di Formigine</li>`},
		"devexpress": {`<span class="dxflCaption_Moderno" id="flScheda_StatoDiAvanzamento_E0_CAP">Stato di avanzamento:</span>`, `<label class="dxflCaption_Moderno" for="flScheda_FasiDelPercorso_E15_I">Fasi del percorso:</label>`,
			`<span class="dxflGroupBoxCaption_Moderno" id="flScheda_1_GC">Gestione di Processo</span>`, `readonly="readonly" rows="8"`},
		"telerik": {`<span class="rtsTxt">Caratteristiche</span>`, `<div class="rmpView" id="pvCaratteristiche" style="display:none;">`,
			`etichetta">Stato di avanzamento</span></div>`},
		"ssrs": {`class="a9"><div><div>GESTIONE DI PROCESSO</div></div>`, `<td class="a11"><div><div>Stato di avanzamento</div></div></td><td class="a13"><div><div>Concluso</div></div></td>`,
			`ReportViewer1_fixedTable`},
		"pdf2htmlex": {`<div class="t m0 x1 h2 y`, `ff2 fs0 fc0 sc0 ls0 ws0">Conciliazione con tempi di vita e </div>`, `<div id="pf2" class="pf w0 h0" data-page-no="2">`,
			`<span class="_ _0"> </span>`},
		"blazor": {`<div class="mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense">Concluso</div><fieldset class="mud-input-outlined-border"><legend>Stato di avanzamento</legend></fieldset></div><label`,
			`<!--Blazor:{"type":"server"`, `<span class="mud-chip-content">Comune di Formigine</span>`, `15 febbraio 2020`},
		"dnn": {`<span id="dnn_ctr512_View_StatoDiAvanzamento_pl_lblLabel">Stato di avanzamento:</span>`, `class="dnnHelpText">`,
			`<span id="dnn_ctr512_View_StatoDiAvanzamento_lblValore" class="dnnFormValue">Concluso</span>`, `class="dnnFormSectionHead"`},
		"sitefinity": {`<div class="sfitemFieldLbl">Stato di avanzamento:</div>`, `<ul class="sfitemChoices" data-sf-field="SoggettiEsterni" data-sf-ftype="Choices"><li>Comune di Formigine</li>`,
			`<div class="sfitemDate" data-sf-field="DataUltimaModifica" data-sf-ftype="DateTime">15 febbraio 2020</div>`, `.tmb-thumb270.jpg`},
		"volto": {`<fieldset class="fieldset-gestione_di_processo"><legend>Gestione di Processo</legend>`,
			`<div class="field-wrapper-stato_di_avanzamento"><div class="label">Stato di avanzamento</div><div class="widget"><span class="text-widget">Concluso</span></div></div>`,
			`<span class="token">Comune di Formigine</span>, <span class="token">Comune di Maranello</span>`, `window.__data={`},
		"comuni": {`<span class="text">Stato di avanzamento<em>Concluso</em></span>`, `class="accordion-collapse collapse" role="region"`,
			`<button class="accordion-button collapsed" type="button"`, `<div class="cookiebar" role="dialog"`},
	}
	for _, layout := range HeldOut9Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h9Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
	}
}
