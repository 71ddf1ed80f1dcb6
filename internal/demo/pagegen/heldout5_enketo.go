package pagegen

import (
	"fmt"
	"strings"
)

// Enketo's form: the choices of its select questions, the extra choices
// of the participants question, the questions with a hint and the
// required ones.
var (
	enketoChoices = map[string][]string{
		"Stato di avanzamento":      {"Progetto", "In corso", "Concluso"},
		"Natura Processo":           {"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"},
		"Tipo di partecipazione":    {"Partecipazione volontaria", "Partecipazione volontaria regolata da Statuto o atti deliberativi", "Partecipazione obbligatoria per legge"},
		"Livello di partecipazione": {"INFORMAZIONE", "CONSULTAZIONE", "CO-PROGETTAZIONE", "EMPOWERMENT"},
		"Riscontro della prevalenza di genere fra i partecipanti": {"Femminile", "Maschile", enketoNotGiven},
	}
	enketoBool          = []string{"Si", "No"}
	enketoMoreBool      = map[string]string{"Cofinanziamento altri soggetti": enketoNotFunded, "Cofinanziamento": enketoNotFunded}
	enketoNotGiven      = "Non indicato o dato non disponibile nelle fonti consultate"
	enketoNotFunded     = "Non prevista come premialità nel bando di riferimento"
	enketoParticipants  = []string{"Associazioni", "Istituti scolastici", "Imprese e professionisti"}
	enketoHints         = map[string]string{"date": "Formato gg/mm/aaaa", "number": "Importo in euro o percentuale, come nel bando", "index": "Punteggio sul massimo, ad es. 12 / 30"}
	enketoRequiredLabel = set("Stato di avanzamento", "Natura Processo", "Titolari della decisione")
)

// enketoForm is the id of the form whose submissions are shown.
const enketoForm = "scheda_processo_v3"

