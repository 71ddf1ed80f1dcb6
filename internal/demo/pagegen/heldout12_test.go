package pagegen

import (
	"errors"
	"strings"
	"testing"
)

// h12Doc renders p in layout and decodes it as a browser would.
func h12Doc(t *testing.T, p *Page, layout string) (string, string) {
	t.Helper()
	body, ct, err := RenderHeldOut12(p, layout)
	if err != nil {
		t.Fatal(err)
	}
	return decodeBody(t, body, ct)
}

// TestHeldOut12Pages checks every record in every layout of the twelfth
// held-out set: well-formed utf-8 markup, the provenance comment, and
// the title, region, badges, every label with a value and every piece of
// every value shown (text of elements, alternative texts, link and image
// targets; dates also in words).
func TestHeldOut12Pages(t *testing.T) {
	if n := len(HeldOut12Layouts()); n < 10 {
		t.Fatalf("%d layouts in the twelfth held-out set, want at least 10", n)
	}
	names := map[string]bool{}
	for _, set := range [][]string{Layouts(), MoreLayouts(), {ShellLayout}, HeldOutLayouts(), HeldOut2Layouts(), HeldOut3Layouts(),
		HeldOut4Layouts(), HeldOut5Layouts(), HeldOut6Layouts(), HeldOut7Layouts(), HeldOut8Layouts(), HeldOut9Layouts(), HeldOut10Layouts(), HeldOut11Layouts()} {
		for _, n := range set {
			names[n] = true
		}
	}
	checkHeldOutPages(t, names, HeldOut12Layouts(), h12Doc, nil)
	if _, _, err := RenderHeldOut12(parseRecord(t, 141), "rails"); !errors.Is(err, ErrUnknownLayout) {
		t.Errorf("RenderHeldOut12(rails): %v, want ErrUnknownLayout", err)
	}
	if _, _, err := RenderHeldOut12(nil, "nextjs"); err == nil {
		t.Error("nil page: no error")
	}
}

// TestHeldOut12Antd checks that the vertical Descriptions put every
// value cell under its label cell: as many label cells as value cells in
// each pair of rows, and a long text alone across the three columns.
func TestHeldOut12Antd(t *testing.T) {
	for _, p := range pages(t) {
		doc, _ := h12Doc(t, p, "antd")
		rows := strings.Split(doc, `<tr class="ant-descriptions-row">`)[1:]
		if len(rows)%2 != 0 {
			t.Fatalf("%d/antd: %d rows, want label and value rows in pairs", p.ID, len(rows))
		}
		for i := 0; i < len(rows); i += 2 {
			labels := strings.Count(rows[i], `<th class="ant-descriptions-item-label"`)
			values := strings.Count(rows[i+1], `<td class="ant-descriptions-item-content"`)
			if labels == 0 || labels > 3 || labels != values || strings.Contains(rows[i], "<td") {
				t.Errorf("%d/antd: row %d has %d labels over %d values", p.ID, i, labels, values)
			}
		}
	}
}

