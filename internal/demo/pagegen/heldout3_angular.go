package pagegen

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ngAttr is the attribute Angular's emulated view encapsulation puts on
// every element of the record component's template.
const ngAttr = ` _ngcontent-ng-c2417733489=""`

// ngPage holds the state of one Angular page being written: control ids
// are numbered in document order, as Angular Material numbers them.
type ngPage struct {
	b      *strings.Builder
	inputs int
	labels int
	selInd int
	chips  int
}

// renderAngular3 writes an Angular Material application page rendered on
// the server: a toolbar, the title, the region and badge chips, then one
// card per section whose fields are outlined form fields showing the
// values in read-only controls, and the application state as JSON for
// the browser to pick up.
func renderAngular3(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it"><head>
<meta charset="utf-8">
<title>%s | Osservatorio Partecipazione</title>
<base href="/">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" type="image/x-icon" href="favicon.ico">
<link rel="preconnect" href="https://fonts.gstatic.com">
<link rel="stylesheet" href="styles-5INURTSO.css">
<style ng-app-id="ng">.campo[_ngcontent-ng-c2417733489]{width:100%%}.campo-immagine__img[_ngcontent-ng-c2417733489]{max-width:320px}</style>
</head>
<body class="mat-typography"><!--nghm--><script type="text/javascript" id="ng-event-dispatch-contract"></script>
<app-root _nghost-ng-c1031256453="" ng-version="17.3.12" ngh="3" ng-server-context="ssr"><mat-toolbar _ngcontent-ng-c1031256453="" color="primary" class="mat-toolbar mat-primary mat-toolbar-single-row"><span _ngcontent-ng-c1031256453="">Osservatorio Partecipazione</span><span _ngcontent-ng-c1031256453="" class="spacer"></span><a _ngcontent-ng-c1031256453="" mat-button="" href="/processi" class="mdc-button mat-mdc-button mat-unthemed mat-mdc-button-base"><span class="mat-mdc-button-persistent-ripple mdc-button__ripple"></span><span class="mdc-button__label">Processi</span><span class="mat-focus-indicator"></span><span class="mat-mdc-button-touch-target"></span></a><a _ngcontent-ng-c1031256453="" mat-button="" href="/mappa" class="mdc-button mat-mdc-button mat-unthemed mat-mdc-button-base"><span class="mat-mdc-button-persistent-ripple mdc-button__ripple"></span><span class="mdc-button__label">Mappa</span><span class="mat-focus-indicator"></span><span class="mat-mdc-button-touch-target"></span></a></mat-toolbar><main _ngcontent-ng-c1031256453=""><router-outlet _ngcontent-ng-c1031256453=""></router-outlet><app-scheda _nghost-ng-c2417733489="" ngh="2"><div%s class="scheda">
<h1%s class="mat-headline-4">%s</h1>
`, esc(p.Title), ngAttr, ngAttr, esc(p.Title))
	if p.Region != "" {
		fmt.Fprintf(b, "<p%s class=\"scheda__regione mat-subtitle-1\">%s</p>", ngAttr, esc(p.Region))
	}
	ng := &ngPage{b: b}
	if n := badgeNames(p); len(n) > 0 {
		fmt.Fprintf(b, "<mat-chip-set%s role=\"presentation\" class=\"mat-mdc-chip-set mdc-evolution-chip-set\"><div role=\"presentation\" class=\"mdc-evolution-chip-set__chips\">", ngAttr)
		for _, name := range n {
			b.WriteString(ng.chip("mat-chip", name))
		}
		b.WriteString("</div></mat-chip-set>")
	}
	fmt.Fprintf(b, "<p%s class=\"scheda__integra\">%s <a%s mat-stroked-button=\"\" href=\"/integra/%d\" class=\"mdc-button mdc-button--outlined mat-mdc-outlined-button mat-unthemed mat-mdc-button-base\"><span class=\"mat-mdc-button-persistent-ripple mdc-button__ripple\"></span><span class=\"mdc-button__label\">%s</span><span class=\"mat-focus-indicator\"></span></a></p>\n",
		ngAttr, esc(ctaQuestion), ngAttr, p.ID, esc(ctaAction))
	for i, s := range p.Sections {
		fmt.Fprintf(b, "<mat-card%s class=\"mat-mdc-card mdc-card sezione\"><mat-card-header%s class=\"mat-mdc-card-header\"><div class=\"mat-mdc-card-header-text\"><mat-card-title%s class=\"mat-mdc-card-title\">%s</mat-card-title></div></mat-card-header><mat-card-content%s class=\"mat-mdc-card-content\">\n", ngAttr, ngAttr, ngAttr, esc(s.Name), ngAttr)
		for _, f := range s.Fields {
			ng.field(f)
		}
		b.WriteString("<!----></mat-card-content>")
		if i == len(p.Sections)-1 && p.LastModified != "" {
			fmt.Fprintf(b, "<mat-card-footer%s class=\"mat-mdc-card-footer\"><p%s class=\"mat-caption\">%s %s</p></mat-card-footer>", ngAttr, ngAttr, lastModPrefix, esc(p.LastModified))
		}
		b.WriteString("</mat-card>\n")
	}
	b.WriteString("</div></app-scheda><!----></main></app-root>\n")
	state := map[string]any{"scheda-" + fmt.Sprint(p.ID): ngState(p)}
	js, err := json.Marshal(state)
	if err != nil {
		js = []byte("{}")
	}
	fmt.Fprintf(b, "<script id=\"ng-state\" type=\"application/json\">%s</script>\n<script src=\"polyfills-FFHMD2TL.js\" type=\"module\"></script><script src=\"main-6FQZ4XJB.js\" type=\"module\"></script></body></html>\n", js)
}

// ngState is the record as the application's transfer state holds it.
func ngState(p *Page) map[string]any {
	fields := map[string]any{}
	for _, s := range p.Sections {
		for _, f := range s.Fields {
			fields[f.Label] = f.Lines
		}
	}
	return map[string]any{"b": map[string]any{"id": p.ID, "titolo": p.Title, "campi": fields}, "s": 200, "u": p.URL}
}

// chip renders one chip of a chip set (tag "mat-chip") or grid
// ("mat-chip-row").
func (ng *ngPage) chip(tag, text string) string {
	ng.chips++
	return fmt.Sprintf(`<%s%s class="mat-mdc-chip mdc-evolution-chip mat-mdc-standard-chip mat-mdc-chip-disabled mat-primary" id="mat-mdc-chip-%d"><span class="mat-mdc-chip-focus-overlay"></span><span role="gridcell" class="mdc-evolution-chip__cell mdc-evolution-chip__cell--primary"><span matchipaction="" class="mdc-evolution-chip__action mat-mdc-chip-action mdc-evolution-chip__action--primary" tabindex="-1"><span class="mdc-evolution-chip__text-label mat-mdc-chip-action-label">%s<span class="mat-mdc-chip-primary-focus-indicator mat-mdc-focus-indicator"></span></span></span></span></%s>`,
		tag, ngAttr, ng.chips-1, esc(text), tag)
}

// field writes one field: an image block for values holding images, or
// an outlined form field whose control suits the value.
func (ng *ngPage) field(f Field) {
	b := ng.b
	parts := valueParts(f, true)
	hasImage := false
	for _, pt := range parts {
		hasImage = hasImage || pt.kind == "img"
	}
	if hasImage {
		fmt.Fprintf(b, "<div%s class=\"campo campo-immagine\"><div%s class=\"mat-caption campo-immagine__label\">%s</div>", ngAttr, ngAttr, esc(f.Label))
		var chips []string
		for _, pt := range parts {
			switch pt.kind {
			case "map":
				fmt.Fprintf(b, "<span%s class=\"mat-body-strong\">%s</span>", ngAttr, mapLine)
			case "img":
				fmt.Fprintf(b, "<img%s src=\"%s\" alt=\"\" class=\"campo-immagine__img\">", ngAttr, esc(absURL(pt.text)))
			default:
				chips = append(chips, ng.chip("mat-chip", pt.text))
			}
		}
		if len(chips) > 0 {
			fmt.Fprintf(b, "<mat-chip-set%s role=\"presentation\" class=\"mat-mdc-chip-set mdc-evolution-chip-set\"><div role=\"presentation\" class=\"mdc-evolution-chip-set__chips\">%s</div></mat-chip-set>", ngAttr, strings.Join(chips, ""))
		}
		b.WriteString("</div>\n")
		return
	}
	kind := "input"
	switch {
	case h3IsList(f):
		kind = "chips"
	case (f.Type == "enum" || f.Type == "bool") && len(parts) > 0:
		kind = "select"
	case h3Long(f):
		kind = "textarea"
	}
	labelID := fmt.Sprintf("mat-mdc-form-field-label-%d", ng.labels)
	ng.labels++
	var id, control string
	switch kind {
	case "chips":
		id = fmt.Sprintf("mat-mdc-chip-list-input-%d", ng.inputs)
		var chips strings.Builder
		for _, pt := range parts {
			chips.WriteString(ng.chip("mat-chip-row", pt.text))
		}
		control = fmt.Sprintf(`<mat-chip-grid role="grid" aria-disabled="true" class="mat-mdc-chip-set mat-mdc-chip-grid mdc-evolution-chip-set mat-mdc-chip-list-disabled" tabindex="-1" aria-labelledby="%s"><div role="presentation" class="mdc-evolution-chip-set__chips">%s<input readonly="" class="mat-mdc-chip-input mat-mdc-input-element mdc-text-field__input mat-input-element" id="%s" aria-invalid="false" aria-required="false"></div></mat-chip-grid>`,
			labelID, chips.String(), id)
	case "select":
		sel := fmt.Sprintf("mat-select-%d", ng.selInd)
		ng.selInd++
		control = fmt.Sprintf(`<mat-select role="combobox" aria-haspopup="listbox" class="mat-mdc-select mat-mdc-select-disabled" aria-labelledby="%s %s-value" id="%s" tabindex="-1" aria-expanded="false" aria-required="false" aria-disabled="true" aria-invalid="false"><div cdk-overlay-origin="" class="mat-mdc-select-trigger"><div class="mat-mdc-select-value" id="%s-value"><span class="mat-mdc-select-value-text"><span class="mat-mdc-select-min-line">%s</span></span></div><div class="mat-mdc-select-arrow-wrapper"><div class="mat-mdc-select-arrow"><svg viewBox="0 0 24 24" width="24px" height="24px" focusable="false" aria-hidden="true"><path d="M7 10l5 5 5-5z"></path></svg></div></div></div></mat-select>`,
			labelID, sel, sel, sel, esc(strings.Join(f.Lines, " ")))
	case "textarea":
		id = fmt.Sprintf("mat-input-%d", ng.inputs)
		control = fmt.Sprintf(`<textarea%s matinput="" cdktextareaautosize="" readonly="" class="cdk-textarea-autosize mat-mdc-input-element mat-mdc-form-field-textarea-control mat-mdc-form-field-input-control mdc-text-field__input" id="%s" aria-invalid="false" aria-required="false" rows="4">%s</textarea>`,
			ngAttr, id, esc(strings.Join(f.Lines, "\n")))
	default:
		id = fmt.Sprintf("mat-input-%d", ng.inputs)
		control = fmt.Sprintf(`<input%s matinput="" readonly="" class="mat-mdc-input-element mat-mdc-form-field-input-control mdc-text-field__input" id="%s" aria-invalid="false" aria-required="false" value="%s">`,
			ngAttr, id, esc(strings.Join(f.Lines, " ")))
	}
	if id != "" {
		ng.inputs++
	}
	forAttr := ""
	if id != "" {
		forAttr = ` for="` + id + `"`
	}
	fmt.Fprintf(b, `<mat-form-field%s appearance="outline" class="mat-mdc-form-field campo mat-mdc-form-field-type-mat-input mat-form-field-appearance-outline mat-primary mat-form-field-should-float"><!----><div class="mat-mdc-text-field-wrapper mdc-text-field mdc-text-field--outlined"><!----><div class="mat-mdc-form-field-flex"><div matformfieldnotchedoutline="" class="mdc-notched-outline mdc-notched-outline--upgraded mdc-notched-outline--notched"><div class="mdc-notched-outline__leading"></div><div class="mdc-notched-outline__notch"><label matformfieldfloatinglabel="" class="mdc-floating-label mat-mdc-floating-label mdc-floating-label--float-above" id="%s"%s><mat-label%s>%s</mat-label><!----></label><!----></div><div class="mdc-notched-outline__trailing"></div></div><!----><!----><div class="mat-mdc-form-field-infix"><!---->%s</div><!---->`,
		ngAttr, labelID, forAttr, ngAttr, esc(f.Label), control)
	icon := ""
	switch {
	case h3Helped[f.Label]:
		icon = "info"
	case govukNoActions[f.Label]:
		icon = "lock"
	}
	if icon != "" {
		fmt.Fprintf(b, `<div class="mat-mdc-form-field-icon-suffix"><mat-icon%s role="img" matsuffix="" class="mat-icon notranslate material-icons mat-ligature-font mat-icon-no-color" aria-hidden="true" data-mat-icon-type="font">%s</mat-icon></div>`, ngAttr, icon)
	}
	b.WriteString(`</div><!----></div><div class="mat-mdc-form-field-subscript-wrapper mat-mdc-form-field-bottom-align"><div class="mat-mdc-form-field-hint-wrapper">`)
	if h3Helped[f.Label] {
		fmt.Fprintf(b, `<mat-hint%s class="mat-mdc-form-field-hint mat-mdc-form-field-bottom-align">%s</mat-hint>`, ngAttr, esc(helpFor(f.Label)))
	}
	b.WriteString("<div class=\"mat-mdc-form-field-hint-spacer\"></div></div></div></mat-form-field>\n")
}
