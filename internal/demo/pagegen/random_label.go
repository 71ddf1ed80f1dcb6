package pagegen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// decoration is a kind of marker that sites put next to a field label:
// help and info markers, required-field stars, icons.
type decoration struct {
	feature  string
	variants []string // HTML
	before   bool     // may stand before the label
	glue     bool     // may touch the label with no space between
}

const svgIcon = `<svg class="icon" aria-hidden="true" focusable="false" width="12" height="12" viewBox="0 0 16 16"><path d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1z"></path></svg>`

var decorations = []decoration{
	{"deco:question", []string{"?", `<span class="help">?</span>`, `<sup>?</sup>`}, false, true},
	{"deco:help-link", []string{`<a href="#aiuto" class="help" title="Aiuto">?</a>`, `<a class="aiuto" href="javascript:void(0)" title="Guida alla compilazione">?</a>`}, false, false},
	{"deco:info-paren", []string{"(i)", `<span class="info">(i)</span>`}, true, false},
	{"deco:info-i", []string{"i", `<span class="info">i</span>`}, false, false},
	{"deco:info-circled", []string{"ⓘ", `<span class="info" title="Informazioni">ⓘ</span>`}, true, true},
	{"deco:star", []string{"*", `<span class="required">*</span>`, `<sup>*</sup>`}, true, true},
	{"deco:star-paren", []string{"(*)", `<span class="obbl">(*)</span>`}, true, false},
	{"deco:abbr", []string{`<abbr title="obbligatorio">*</abbr>`, `<abbr class="req" title="campo obbligatorio">*</abbr>`}, false, true},
	{"deco:empty-i", []string{`<i class="fa fa-info-circle"></i>`, `<i class="bi bi-question-circle"></i>`, `<i class="icon-help"></i>`}, true, true},
	{"deco:empty-span", []string{`<span class="glyphicon glyphicon-info-sign"></span>`, `<span class="icon icon-question"></span>`}, true, true},
	{"deco:aria-hidden", []string{`<span aria-hidden="true">ⓘ</span>`, `<i class="fa fa-asterisk" aria-hidden="true"></i>`, `<span class="req" aria-hidden="true">*</span>`}, true, true},
	{"deco:role-img", []string{`<span role="img" aria-label="informazioni">ⓘ</span>`, `<span role="img" aria-label="aiuto" class="icon-help"></span>`}, true, true},
	{"deco:svg", []string{svgIcon}, true, true},
	// A help popup: the link that opens it (leading nowhere) and its text,
	// which the site's stylesheet hides (see popupStyle) until the link is
	// clicked.
	{"deco:popup", []string{
		`<a tabindex="-1" aria-haspopup="true" href="#" class="dnnFormHelp"></a><span class="dnnTooltip"><span class="dnnHelpText">Indicare il valore come nella scheda del processo</span></span>`,
		`<a href="javascript:void(0)" class="rfHelp"></a><span class="rfTooltip">Campo compilato dalla redazione</span>`,
		`<span class="ui-helptext">Vedere la guida alla compilazione</span>`,
	}, false, false},
}

// popupStyle is the site's rule hiding the help popups' texts.
const popupStyle = "<style>.dnnTooltip,.rfTooltip,.ui-helptext{display:none;position:absolute}</style>\n"

// labelOpts says what the element holding a label allows.
type labelOpts struct {
	outside bool // a decoration may follow the label element (returned apart)
	colon   bool // the label must end with a colon ("Label: value" on one line)
	noDeco  bool // no decoration (the label doubles as something else)
}

// label renders a field label as a reader would see it on some site: in
// some letter case, maybe with decorations before or after it, with or
// without a colon. It returns the HTML inside the label element and the
// HTML to write right after the element, if any.
func (g *gen) label(text string, o labelOpts) (inner, after string) {
	words := strings.Fields(caseLabel(text, g.labelCase()))
	for i, w := range words {
		words[i] = esc(w)
	}
	if len(words) > 1 && g.chance(0.08) {
		g.use("ws:nbsp-in-label")
		i := 1 + g.intn(len(words)-1)
		words[i-1] = words[i-1] + "&nbsp;" + words[i]
		words = append(words[:i], words[i+1:]...)
	}
	body := strings.Join(words, " ")
	if g.drawnSpaces && !o.noDeco && g.chance(0.5) {
		body = drawSpaces(body) // "Stato<span> </span>di avanzamento"
	}

	colon := g.usually(g.colonStyle, "none", "plain", "spaced", "nbsp")
	if o.colon && colon == "none" {
		colon = "plain"
	}
	g.use("colon:" + colon)
	colonHTML := map[string]string{"none": "", "plain": ":", "spaced": " :", "nbsp": ":&nbsp;"}[colon]

	var pre, post, postColon string
	n := 0
	if !o.noDeco {
		switch x := g.r.Float64(); {
		case x < 0.45:
			n = 1
		case x < 0.55:
			n = 2
		}
	}
	for range n {
		d := decorations[g.decoStyle]
		if g.chance(0.5) {
			d = decorations[g.intn(len(decorations))]
		}
		g.use(d.feature)
		v := d.variants[g.intn(len(d.variants))]
		sep := g.pick(" ", " ", "&nbsp;")
		pos := g.pick("after", "after", "after-colon", "before", "outside")
		if pos == "before" && !d.before || pos == "outside" && !o.outside {
			pos = "after"
		}
		if pos == "after-colon" && colonHTML == "" {
			pos = "after"
		}
		if pos != "before" && d.glue && g.chance(0.25) {
			g.use("deco-pos:glued")
			sep = ""
		}
		g.use("deco-pos:" + pos)
		switch pos {
		case "before":
			pre += v + sep
		case "after":
			post += sep + v
		case "after-colon":
			if colon == "nbsp" && postColon == "" {
				sep = "" // "Label:&nbsp;?"
			}
			postColon += sep + v
		case "outside":
			after += " " + v
		}
	}
	return pre + body + post + colonHTML + postColon, after
}

// labelCase picks the letter case of one label.
func (g *gen) labelCase() string {
	c := g.usually(g.caseStyle, "as-written", "upper", "lower", "title")
	g.use("case:" + c)
	return c
}

// caseLabel writes a label in a letter case.
func caseLabel(s, style string) string {
	switch style {
	case "upper":
		return strings.ToUpper(s)
	case "lower":
		return strings.ToLower(s)
	case "title":
		return titleCase(s)
	}
	return s
}

// titleCase capitalizes the first letter of every word.
func titleCase(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		for j, r := range w {
			if unicode.IsLetter(r) {
				words[i] = w[:j] + string(unicode.ToUpper(r)) + w[j+utf8.RuneLen(r):]
				break
			}
		}
	}
	return strings.Join(words, " ")
}

// sectionName renders a section heading's text.
func (g *gen) sectionName(name string) string {
	if g.chance(0.25) {
		g.use("section:upper")
		return esc(strings.ToUpper(name))
	}
	return esc(name)
}
