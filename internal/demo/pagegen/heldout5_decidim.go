package pagegen

import (
	"fmt"
	"net/url"
	"strings"
)

// decidimSite is the address of the participation platform.
const decidimSite = "https://partecipa.comune-emilia.it"

// renderDecidim5 writes a record published as a participatory process of
// a Decidim 0.27 platform, as a visitor sees it: the off-canvas menu,
// the top bar, the main navigation, the process hero (title, region,
// badges, current phase and follow button), then per section a heading
// and a row of two columns: the section's long texts in the main column
// (a section heading and the rich text each), its other fields in a
// sidebar card as definition-data items (a title span followed by the
// bare value text, lists as tag links). Empty fields are left out. The
// platform's statistics and the components of the process follow.
func renderDecidim5(b *strings.Builder, p *Page) {
	slug := fmt.Sprintf("processo-%d", p.ID)
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" class="no-js">
<head>
<title>%[1]s - Partecipa</title>
<meta name="csrf-param" content="authenticity_token">
<meta name="csrf-token" content="%[2]s">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="og:title" content="%[1]s">
<meta property="og:site_name" content="Partecipa">
<link rel="stylesheet" href="/packs/css/decidim_core-2b1f6e2a.css" media="all">
<script src="/packs/js/decidim_core-5c4d9e1f.js" defer></script>
</head>
<body class="participatory_processes">
<div class="off-canvas-wrapper"><div class="off-canvas-wrapper-inner" data-off-canvas-wrapper>
<div class="off-canvas position-right hide-for-large" data-position="right" id="offCanvas" data-off-canvas aria-hidden="true"><button class="close-button" aria-label="Chiudi il menu" type="button" data-close><span aria-hidden="true">&times;</span></button><div class="hide-for-large" data-set="nav-holder"></div><div class="hide-for-large" data-set="nav-login-holder"></div></div>
<div class="off-canvas-content" data-off-canvas-content>
<div class="footer-separator">
<div class="title-bar">
<a class="skip" href="#content">Salta al contenuto principale</a>
<div class="row column topbar">
<div class="logo-wrapper"><a href="%[3]s/">Partecipa</a></div>
<div class="topbar__search"><form action="%[3]s/search" accept-charset="UTF-8" method="get"><label for="term" class="show-for-sr">Cerca</label><input type="text" name="term" id="term" title="Cerca" placeholder="Cerca"></form></div>
<div class="topbar__user show-for-medium" data-set="nav-login-holder"><div class="topbar__user__login js-append"><a class="sign-up" href="%[3]s/users/sign_up">Registrati</a><a class="sign-in" href="%[3]s/users/sign_in">Accedi</a></div></div>
</div>
</div>
<div class="row column main-nav"><nav class="main-nav" aria-label="Menu principale"><ul><li class="main-nav__link"><a href="%[3]s/">Home</a></li><li class="main-nav__link main-nav__link--active"><a href="%[3]s/processes" aria-current="page">Processi</a></li><li class="main-nav__link"><a href="%[3]s/assemblies">Assemblee</a></li><li class="main-nav__link"><a href="%[3]s/pages">Aiuto</a></li></ul></nav></div>
<main id="content">
<div class="wrapper">
<div class="row column">
<div class="process-header">
<div class="process-header__main" style="background-image:url('%[3]s/uploads/decidim/participatory_process/hero_image/%[4]d/hero.jpg')">
<div class="process-header__container row"><h1 class="text-highlight heading3">%[1]s</h1></div>
</div>
<div class="process-header__info">
`, esc(p.Title), h3ID(p.URL+"#csrf", 86), decidimSite, p.ID)
	if p.Region != "" {
		fmt.Fprintf(b, "<div class=\"card__content\"><span class=\"card__text--category\">Ambito</span> <ul class=\"tags tags--process\"><li><a href=\"%s/processes?filter%%5Bwith_any_scope%%5D%%5B%%5D=3\">%s</a></li></ul></div>\n", decidimSite, esc(p.Region))
	}
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<div class=\"card__content process-badges\">")
		for _, name := range n {
			fmt.Fprintf(b, "<span class=\"label success\">%s</span> ", esc(name))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, `<div class="process-header__phase"><div class="process-header__progress"><span class="phase-current">Fase 4 di 4</span></div><span class="phase-title">Fase attuale:</span> <strong>Restituzione degli esiti</strong> <a href="%[1]s/processes/%[2]s?display_steps=true" class="phase-link">Vedi tutte le fasi</a></div>
<div class="process-header__button"><form class="button_to" method="post" action="%[1]s/follow"><button class="button expanded button--sc follow-button" type="submit">Segui</button></form></div>
</div>
</div>
</div>
<div class="row column"><p class="callout secondary">%[3]s <a href="%[1]s/processes/%[2]s/f/12/proposals/new">%[4]s</a></p></div>
`, decidimSite, slug, esc(ctaQuestion), esc(ctaAction))
	for i, s := range p.Sections {
		long, short := decidimArrange(h4Fields(s, i == len(p.Sections)-1, p))
		fmt.Fprintf(b, "<div class=\"row column\"><h2 class=\"section-heading\">%s</h2></div>\n<div class=\"row\">\n<div class=\"columns mediumlarge-8 large-9\">\n", esc(s.Name))
		for _, f := range long {
			fmt.Fprintf(b, "<div class=\"section\"><h3 class=\"section-heading\">%s</h3><div class=\"editor-content\">", esc(f.Label))
			for _, l := range f.Lines {
				fmt.Fprintf(b, "<p>%s</p>", h3Autolink(l, func(u string) string {
					return `<a href="` + esc(u) + `" target="_blank" rel="nofollow noopener noreferrer">` + esc(u) + `</a>`
				}))
			}
			b.WriteString("</div></div>\n")
		}
		b.WriteString("</div>\n<div class=\"columns section mediumlarge-4 large-3\">\n")
		if len(short) > 0 {
			b.WriteString("<div class=\"card extra\"><div class=\"card__content\"><div class=\"definition-data\">\n")
			for _, f := range short {
				fmt.Fprintf(b, "<div class=\"definition-data__item %s\"><span class=\"definition-data__title\">%s</span>%s</div>\n", h3Snake(f.Label), esc(f.Label), decidimValue(f))
			}
			b.WriteString("</div></div></div>\n")
		}
		b.WriteString("</div>\n</div>\n")
	}
	fmt.Fprintf(b, `<section class="section row collapse statistics">
<h3 class="section-heading">Statistiche</h3>
<div class="statistics-cell"><div class="process-stats">
<div class="process-stats__item"><span class="statistic__title">Partecipanti</span><span class="statistic__number">240</span></div>
<div class="process-stats__item"><span class="statistic__title">Proposte</span><span class="statistic__number">12</span></div>
<div class="process-stats__item"><span class="statistic__title">Incontri</span><span class="statistic__number">3</span></div>
<div class="process-stats__item"><span class="statistic__title">Commenti</span><span class="statistic__number">57</span></div>
</div></div>
</section>
<section class="section row collapse"><h3 class="section-heading">Componenti</h3><div class="card-grid"><div class="column"><a href="%[1]s/processes/%[2]s/f/12/proposals" class="card card--list__item"><span class="card__title">Proposte</span></a></div><div class="column"><a href="%[1]s/processes/%[2]s/f/13/meetings" class="card card--list__item"><span class="card__title">Incontri</span></a></div></div></section>
</div>
</main>
</div>
<footer class="main__footer"><div class="row"><div class="medium-4 large-6 column"><ul class="footer-nav"><li><a href="%[1]s/pages/terms-of-service">Termini e condizioni d'uso</a></li><li><a href="%[1]s/pages/accessibility">Accessibilità</a></li></ul></div><div class="medium-4 large-3 column"><div class="decidim-logo"><a target="_blank" rel="noopener" href="https://decidim.org/"><img alt="Decidim Logo" src="/packs/media/images/decidim-logo.svg"></a></div></div></div></footer>
</div>
</div></div>
</body>
</html>
`, decidimSite, slug)
}

// decidimArrange returns the fields of a section with a value, the long
// texts (for the main column) apart from the others (for the sidebar).
func decidimArrange(fields []Field) (long, short []Field) {
	for _, f := range h5NonEmpty(fields) {
		if h4Long(f) {
			long = append(long, f)
		} else {
			short = append(short, f)
		}
	}
	return long, short
}

// decidimValue renders a definition-data item's value: lists as tag
// links to the search, images, text as written.
func decidimValue(f Field) string {
	var out []string
	var items []string
	flush := func() {
		if len(items) > 0 {
			out = append(out, `<ul class="tags tags--list">`+strings.Join(items, "")+`</ul>`)
			items = nil
		}
	}
	for _, pt := range valueParts(f, true) {
		switch pt.kind {
		case "item":
			items = append(items, `<li><a href="`+decidimSite+`/search?term=`+esc(url.QueryEscape(pt.text))+`">`+esc(pt.text)+`</a></li>`)
		case "img":
			flush()
			out = append(out, `<img class="definition-data__image" src="`+esc(absURL(pt.text))+`" alt="">`)
		case "map":
			flush()
			out = append(out, `<span class="definition-data__subtitle">`+esc(pt.text)+`</span>`)
		default:
			flush()
			out = append(out, h3Autolink(pt.text, func(u string) string {
				return `<a href="` + esc(u) + `" target="_blank" rel="nofollow noopener noreferrer">` + esc(u) + `</a>`
			}))
		}
	}
	flush()
	return strings.Join(out, "")
}
