package pagegen

import (
	"fmt"
	"strings"
)

// waybackStamp is the capture's timestamp in the replay's addresses.
const waybackStamp = "20200215103844"

// waybackURL rewrites an address of the page as the Wayback Machine's
// replay does: "/web/<timestamp><kind>/<absolute address>".
func waybackURL(u, kind string) string {
	if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		u = baseHref + strings.TrimPrefix(u, "/")
	}
	return "/web/" + waybackStamp + kind + "/" + u
}

// renderWayback8 writes a record as the Wayback Machine's replay of the
// observatory's old ASP.NET page: replay scripts and toolbar, then the
// WebForms page with every address rewritten, then the archive's
// comment.
func renderWayback8(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><script type="text/javascript" src="https://web-static.archive.org/_static/js/bundle-playback.js?v=1WaXNDFE" charset="utf-8"></script>
<script type="text/javascript" src="https://web-static.archive.org/_static/js/wombat.js?v=txqj7nKC" charset="utf-8"></script>
<script>window.RufflePlayer=window.RufflePlayer||{};window.RufflePlayer.config={"autoplay":"on","unmuteOverlay":"hidden"};</script>
<script type="text/javascript" src="https://web-static.archive.org/_static/js/ruffle/ruffle.js"></script>
<script type="text/javascript">
    __wm.init("https://web.archive.org/web");
  __wm.wombat("%[1]s","%[2]s","https://web.archive.org/","web","https://web-static.archive.org/_static/",
	      "1581763124");
</script>
<link rel="stylesheet" type="text/css" href="https://web-static.archive.org/_static/css/banner-styles.css?v=S1zqJCYt" />
<link rel="stylesheet" type="text/css" href="https://web-static.archive.org/_static/css/iconochive.css?v=3PDvdIFv" />
<!-- End Wayback Rewrite JS Include -->
<title>
	%[3]s - Osservatorio Partecipazione
</title><link href="%[4]s" rel="stylesheet" type="text/css" /></head>
<body>
<!-- BEGIN WAYBACK TOOLBAR INSERT -->
<script>__wm.rw(0);</script>
<div id="wm-ipp-base" lang="en" style="display: block; direction: ltr; height: 67px;" toolbar-mode="auto">
<div id="wm-ipp" style="position:fixed;left:0;top:0;right:0;">
<div id="donato" style="position:relative;width:100%%;"></div>
<div id="wm-ipp-inside">
  <div id="wm-toolbar" style="position:relative;display:flex;flex-flow:row nowrap;justify-content:space-between;">
    <div id="wm-logo" style="/*width:110px;*/padding-top:12px;">
      <a href="/web/" title="Wayback Machine home page"><img src="https://web-static.archive.org/_static/images/toolbar/wayback-toolbar-logo-200.png" srcset="https://web-static.archive.org/_static/images/toolbar/wayback-toolbar-logo-100.png, https://web-static.archive.org/_static/images/toolbar/wayback-toolbar-logo-150.png 1.5x, https://web-static.archive.org/_static/images/toolbar/wayback-toolbar-logo-200.png 2x" alt="Wayback Machine" style="width:100px" border="0" /></a>
    </div>
    <div class="c" style="display:flex;flex-flow:column nowrap;justify-content:space-between;flex:1;">
      <form class="u" style="display:flex;flex-direction:row;flex-wrap:nowrap;" target="_top" method="get" action="/web/submit" name="wmtb" id="wmtb"><input type="text" name="url" id="wmtbURL" value="%[1]s" onfocus="this.focus();this.select();" style="flex:1;"/><input type="hidden" name="type" value="replay" /><input type="hidden" name="date" value="%[2]s" /><input type="submit" value="Go" /></form>
      <div style="display:flex;flex-flow:row nowrap;align-items:flex-end;">
        <div class="s" id="wm-nav-captures" style="flex:1;"><a class="t" href="/web/%[2]s*/%[1]s" title="See a list of every capture for this URL">12 captures</a>
	  <div class="r" title="Timespan for captures of this URL">09 Oct 2016 - 04 Mar 2021</div>
	</div>
        <div class="k">
          <div id="wm-graph-anchor"><div id="wm-ipp-sparkline" title="Explore captures for this URL" style="position: relative"><canvas id="wm-sparkline-canvas" width="725" height="27" border="0"></canvas></div></div>
        </div>
      </div>
    </div>
    <div class="n">
      <table>
	<tbody>
	  <tr class="m"><td class="b" nowrap="nowrap"><a href="/web/20200114083011/%[1]s" title="14 Jan 2020"><strong>JAN</strong></a></td><td class="c" id="displayMonthEl" title="You are here: 10:38:44 Feb 15, 2020">FEB</td><td class="f" nowrap="nowrap"><a href="/web/20200321154502/%[1]s" title="21 Mar 2020"><strong>MAR</strong></a></td></tr>
	  <tr class="d"><td class="b" nowrap="nowrap"><a href="/web/20200114083011/%[1]s" title="08:30:11 Jan 14, 2020"><img src="https://web-static.archive.org/_static/images/toolbar/wm_tb_prv_on.png" alt="Previous capture" width="14" height="16" border="0" /></a></td><td class="c" id="displayDayEl" style="width:34px;font-size:22px;white-space:nowrap;" title="You are here: 10:38:44 Feb 15, 2020">15</td><td class="f" nowrap="nowrap"><a href="/web/20200321154502/%[1]s" title="15:45:02 Mar 21, 2020"><img src="https://web-static.archive.org/_static/images/toolbar/wm_tb_nxt_on.png" alt="Next capture" width="14" height="16" border="0" /></a></td></tr>
	  <tr class="y"><td class="b" nowrap="nowrap"><a href="/web/20190302110912/%[1]s" title="02 Mar 2019"><strong>2019</strong></a></td><td class="c" id="displayYearEl" title="You are here: 10:38:44 Feb 15, 2020">2020</td><td class="f" nowrap="nowrap"><a href="/web/20210304090417/%[1]s" title="04 Mar 2021"><strong>2021</strong></a></td></tr>
	</tbody>
      </table>
    </div>
    <div class="r" style="display:flex;flex-flow:column nowrap;align-items:flex-end;justify-content:space-between;">
      <div id="wm-btns" style="white-space:nowrap;">
        <a href="#close" onclick="__wm.h(event);return false;" style="display:block;padding-right:18px;" id="wm-tb-close" title="Close the toolbar"><span class="iconochive-remove-circle" style="color:#888888;font-size:14px;"></span></a>
        <a href="http://faq.web.archive.org/" title="Get some help using the Wayback Machine" style="top:-6px;"><span class="iconochive-question" style="color:rgb(87,186,244);font-size:160%%;"></span></a>
      </div>
      <div id="wm-share" style="display: flex;"><a id="wm-expand" class="wm-btn wm-closed" href="#expand" onclick="__wm.ex(event);return false;"><span class="wm-caret"></span> About this capture</a></div>
    </div>
  </div>
</div>
<div id="wm-capinfo" style="border-top:1px solid #777;display:none; overflow:hidden">
  <div id="wm-capinfo-collected-by">
    <div style="background-color:#666;color:#fff;font-weight:bold;text-align:center">COLLECTED BY</div>
    <div style="padding:3px;position:relative" id="wm-collected-by-content">
      <div style="display:inline-block;vertical-align:top;width:50%%;"><span class="c-logo" style="background-image:url(https://archive.org/services/img/alexacrawls);"></span> Organization: <a style="color:#33f;" href="https://archive.org/details/alexacrawls" target="_new"><span class="wm-title">Alexa Crawls</span></a><div style="max-height:75px;overflow:hidden;position:relative;"><div style="position:absolute;top:0;left:0;width:100%%;height:75px;background:linear-gradient(to bottom,rgba(255,255,255,0) 0%%,rgba(255,255,255,0) 90%%,rgba(255,255,255,1) 100%%);"></div>Starting in 1996, Alexa Internet has been donating their crawl data to the Internet Archive.</div></div>
    </div>
  </div>
  <div id="wm-capinfo-timestamps">
    <div style="background-color:#666;color:#fff;font-weight:bold;text-align:center" title="Timestamps for the elements of this page">TIMESTAMPS</div>
    <div><div id="wm-capresources" style="margin:0 5px 5px 5px;max-height:250px;overflow-y:scroll !important"></div><div id="wm-capresources-loading" style="text-align:left;margin:0 20px 5px 5px;display:none"><img src="https://web-static.archive.org/_static/images/loading.gif" alt="loading" /></div></div>
  </div>
</div></div></div><div id="wm-ipp-print">The Wayback Machine - https://web.archive.org/web/%[2]s/%[1]s</div>
<script type="text/javascript">//<![CDATA[
__wm.bt(725,27,25,2,"web","%[1]s","%[2]s",1996,"https://web-static.archive.org/_static/",["https://web-static.archive.org/_static/css/banner-styles.css?v=S1zqJCYt","https://web-static.archive.org/_static/css/iconochive.css?v=3PDvdIFv"], false);
  __wm.rw(1);
//]]></script>
<!-- END WAYBACK TOOLBAR INSERT -->
    <form method="post" action="./%[5]d" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%[6]s" />
</div>
<div class="aspNetHidden">
	<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />
</div>
    <div id="testata">
        <a id="lnkHome" href="%[7]s"><img id="imgLogo" src="%[8]s" alt="Osservatorio Partecipazione" /></a>
`, esc(p.URL), waybackStamp, esc(p.Title), esc(waybackURL("css/stile.css", "cs_")), p.ID, viewState(p.ID, 96),
		esc(waybackURL(baseHref, "")), esc(waybackURL("images/logo.png", "im_")))
	if p.Region != "" {
		fmt.Fprintf(b, "        <span id=\"lblRegione\" class=\"regione\">%s</span>\n", esc(p.Region))
	}
	fmt.Fprintf(b, `        <ul id="menu"><li><a href="%s">Processi</a></li><li><a href="%s">Partecipanti</a></li><li><a href="%s">Mappa</a></li></ul>
    </div>
    <div id="contenuto">
        <h1><span id="ContentPlaceHolder1_lblTitolo">%s</span></h1>
`, esc(waybackURL("processi", "")), esc(waybackURL("partecipanti", "")), esc(waybackURL("mappa", "")), esc(p.Title))
	if bs := badgeNames(p); len(bs) > 0 {
		b.WriteString("        <div class=\"bollini\">")
		for _, n := range bs {
			fmt.Fprintf(b, `<img id="ContentPlaceHolder1_img%s" src="%s" alt="%s" title="%s" />`, n, esc(waybackURL("images/bollino_"+strings.ToLower(n)+".png", "im_")), n, n)
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "        <div class=\"integra\">%s <a id=\"ContentPlaceHolder1_lnkIntegra\" class=\"bottone\" href=\"%s\">%s</a></div>\n",
		esc(ctaQuestion), esc(waybackURL(fmt.Sprintf("integra-informazioni?processo=%d", p.ID), "")), esc(ctaAction))
	k := 0
	for i, s := range p.Sections {
		fmt.Fprintf(b, "        <div class=\"blocco\">\n            <h2 class=\"blocco-titolo\">%s</h2>\n            <table id=\"ContentPlaceHolder1_rptSezioni_tblCampi_%d\" class=\"tabScheda\" cellspacing=\"0\">\n", esc(s.Name), i)
		for _, f := range s.Fields {
			fmt.Fprintf(b, "                <tr>\n                    <td class=\"etichetta\"><span id=\"ContentPlaceHolder1_rptSezioni_rptCampi_%[1]d_lblEtichetta_%[2]d\">%[3]s</span></td>\n                    <td class=\"valore\"><span id=\"ContentPlaceHolder1_rptSezioni_rptCampi_%[1]d_lblValore_%[2]d\">%[4]s</span></td>\n                </tr>\n",
				i, k, esc(f.Label), waybackValue(f))
			k++
		}
		b.WriteString("            </table>\n        </div>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "        <p class=\"modifica\"><span id=\"ContentPlaceHolder1_lblModifica\">%s %s</span></p>\n", lastModPrefix, esc(p.LastModified))
	}
	fmt.Fprintf(b, `    </div>
    <div id="piede">Osservatorio Partecipazione - Assemblea legislativa dell'Emilia-Romagna - <a href="%s">Privacy</a></div>
    </form>
</body>
</html>
<!--
     FILE ARCHIVED ON 10:38:44 Feb 15, 2020 AND RETRIEVED FROM THE
     INTERNET ARCHIVE ON 09:12:01 Dec 02, 2026.
     JAVASCRIPT APPENDED BY WAYBACK MACHINE, COPYRIGHT INTERNET ARCHIVE.

     ALL OTHER CONTENT MAY ALSO BE PROTECTED BY COPYRIGHT (17 U.S.C.
     SECTION 108(a)(3)).
-->
<!--
playback timings (ms):
  captures_list: 0.517
  exclusion.robots: 0.021
  RedisCDXSource: 2.915
  load_resource: 120.358
-->
`, esc(waybackURL("privacy", "")))
}

// waybackValue renders a value as the old page did, with its addresses
// rewritten by the replay: lines joined by <br />, lists as written,
// images and the map in place.
func waybackValue(f Field) string {
	var out []string
	for _, pt := range valueParts(f, false) {
		switch pt.kind {
		case "map":
			out = append(out, mapLine)
		case "img":
			u := waybackURL(pt.text, "im_")
			out = append(out, `<a href="`+esc(waybackURL(pt.text, ""))+`" target="_blank"><img src="`+esc(u)+`" alt="" style="max-width:400px" /></a>`)
		default:
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(waybackURL(u, "")) + `" target="_blank">` + esc(u) + `</a>`
			}))
		}
	}
	return strings.Join(out, "<br />")
}