// TestHeldOut12Traits checks that each layout keeps what makes it a test
// of reading: the markup traits its description promises, on record 141.
func TestHeldOut12Traits(t *testing.T) {
	p := parseRecord(t, 141)
	traits := map[string][]string{
		"nextjs": {`<div class="px-4 py-6 sm:grid sm:grid-cols-3 sm:gap-4 sm:px-6"><dt class="text-sm/6 font-medium text-gray-900">Stato di avanzamento</dt><dd class="mt-1 text-sm/6 text-gray-700 sm:col-span-2 sm:mt-0">Concluso</dd></div>`,
			`<h3 class="text-base/7 font-semibold text-gray-900">Gestione di Processo</h3>`, `<ul role="list" class="list-disc space-y-1 pl-5"><li>Comune di Fiorano Modenese</li></ul>`, `self.__next_f.push([1,`},
		"remix": {`<div class="field"><h3 class="field__label">Stato di avanzamento</h3><p>Concluso</p></div>`,
			`<section class="process__section" id="gestione_di_processo"><h2>Gestione di Processo</h2>`, `window.__remixContext = `},
		"astro": {`<li data-astro-cid-3ku6ydhb><b data-astro-cid-3ku6ydhb>Stato di avanzamento</b> <span class="value" data-astro-cid-3ku6ydhb>Concluso</span></li>`,
			`<h2 data-astro-cid-3ku6ydhb>Gestione di Processo</h2>`, `<astro-island uid=`},
		"qwik": {`<span class="campo-label" id="f0-0-l">Stato di avanzamento</span><output id="f0-0" aria-labelledby="f0-0-l"><!--t=6-->Concluso<!----></output>`,
			`<fieldset class="sezione"><legend>Gestione di Processo</legend>`, `<script type="qwik/json">`, `q:container="paused"`},
		"fastboot": {`class="ember-view detail-row"><div class="detail-row__label">Stato di avanzamento</div><div class="detail-row__value">Concluso</div></div>`,
			`<h2 class="detail-section__title">Gestione di Processo</h2>`, `<ul class="detail-row__list"><li>Comune di Fiorano Modenese</li></ul>`, `id="fastboot-body-start"`, `id="fastboot-body-end"`},
		"liveview": {`<dt class="w-1/4 flex-none text-zinc-500">Stato di avanzamento</dt><dd class="text-zinc-700">Concluso</dd>`,
			`<h2 class="mt-14 text-base font-semibold leading-7 text-zinc-800">Gestione di Processo</h2>`, `data-phx-main data-phx-session=`},
		"extjs": {`class="x-form-item-label-text">Stato di avanzamento:</span></span></label><div id="displayfield-1032-bodyEl" role="presentation" class="x-form-item-body x-form-item-body-default x-form-display-field-body"><div id="displayfield-1032-inputEl" role="textbox" aria-readonly="true" class="x-form-display-field x-form-display-field-default">Concluso</div>`,
			`-legendTitle">Gestione di Processo</span></legend>`},
		"mui": {`<span class="MuiTypography-root MuiTypography-caption css-hpcvd9">Stato di avanzamento</span></div><div class="MuiGrid-root MuiGrid-item MuiGrid-grid-xs-12 MuiGrid-grid-sm-8 css-1lbd7xc"><p class="MuiTypography-root MuiTypography-body1 css-13i4rnv">Concluso</p>`,
			`<h2 class="MuiTypography-root MuiTypography-h6 MuiTypography-gutterBottom css-1cvw0y9">Gestione di Processo</h2>`, `<style data-emotion=`},
		"chakra": {`<div class="chakra-stat css-1mbo1ls"><dl><dt class="chakra-stat__label css-1axfrr4">Stato di avanzamento</dt><dd class="chakra-stat__number css-1axeus7">Concluso</dd></dl></div>`,
			`<h2 class="chakra-heading css-1dklj6k">Gestione di Processo</h2>`, `<h3 class="chakra-heading css-1yy2r8k">Fasi del percorso</h3><p class="chakra-text css-1ki54i">Il percorso`},
		"antd": {`<tr class="ant-descriptions-row"><th class="ant-descriptions-item-label"><span>Stato di avanzamento</span></th><th class="ant-descriptions-item-label"><span>Natura Processo</span></th>`,
			`<div class="ant-descriptions-title">Gestione di Processo</div>`, `<th class="ant-descriptions-item-label" colspan="3"><span>Fasi del percorso</span></th></tr>`},
	}
	for _, layout := range HeldOut12Layouts() {
		want, ok := traits[layout]
		if !ok {
			t.Errorf("layout %s has no traits to check", layout)
			continue
		}
		doc, _ := h12Doc(t, p, layout)
		for _, w := range want {
			if !strings.Contains(doc, w) {
				t.Errorf("141/%s: no %q", layout, w)
			}
		}
	}
}
