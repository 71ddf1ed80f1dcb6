package pagegen

import (
	"fmt"
	"strings"
)

// italiaSprite is the Bootstrap Italia icon sprite.
const italiaSprite = "https://www.osservatoriopartecipazione.it/bootstrap-italia/dist/svg/sprites.svg"

// renderItalia writes the record as an Italian public administration site
// built on Bootstrap Italia (Designers Italia models) shows a content
// page: slim and centre headers, breadcrumbs, the heading block with
// chips for the awards, a page index of the sections beside the content,
// sections holding it-list items (label with its value in an <em>, no
// space between them), chips for list items, callouts for long texts and
// figures for images, then the page rating block. Empty fields are left
// out.
func renderItalia(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
<title>%s | Osservatorio Partecipazione</title>
<link rel="stylesheet" href="https://www.osservatoriopartecipazione.it/bootstrap-italia/dist/css/bootstrap-italia.min.css">
</head>
<body>
<div class="skiplink">
<a class="visually-hidden-focusable" href="#main-container">Vai ai contenuti</a>
<a class="visually-hidden-focusable" href="#footer">Vai al footer</a>
</div>
<header class="it-header-wrapper" data-bs-target="#header-nav-wrapper">
<div class="it-header-slim-wrapper">
<div class="container"><div class="row"><div class="col-12">
<div class="it-header-slim-wrapper-content">
`, esc(p.Title))
	ente := "Assemblea legislativa"
	if p.Region != "" {
		ente = p.Region
	}
	fmt.Fprintf(b, "<a class=\"d-lg-block navbar-brand\" href=\"https://www.assemblea.emr.it\" target=\"_blank\" aria-label=\"Vai al portale dell'ente - link esterno - apertura nuova scheda\" title=\"Vai al portale dell'ente\">%s</a>\n", esc(ente))
	fmt.Fprintf(b, `<div class="it-header-slim-right-zone" role="navigation">
<div class="nav-item dropdown"><button type="button" class="nav-link dropdown-toggle" data-bs-toggle="dropdown" aria-expanded="false" aria-controls="languages" aria-haspopup="true"><span class="visually-hidden">Lingua attiva:</span><span>ITA</span><svg class="icon"><use href="%[1]s#it-expand"></use></svg></button></div>
</div>
</div>
</div></div></div>
</div>
<div class="it-nav-wrapper">
<div class="it-header-center-wrapper">
<div class="container"><div class="row"><div class="col-12">
<div class="it-header-center-content-wrapper">
<div class="it-brand-wrapper">
<a href="https://www.osservatoriopartecipazione.it/" title="Vai alla homepage">
<svg class="icon" aria-hidden="true"><use href="%[1]s#it-pa"></use></svg>
<span class="it-brand-text">
<span class="it-brand-title d-block">Osservatorio Partecipazione</span>
<span class="it-brand-tagline d-none d-md-block">Processi partecipativi in Emilia-Romagna</span>
</span>
</a>
</div>
</div>
</div></div></div>
</div>
<div class="it-header-navbar-wrapper" id="header-nav-wrapper">
<div class="container"><div class="row"><div class="col-12">
<nav class="navbar navbar-expand-lg has-megamenu" aria-label="Menu principale">
<div class="navbar-collapsable" id="nav4" style="display: none;"><div class="menu-wrapper">
<ul class="navbar-nav" data-element="main-navigation">
<li class="nav-item"><a class="nav-link active" href="https://www.osservatoriopartecipazione.it/processi" aria-current="page"><span>Processi</span></a></li>
<li class="nav-item"><a class="nav-link" href="https://www.osservatoriopartecipazione.it/mappa"><span>Mappa</span></a></li>
<li class="nav-item"><a class="nav-link" href="https://www.osservatoriopartecipazione.it/link"><span>Link utili</span></a></li>
</ul>
</div></div>
</nav>
</div></div></div>
</div>
</div>
</header>
<main>
<div class="container" id="main-container">
<div class="row justify-content-center"><div class="col-12 col-lg-10">
<div class="cmp-breadcrumbs" role="navigation">
<nav class="breadcrumb-container" aria-label="breadcrumb">
<ol class="breadcrumb p-0" data-element="breadcrumb">
<li class="breadcrumb-item"><a href="https://www.osservatoriopartecipazione.it/">Home</a><span class="separator">/</span></li>
<li class="breadcrumb-item"><a href="https://www.osservatoriopartecipazione.it/processi">Processi</a><span class="separator">/</span></li>
`, italiaSprite)
	fmt.Fprintf(b, "<li class=\"breadcrumb-item active\" aria-current=\"page\">%s</li>\n</ol>\n</nav>\n</div>\n", esc(p.Title))
	fmt.Fprintf(b, "<div class=\"cmp-heading pb-3 pb-lg-4\">\n<h1 class=\"title-xxxlarge\" data-element=\"page-name\">%s</h1>\n<p class=\"subtitle-small\">Scheda del processo partecipativo</p>\n", esc(p.Title))
	if badges := badgeNames(p); len(badges) > 0 {
		b.WriteString(`<div class="d-flex flex-wrap gap-2 mt-10 mb-30">`)
		for _, n := range badges {
			fmt.Fprintf(b, `<div class="chip chip-simple chip-primary"><span class="chip-label">%s</span></div>`, esc(n))
		}
		b.WriteString("</div>\n")
	}
	fmt.Fprintf(b, "<p class=\"text-paragraph\">%s <a class=\"btn btn-outline-primary btn-sm\" href=\"https://www.osservatoriopartecipazione.it/integra-informazioni?processo=%d\">%s</a></p>\n</div>\n</div></div>\n",
		esc(ctaQuestion), p.ID, esc(ctaAction))

	b.WriteString(`<div class="row row-column-menu-left mt-4 mt-lg-80 pb-lg-80 pb-40">
<div class="col-12 col-lg-3 mb-4 border-col">
<div class="cmp-navscroll sticky-top" aria-labelledby="accordion-title-one">
<nav class="navbar it-navscroll-wrapper navbar-expand-lg" aria-label="Indice della pagina" data-bs-navscroll>
<div class="navbar-custom" id="navbarNavProgress"><div class="menu-wrapper"><div class="link-list-wrapper">
<div class="accordion"><div class="accordion-item"><span class="accordion-header" id="accordion-title-one">
<button class="accordion-button pb-10 px-3" type="button" data-bs-toggle="collapse" data-bs-target="#collapse-one" aria-expanded="true" aria-controls="collapse-one">Indice della pagina<svg class="icon icon-xs right"><use href="`)
	b.WriteString(italiaSprite)
	b.WriteString(`#it-expand"></use></svg></button>
</span>
<div class="progress"><div class="progress-bar it-navscroll-progressbar" role="progressbar" aria-valuenow="0" aria-valuemin="0" aria-valuemax="100"></div></div>
<div id="collapse-one" class="accordion-collapse collapse show" role="region" aria-labelledby="accordion-title-one"><div class="accordion-body">
<ul class="link-list" data-element="page-index">
`)
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<li class=\"nav-item\"><a class=\"nav-link\" href=\"#sezione-%d\"><span class=\"title-medium\">%s</span></a></li>\n", i+1, esc(s.Name))
	}
	b.WriteString(`</ul>
</div></div>
</div></div>
</div></div></div>
</nav>
</div>
</div>
<div class="col-12 col-lg-8 offset-lg-1">
<div class="it-page-sections-container">
`)
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<section class=\"it-page-section mb-30\" id=\"sezione-%d\">\n<h2 class=\"title-xxlarge mb-3\">%s</h2>\n", i+1, esc(s.Name))
		italiaFields(b, s.Fields)
		b.WriteString("</section>\n")
	}
	if p.LastModified != "" {
		fmt.Fprintf(b, "<article id=\"ultimo-aggiornamento\" class=\"it-page-section mb-30\">\n<p class=\"text-paragraph-small mb-0\">%s</p>\n<p class=\"text-paragraph-small\">%s</p>\n</article>\n", lastModLabel, esc(p.LastModified))
	}
	b.WriteString(`</div>
</div>
</div>
</div>
<div class="bg-primary">
<div class="container"><div class="row d-flex justify-content-center bg-primary">
<div class="col-12 col-lg-6 p-lg-0 px-3">
<div class="cmp-rating pt-lg-80 pb-lg-80" id="rating">
<div class="card shadow card-wrapper p-4 pt-5 border-none" data-element="feedback">
<div class="cmp-rating__card-first"><div class="card-header border-0 mb-0">
<h2 class="title-medium-2-bold mb-0" id="rating-feedback" data-element="feedback-title">Quanto sono chiare le informazioni su questa pagina?</h2>
</div>
<div class="card-body">
<fieldset class="rating">
<legend class="visually-hidden">Valuta da 1 a 5 stelle la pagina</legend>
<input type="radio" id="star5a" name="ratingA" value="5"><label class="full rating-star active" for="star5a" data-element="feedback-rate-5"><svg class="icon icon-sm" role="img" aria-labelledby="first-star" viewBox="0 0 24 24"><path d="M12 1.7L9.5 9.2H1.6L8 13.9l-2.4 7.6 6.4-4.7 6.4 4.7-2.4-7.6 6.4-4.7h-7.9L12 1.7z"></path></svg><span class="visually-hidden" id="first-star">Valuta 5 stelle su 5</span></label>
</fieldset>
</div>
</div>
</div>
</div>
</div>
</div></div>
</div>
</main>
<footer class="it-footer" id="footer">
<div class="it-footer-main"><div class="container"><p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell&#39;Emilia-Romagna</p></div></div>
</footer>
</body>
</html>
`)
}

