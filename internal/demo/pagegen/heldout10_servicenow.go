package pagegen

import (
	"fmt"
	"strings"
)

// renderServiceNow10 writes a record as a ServiceNow record form in
// read-only mode: form sections, each field a form-group of a label span,
// the original value in a hidden input and the read-only value in a
// disabled input or text area.
func renderServiceNow10(b *strings.Builder, p *Page) {
	const table = "x_osspa_scheda"
	fmt.Fprintf(b, `<!DOCTYPE HTML>
<html dir="ltr" lang="it"><head>
<meta content="IE=edge" http-equiv="X-UA-Compatible" />
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" />
<title>Scheda processo | %[1]s | ServiceNow</title>
<script src="/scripts/doctype/js_includes_doctype.jsx?v=06-01-2023_1120&amp;lp=Mon_Jan_16_15_13_53_PST_2023&amp;c=22_354"></script>
<link href="/styles/css_includes_doctype.cssx?v=06-01-2023_1120&amp;c=22_354" rel="stylesheet" type="text/css" />
<script>var g_ck = '6d21f0a5dbe0211034b0ac5bd39619fa0a6f6d7c1ac0e0a1b8e2f6d2f7a4a0b7b0a3f0c1';</script>
</head>
<body class="form-body can-animate" data-formName="%[2]s">
<div class="outputmsg_container" id="output_messages"></div>
<div class="section_header_content_no_scroll">
<nav class="navbar navbar-default section_zero" role="navigation"><div class="container-fluid"><div class="navbar-header"><button class="btn btn-default icon-chevron-left navbar-btn" onclick="history.back()" aria-label="Indietro" type="button"></button><div class="navbar-title"><h1 class="navbar-title-caption" id="form_title">Scheda processo</h1><div class="navbar-title-display-value">%[1]s</div></div></div></div></nav>
</div>
<div class="touch_scroll section_header_content_scroll">
<form id="%[2]s.do" name="%[2]s.do" method="POST" action="%[2]s.do" accept-charset="UTF-8">
<input name="sys_target" id="sys_target" type="hidden" value="%[2]s" /><input name="sys_uniqueValue" id="sys_uniqueValue" type="hidden" value="a3f1c%[3]d9e8b0d7" /><input name="sys_readonly.%[2]s.active" type="hidden" value="true" />
<div class="tabs2_section tabs2_section_0 tabs2_section0" id="section-intestazione" tab_caption="Intestazione"><div id="section_tab.intestazione"><div class="section-content">
`, esc(p.Title), table, p.ID)
	snowField(b, table, "Nome", esc(p.Title), false)
	if p.Region != "" {
		snowField(b, table, "Ente", esc(p.Region), false)
	}
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<div class=\"form-group\"><span class=\"label label-success\">%s</span></div>\n", bd)
	}
	b.WriteString("</div></div></div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="tabs2_section tabs2_section_%[1]d tabs2_section%[1]d" id="section-%[2]s" tab_caption="%[3]s"><div id="section_tab.%[2]s"><h2 class="section_header" id="section_header_%[1]d"><span>%[3]s</span></h2><div class="section-content">
`, i+1, h3ID(s.Name, 12), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			lines := h10Lines(f, false)
			long := len(lines) > 1 || h3Long(f)
			snowField(b, table, esc(f.Label), esc(strings.Join(lines, "\n")), long)
		}
		b.WriteString("</div></div></div>\n")
	}
	fmt.Fprintf(b, `<div class="form_action_button_container"><span>%[1]s</span> <a class="form_action_button btn btn-default" href="/x_osspa_integra.do?sys_id=-1&amp;sysparm_query=processo=%[3]d">%[2]s</a></div>
</form>
</div>
<div class="notification notification-info" role="dialog" id="cookie_banner"><span>%[4]s</span> <button class="btn btn-primary" type="button">Accetta</button></div>
<script>addLoadEvent(function(){ g_form.setReadOnly = true; });</script>
</body>
</html>
`, esc(ctaQuestion), esc(ctaAction), p.ID, esc(h10Cookie))
}

// snowField writes one read-only form field; value is escaped already.
func snowField(b *strings.Builder, table, label, value string, long bool) {
	col := h3Snake(strings.NewReplacer("&#39;", "").Replace(label))
	id := table + "." + col
	ctl := `<input id="sys_readonly.` + id + `" name="sys_readonly.` + id + `" class="form-control disabled" readonly="readonly" disabled="disabled" aria-labelledby="label.` + id + `" type="text" value="` + value + `" />`
	if long {
		ctl = `<textarea id="sys_readonly.` + id + `" name="sys_readonly.` + id + `" class="form-control disabled" readonly="readonly" disabled="disabled" aria-labelledby="label.` + id + `" rows="5" wrap="soft" style="overflow-y:auto">` + value + `</textarea>`
	}
	fmt.Fprintf(b, `<div class="form-group is-prefilled" id="element.%[1]s"><div class="" data-type="label" choice="0" type="string" id="label.%[1]s" nowrap="true"><label onclick="return labelClicked(this);" for="sys_readonly.%[1]s" dir="ltr" class=" col-xs-12 col-md-3 col-lg-4 control-label"><span id="status.%[1]s" class="label_spacing" title="" data-dynamic-title="" mandatory="false" oclass=""></span><span class="label-text" data-html="false">%[2]s</span></label></div><div class="col-xs-10 col-sm-9 col-md-6 col-lg-5 form-field input_controls"><input id="sys_original.%[1]s" name="sys_original.%[1]s" type="hidden" value="%[3]s" />%[4]s</div><div class="col-xs-2 col-sm-3 col-lg-2 form-field-addons"></div></div>
`, id, label, value, ctl)
}
