package pagegen

import (
	"fmt"
	"strings"
)

// renderExtJS12 writes a record as an Ext JS classic form rendered on
// the server: a fieldset per section with its legend, each field a
// displayfield with a "Label:" label text and an x-form-display-field.
func renderExtJS12(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it">
<head>
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta charset="UTF-8">
<title>%s - Osservatorio Partecipazione</title>
<link rel="stylesheet" href="/ext/classic/theme-triton/resources/theme-triton-all.css">
<script src="/ext/ext-all.js"></script>
</head>
<body class="x-body x-webkit x-chrome x-viewport x-border-box" id="ext-element-1">
<div class="x-panel x-border-region-north x-panel-default" id="toolbar-1010" role="toolbar"><div class="x-toolbar-text x-toolbar-text-default">Osservatorio Partecipazione</div>`, esc(p.Title))
	h12Nav(b, `<a class="x-btn x-btn-default-toolbar-small" href="/%s" role="button"><span class="x-btn-inner x-btn-inner-default-toolbar-small">%s</span></a>`)
	fmt.Fprintf(b, `</div>
<div class="x-panel x-panel-default-framed" id="schedaform-1020" role="form"><div class="x-panel-header x-header x-panel-header-default-framed" id="schedaform-1020_header"><div class="x-title-text x-title-text-default-framed" id="schedaform-1020_header-title-textEl">%s</div></div>
<div class="x-panel-body x-panel-body-default-framed" id="schedaform-1020-body"><div class="x-autocontainer-outerCt" role="presentation"><div class="x-autocontainer-innerCt" role="presentation">
`, esc(p.Title))
	n := 1030
	field := func(label, value string) {
		fmt.Fprintf(b, `<div class="x-field x-form-item x-form-item-default x-form-type-display x-anchor-form-item x-form-display-field-default" id="displayfield-%[1]d"><label id="displayfield-%[1]d-labelEl" class="x-form-item-label x-form-item-label-default x-unselectable" style="padding-right:5px;width:180px;"><span class="x-form-item-label-inner x-form-item-label-inner-default" style="width:175px"><span id="displayfield-%[1]d-labelTextEl" class="x-form-item-label-text">%[2]s:</span></span></label><div id="displayfield-%[1]d-bodyEl" role="presentation" class="x-form-item-body x-form-item-body-default x-form-display-field-body"><div id="displayfield-%[1]d-inputEl" role="textbox" aria-readonly="true" class="x-form-display-field x-form-display-field-default">%[3]s</div></div></div>
`, n, label, value)
		n++
	}
	if p.Region != "" {
		field("Ente", esc(p.Region))
	}
	if len(badgeNames(p)) > 0 {
		field("Riconoscimenti", strings.Join(badgeNames(p), ", "))
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<fieldset class="x-fieldset x-fieldset-with-title x-fieldset-with-legend x-fieldset-default" id="fieldset-%[1]d"><legend class="x-fieldset-header x-fieldset-header-default" id="fieldset-%[1]d-legend"><span class="x-tool x-fieldset-header-tool-default"><span class="x-tool-tool-el x-tool-img x-tool-toggle"></span></span><span class="x-fieldset-header-text x-fieldset-header-text-default" id="fieldset-%[1]d-legendTitle">%[2]s</span></legend><div class="x-fieldset-body" id="fieldset-%[1]d-body">
`, n, esc(s.Name))
		n++
		for _, f := range h7Fields(p, i) {
			field(esc(f.Label), h12Value(f, "<br>", "x-img"))
		}
		b.WriteString("</div></fieldset>\n")
	}
	fmt.Fprintf(b, `</div></div></div>
<div class="x-toolbar x-docked x-toolbar-footer" role="toolbar"><div class="x-toolbar-text">%[1]s</div><a class="x-btn x-btn-default-small" href="/integra.html?id=%[2]d" role="button"><span class="x-btn-inner x-btn-inner-default-small">%[3]s</span></a></div></div>
<div class="x-panel x-border-region-south"><div class="x-panel-body">Assemblea legislativa della Regione Emilia-Romagna</div></div>
<div class="x-window x-message-box x-window-default" id="messagebox-1001" role="alertdialog" style="bottom:0;left:0"><div class="x-window-body"><div class="x-component x-window-text">%[4]s</div><a class="x-btn" role="button"><span class="x-btn-inner">OK</span></a></div></div>
<input type="hidden" name="recordId" value="%[2]d">
<script>Ext.onReady(function(){Ext.create('Osservatorio.view.SchedaForm',{renderTo:Ext.getBody(),recordId:%[2]d});});</script>
</body>
</html>
`, esc(ctaQuestion), p.ID, esc(ctaAction), esc(h10Cookie))
}
