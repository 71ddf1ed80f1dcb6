package parsers

import (
	"slices"
	"strings"
	"testing"
)

// TestMarkupCases reads the same fields in the markups a person reads
// without thinking: decorations beside labels, values in form controls,
// labels in <label for>, legends, leading bold text and capitals. Each case
// names the trap it covers.
func TestMarkupCases(t *testing.T) {
	type want struct {
		status, nature   string
		duration         int
		codecision       *bool
		participants     []string
		noWarningsBut    []string // warning codes allowed
		wantWarningCodes []string
	}
	yes, no := true, false
	tests := []struct {
		name string
		body string
		want want
	}{
		{
			name: "help question mark after the label and a non-breaking space",
			body: `<dl><dt>Stato di avanzamento:&nbsp;<span class="help">?</span></dt><dd>Concluso</dd>
				<dt>Natura Processo <a class="help" href="#h1">?</a></dt><dd>Processo non certificato</dd></dl>`,
			want: want{status: "Concluso", nature: "Processo non certificato"},
		},
		{
			name: "info markers (i), ⓘ and a bare i",
			body: `<dl><dt>Stato di avanzamento (i)</dt><dd>Concluso</dd><dt>ⓘ Natura Processo</dt><dd>Processo non certificato</dd>
				<dt>Durata (mesi) <span class="info">i</span></dt><dd>12</dd></dl>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12},
		},
		{
			name: "required star in an abbr and plain, (*) glued",
			body: `<dl><dt>Stato di avanzamento <abbr title="obbligatorio">*</abbr></dt><dd>Concluso</dd><dt>Natura Processo*</dt><dd>Processo non certificato</dd>
				<dt>Durata (mesi)(*)</dt><dd>12</dd></dl>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12},
		},
		{
			name: "empty icon elements, aria-hidden and role=img before the label",
			body: `<div class="f"><span class="k"><i class="fa fa-flag"></i> Stato di avanzamento</span> <span class="v">Concluso</span></div>
				<div class="f"><span class="k"><span aria-hidden="true">ⓘ</span>Natura Processo</span> <span class="v">Processo non certificato</span></div>
				<div class="f"><span class="k"><span role="img" aria-label="info">i</span> Durata (mesi)</span> <span class="v">12</span></div>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12},
		},
		{
			name: "a decoration in the value's place is not a value and does not start one",
			body: `<table><tr><td>Stato di avanzamento</td><td><span class="q">?</span> Concluso</td></tr>
				<tr><td>Natura Processo</td><td>ⓘ Processo non certificato</td></tr>
				<tr><td>Durata (mesi)</td><td>(i)</td></tr></table>`,
			want: want{status: "Concluso", nature: "Processo non certificato"},
		},
		{
			name: "read-only form controls as WebForms renders them",
			body: `<form id="form1" action="scheda.aspx"><input type="hidden" name="__VIEWSTATE" value="dDwtMTA4MzU5">
				<div><label for="ctl00_txtStato">Stato di avanzamento</label><input id="ctl00_txtStato" type="text" readonly value="Concluso"></div>
				<div><label for="ctl00_ddlNatura">Natura Processo</label><select id="ctl00_ddlNatura" disabled><option value="">-- Seleziona --</option><option value="3" selected="selected">Processo non certificato</option><option value="1">Processo certificato e finanziato</option></select></div>
				<div><label for="ctl00_txtDurata">Durata (mesi)</label><input id="ctl00_txtDurata" disabled value="12"></div>
				<div><input type="checkbox" id="ctl00_chkCod" checked disabled><label for="ctl00_chkCod">Codecisione</label></div>
				<div><label for="ctl00_txtPart">Partecipanti</label><textarea id="ctl00_txtPart" readonly>Singoli cittadini
Associazioni</textarea></div>
				<input type="submit" value="Salva"></form>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12, codecision: &yes, participants: []string{"Singoli cittadini", "Associazioni"}},
		},
		{
			name: "a label wrapping its control; an unticked checkbox with no text is no",
			body: `<label>Stato di avanzamento <input readonly value="Concluso"></label>
				<label>Natura Processo <select disabled><option>Processo non certificato</option></select></label>
				<label>Codecisione <input type="checkbox" disabled></label>`,
			want: want{status: "Concluso", nature: "Processo non certificato", codecision: &no},
		},
		{
			name: "a radio group in a legend-delimited fieldset; checkboxes for a list",
			body: `<fieldset><legend>Processo</legend>
				<p><label for="s">Stato di avanzamento</label> <input id="s" value="Concluso" readonly></p>
				<p><label for="n">Natura Processo</label> <input id="n" value="Processo non certificato" readonly></p></fieldset>
				<fieldset><legend>Codecisione</legend><label><input type="radio" name="c" disabled> Sì</label><label><input type="radio" name="c" checked disabled> No</label></fieldset>
				<fieldset><legend>Partecipanti</legend><label><input type="checkbox" checked disabled> Singoli cittadini</label><label><input type="checkbox" disabled> Imprese</label><label><input type="checkbox" checked disabled> Associazioni</label></fieldset>`,
			want: want{status: "Concluso", nature: "Processo non certificato", codecision: &no, participants: []string{"Singoli cittadini", "Associazioni"}},
		},
		{
			name: "a group's legend scopes its labels",
			body: twoFields + `<fieldset><legend>Comitato di Garanzia locale</legend><label for="f">Funzioni assegnate</label><input id="f" readonly value="Monitoraggio, Valutazione"></fieldset>`,
			want: want{status: "Concluso", nature: "Processo non certificato"},
		},
		{
			name: "strong at the start of a paragraph, then a line break and the value",
			body: `<p><strong>Stato di avanzamento</strong><br>Concluso</p><p><strong>Natura Processo</strong><br>Processo non certificato</p>
				<p><b>Partecipanti</b><br>Singoli cittadini<br>Associazioni</p><p><strong>Numero di persone partecipanti</strong><br>40</p>`,
			want: want{status: "Concluso", nature: "Processo non certificato", participants: []string{"Singoli cittadini", "Associazioni"}, wantWarningCodes: []string{"fuzzy_label"}},
		},
		{
			name: "labels in capitals",
			body: `<div><h4>STATO DI AVANZAMENTO</h4><p>Concluso</p><h4>NATURA PROCESSO:</h4><p>Processo non certificato</p><h4>DURATA (MESI)</h4><p>12</p></div>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12},
		},
		{
			name: "a control named only by aria-label",
			body: `<div><input aria-label="Stato di avanzamento" readonly value="Concluso"></div><div><input aria-label="Natura Processo" readonly value="Processo non certificato"></div>`,
			want: want{status: "Concluso", nature: "Processo non certificato"},
		},
		{
			name: "a row of labels over a row of values",
			body: `<table><tr><th>Stato di avanzamento</th><th>Natura Processo</th><th>Durata (mesi)</th></tr>
				<tr><td>Concluso</td><td>Processo non certificato</td><td>12</td></tr></table>`,
			want: want{status: "Concluso", nature: "Processo non certificato", duration: 12},
		},
		{
			name: "near-miss labels map with a warning",
			body: `<dl><dt>Stato avanzamento</dt><dd>Concluso</dd><dt>Natura del processo</dt><dd>Processo non certificato</dd><dt>Partecipante</dt><dd>Singoli cittadini</dd></dl>`,
			want: want{status: "Concluso", nature: "Processo non certificato", participants: []string{"Singoli cittadini"}, wantWarningCodes: []string{"fuzzy_label"}},
		},
		{
			name: "a label close to two fields is not guessed",
			body: twoFields + `<dl><dt>Data</dt><dd>15/02/2020</dd></dl>`,
			want: want{status: "Concluso", nature: "Processo non certificato", wantWarningCodes: []string{"unknown_label"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustParse(t, page(tt.body), pageURL141, "")
			w := tt.want
			if str(r.Status) != w.status || str(r.Nature) != w.nature {
				t.Errorf("status %q nature %q, want %q %q", str(r.Status), str(r.Nature), w.status, w.nature)
			}
			if w.duration != 0 && (r.DurationMonths == nil || *r.DurationMonths != w.duration) {
				t.Errorf("duration %v, want %d", r.DurationMonths, w.duration)
			}
			if w.duration == 0 && r.DurationMonths != nil {
				t.Errorf("duration %d, want null", *r.DurationMonths)
			}
			if (w.codecision == nil) != (r.Codecision == nil) || (w.codecision != nil && *w.codecision != *r.Codecision) {
				t.Errorf("codecision %v, want %v", r.Codecision, w.codecision)
			}
			if w.participants != nil && !slices.Equal(r.Participants, w.participants) {
				t.Errorf("participants %q, want %q", r.Participants, w.participants)
			}
			var codes []string
			for _, x := range r.Warnings {
				codes = append(codes, x.Code)
			}
			for _, c := range w.wantWarningCodes {
				if !slices.Contains(codes, c) {
					t.Errorf("warnings %v lack %s", r.Warnings, c)
				}
			}
			for _, x := range r.Warnings {
				if !slices.Contains(w.wantWarningCodes, x.Code) {
					t.Errorf("unexpected warning %+v", x)
				}
			}
			for _, raw := range r.Raw {
				if strings.ContainsAny(raw.Label, "?*ⓘ") || strings.HasSuffix(raw.Label, ":") {
					t.Errorf("raw label %q keeps a decoration", raw.Label)
				}
			}
		})
	}
}