// italiaFields writes the fields of one section: consecutive short
// fields in one it-list, lists as chips, long texts as callouts, images
// as figures.
func italiaFields(b *strings.Builder, fields []Field) {
	inList := false
	closeList := func() {
		if inList {
			b.WriteString("</ul>\n</div>\n")
			inList = false
		}
	}
	for _, f := range fields {
		if empty2(f) {
			continue
		}
		ps := pieces2(f)
		short := !isList2(f) && !isLongText2(f) && len(ps) == 1 && ps[0].kind == piece2Line
		if short {
			if !inList {
				b.WriteString("<div class=\"it-list-wrapper\">\n<ul class=\"it-list\">\n")
				inList = true
			}
			fmt.Fprintf(b, "<li><div class=\"list-item\"><div class=\"it-right-zone\"><span class=\"text\">%s<em>%s</em></span></div></div></li>\n", esc(f.Label), textOrLink2(ps[0].text))
			continue
		}
		closeList()
		if isLongText2(f) {
			fmt.Fprintf(b, "<div class=\"callout\">\n<div class=\"callout-title\"><svg class=\"icon\"><use href=\"%s#it-info-circle\"></use></svg><span class=\"visually-hidden\">Approfondimento:</span> %s</div>\n", italiaSprite, esc(f.Label))
			for _, pc := range ps {
				fmt.Fprintf(b, "<p>%s</p>\n", autolink2(pc.text))
			}
			b.WriteString("</div>\n")
			continue
		}
		fmt.Fprintf(b, "<div class=\"mt-4 mb-4\">\n<h3 class=\"title-small-semi-bold mb-2\">%s</h3>\n", esc(f.Label))
		var chips []string
		flush := func() {
			if len(chips) > 0 {
				b.WriteString("<div class=\"d-flex flex-wrap gap-2\">\n" + strings.Join(chips, "\n") + "\n</div>\n")
				chips = nil
			}
		}
		for _, pc := range ps {
			switch pc.kind {
			case piece2Item:
				chips = append(chips, `<div class="chip chip-simple"><span class="chip-label">`+esc(pc.text)+`</span></div>`)
			case piece2Map:
				flush()
				fmt.Fprintf(b, "<p class=\"text-paragraph-small mb-1\">%s</p>\n", esc(pc.text))
			case piece2Image:
				flush()
				fmt.Fprintf(b, "<figure class=\"figure\"><img src=\"%s\" class=\"figure-img img-fluid rounded\" alt=\"\"></figure>\n", esc(abs2(pc.text)))
			default:
				flush()
				fmt.Fprintf(b, "<p class=\"text-paragraph\">%s</p>\n", textOrLink2(pc.text))
			}
		}
		flush()
		b.WriteString("</div>\n")
	}
	closeList()
}
