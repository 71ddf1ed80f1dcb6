package pagegen

import (
	"fmt"
	"strings"
)

// renderOdoo4 writes an Odoo 16 back-end form view of a record in read
// mode, as a portal user with read access sees it: the main navbar, the
// control panel with breadcrumbs and pager, then the sheet: the badges as
// tags above the title, the region as a link under it, and per section a
// horizontal separator and two groups of label and value cells side by
// side, long texts in a full-width group. A field's map is a field of its
// own before it. The chatter follows the sheet.
func renderOdoo4(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<meta name="viewport" content="width=device-width, initial-scale=1, user-scalable=no">
<title>%s - Odoo</title>
<link rel="shortcut icon" href="/web/static/img/favicon.ico" type="image/x-icon">
<script id="web.layout.odooscript" type="text/javascript">var odoo = {csrf_token: "%s", debug: "", };</script>
<link type="text/css" rel="stylesheet" href="/web/assets/1282-6e3f1a7/web.assets_backend.min.css">
<script type="text/javascript" src="/web/assets/1283-6e3f1a7/web.assets_backend.min.js" defer="defer"></script>
</head>
<body class="o_web_client">
<header>
<nav class="o_main_navbar" data-command-category="navbar">
<div class="o_navbar_apps_menu dropdown"><button class="dropdown-toggle" title="Menu principale" aria-label="Menu principale" data-hotkey="h"><i class="oi oi-apps"></i></button></div>
<a href="#" class="o_menu_brand d-none d-md-block" role="menuitem">Osservatorio</a>
<div class="o_menu_sections d-none d-md-flex flex-grow-1 flex-shrink-1 w-0" role="menu"><div class="dropdown"><button class="dropdown-toggle" data-section="412"><span>Schede</span></button></div><div class="dropdown"><button class="dropdown-toggle" data-section="418"><span>Reportistica</span></button></div></div>
<div class="o_menu_systray d-flex flex-shrink-0 ms-auto" role="menu"><div class="o_user_menu dropdown"><button class="dropdown-toggle py-1 py-lg-0"><img class="rounded o_avatar o_user_avatar" src="/web/image/res.users/7/avatar_128" alt="Utente"> <span class="oe_topbar_name d-none d-lg-block ms-1">Portale pubblico</span></button></div></div>
</nav>
</header>
<div class="o_action_manager">
<div class="o_action o_view_controller o_form_view">
<div class="o_control_panel">
<div class="o_cp_top"><div class="o_cp_top_left d-flex flex-grow-1 align-items-center"><ol class="breadcrumb"><li class="breadcrumb-item o_back_button"><a href="#">Processi partecipativi</a></li><li class="breadcrumb-item active"><span class="text-truncate">%s</span></li></ol></div></div>
<div class="o_cp_bottom"><div class="o_cp_bottom_right"><nav class="o_pager" aria-label="Paginatore"><span class="o_pager_counter"><span class="o_pager_value">%d</span> / <span class="o_pager_limit">3102</span></span> <span class="btn-group"><button type="button" class="fa fa-chevron-left btn btn-secondary o_pager_previous px-2 rounded-start" aria-label="Precedente" title="Precedente"></button><button type="button" class="fa fa-chevron-right btn btn-secondary o_pager_next px-2 rounded-end" aria-label="Successivo" title="Successivo"></button></span></nav></div></div>
</div>
<div class="o_content">
<div class="o_form_renderer o_form_readonly o_form_saved">
<div class="o_form_sheet_bg">
<div class="o_form_sheet position-relative">
`, esc(p.Title), h3ID(p.URL, 40), esc(p.Title), p.ID)
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString(`<div name="riconoscimenti_ids" class="o_field_widget o_readonly_modifier o_field_many2many_tags"><div class="o_field_tags d-inline-flex flex-wrap mw-100">`)
		for i, name := range n {
			fmt.Fprintf(b, `<span class="o_tag o_tag_color_%d o_badge badge rounded-pill" title="%s"><span class="o_badge_text">%s</span></span>`, 10-i*3, esc(name), esc(name))
		}
		b.WriteString("</div></div>\n")
	}
	fmt.Fprintf(b, "<div class=\"oe_title\"><h1><span name=\"name\" class=\"o_field_widget o_readonly_modifier o_required_modifier o_field_char\"><span>%s</span></span></h1>\n", esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<div name=\"regione_id\" class=\"o_field_widget o_readonly_modifier o_field_many2one\"><a class=\"o_form_uri\" href=\"#id=45&amp;model=res.country.state\"><span>%s</span></a></div>\n", esc(p.Region))
	}
	b.WriteString("</div>\n")
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<div class=\"o_horizontal_separator mt-4 mb-3 text-uppercase fw-bolder small\">%s</div>\n", esc(s.Name))
		short, long := odooArrange(h4Fields(s, i == len(p.Sections)-1, p))
		if len(short) > 0 {
			half := (len(short) + 1) / 2
			b.WriteString("<div class=\"o_group\">\n")
			for _, col := range [][]Field{short[:half], short[half:]} {
				if len(col) == 0 {
					continue
				}
				b.WriteString("<table class=\"o_group o_inner_group o_group_col_6\"><tbody>\n")
				for _, f := range col {
					odooRow(b, f)
				}
				b.WriteString("</tbody></table>\n")
			}
			b.WriteString("</div>\n")
		}
		if len(long) > 0 {
			b.WriteString("<div class=\"o_group\">\n<table class=\"o_group o_inner_group o_group_col_12\"><tbody>\n")
			for _, f := range long {
				odooRow(b, f)
			}
			b.WriteString("</tbody></table>\n</div>\n")
		}
	}
	fmt.Fprintf(b, `</div>
</div>
<div class="o_FormRenderer_chatterContainer oe_chatter">
<div class="o_Chatter">
<div class="o_ChatterTopbar"><button class="btn btn-link o_ChatterTopbar_buttonSendMessage" type="button">Invia messaggio</button><button class="btn btn-link o_ChatterTopbar_buttonLogNote" type="button">Registra nota</button><button class="btn btn-link o_ChatterTopbar_buttonScheduleActivity" type="button">Attività</button><span class="o_ChatterTopbar_followerCount">2 follower</span></div>
<div class="o_MessageList">
<div class="o_MessageList_separator o_MessageList_separatorDate"><span class="o_MessageList_separatorLabel">12 giugno 2012</span></div>
<div class="o_Message o_Message_isNotification" data-message-id="%d">
<div class="o_Message_sidebar"><img class="o_Message_authorAvatar rounded-circle" src="/web/image/res.partner/3/avatar_128" alt="Avatar"></div>
<div class="o_Message_core"><div class="o_Message_header"><strong class="o_Message_authorName">Redazione Osservatorio</strong> <small class="o_Message_date">- 10 anni fa</small></div>
<div class="o_Message_content"><p>Scheda creata</p></div></div>
</div>
</div>
</div>
</div>
</div>
</div>
</div>
</div>
</body>
</html>
`, 90000+p.ID)
}

// odooArrange returns the fields of a section as the form shows them: a
// map as a field of its own before the field it belongs to, the short
// fields in the two groups, the long texts after them.
func odooArrange(fields []Field) (short, long []Field) {
	for _, f := range fields {
		if f.MapImage != "" {
			short = append(short, Field{Label: mapLine, Type: "url", Lines: []string{f.MapImage}})
			f.MapImage = ""
		}
		if h4Long(f) {
			long = append(long, f)
		} else {
			short = append(short, f)
		}
	}
	return short, long
}

// odooRow writes one field: the label cell (with a help marker for the
// fields that have a help text) and the value cell with its widget.
func odooRow(b *strings.Builder, f Field) {
	name := h3Snake(f.Label)
	help := ""
	if h3Helped[f.Label] {
		help = fmt.Sprintf(`<sup class="text-info p-1" data-tooltip-template="web.FieldTooltip" data-tooltip-info="%s" data-tooltip-touch-tap-to-show="true">?</sup>`,
			esc(`{"field":{"name":"`+name+`","help":"`+helpFor(f.Label)+`"}}`))
	}
	fmt.Fprintf(b, "<tr><td class=\"o_td_label\"><label class=\"o_form_label\">%s%s</label></td><td style=\"width: 100%%;\">%s</td></tr>\n", esc(f.Label), help, odooWidget(f, name))
}

// odooWidget renders a value as the field's widget in read mode:
// many2many tags for lists, url widgets for images, text with its line
// breaks kept for long texts, a span otherwise; an empty value is an
// empty widget.
func odooWidget(f Field, name string) string {
	if h3IsList(f) {
		var tags strings.Builder
		for i, it := range h4Items(f) {
			fmt.Fprintf(&tags, `<span class="o_tag o_tag_color_%d o_badge badge rounded-pill" title="%s"><span class="o_badge_text">%s</span></span>`, (i+int(h3Hash(name)%97))%11, esc(it), esc(it))
		}
		return `<div name="` + name + `" class="o_field_widget o_readonly_modifier o_field_many2many_tags"><div class="o_field_tags d-inline-flex flex-wrap mw-100">` + tags.String() + `</div></div>`
	}
	if f.Type == "url" {
		var links []string
		for _, pt := range valueParts(f, true) {
			u := pt.text
			if pt.kind == "img" {
				u = absURL(pt.text)
			}
			links = append(links, `<a class="o_field_url" href="`+esc(u)+`" target="_blank">`+esc(u)+`</a>`)
		}
		return `<div name="` + name + `" class="o_field_widget o_readonly_modifier o_field_url">` + strings.Join(links, "") + `</div>`
	}
	class := "o_field_char"
	switch {
	case h4Long(f):
		class = "o_field_text"
	case f.Type == "int" || f.Type == "number":
		class = "o_field_float"
	case f.Type == "date":
		class = "o_field_date"
	case f.Type == "enum" || f.Type == "bool":
		class = "o_field_selection"
	}
	var lines []string
	for _, pt := range valueParts(f, true) {
		lines = append(lines, h3Autolink(pt.text, func(u string) string { return esc(u) }))
	}
	return `<div name="` + name + `" class="o_field_widget o_readonly_modifier ` + class + `"><span>` + strings.Join(lines, "<br>") + `</span></div>`
}
