package pagegen

import (
	"fmt"
	"strings"
)

// shopifyDescription is the title of the collapsible row holding the long
// texts; shopifyRelated starts the product recommendations after the
// record.
const (
	shopifyDescription = "Descrizione"
	shopifyRelated     = "Potrebbe interessarti anche"
)

// renderShopify7 writes a record as a Shopify Dawn product page: the
// region as the vendor, the badges as product badges, a price, quantity
// and cart buttons, the long texts under <h3>s in a "Descrizione" row,
// then one collapsible row per section whose rich text lists the other
// fields as "Label – value" items; empty fields left out.
func renderShopify7(b *strings.Builder, p *Page) {
	slug := h5Slug(p.Title)
	pid := 7400000000000 + p.ID*37
	fmt.Fprintf(b, `<!doctype html>
<html class="no-js" lang="it">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="https://schede-partecipazione.myshopify.com/products/%[2]s">
<title>%[1]s &ndash; Schede Partecipazione</title>
<meta property="og:site_name" content="Schede Partecipazione">
<meta property="og:type" content="product">
<meta property="og:title" content="%[1]s">
<meta property="product:price:amount" content="0,00">
<meta property="product:price:currency" content="EUR">
<script src="//schede-partecipazione.myshopify.com/cdn/shop/t/3/assets/constants.js?v=58251544750838685771" defer="defer"></script>
<style data-shopify>:root{--font-body-family:Assistant,sans-serif;--color-base-text:18,18,18}.visually-hidden{position:absolute!important;overflow:hidden;width:1px;height:1px;margin:-1px;padding:0;border:0;clip:rect(0 0 0 0)}</style>
</head>
<body class="gradient animate--hover-default">
<a class="skip-to-content-link button visually-hidden" href="#MainContent">Vai direttamente ai contenuti</a>
<div id="shopify-section-announcement-bar" class="shopify-section"><div class="announcement-bar color-accent-1 gradient" role="region" aria-label="Annuncio"><div class="page-width"><p class="announcement-bar__message h5"><span>Tutte le schede sono gratuite: nessuna spedizione</span></p></div></div></div>
<div id="shopify-section-header" class="shopify-section section-header"><sticky-header data-sticky-type="on-scroll-up" class="header-wrapper color-background-1 gradient header-wrapper--border-bottom"><header class="header header--middle-left header--mobile-center page-width header--has-menu">
<a href="/" class="header__heading-link link link--text focus-inset"><span class="h2">Schede Partecipazione</span></a>
<nav class="header__inline-menu"><ul class="list-menu list-menu--inline" role="list"><li><a href="/" class="header__menu-item list-menu__item link link--text focus-inset"><span>Home page</span></a></li><li><a href="/collections/all" class="header__menu-item list-menu__item link link--text focus-inset"><span>Catalogo</span></a></li><li><a href="/pages/contact" class="header__menu-item list-menu__item link link--text focus-inset"><span>Contatti</span></a></li></ul></nav>
<div class="header__icons"><a href="/search" class="header__icon header__icon--search link focus-inset"><svg class="icon icon-search" aria-hidden="true" focusable="false" viewBox="0 0 18 19"><path d="M11.03 11.68A5.784 5.784 0 112.85 3.5a5.784 5.784 0 018.18 8.18z"/></svg><span class="visually-hidden">Cerca</span></a><a href="/cart" class="header__icon header__icon--cart link focus-inset" id="cart-icon-bubble"><svg class="icon icon-cart-empty" aria-hidden="true" focusable="false" viewBox="0 0 40 40"><path d="m15.75 11.8h-3.16l-.77 11.6a5 5 0 0 0 4.99 5.34h7.38"/></svg><span class="visually-hidden">Carrello</span></a></div>
</header></sticky-header></div>
<main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1">
<section id="shopify-section-template--16011__main" class="shopify-section section"><section id="MainProduct-template--16011__main" class="page-width section-template--16011__main-padding" data-section="template--16011__main">
<div class="product product--large product--left product--stacked grid grid--1-col grid--2-col-tablet">
<div class="grid__item product__media-wrapper"><media-gallery id="MediaGallery-template--16011__main" role="region" class="product__column-sticky" aria-label="Visualizzatore della galleria"><div id="GalleryStatus-template--16011__main" class="visually-hidden" role="status"></div><ul id="Slider-Gallery-template--16011__main" class="product__media-list contains-media grid grid--peek list-unstyled slider slider--mobile" role="list"></ul></media-gallery></div>
<div class="product__info-wrapper grid__item"><section id="ProductInfo-template--16011__main" class="product__info-container product__column-sticky">
`, esc(p.Title), slug)
	if p.Region != "" {
		fmt.Fprintf(b, "<p class=\"product__text inline-richtext caption-with-letter-spacing\">%s</p>\n", esc(p.Region))
	}
	fmt.Fprintf(b, "<div class=\"product__title\"><h1>%[1]s</h1><a href=\"/products/%[2]s\" class=\"product__title\"><span class=\"h1\">%[1]s</span></a></div>\n", esc(p.Title), slug)
	b.WriteString("<p class=\"product__text inline-richtext\"></p>\n<div id=\"price-template--16011__main\" role=\"status\">\n<div class=\"price price--large price--show-badge\"><div class=\"price__container\"><div class=\"price__regular\"><span class=\"visually-hidden visually-hidden--inline\">Prezzo di listino</span><span class=\"price-item price-item--regular\">€0,00 EUR</span></div></div>")
	for _, bd := range badgeNames(p) {
		fmt.Fprintf(b, "<span class=\"badge price__badge-sale color-accent-2\">%s</span>", esc(bd))
	}
	b.WriteString("</div></div>\n<div class=\"product__tax caption rte\">Imposte incluse.</div>\n")
	fmt.Fprintf(b, `<div class="product-form__input product-form__quantity"><label class="quantity__label form__label" for="Quantity-template--16011__main">Quantità <span class="quantity__rules-cart no-js-hidden hidden"></span></label><quantity-input class="quantity"><button class="quantity__button no-js-hidden disabled" name="minus" type="button"><span class="visually-hidden">Riduci quantità per %[1]s</span>−</button><input class="quantity__input" type="number" name="quantity" id="Quantity-template--16011__main" data-cart-quantity="0" data-min="1" min="1" step="1" value="1" form="product-form-template--16011__main"><button class="quantity__button no-js-hidden" name="plus" type="button"><span class="visually-hidden">Aumenta quantità per %[1]s</span>+</button></quantity-input></div>
<div><product-form class="product-form" data-section-id="template--16011__main"><form method="post" action="/cart/add" id="product-form-template--16011__main" accept-charset="UTF-8" class="form" enctype="multipart/form-data" novalidate="novalidate" data-type="add-to-cart-form"><input type="hidden" name="form_type" value="product"><input type="hidden" name="id" value="%[2]d"><div class="product-form__buttons"><button id="ProductSubmitButton-template--16011__main" type="submit" name="add" class="product-form__submit button button--full-width button--secondary"><span>Aggiungi al carrello</span></button><div data-shopify="payment-button" class="shopify-payment-button"><button class="shopify-payment-button__button shopify-payment-button__button--unbranded" type="button">Acquista ora</button></div></div></form></product-form></div>
`, esc(p.Title), pid)

	var long []Field
	type row struct {
		name   string
		fields []Field
	}
	var rows []row
	for i, s := range p.Sections {
		var rest []Field
		for _, f := range h7Fields(p, i) {
			switch {
			case isEmpty(f):
			case h3Long(f):
				long = append(long, f)
			default:
				rest = append(rest, f)
			}
		}
		if len(rest) > 0 {
			rows = append(rows, row{s.Name, rest})
		}
	}
	accordion := func(icon, title string, body func()) {
		fmt.Fprintf(b, "<div class=\"product__accordion accordion quick-add-hidden\"><details id=\"Details-collapsible-row-%s\"><summary><svg class=\"icon icon-accordion icon-%s\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 20 20\"><path d=\"M10 2a8 8 0 100 16 8 8 0 000-16z\"/></svg><span class=\"h4 accordion__title inline-richtext\">%s</span><svg aria-hidden=\"true\" focusable=\"false\" class=\"icon icon-caret\" viewBox=\"0 0 10 6\"><path d=\"M9.354.646a.5.5 0 00-.708 0L5 4.293 1.354.646a.5.5 0 00-.708.708l4 4a.5.5 0 00.708 0l4-4a.5.5 0 000-.708z\"/></svg></summary>\n<div class=\"accordion__content rte\" id=\"ProductAccordion-collapsible-row-%s\">\n", h3ID(title, 6), icon, esc(title), h3ID(title, 6))
		body()
		b.WriteString("</div></details></div>\n")
	}
	if len(long) > 0 {
		accordion("pencil", shopifyDescription, func() {
			for _, f := range long {
				fmt.Fprintf(b, "<h3>%s</h3>\n", esc(f.Label))
				for _, pt := range h7Lines(f) {
					fmt.Fprintf(b, "<p>%s</p>\n", h6Text(pt.text))
				}
			}
		})
	}
	for _, r := range rows {
		accordion("clipboard", r.name, func() {
			b.WriteString("<ul>\n")
			for _, f := range r.fields {
				b.WriteString("<li>" + esc(f.Label) + " – " + shopifyValue(f) + "</li>\n")
			}
			b.WriteString("</ul>\n")
		})
	}
	fmt.Fprintf(b, `<share-button id="Share-template--16011__main" class="share-button quick-add-hidden"><button class="share-button__button hidden"><svg width="13" height="12" viewBox="0 0 13 12" class="icon icon-share" fill="none" aria-hidden="true" focusable="false"><path d="M1.625 8.125V10.2917"/></svg>Condividi</button><details id="Details-share-template--16011__main"><summary class="share-button__button"><svg width="13" height="12" viewBox="0 0 13 12" class="icon icon-share" fill="none" aria-hidden="true" focusable="false"><path d="M1.625 8.125V10.2917"/></svg>Condividi</summary><div class="share-button__fallback motion-reduce"><div class="field"><span id="ShareMessage-template--16011__main" class="share-button__message hidden" role="status"></span><input type="text" class="field__input" id="ShareUrl-template--16011__main" value="https://schede-partecipazione.myshopify.com/products/%[1]s" placeholder="Link" onclick="this.select();" readonly><label class="field__label" for="ShareUrl-template--16011__main">Link</label></div></div></details></share-button>
<a href="/products/%[1]s" class="link product__view-details animate-arrow">Visualizza tutti i dettagli</a>
</section></div></div>
</section></section>
<section id="shopify-section-template--16011__related" class="shopify-section section"><div class="color-background-1 gradient"><product-recommendations class="related-products page-width section-template--16011__related-padding isolate" data-url="/recommendations/products?section_id=template--16011__related&amp;product_id=%[2]d&amp;limit=4">
<h2 class="related-products__heading inline-richtext h2">%[3]s</h2>
<ul class="grid product-grid grid--4-col-desktop grid--2-col-tablet-down" role="list">
<li class="grid__item"><div class="card-wrapper product-card-wrapper"><div class="card card--standard card--text"><div class="card__content"><div class="card__information"><h3 class="card__heading"><a href="/products/bilancio-partecipativo-giovani" class="full-unstyled-link">Bilancio partecipativo giovani</a></h3><div class="card-information"><span class="caption-large light">Stato di avanzamento – In corso</span><div class="price"><span class="price-item price-item--regular">€0,00 EUR</span></div></div></div></div></div></div></li>
<li class="grid__item"><div class="card-wrapper product-card-wrapper"><div class="card card--standard card--text"><div class="card__content"><div class="card__information"><h3 class="card__heading"><a href="/products/piazze-in-comune" class="full-unstyled-link">Piazze in Comune</a></h3><div class="card-information"><span class="caption-large light">Durata (mesi) – 6</span><div class="price"><span class="price-item price-item--regular">€0,00 EUR</span></div></div></div></div></div></div></li>
</ul></product-recommendations></div></section>
</main>
<footer class="footer color-background-1 gradient section-sections--16011__footer-padding"><div class="footer__content-bottom"><div class="footer__copyright caption"><small class="copyright__content">&copy; 2024, <a href="/" title="">Schede Partecipazione</a></small><small class="copyright__content"><a target="_blank" rel="nofollow" href="https://www.shopify.com?utm_campaign=poweredby&amp;utm_medium=shopify&amp;utm_source=onlinestore">Powered by Shopify</a></small></div></div></footer>
</body>
</html>
`, slug, pid, shopifyRelated)
}

// shopifyValue renders the value of f as the rich text editor keeps it
// after the label and the dash: list items joined by their separator,
// lines by <br>, images inline.
func shopifyValue(f Field) string {
	var out strings.Builder
	sep := listSep(f.Type)
	prev := ""
	for _, pt := range h7Lines(f) {
		switch {
		case pt.kind == "img":
			fmt.Fprintf(&out, `<br><img src="%s" alt="" width="320" height="240" loading="lazy">`, esc(pt.text))
		case pt.kind == "item" && prev == "item":
			out.WriteString(esc(sep) + h6Text(pt.text))
		default:
			if prev != "" {
				out.WriteString("<br>")
			}
			out.WriteString(h6Text(pt.text))
		}
		prev = pt.kind
	}
	return out.String()
}
