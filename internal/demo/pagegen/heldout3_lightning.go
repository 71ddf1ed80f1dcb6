package pagegen

import (
	"fmt"
	"strings"
)

// lightningHighlights are the fields the record page's compact layout
// repeats in the highlights panel.
var lightningHighlights = []string{"Stato di avanzamento", "Natura Processo"}

// lightningPicklists are the list fields kept as multi-select picklists,
// whose values Salesforce shows joined by "; "; the other lists are long
// text areas with one item per line.
var lightningPicklists = set("Ambito di intervento", "Tematica specifica", "Figure Professionali", "Tecniche di Partecipazione", "Partecipanti")

// lightningSVG is an icon as the Lightning base components render it.
func lightningSVG(name string) string {
	return `<lightning-primitive-icon variant="bare"><svg focusable="false" aria-hidden="true" viewBox="0 0 520 520" part="icon" lwc-7hl7rj9d3tb="" data-key="` + name + `" class="slds-icon slds-icon-text-default slds-icon_xx-small"><g lwc-7hl7rj9d3tb=""><path d="M260 20a240 240 0 1 0 0 480 240 240 0 0 0 0-480z" lwc-7hl7rj9d3tb=""></path></g></svg></lightning-primitive-icon>`
}

// renderLightning3 writes a Salesforce Lightning record page as an
// Experience Cloud site serves it: a highlights panel with the title,
// badges and a few fields, then a tab set whose details tab holds one
// record layout section per section, two fields per row.
func renderLightning3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it-IT">
<head>
<meta charset="utf-8">
<title>%s</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/osservatorio/s/sfsites/c/resource/SLDS/styles/salesforce-lightning-design-system.min.css">
<script src="/osservatorio/s/sfsites/l/%%7B%%22mode%%22%%3A%%22PROD%%22%%7D/bootstrap.js" defer></script>
</head>
<body class="comm-body">
<div class="siteforceThemeLayoutStarter">
<header class="comm-header">
<div class="comm-navigation"><a class="comm-logo" href="/osservatorio/s/">Osservatorio Partecipazione</a>
<nav class="comm-navigation__list"><a href="/osservatorio/s/processi">Processi</a> <a href="/osservatorio/s/partecipanti">Partecipanti</a> <a href="/osservatorio/s/mappa-processi">Mappa dei processi</a></nav></div>
</header>
<div class="cCenterPanel slds-m-top_x-large">
<div class="forceCommunityRecordDetail">
<records-lwc-highlights-panel>
<div class="highlights slds-clearfix slds-page-header slds-page-header_record-home">
<div class="slds-grid primaryFieldRow">
<div class="slds-media slds-no-space slds-grow">
<div class="slds-media__figure"><records-highlights-icon><span class="slds-icon_container slds-icon-custom-custom37">%s</span></records-highlights-icon></div>
<div class="slds-media__body">
<div class="entityNameTitle slds-line-height_reset">Scheda processo</div>
<h1 class="slds-page-header__title slds-m-right_small slds-align-middle clip-text slds-line-clamp" title="%s"><lightning-formatted-text class="custom-truncate">%s</lightning-formatted-text></h1>
`, esc(p.Title), lightningSVG("record"), esc(p.Title), esc(p.Title))
	if n := badgeNames(p); len(n) > 0 {
		b.WriteString("<div class=\"slds-m-top_xx-small\">")
		for _, name := range n {
			fmt.Fprintf(b, "<lightning-badge class=\"slds-badge slds-theme_success\"><span class=\"slds-badge__icon slds-badge__icon_left\">%s</span>%s</lightning-badge>", lightningSVG("check"), esc(name))
		}
		b.WriteString("</div>\n")
	}
	b.WriteString("</div>\n</div>\n</div>\n<div class=\"secondaryFields\"><ul class=\"slds-page-header__detail-row\">\n")
	lightningHighlight(b, "Regione", p.Region)
	for _, label := range lightningHighlights {
		for _, s := range p.Sections {
			for _, f := range s.Fields {
				if f.Label == label {
					lightningHighlight(b, label, strings.Join(f.Lines, " "))
				}
			}
		}
	}
	fmt.Fprintf(b, `</ul></div>
