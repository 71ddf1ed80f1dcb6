package pagegen

import (
	"fmt"
	"strings"
)

// wixSite is the address of the free Wix site that republishes records.
const wixSite = "https://partecipaemilia.wixsite.com/processi"

// wixPage writes the components of a Wix page: every component a <div>
// with a generated id and class names, texts in rich-text components.
type wixPage struct {
	b    *strings.Builder
	seed string
	n    int
	open bool // a rich-text component is open
}

// id returns the next component id ("comp-lx4k2a9f").
func (w *wixPage) id() string {
	w.n++
	return "comp-l" + strings.ToLower(h3ID(fmt.Sprintf("%s#%d", w.seed, w.n), 7))
}

// cls returns n generated class names for a component kind.
func (w *wixPage) cls(kind string, n int) string {
	var names []string
	for i := 0; i < n; i++ {
		names = append(names, h5Gen(fmt.Sprintf("%s/%d", kind, i), 6))
	}
	return strings.Join(names, " ")
}

// rich opens a rich-text component unless one is open.
func (w *wixPage) rich() {
	if w.open {
		return
	}
	id := w.id()
	fmt.Fprintf(w.b, "<div id=\"%s\" class=\"%s %s wixui-rich-text\" data-testid=\"richTextElement\">\n", id, w.cls("rich", 2), id)
	w.open = true
}

// close closes the open rich-text component.
func (w *wixPage) close() {
	if w.open {
		w.b.WriteString("</div>\n")
		w.open = false
	}
}

// para writes a paragraph of the open rich-text component.
func (w *wixPage) para(font, inner string) {
	w.rich()
	fmt.Fprintf(w.b, "<p class=\"%s wixui-rich-text__text\">%s</p>\n", font, inner)
}

// span wraps inner in the span every rich text is written in.
func wixSpan(style, inner string) string {
	if style != "" {
		return `<span style="` + style + `" class="wixui-rich-text__text">` + inner + `</span>`
	}
	return `<span class="wixui-rich-text__text">` + inner + `</span>`
}

// guard writes the empty paragraph the editor leaves between blocks: a
// zero-width space in a guard span.
func (w *wixPage) guard() {
	w.para("font_8", wixSpan("", `<span class="wixGuard wixui-rich-text__text">&#8203;</span>`))
}

// image writes an image component between the rich texts.
func (w *wixPage) image(src string) {
	w.close()
	id := w.id()
	fmt.Fprintf(w.b, `<div id="%[1]s" class="%[2]s %[1]s wixui-image" title="" data-testid="imageX"><div data-testid="linkElement" class="%[3]s"><wow-image id="img_%[1]s" class="%[4]s" data-image-info='{"containerId":"%[1]s","displayMode":"fill","isLQIP":false,"imageData":{"width":1200,"height":800,"name":"mappa.jpg","displayMode":"fill"}}' data-bg-effect-name="" data-has-ssr-src=""><img src="%[5]s" alt="mappa.jpg" style="width:490px;height:327px;object-fit:cover" width="490" height="327" srcset="%[5]s 1x" fetchpriority="low" loading="lazy"></wow-image></div></div>
`, id, w.cls("image", 2), w.cls("imagelink", 1), w.cls("wow", 2), esc(src))
}