// renderEnketo5 writes a submission of the observatory's KoboToolbox form
// in Enketo's read-only view: the form header with the language selector
// and the logo, the form title, an unnumbered group identifying the
// process (title, body, recognitions), then one numbered group per
// section with numbered questions, each a label, maybe a required star
// and a hint, and the answer: a read-only input or text area, the
// checked radio button or check boxes among the choices, or the image of
// a file question. A field's map is an image question of its own before
// it.
func renderEnketo5(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="it" dir="ltr" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">
<title>Scheda processo partecipativo – %[1]s</title>
<link rel="shortcut icon" href="/favicon.ico">
<link type="text/css" href="/css/theme-kobo.css" media="all" rel="stylesheet">
<link type="text/css" href="/css/theme-kobo.print.css" media="print" rel="stylesheet">
<script type="module" src="/js/build/enketo-webform-view.js"></script>
</head>
<body class="clearfix edit readonly">
<div class="main">
<article class="paper">
<header class="form-header clearfix">
<span class="form-language-selector"><span>Scegli la lingua</span><select id="form-languages" data-default-lang="Italiano (it)"><option value="Italiano (it)" selected>Italiano</option><option value="English (en)">English</option></select></span>
<div class="form-progress"></div>
<span class="logo-wrapper"><img src="/images/kobo-logo.png" alt="KoboToolbox"></span>
</header>
<form autocomplete="off" novalidate="novalidate" class="or clearfix" dir="ltr" data-form-id="%[2]s">
<!--This form was created by transforming an ODK/OpenRosa-flavored (X)Form using an XSL stylesheet created by Enketo LLC.-->
<section class="form-logo"></section>
<h3 dir="auto" id="form-title">Scheda processo partecipativo</h3>
<section class="or-group or-appearance-field-list" name="/%[2]s/identificazione"><h4><span lang="it" class="question-label active">Identificazione del processo</span></h4>
`, esc(p.Title), enketoForm)
	e := enketoWriter{b: b}
	e.text("identificazione", "titolo", "Titolo del processo", p.Title, false, true)
	e.choices("identificazione", "ente", "Ente", []string{regionName, "Altro ente"}, []string{p.Region}, false, false)
	e.choices("identificazione", "riconoscimenti", "Riconoscimenti", []string{badgeCertTxt, badgeFinTxt}, badgeNames(p), true, false)
	b.WriteString("</section>\n")
	for i, s := range p.Sections {
		group := h3Snake(s.Name)
		fmt.Fprintf(b, "<section class=\"or-group\" name=\"/%s/%s\"><h4><span lang=\"it\" class=\"question-label active\">%d. %s</span></h4>\n", enketoForm, group, i+1, esc(s.Name))
		for j, f := range h5MapsApart(h4Fields(s, i == len(p.Sections)-1, p)) {
			e.field(group, fmt.Sprintf("%d.%d %s", i+1, j+1, f.Label), f)
		}
		b.WriteString("</section>\n")
	}
	b.WriteString(`</form>
<section class="form-footer end"><div class="form-footer__content"><a class="enketo-power" href="https://enketo.org" title="enketo website">Powered by <img src="/images/enketo_bare_150x56.png" alt="enketo logo"></a></div></section>
</article>
</div>
</body>
</html>
`)
}

// enketoWriter writes the questions of the form.
type enketoWriter struct {
	b *strings.Builder
}

// name is the instance path of a question.
func enketoName(group, label string) string {
	return "/" + enketoForm + "/" + group + "/" + h3Snake(label)
}

// head writes a question's label, required star and hint.
func (e enketoWriter) head(label, hint string, required bool) {
	fmt.Fprintf(e.b, `<span lang="it" class="question-label active">%s</span>`, esc(label))
	if required {
		e.b.WriteString(`<span class="required">*</span>`)
	}
	if hint != "" {
		fmt.Fprintf(e.b, `<span lang="it" class="or-hint active">%s</span>`, esc(hint))
	}
}

// text writes a text question answered in a read-only input, or in a
// text area when long.
func (e enketoWriter) text(group, key, label, value string, long, required bool) {
	e.textHint(group, key, label, value, "", long, required)
}

func (e enketoWriter) textHint(group, key, label, value, hint string, long, required bool) {
	e.b.WriteString(`<label class="question non-select readonly">`)
	e.head(label, hint, required)
	name := "/" + enketoForm + "/" + group + "/" + key
	if long {
		fmt.Fprintf(e.b, `<textarea name="%s" data-type-xml="string" readonly>%s</textarea>`, name, esc(value))
	} else {
		fmt.Fprintf(e.b, `<input type="text" name="%s" data-type-xml="string" readonly value="%s">`, name, esc(value))
	}
	e.b.WriteString("</label>\n")
}

// choices writes a select question: radio buttons, or check boxes when
// several may be chosen, the chosen ones checked.
func (e enketoWriter) choices(group, key, label string, options, chosen []string, multiple, required bool) {
	kind, xml, class := "radio", "select1", "simple-select"
	if multiple {
		kind, xml, class = "checkbox", "select", "simple-select or-appearance-columns"
	}
	name := "/" + enketoForm + "/" + group + "/" + key
	fmt.Fprintf(e.b, `<fieldset class="question %s readonly"><fieldset><legend>`, class)
	e.head(label, "", required)
	e.b.WriteString(`</legend><div class="option-wrapper">`)
	for i, o := range options {
		checked := ""
		for _, c := range chosen {
			if c == o {
				checked = " checked"
			}
		}
		fmt.Fprintf(e.b, `<label class=""><input type="%s" name="%s" data-name="%s" value="%s" data-type-xml="%s" readonly%s><span lang="it" class="option-label active">%s</span></label>`,
			kind, name, name, fmt.Sprintf("c%d", i+1), xml, checked, esc(o))
	}
	e.b.WriteString("</div></fieldset></fieldset>\n")
}

// field writes the question of one field: choices for the closed
// vocabularies and the participants, an image for images, an integer, a
// text or a text area otherwise.
func (e enketoWriter) field(group, label string, f Field) {
	key := h3Snake(f.Label)
	value := strings.Join(f.Lines, " ")
	required := enketoRequiredLabel[f.Label]
	if opts, ok := enketoOptions(f); ok {
		e.choices(group, key, label, opts, f.Lines, false, required)
		return
	}
	switch {
	case f.Label == "Partecipanti":
		items := h4Items(f)
		opts := append([]string(nil), items...)
		for _, o := range enketoParticipants {
			if !contains5(opts, o) {
				opts = append(opts, o)
			}
		}
		e.choices(group, key, label, opts, items, true, required)
	case f.Type == "url" && (isEmpty(f) || isImagePath(f.Lines[0])):
		name := enketoName(group, f.Label)
		fmt.Fprintf(e.b, `<label class="question non-select readonly">`)
		e.head(label, "", required)
		if isEmpty(f) {
			fmt.Fprintf(e.b, `<input type="file" name="%s" data-type-xml="binary" accept="image/*" readonly>`, name)
		} else {
			file := f.Lines[0][strings.LastIndex(f.Lines[0], "/")+1:]
			u := esc(absURL(f.Lines[0]))
			fmt.Fprintf(e.b, `<input type="file" name="%s" data-type-xml="binary" accept="image/*" readonly data-loaded-file-name="%s" data-loaded-url="%s"><span class="widget file-picker"><span class="fake-file-input">%s</span><span class="file-preview"><img src="%s" alt=""></span></span>`,
				name, esc(file), u, esc(file), u)
		}
		e.b.WriteString("</label>\n")
	case f.Type == "int" && (value == "" || strings.Trim(value, "0123456789") == ""):
		fmt.Fprintf(e.b, `<label class="question non-select readonly">`)
		e.head(label, "", required)
		fmt.Fprintf(e.b, `<input type="number" name="%s" data-type-xml="int" readonly value="%s">`, enketoName(group, f.Label), esc(value))
		e.b.WriteString("</label>\n")
	default:
		e.textHint(group, key, label, value, enketoHints[f.Type], h4Long(f), required)
	}
}

// enketoOptions returns the choices of a select-one question for f, with
// f's answer among them, or false when f is not one.
func enketoOptions(f Field) ([]string, bool) {
	var opts []string
	switch {
	case enketoChoices[f.Label] != nil:
		opts = append(opts, enketoChoices[f.Label]...)
	case f.Type == "bool":
		opts = append(opts, enketoBool...)
		if more, ok := enketoMoreBool[f.Label]; ok {
			opts = append(opts, more)
		} else if strings.HasPrefix(f.Label, "Tra i soggetti") || strings.HasPrefix(f.Label, "Conciliazione") {
			opts = append(opts, enketoNotGiven)
		}
	default:
		return nil, false
	}
	if len(f.Lines) > 1 {
		return nil, false
	}
	if len(f.Lines) == 1 && !contains5(opts, f.Lines[0]) {
		if f.Lines[0] == "Sì" && opts[0] == "Si" {
			opts[0] = "Sì"
		} else {
			opts = append(opts, f.Lines[0])
		}
	}
	return opts, true
}

func contains5(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