</div>
</records-lwc-highlights-panel>
<div class="slds-box slds-theme_shade slds-m-vertical_small"><p>%s <a href="/osservatorio/s/integra?recordId=a0B1x%07d">%s</a></p></div>
<lightning-tabset variant="standard">
<div class="slds-tabs_default">
<ul class="slds-tabs_default__nav" role="tablist"><li class="slds-tabs_default__item slds-is-active" role="presentation"><a class="slds-tabs_default__link" role="tab" tabindex="0" aria-selected="true" href="javascript:void(0);" id="tab-dettagli__item">Dettagli</a></li><li class="slds-tabs_default__item" role="presentation"><a class="slds-tabs_default__link" role="tab" tabindex="-1" aria-selected="false" href="javascript:void(0);" id="tab-correlato__item">Correlato</a></li></ul>
<div class="slds-tabs_default__content slds-show" role="tabpanel" aria-labelledby="tab-dettagli__item">
<records-record-layout-block>
`, esc(ctaQuestion), p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<records-record-layout-section>
<div class="slds-section slds-is-open full forcePageBlockSection">
<h3 class="slds-section__title test-id__section-header-container"><button aria-controls="sec-%d" aria-expanded="true" class="slds-button slds-section__title-action">%s<span class="test-id__section-header-title slds-truncate">%s</span></button></h3>
<div class="slds-section__content section__content" id="sec-%d">
<div class="slds-form" role="list">
`, i, lightningSVG("switch"), esc(s.Name), i)
		var row []Field
		flushRow := func() {
			if len(row) == 0 {
				return
			}
			b.WriteString("<records-record-layout-row><div class=\"slds-form__row\">\n")
			for _, f := range row {
				lightningItem(b, f, len(row) == 1)
			}
			b.WriteString("</div></records-record-layout-row>\n")
			row = nil
		}
		for _, f := range s.Fields {
			if h3Long(f) {
				flushRow()
				row = []Field{f}
				flushRow()
				continue
			}
			row = append(row, f)
			if len(row) == 2 {
				flushRow()
			}
		}
		flushRow()
		b.WriteString("</div>\n</div>\n</div>\n</records-record-layout-section>\n")
	}
	if p.LastModified != "" {
		b.WriteString(`<records-record-layout-section>
<div class="slds-section slds-is-open full forcePageBlockSection">
<h3 class="slds-section__title test-id__section-header-container"><button aria-controls="sec-sys" aria-expanded="true" class="slds-button slds-section__title-action">` + lightningSVG("switch") + `<span class="test-id__section-header-title slds-truncate">Informazioni di sistema</span></button></h3>
<div class="slds-section__content section__content" id="sec-sys">
<div class="slds-form" role="list">
<records-record-layout-row><div class="slds-form__row">
`)
		lightningItem(b, Field{Label: lastModLabel, Type: "date", Lines: []string{p.LastModified}}, true)
		b.WriteString("</div></records-record-layout-row>\n</div>\n</div>\n</div>\n</records-record-layout-section>\n")
	}
	b.WriteString(`</records-record-layout-block>
</div>
<div class="slds-tabs_default__content slds-hide" role="tabpanel" aria-labelledby="tab-correlato__item">
<article class="slds-card"><div class="slds-card__header"><h2 class="slds-card__header-title">Allegati (0)</h2></div><div class="slds-card__body">Nessun elemento da visualizzare.</div></article>
</div>
</div>
</lightning-tabset>
</div>
</div>
<footer class="comm-footer"><p>Osservatorio Partecipazione &ndash; Assemblea legislativa dell'Emilia-Romagna</p></footer>
</div>
</body>
</html>
`)
}

// lightningHighlight writes one field of the highlights panel.
func lightningHighlight(b *strings.Builder, label, value string) {
	fmt.Fprintf(b, "<li class=\"slds-page-header__detail-block\"><records-highlights-details-item><p class=\"slds-text-title slds-truncate\" title=\"%s\">%s</p><p class=\"fieldComponent slds-text-body_regular slds-show_inline-block slds-truncate\"><lightning-formatted-text>%s</lightning-formatted-text></p></records-highlights-details-item></li>\n",
		esc(label), esc(label), esc(value))
}