// renderWix5 writes a record republished on a free Wix site, as the
// Thunderbolt renderer serves it: the free-site banner, the header with
// the site name and its menu, then the page's components: the title,
// region, badges and call to action, one rich-text component per
// section, image components between them, and the footer.
func renderWix5(b *strings.Builder, p *Page) {
	w := &wixPage{b: b, seed: p.URL}
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr">
<head>
<meta charset='utf-8'>
<meta name="viewport" content="width=device-width, initial-scale=1" id="wixDesktopViewport">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="generator" content="Wix.com Website Builder">
<link rel="icon" sizes="192x192" href="https://www.wix.com/favicon.ico" type="image/x-icon">
<link rel="shortcut icon" href="https://www.wix.com/favicon.ico" type="image/x-icon">
<title>%[1]s | Partecipa in Emilia</title>
<meta name="description" content="Scheda del processo partecipativo">
<link rel="canonical" href="%[2]s/processo-%[3]d">
<meta property="og:title" content="%[1]s | Partecipa in Emilia">
<meta property="og:url" content="%[2]s/processo-%[3]d">
<meta property="og:site_name" content="Partecipa in Emilia">
<meta property="og:type" content="website">
<script type="application/json" id="wix-essential-viewer-model">{"fleetConfig":{"fleetName":"thunderbolt-renderer","type":"GA","code":0},"mode":{"qa":false,"enableTestApi":false,"debug":false,"ssrIndicator":false,"ssrOnly":false,"siteAssetsFallback":"enable"},"language":{"userLanguage":"it"},"siteAssets":{"clientTopology":{"mediaRootUrl":"https://static.wixstatic.com","staticMediaUrl":"https://static.wixstatic.com/media","moduleRepoUrl":"https://static.parastorage.com/unpkg","fileRepoUrl":"https://static.parastorage.com/services"}}}</script>
<style id="css_masterPage">#SITE_CONTAINER{min-height:100%%}.font_0{font:normal normal normal 46px/1.2em wfont_7c1f3b_1f4d,sans-serif;color:#1F1F1F}.font_2{font:normal normal bold 28px/1.3em wfont_7c1f3b_1f4d,sans-serif;color:#1F1F1F}.font_7{font:normal normal normal 16px/1.5em avenir-lt-w01_35-light1475496,sans-serif;color:#6B6B6B}.font_8{font:normal normal normal 16px/1.6em avenir-lt-w01_35-light1475496,sans-serif;color:#1F1F1F}.font_9{font:normal normal normal 13px/1.4em avenir-lt-w01_35-light1475496,sans-serif;color:#6B6B6B}</style>
</head>
<body>
<div id="WIX_ADS" class="%[4]s"><a data-testid="linkElement" href="https://www.wix.com/lpviral/enviral?utm_campaign=vir_wixad_live&amp;adsVersion=white&amp;orig_msid=5d2f0a7c" target="_blank" rel="nofollow" class="%[5]s"><span class="%[6]s"><span class="%[7]s">Questo sito è stato creato con </span><span class="%[8]s">Wix</span><span class="%[7]s">. Crea il tuo oggi stesso.</span></span><span class="%[9]s">Inizia ora</span></a></div>
<div id="SITE_CONTAINER"><div id="main_MF" class="main_MF"><div id="SCROLL_TO_TOP" class="%[10]s ignore-focus SCROLL_TO_TOP" role="region" tabindex="-1" aria-label="top of page"></div>
<div id="site-root" class="site-root"><div id="masterPage" class="mesh-layout masterPage css-editing-mode">
<header id="SITE_HEADER" class="%[11]s SITE_HEADER wixui-header" tabindex="-1"><div class="%[12]s"><div class="%[13]s"></div></div><div class="%[14]s"><div data-mesh-id="SITE_HEADERinlineContent" data-testid="inline-content" class=""><div data-mesh-id="SITE_HEADERinlineContent-gridContainer" data-testid="mesh-container-content">
`, esc(p.Title), wixSite, p.ID, w.cls("ads", 1), w.cls("adslink", 1), w.cls("adsin", 1), w.cls("adstxt", 1), w.cls("adslogo", 1), w.cls("adsbtn", 1),
		w.cls("top", 1), w.cls("header", 1), w.cls("headerbg", 1), w.cls("headerbg2", 1), w.cls("headerin", 2))
	w.para("font_9", wixSpan("letter-spacing:0.1em;", "PARTECIPA IN EMILIA"))
	w.close()
	fmt.Fprintf(b, `<nav aria-label="Sito" id="%s" class="%s wixui-dropdown-menu"><ul class="%s" role="list">`, w.id(), w.cls("menu", 2), w.cls("menulist", 1))
	for _, item := range [][2]string{{"", "Home"}, {"/processi", "Processi"}, {"/mappa-dei-percorsi", "Mappa dei percorsi"}, {"/contatti", "Contatti"}} {
		fmt.Fprintf(b, `<li class="%s wixui-dropdown-menu__item"><a data-testid="linkElement" href="%s%s" class="%s"><span class="%s"><span class="%s">%s</span></span></a></li>`,
			w.cls("menuitem", 1), wixSite, item[0], w.cls("menulink", 1), w.cls("menuwrap", 1), w.cls("menulabel", 1), item[1])
	}
	fmt.Fprintf(b, "</ul></nav>\n</div></div></div>\n</header>\n")
	page := "c" + strings.ToLower(h3ID(p.URL, 4))
	fmt.Fprintf(b, `<main id="PAGES_CONTAINER" class="PAGES_CONTAINER" tabindex="-1" data-main-content="true"><div id="SITE_PAGES" class="%[1]s SITE_PAGES"><div id="SITE_PAGES_TRANSITION_GROUP" class="%[2]s"><div id="%[3]s" class="%[4]s theme-vars %[3]s"><div class="%[5]s wixui-page" data-testid="page-bg"></div><div class="%[6]s"><div id="Containerc%[3]s" class="%[7]s">
<section id="comp-section-%[3]s" tabindex="-1" class="%[8]s wixui-section" data-block-level-container="ClassicSection"><div data-hook="bgLayers" class="%[9]s"><div data-testid="colorUnderlay" class="%[10]s"></div></div><div data-mesh-id="comp-section-%[3]sinlineContent" data-testid="inline-content" class=""><div data-mesh-id="comp-section-%[3]sinlineContent-gridContainer" data-testid="mesh-container-content">
`, w.cls("pages", 1), w.cls("transition", 1), page, w.cls("page", 1), w.cls("pagebg", 1), w.cls("pagein", 1), w.cls("container", 2),
		w.cls("section", 1), w.cls("bglayers", 1), w.cls("underlay", 2))
	w.rich()
	fmt.Fprintf(b, "<h1 class=\"font_0 wixui-rich-text__text\">%s</h1>\n", wixSpan("", esc(p.Title)))
	if p.Region != "" {
		w.para("font_7", wixSpan("color:#6B6B6B;", esc(p.Region)))
	}
	w.close()
	for _, name := range badgeNames(p) {
		id := w.id()
		fmt.Fprintf(b, `<div id="%[1]s" class="%[1]s-container %[2]s"><a data-testid="linkElement" href="%[3]s/%[4]s" class="StylableButton2545352419__root style-l%[5]s__root wixui-button" aria-label="%[6]s"><span class="StylableButton2545352419__container"><span class="StylableButton2545352419__label wixui-button__label">%[6]s</span></span></a></div>
`, id, w.cls("button", 1), wixSite, strings.ToLower(name), strings.ToLower(h3ID(id, 6)), esc(name))
	}
	w.para("font_8", wixSpan("", esc(ctaQuestion))+" "+`<a href="`+wixSite+`/integra?processo=`+fmt.Sprint(p.ID)+`" target="_self" class="wixui-rich-text__text">`+wixSpan("text-decoration:underline;", esc(ctaAction))+`</a>`)
	w.close()
	for _, s := range p.Sections {
		w.rich()
		fmt.Fprintf(b, "<h2 class=\"font_2 wixui-rich-text__text\">%s</h2>\n", wixSpan("font-weight:bold;", esc(s.Name)))
		w.guard()
		for _, f := range s.Fields {
			wixField(w, f)
		}
		w.close()
	}
	if p.LastModified != "" {
		w.para("font_9", wixSpan("font-style:italic;", esc(lastModPrefix+" "+p.LastModified)))
		w.close()
	}
	fmt.Fprintf(b, `</div></div></section>
</div></div></div></div></div></main>
<footer id="SITE_FOOTER" class="%s SITE_FOOTER wixui-footer" tabindex="-1"><div data-mesh-id="SITE_FOOTERinlineContent" data-testid="inline-content" class=""><div id="%s" class="%s wixui-rich-text" data-testid="richTextElement"><p class="font_9 wixui-rich-text__text"><span class="wixui-rich-text__text">© 2024 Partecipa in Emilia. Creato con Wix.com</span></p></div></div></footer>
<div id="BOTTOM_OF_PAGE" class="%s ignore-focus" role="region" tabindex="-1" aria-label="bottom of page"></div>
</div></div></div></div>
<script src="https://static.parastorage.com/services/wix-thunderbolt/dist/main.f3a1b2c4.bundle.min.js" async></script>
</body>
</html>
`, w.cls("footer", 1), w.id(), w.cls("rich", 2), w.cls("bottom", 1))
}

// wixField writes one field into the section's rich text: a short value
// on the label's paragraph (the colon typed inside the bold label or
// outside it), anything else in the paragraphs after the label, lists as
// bulleted paragraphs, images as components of their own.
func wixField(w *wixPage, f Field) {
	parts := valueParts(f, true)
	long := h4Long(f)
	bold := "font-weight:bold;"
	if len(parts) == 1 && !long && parts[0].kind == "line" {
		value := h3Autolink(parts[0].text, wixLink)
		if h3Hash(f.Label)%3 == 0 {
			w.para("font_8", wixSpan(bold, esc(f.Label))+wixSpan("", ": "+value))
		} else {
			w.para("font_8", wixSpan(bold, esc(f.Label)+":")+wixSpan("", "&nbsp;"+value))
		}
		return
	}
	if long {
		w.para("font_8", wixSpan(bold, esc(f.Label)))
	} else {
		w.para("font_8", wixSpan(bold, esc(f.Label)+":"))
	}
	inList := false
	endList := func() {
		if inList {
			w.b.WriteString("</ul>\n")
			inList = false
		}
	}
	for _, pt := range parts {
		switch pt.kind {
		case "item":
			if !inList {
				w.rich()
				w.b.WriteString("<ul class=\"font_8 wixui-rich-text__text\">\n")
				inList = true
			}
			fmt.Fprintf(w.b, "<li class=\"wixui-rich-text__text\"><p class=\"font_8 wixui-rich-text__text\">%s</p></li>\n", wixSpan("", esc(pt.text)))
		case "img":
			endList()
			w.image(absURL(pt.text))
		case "map":
			endList()
			w.para("font_8", wixSpan("", esc(pt.text)))
		default:
			endList()
			w.para("font_8", wixSpan("letter-spacing:normal;", h3Autolink(pt.text, wixLink)))
		}
	}
	endList()
	if long {
		w.guard()
	}
}

// wixLink is a link the rich-text editor made of a typed address.
func wixLink(u string) string {
	return `<a href="` + esc(u) + `" target="_blank" class="wixui-rich-text__text">` + wixSpan("text-decoration:underline;", esc(u)) + `</a>`
}
