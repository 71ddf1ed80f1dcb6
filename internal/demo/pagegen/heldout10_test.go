package pagegen

import (
	"errors"
	"strings"
	"testing"
)

// h10Doc renders p in layout and decodes it as a browser would.
func h10Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut10(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// TestHeldOut10Pages checks every record in every layout of the tenth
// held-out set: well-formed utf-8 markup, the provenance comment, and
// the title, region, badges, every label with a value and every piece of
// every value shown (text of elements, text areas and form values,
// alternative texts, link and image targets; dates also in words).
func TestHeldOut10Pages(t *testing.T) {
	if n := len(HeldOut10Layouts()); n < 10 {
		t.Fatalf("%d layouts in the tenth held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(),
		HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts(), HeldOut7Layouts(), HeldOut8Layouts(), HeldOut9Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	checkHeldOutPages(t, names, HeldOut10Layouts(), h10Doc, h10Expect)
	if _, _, err := RenderHeldOut10(parseRecord(t, 141), "moodle"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut10(moodle): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut10(nil, "rails"); err == nil {
		t.Error("nil page: no error")
	}
}

// h10Expect is p as layout writes it: "struts" writes the labels in
// capitals.
func h10Expect(p *Page, layout string) *Page {
	if layout != "struts" {
		return p
	}
	q := *p
	q.Sections = make([]Section, len(p.Sections))
	for i, s := range p.Sections {
		q.Sections[i] = Section{Name: strings.ToUpper(s.Name), Fields: make([]Field, len(s.Fields))}
		for j, f := range s.Fields {
			f.Label = strings.ToUpper(f.Label)
			q.Sections[i].Fields[j] = f
		}
	}
	if n := len(q.Sections); n > 0 && q.LastModified != "" {
		last := &q.Sections[n-1]
		last.Fields = append(last.Fields, Field{Label: strings.ToUpper(lastModLabel), Type: "date", Lines: []string{q.LastModified}})
		q.LastModified = ""
	}
	return &q
}

// TestHeldOut10Badges checks that the scaffold prints the badges as the
// record has them: record 141 has neither, a record with both has both.
func TestHeldOut10Badges(t *testing.T) {
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
	for _, c := range []struct {
		p    *Page
		want string
	}{{p, "false"}, {both, "true"}} {
		doc, _ := h10Doc(t, c.p, "rails")
		for _, badge := range []string{"Certificato", "Finanziato"} {
			if w := "<strong>" + badge + ":</strong>\n    " + c.want + "\n"; !strings.Contains(doc, w) {
				t.Errorf("%d/rails: no %q", c.p.ID, w)
			}
		}
	}
}

// TestHeldOut10Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut10Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"primefaces": {`<span class="ui-outputlabel-label">Stato di avanzamento:</span></label></td><td role="gridcell" class="ui-panelgrid-cell"><span id="frmScheda:fs0:StatoDiAvanzamento">Concluso</span></td>`,
			`<ul class="ui-datalist-data"><li class="ui-datalist-item">Comune di Formigine</li>`, `name="javax.faces.ViewState"`, `<legend class="ui-fieldset-legend ui-corner-all ui-state-default"><span class="ui-fieldset-toggler ui-icon ui-icon-minusthick"></span>Gestione di Processo</legend>`},
		"apex": {`<span id="P12_STATO_DI_AVANZAMENTO_LABEL" class="t-Form-label">Stato di avanzamento</span></div><div class="t-Form-inputContainer"><div class="t-Form-itemWrapper"><input type="hidden" name="P12_STATO_DI_AVANZAMENTO" id="P12_STATO_DI_AVANZAMENTO" value="Concluso"><span id="P12_STATO_DI_AVANZAMENTO_DISPLAY" class="display_only apex-item-display-only" data-escape="true">Concluso</span>`,
			`<h2 class="t-Region-title" id="R4211_heading" data-apex-heading>Gestione di Processo</h2>`, `a-Form-error`},
		"outsystems": {`<span data-expression="" class="font-semi-bold text-neutral-8">Stato di avanzamento</span></div><div class="columns-item"><span data-expression="" style="white-space: pre-wrap;">Concluso</span>`,
			`<div data-container="" class="card-title heading3"><span data-expression="">Gestione di Processo</span></div>`, "Comune di Formigine / Comune di Maranello"},
		"servicenow": {`<span class="label-text" data-html="false">Stato di avanzamento</span></label></div><div class="col-xs-10 col-sm-9 col-md-6 col-lg-5 form-field input_controls"><input id="sys_original.x_osspa_scheda.stato_di_avanzamento" name="sys_original.x_osspa_scheda.stato_di_avanzamento" type="hidden" value="Concluso" /><input id="sys_readonly.x_osspa_scheda.stato_di_avanzamento"`,
			`<h2 class="section_header" id="section_header_2"><span>Gestione di Processo</span></h2>`, `readonly="readonly" disabled="disabled" aria-labelledby="label.x_osspa_scheda.fasi_del_percorso" rows="5"`},
		"vaadin": {`<label slot="label" id="label-vaadin-text-field-3" for="input-vaadin-text-field-4">Stato di avanzamento</label><input slot="input" type="text" id="input-vaadin-text-field-4" readonly="" aria-labelledby="label-vaadin-text-field-3" value="Concluso">`,
			`<vaadin-details-summary slot="summary" role="button" aria-expanded="true">Gestione di Processo</vaadin-details-summary>`, "<textarea slot=\"textarea\" id=\"textarea-vaadin-text-area-", "Comune di Formigine\nComune di Maranello"},
		"struts": {`<b>STATO DI AVANZAMENTO</b></font></td><td valign="top"><font face="Verdana, Arial, Helvetica, sans-serif" size="2">Concluso</font></td>`,
			`<b>GESTIONE DI PROCESSO</b></font></td></tr>`, `;jsessionid=`},
		"rails": {"<p>\n    <strong>Stato di avanzamento:</strong>\n    Concluso\n  </p>", "<h2>Gestione di Processo</h2>", `name="authenticity_token"`},
		"nova": {`<h4 class="font-normal @sm/peekable:break-all"><span>Stato di avanzamento</span></h4></div><div class="break-all md:w-3/4 md:py-3 lg:break-words @md/peekable:w-3/4 @md/peekable:py-3 @lg/peekable:break-words"><p class="">Concluso</p></div>`,
			`<h1 class="text-90 font-normal text-xl md:text-2xl" dusk="panel-title">Gestione di Processo</h1>`, `<p>&mdash;</p>`, `<div class="prose prose-sm dark:prose-invert"><p>`},
		"alfresco": {`<span class="viewmode-label">Stato di avanzamento:</span><span class="viewmode-value">Concluso</span>`,
			`<div class="set-bordered-panel-heading">Gestione di Processo</div>`, `<span class="viewmode-value">(Nessuno)</span>`},
		"omeka": {"<dt>Stato di avanzamento</dt>\n    <div class=\"values\">\n        <dd class=\"value\" lang=\"\">\n            <span class=\"value-content\">Concluso</span>",
			"<span class=\"value-content\">Comune di Formigine</span>\n        </dd>\n        <dd class=\"value\" lang=\"\">\n            <span class=\"value-content\">Comune di Maranello</span>",
			"<h4 class=\"property-group\">Gestione di Processo</h4>\n<dl>"},
	}
	for _, layout := range HeldOut10Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h10Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
	}
}