// lightningItem writes one field of a record layout row: its label (with
// a help icon for some), its value in the output component for its type,
// and the inline edit button.
func lightningItem(b *strings.Builder, f Field, full bool) {
	size := "slds-size_1-of-2"
	if full {
		size = "slds-size_1-of-1"
	}
	fmt.Fprintf(b, "<records-record-layout-item field-label=\"%s\" class=\"slds-form__item slds-no-space %s\" role=\"listitem\">\n<div class=\"slds-form-element slds-form-element_readonly slds-form-element_horizontal slds-hint-parent\">\n<span class=\"slds-form-element__label\"><span class=\"test-id__field-label\">%s</span></span>",
		esc(f.Label), size, esc(f.Label))
	if h3Helped[f.Label] {
		fmt.Fprintf(b, "<lightning-helptext class=\"slds-form-element__icon\"><div class=\"slds-form-element__icon\"><button class=\"slds-button slds-button_icon\" aria-describedby=\"help-%s\">%s<span class=\"slds-assistive-text\">Aiuto</span></button></div></lightning-helptext>", h3ID(f.Label, 6), lightningSVG("info"))
	}
	b.WriteString("\n<div class=\"slds-form-element__control\"><span class=\"test-id__field-value slds-form-element__static slds-grow word-break-ie11\"><slot><records-record-layout-base-output>")
	b.WriteString(lightningValue(f))
	fmt.Fprintf(b, "</records-record-layout-base-output></slot></span><button class=\"slds-button slds-button_icon test-id__inline-edit-trigger slds-shrink-none inline-edit-trigger\" title=\"Modifica %s\" type=\"button\">%s<span class=\"slds-assistive-text\">Modifica %s</span></button></div>\n</div>\n</records-record-layout-item>\n",
		esc(f.Label), lightningSVG("edit"), esc(f.Label))
}

// lightningValue renders a value in the output component of its type:
// URLs in lightning-formatted-url, long texts in rich text, picklists
// joined by "; ", other lists one item per line.
func lightningValue(f Field) string {
	parts := valueParts(f, true)
	var out []string
	var items []string
	flush := func() {
		if len(items) == 0 {
			return
		}
		if lightningPicklists[f.Label] {
			out = append(out, "<lightning-formatted-text>"+esc(strings.Join(items, "; "))+"</lightning-formatted-text>")
		} else {
			for i := range items {
				items[i] = esc(items[i])
			}
			out = append(out, "<lightning-formatted-text>"+strings.Join(items, "<br>")+"</lightning-formatted-text>")
		}
		items = nil
	}
	for _, pt := range parts {
		switch pt.kind {
		case "map":
		case "img":
			flush()
			text := absURL(pt.text)
			if pt.text == f.MapImage {
				text = mapLine
			}
			out = append(out, fmt.Sprintf("<lightning-formatted-url><a href=\"%s\" target=\"_blank\">%s</a></lightning-formatted-url>", esc(absURL(pt.text)), esc(text)))
		case "item":
			items = append(items, pt.text)
		default:
			flush()
			switch {
			case h3Long(f):
				out = append(out, "<lightning-formatted-rich-text class=\"slds-rich-text-editor__output\"><div part=\"formatted-rich-text\"><p>"+esc(pt.text)+"</p></div></lightning-formatted-rich-text>")
			case f.Type == "text":
				out = append(out, "<lightning-formatted-text>"+h3Autolink(pt.text, func(u string) string {
					return `<a href="` + esc(u) + `" target="_blank">` + esc(u) + `</a>`
				})+"</lightning-formatted-text>")
			case f.Type == "number" || f.Type == "int":
				out = append(out, "<lightning-formatted-number>"+esc(pt.text)+"</lightning-formatted-number>")
			default:
				out = append(out, "<lightning-formatted-text>"+esc(pt.text)+"</lightning-formatted-text>")
			}
		}
	}
	flush()
	return strings.Join(out, "<br>")
}
