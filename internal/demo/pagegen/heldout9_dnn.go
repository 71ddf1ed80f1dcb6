package pagegen

import (
	"fmt"
	"strings"
)

// renderDNN9 writes a record as a DNN (DotNetNuke) page: skin panes, a
// module container and a dnnForm whose items carry the label control's
// help tooltip between label and value.
func renderDNN9(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html  lang="it-IT">
<head id="Head">
<!--*********************************************-->
<!-- DNN Platform - http://www.dnnsoftware.com   -->
<!-- Copyright (c) 2002-2020, by DNN Corporation -->
<!--*********************************************-->
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type" /><title>
	Osservatorio Partecipazione &gt; Processi &gt; Scheda
</title><meta id="MetaRobots" name="ROBOTS" content="INDEX, FOLLOW" /><link href="/Resources/Shared/stylesheets/dnndefault/7.0.0/default.css?cdv=163" type="text/css" rel="stylesheet"/><link href="/Portals/_default/skins/osservatorio/skin.css?cdv=163" type="text/css" rel="stylesheet"/><link href="/Portals/_default/Containers/osservatorio/container.css?cdv=163" type="text/css" rel="stylesheet"/><script src="/Resources/libraries/jQuery/03_05_01/jquery.js?cdv=163" type="text/javascript"></script></head>
<body id="Body">
    <form method="post" action="/Processi/Scheda/id/%[1]d" id="Form" enctype="multipart/form-data">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[2]s" />
</div>
<script src="/ScriptResource.axd?d=D9drwtSJ4hBA6O8UhT6CQpY&amp;t=ffffffffc820c398" type="text/javascript"></script>
<div id="siteWrapper">
    <div id="userControls" class="container"><div class="language-object"></div><div id="login" class="pull-right"><a id="dnn_dnnLogin_enhancedLoginLink" title="Login" class="LoginLink" rel="nofollow" href="/Login?returnurl=%%2fProcessi%%2fScheda%%2fid%%2f%[1]d">Login</a></div></div>
    <div id="mainHeader-inner" class="container"><div class="navbar navbar-default" role="navigation"><div id="navbar" class="collapse navbar-collapse"><ul class="nav navbar-nav topLevel">
`, p.ID, viewState(p.ID+6, 300))
	for _, n := range h9Nav {
		fmt.Fprintf(b, "\t<li class=\"\"><a href=\"/%s\"><span>%s</span></a></li>\n", n[1], esc(n[0]))
	}
	fmt.Fprintf(b, `</ul></div></div></div>
    <div id="dnn_dnnBreadcrumb_BreadCrumb" class="breadcrumb"><span itemprop="itemListElement"><a href="/Processi" class="breadcrumbLink"><span itemprop="name">Processi</span></a></span> &gt; <span class="breadcrumbLink">Scheda</span></div>
    <div id="dnn_ContentPane" class="contentPane">
<div class="DnnModule DnnModule-OsservatorioScheda DnnModule-512"><a name="512"></a>
<div class="DNNContainer_Title_h2 SpacingBottom">
    <h2><span id="dnn_ctr512_dnnTITLE_titleLabel" class="TitleH2">Scheda processo</span></h2>
    <div id="dnn_ctr512_ContentPane"><!-- Start_Module_512 --><div id="dnn_ctr512_ModuleContent" class="DNNModuleContent ModOsservatorioSchedaC">
<div class="dnnForm dnnScheda dnnClear" id="dnnScheda">
`)
	if p.Region != "" {
		fmt.Fprintf(b, "    <p class=\"regione\"><span id=\"dnn_ctr512_View_lblRegione\">%s</span></p>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "    <h1 class=\"titolo\"><span id=\"dnn_ctr512_View_lblTitolo\">%s</span></h1>\n", esc(p.Title))
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "    <span class=\"dnnBadge dnnBadge%s\">%s</span>\n", bd, bd)
	}
	fmt.Fprintf(b, "    <div class=\"dnnFormMessage dnnFormInfo\">%s <a id=\"dnn_ctr512_View_hlIntegra\" href=\"/Processi/Integra/id/%d\">%s</a></div>\n", esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "    <h2 id=\"dnnPanel-%s\" class=\"dnnFormSectionHead\"><a href=\"#\" class=\"dnnSectionExpanded\">%s</a></h2>\n    <fieldset>\n", h9Ctl(s.Name), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			ctl := "dnn_ctr512_View_" + h9Ctl(f.Label)
			v := h9Value(f, false, "<br />", func(src string) string {
				return `<img src="` + esc(src) + `" alt="" class="dnnImage" />`
			})
			fmt.Fprintf(b, `        <div class="dnnFormItem">
            <div class="dnnLabel" style="position: relative;">
<label>
    <span id="%[1]s_pl_lblLabel">%[2]s:</span>   
</label>
<a tabindex="-1" aria-haspopup="true" href="#" class="dnnFormHelp"></a>
<div class="dnnTooltip">
    <div id="%[1]s_pl_pnlHelp" class="dnnFormHelpContent dnnClear">
        <span id="%[1]s_pl_lblHelp" class="dnnHelpText">%[3]s</span>
        <a href="#" class="pinHelp" aria-label="Pin"></a>
    </div>   
</div>
</div>
            <span id="%[1]s_lblValore" class="dnnFormValue">%[4]s</span>
        </div>
`, ctl, esc(f.Label), esc(helpFor(f.Label)), v)
		}
		b.WriteString("    </fieldset>\n")
	}
	fmt.Fprintf(b, `    <ul class="dnnActions dnnClear"><li><a href="/Processi" class="dnnSecondaryAction">Torna all'elenco</a></li></ul>
</div>
<script type="text/javascript">
    jQuery(function ($) { $('#dnnScheda').dnnPanels(); });
</script>
</div><!-- End_Module_512 --></div>
    <div class="clear cont_br"></div>
</div>
</div></div>
    <footer><div class="container"><span id="dnn_dnnCopyright_lblCopyright" class="SkinObject">Copyright 2020 Assemblea legislativa della Regione Emilia-Romagna</span> | <a id="dnn_dnnPrivacy_hypPrivacy" class="SkinObject" rel="nofollow" href="/Privacy">Privacy</a> | <a id="dnn_dnnTerms_hypTerms" class="SkinObject" rel="nofollow" href="/Terms">Condizioni d'uso</a></div></footer>
</div>
<div id="cookieConsent" class="cc-window cc-banner" role="dialog" aria-label="cookieconsent"><span class="cc-message">%[1]s</span><div class="cc-compliance"><a class="cc-btn cc-dismiss" role="button" tabindex="0">Ho capito</a></div></div>
<input name="ScrollTop" type="hidden" id="ScrollTop" />
<input name="__dnnVariable" type="hidden" id="__dnnVariable" autocomplete="off" value="`+"`"+`{`+"`"+`__scdoff`+"`"+`:`+"`"+`1`+"`"+`}" />
    </form>
</body>
</html>
`, esc(h9Cookie))
}
