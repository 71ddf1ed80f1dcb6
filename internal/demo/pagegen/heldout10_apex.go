package pagegen

import (
	"fmt"
	"strings"
)

// renderAPEX10 writes a record as an Oracle APEX page in the Universal
// Theme: a form region per section, every page item display only, its
// protected value in a hidden input before the display span.
func renderAPEX10(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html class="no-js  page-12 app-OSSERVATORIO" lang="it" >
<head>
<meta http-equiv="x-ua-compatible" content="IE=edge" />
<meta charset="utf-8">
<title>%[1]s</title>
<link rel="stylesheet" href="/i/app_ui/css/Core.min.css?v=23.2.0" type="text/css" />
<link rel="stylesheet" href="/i/themes/theme_42/23.2/css/Core.min.css?v=23.2.0" type="text/css" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
</head>
<body class="t-PageBody t-PageBody--hideLeft t-PageBody--hideActions no-anim t-PageTemplate--standard apex-icons-fontapex apex-theme-vita" id="t_PageBody">
<a href="#main" id="t_Body_skipToContent" class="t-Body-skipToContent">Vai al contenuto principale</a>
<form role="none" action="wwv_flow.accept?p_context=osservatorio/scheda-processo/6401728350116" method="post" name="wwv_flow" id="wwv_flow" novalidate  autocomplete="off">
<input type="hidden" name="p_flow_id" value="104" id="pFlowId" /><input type="hidden" name="p_flow_step_id" value="12" id="pFlowStepId" /><input type="hidden" name="p_instance" value="6401728350116" id="pInstance" /><input type="hidden" name="p_page_submission_id" value="NjQwMTcyODM1MDExNjoxMg" id="pPageSubmissionId" /><input type="hidden" name="p_request" value="" id="pRequest" /><input type="hidden" name="p_reload_on_submit" value="A" id="pReloadOnSubmit" />
<header class="t-Header" id="t_Header" role="banner">
  <div class="t-Header-branding">
    <div class="t-Header-logo"><a href="f?p=104:1:6401728350116:::::" class="t-Header-logo-link"><span class="apex-logo-text">Osservatorio Partecipazione</span></a></div>
  </div>
  <div class="t-Header-nav"><ul class="t-NavigationBar">
`, esc(p.Title))
	for i, n := range h10Nav {
		fmt.Fprintf(b, "<li class=\"t-NavigationBar-item\"><a class=\"t-Button t-Button--icon t-Button--header\" href=\"f?p=104:%d:6401728350116:::::\"><span class=\"t-Button-label\">%s</span></a></li>\n", 20+i, esc(n[0]))
	}
	b.WriteString(`</ul></div>
</header>
<div class="t-Body">
<div class="t-Body-main">
<div class="t-Body-title" id="t_Body_title"><div class="t-BreadcrumbRegion t-BreadcrumbRegion--showBreadcrumb t-BreadcrumbRegion--useBreadcrumbTitle"><div class="t-BreadcrumbRegion-body"><div class="t-BreadcrumbRegion-breadcrumb"><ul class="t-Breadcrumb "><li class="t-Breadcrumb-item"><a href="f?p=104:1:6401728350116:::::" class="t-Breadcrumb-label">Home</a></li><li class="t-Breadcrumb-item"><a href="f?p=104:10:6401728350116:::::" class="t-Breadcrumb-label">Processi</a></li><li class="t-Breadcrumb-item is-active" aria-current="page"><h1 class="t-Breadcrumb-label">` + esc(p.Title) + `</h1></li></ul></div></div></div></div>
<div class="t-Body-content" id="t_Body_content">
<main id="main" class="t-Body-mainContent">
<div class="t-Body-contentInner">
<div class="container">
`)
	if p.Region != "" || len(badgeNames(p)) > 0 {
		b.WriteString("<div class=\"t-Alert t-Alert--horizontal t-Alert--defaultIcons t-Alert--info\" id=\"R_INTESTAZIONE\" role=\"region\"><div class=\"t-Alert-body\">")
		if p.Region != "" {
			fmt.Fprintf(b, "<p>%s</p>", esc(p.Region))
		}
		for _, bd := range badgeNames(p) {
			fmt.Fprintf(b, "<span class=\"t-Badge t-Badge--basic\"><span class=\"t-Badge-value\">%s</span></span> ", bd)
		}
		b.WriteString("</div></div>\n")
	}
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="row "><div class="col col-12 apex-col-auto">
<div class="t-Region t-Region--scrollBody" id="R%[1]d" role="region" aria-labelledby="R%[1]d_heading">
<div class="t-Region-header"><div class="t-Region-headerItems t-Region-headerItems--title"><h2 class="t-Region-title" id="R%[1]d_heading" data-apex-heading>%[2]s</h2></div></div>
<div class="t-Region-bodyWrap"><div class="t-Region-body">
<div class="container">
`, 4210+i, esc(s.Name))
		for _, f := range h7Fields(p, i) {
			item := "P12_" + h10Upper(f.Label)
			if len(item) > 30 {
				item = item[:25] + "_" + strings.ToUpper(h3ID(f.Label, 4))
			}
			lines := h10Lines(f, false)
			fmt.Fprintf(b, `<div class="row "><div class="col col-12 apex-col-auto"><div class="t-Form-fieldContainer t-Form-fieldContainer--floatingLabel t-Form-fieldContainer--stretchInputs apex-item-wrapper apex-item-wrapper--display-only" id="%[1]s_CONTAINER"><div class="t-Form-labelContainer"><span id="%[1]s_LABEL" class="t-Form-label">%[2]s</span></div><div class="t-Form-inputContainer"><div class="t-Form-itemWrapper"><input type="hidden" name="%[1]s" id="%[1]s" value="%[3]s"><span id="%[1]s_DISPLAY" class="display_only apex-item-display-only" data-escape="true">%[4]s</span></div><span id="%[1]s_error_placeholder" class="a-Form-error u-visible" data-template-id="33620287920707183_ET"></span></div></div></div></div>
`, item, esc(f.Label), esc(strings.Join(lines, "\n")), h10HTML(f, false, "<br>", func(src string) string {
				return `<img src="` + esc(src) + `" alt="` + esc(f.Label) + `" class="apex-item-display-only-img">`
			}))
		}
		b.WriteString("</div>\n</div></div>\n</div>\n</div></div>\n")
	}
	fmt.Fprintf(b, `<div class="row "><div class="col col-12 apex-col-auto"><div class="t-ButtonRegion t-Form--floatLeft" id="R_CTA" role="region"><div class="t-ButtonRegion-wrap"><span>%[2]s</span> <a href="f?p=104:40:6401728350116::NO:RP,40:P40_ID:%[1]d" class="t-Button t-Button--hot" id="B_INTEGRA"><span class="t-Button-label">%[3]s</span></a></div></div></div></div>
</div>
</div>
</main>
<footer class="t-Footer" id="t_Footer" role="contentinfo"><div class="t-Footer-body"><div class="t-Footer-content"><span>Assemblea legislativa della Regione Emilia-Romagna</span></div><div class="t-Footer-apex"><div class="t-Footer-version">Versione 2.4.1</div></div></div></footer>
</div>
</div>
</div>
<input type="hidden" id="pPageItemsRowVersion" value="" /><input type="hidden" id="pPageItemsProtected" value="-Jhq9wQ4fQ8Ex2ZyPbUdXg" />
</form>
<div class="t-Alert t-Alert--page t-Alert--info" id="cookie-consent" role="dialog"><div class="t-Alert-body">%[4]s</div><button class="t-Button" type="button" onclick="apex.storage.setCookie('OSS_COOKIE','1');$('#cookie-consent').hide();">Accetto</button></div>
<script src="/i/libraries/apex/minified/desktop_all.min.js?v=23.2.0"></script>
<script type="text/javascript">apex.jQuery( function() { apex.page.init( this, function() { apex.jQuery.timeago.settings.strings={"suffixAgo":"fa"}; } ); });</script>
</body>
</html>
`, p.ID, esc(ctaQuestion), esc(ctaAction), esc(h10Cookie))
}
