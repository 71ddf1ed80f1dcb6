package pagegen

import (
	"fmt"
	"strings"
)

// gformsPlaceholder is the placeholder Google Forms draws in a short
// answer (hidden from assistive technology); gformsOther the label of the
// option for answers outside the choices; gformsAfter starts the page
// after the response.
const (
	gformsPlaceholder = "La tua risposta"
	gformsOther       = "Altro:"
	gformsAfter       = "Non inviare mai le password tramite Moduli Google."
)

// gformsChoices are the options of the form's choice questions: radio
// buttons for one answer, check boxes (gformsBoxes) for several.
var gformsChoices = map[string][]string{
	"Stato di avanzamento":      {"Progetto", "In corso", "Concluso"},
	"Natura Processo":           {"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"},
	"Tipo di partecipazione":    {"Partecipazione volontaria", "Partecipazione volontaria regolata da Statuto o atti deliberativi", "Partecipazione su invito"},
	"Livello di partecipazione": {"INFORMAZIONE", "CONSULTAZIONE", "CO-PROGETTAZIONE", "EMPOWERMENT"},
}

var gformsBoxes = map[string][]string{
	"Figure Professionali":       {"Facilitatori (Interni)", "Facilitatori (Esterni)", "Esperti di settore"},
	"Tecniche di Partecipazione": {"World Café", "OST (Open Space Technology)", "Focus group", "Interviste e questionari strutturati"},
	"Ambito di intervento":       {"Ambiente", "Urbanistica", "Welfare", "Bilancio"},
	"Tematica specifica":         {"Rigenerazione urbana", "Giovani", "Mobilità"},
}

// renderGForms7 writes a record as its owner sees a Google Forms
// response: the title as an ARIA heading, sections "Sezione N di M",
// disabled inputs and text areas for the answers, choice questions as
// ARIA radio buttons and check boxes with every option shown and only
// aria-checked telling the answer, "Altro:" with its text for answers
// outside the options, files as chips linking to them.
func renderGForms7(b *strings.Builder, p *Page) {
	fmt.Fprintf(b, `<!DOCTYPE html><html lang="it" class="HB1eCd-UMrnmb PHOcVb"><head><link rel="shortcut icon" sizes="16x16" href="https://ssl.gstatic.com/docs/spreadsheets/forms/favicon_qp2.png"><title>%[1]s</title><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="strict-origin-when-cross-origin"><meta property="og:title" content="%[1]s"><meta property="og:type" content="article"><style nonce="Qp1dZ4">.Hvn9fb{display:inline}.snByac{font-size:14px}</style><script nonce="Qp1dZ4">var FB_PUBLIC_LOAD_DATA_ = null;</script></head>
<body dir="ltr" class="lrKTG" itemscope itemtype="http://schema.org/CreativeWork/FormObject"><meta itemprop="name" content="%[1]s"><meta itemprop="url" content="https://docs.google.com/forms/d/e/1FAIpQLSf%[2]s/viewform"><meta itemprop="embedUrl" content="https://docs.google.com/forms/d/e/1FAIpQLSf%[2]s/viewform?embedded=true">
<div class="Uc2NEf"><div class="teQAzf"><form action="https://docs.google.com/forms/u/0/d/e/1FAIpQLSf%[2]s/formResponse" target="_self" method="POST" id="mG61Hd" jsmodel="TOfxwf Q91hve CEkLOc" data-response="%%.@.]" data-first-entry="0" data-last-entry="5" data-is-first-page="false">
<div class="RH5hzf RLS9Fe"><div class="lrKTG"><div class="zQTmif SSPGKf eD0Rn"><div class="RVEQke"></div>
<div class="Dq4amc"><div class="YEVVod"><div class="ahS2Le"><div class="F9yp7e ikZYwf LgNcQe" dir="auto" role="heading" aria-level="1">%[1]s</div></div>
<div class="cBGGJ OIC90c">`, esc(p.Title), h3ID(p.Title, 20))
	var desc []string
	if p.Region != "" {
		desc = append(desc, esc(p.Region))
	}
	for _, bd := range badgeNames(p) {
		desc = append(desc, esc(bd))
	}
	b.WriteString(strings.Join(desc, "<br>"))
	b.WriteString(`</div></div><div class="md0UAd" aria-hidden="true" dir="auto">* Indica una domanda obbligatoria</div></div>
<div class="o3Dpx" role="list">
`)
	q := 0
	for i, s := range p.Sections {
		fmt.Fprintf(b, `<div class="Qr7Oae" role="listitem"><div class="OxAavc"><div class="Hf2ePc">Sezione %d di %d</div><div class="ahS2Le"><div class="F9yp7e ikZYwf LgNcQe" dir="auto" role="heading" aria-level="2">%s</div></div></div></div>
`, i+1, len(p.Sections), esc(s.Name))
		for _, f := range h7Fields(p, i) {
			q++
			id := fmt.Sprintf("i%d", q*4)
			req := ""
			if h3Hash(f.Label)%3 == 0 {
				req = `<span class="vnumgf" aria-label="Domanda obbligatoria"> *</span>`
			}
			fmt.Fprintf(b, `<div class="Qr7Oae" role="listitem"><div jsmodel="CP1oW" data-params="%%.@.[%d,&quot;%s&quot;,null,0]"><div class="geS5n"><div class="z12JJ"><div class="M4DNQ"><div class="HoXoMd D1wxyf RjsPE" role="heading" aria-level="3" id="%s"><span class="M7eMe">%s</span>%s</div></div></div>
`, 1000000+q, esc(f.Label), id, esc(f.Label), req)
			gformsAnswer(b, f, id)
			b.WriteString("</div></div></div>\n")
		}
	}
	fmt.Fprintf(b, `</div>
<div class="ThHDze"><div class="DE3NNc CekdCb"><div class="lRwqcd"><div role="button" class="uArJ5e UQuaGc YhQJj zo8FOc ctEux" aria-disabled="true"><span class="NPEfkd RveJvd snByac">Indietro</span></div></div></div></div>
</div></div></div>
<div class="T2dutf"><div class="QoAMMe">%s</div><div class="zAVwcb"></div></div>
</form></div></div>
<div class="Dq4amc"><div class="Fvio9d"><a class="Fvio9d" href="https://docs.google.com/forms/u/0/d/e/1FAIpQLSf%s/reportabuse">Segnala abuso</a> - <a href="https://policies.google.com/terms">Termini di servizio</a> - <a href="https://policies.google.com/privacy">Norme sulla privacy</a></div><div class="xQHG4d"><span class="Fvio9d">Google Moduli</span></div></div>
</body></html>
`, gformsAfter, h3ID(p.Title, 20))
}

// gformsAnswer writes the answer to the question of f as the response
// view draws it.
func gformsAnswer(b *strings.Builder, f Field, labelledBy string) {
	var files, lines []string
	for _, pt := range h7Lines(f) {
		switch pt.kind {
		case "img":
			files = append(files, pt.text)
		case "map":
		default:
			lines = append(lines, pt.text)
		}
	}
	for _, u := range files {
		fmt.Fprintf(b, `<div class="ihJQZe"><div class="ZHKRQe"><div class="i8jNZe"><img class="WfNuAe" src="https://drive-thirdparty.googleusercontent.com/16/type/image/jpeg" alt="" aria-hidden="true"></div><a class="ZHKRQe-rxUuCc" href="%s" target="_blank">%s</a></div></div>
`, esc(u), esc(u[strings.LastIndex(u, "/")+1:]))
	}
	if opts, ok := gformsChoices[f.Label]; ok || (f.Type == "bool" && len(files) == 0) {
		if !ok {
			opts = []string{"Sì", "No"}
		}
		gformsOptions(b, "radio", opts, lines, labelledBy)
		return
	}
	if opts, ok := gformsBoxes[f.Label]; ok {
		var extra []string
		for _, l := range lines {
			if !containsStr(opts, l) && !containsStr(extra, l) {
				extra = append(extra, l)
			}
		}
		gformsOptions(b, "checkbox", append(append([]string(nil), opts...), extra...), lines, labelledBy)
		return
	}
	if len(files) > 0 && len(lines) == 0 {
		return
	}
	if f.Type == "date" && len(lines) == 1 {
		if d := strings.Split(lines[0], "/"); len(d) == 3 && len(d[2]) == 4 {
			fmt.Fprintf(b, `<div class="AgroKb"><div class="rFrNMe"><div class="Xb9hP"><input type="date" class="whsOnd zHQkBf" disabled aria-labelledby="%s" value="%s-%s-%s"></div></div></div>
`, labelledBy, d[2], d[1], d[0])
			return
		}
	}
	if len(lines) > 1 || h3Long(f) {
		fmt.Fprintf(b, `<div class="AgroKb"><div class="Pc9Gce Wic03c"><textarea class="KHxj8b tL9Q4c" disabled rows="1" aria-labelledby="%s" dir="auto">%s</textarea><div jsname="LwH6nd" class="ndJi5d snByac" aria-hidden="true">%s</div></div></div>
`, labelledBy, esc(strings.Join(lines, "\n")), gformsPlaceholder)
		return
	}
	fmt.Fprintf(b, `<div class="AgroKb"><div class="rFrNMe k3kHxc"><div class="aCsJod oJeWuf"><div class="aXBtI Wic03c"><div class="Xb9hP"><input type="text" class="whsOnd zHQkBf" autocomplete="off" tabindex="0" aria-labelledby="%s" disabled dir="auto" value="%s"><div jsname="LwH6nd" class="ndJi5d snByac" aria-hidden="true">%s</div></div></div></div></div></div>
`, labelledBy, esc(strings.Join(lines, " ")), gformsPlaceholder)
}

// gformsOptions draws a choice question with every option; the answers
// in lines are checked, those outside opts go to "Altro:".
func gformsOptions(b *strings.Builder, role string, opts, lines []string, labelledBy string) {
	group := "radiogroup"
	if role == "checkbox" {
		group = "list"
	}
	fmt.Fprintf(b, `<div class="oyXaNc"><div class="lLfZXe fnxRtf EzyPc" role="%s" aria-labelledby="%s"><div class="SG0AAe">`, group, labelledBy)
	picked := map[string]bool{}
	var other []string
	for _, l := range lines {
		if containsStr(opts, l) || (role == "radio" && (l == "Si" && containsStr(opts, "Sì"))) {
			if l == "Si" {
				l = "Sì"
			}
			picked[l] = true
		} else {
			other = append(other, l)
		}
	}
	option := func(label string, checked bool, extra string) {
		fmt.Fprintf(b, `<div class="nWQGrd zwllIb"><label class="docssharedWizToggleLabeledContainer ajBQVb"><span class="bzfPab wFGF8"><span class="d7L4fc bJNwt FXLARc aomaEc ECvBRb"><span class="Od2TWd hYsg7c" role="%s" aria-label="%s" aria-checked="%t" aria-disabled="true" data-value="%s" tabindex="-1"><span class="vd3tt"><span class="AB7Lab Id5V1"></span></span></span></span><span class="YEVVod"><span class="OvPDhc OIC90c"><span class="aDTYNe snByac OvPDhc OIC90c" dir="auto">%s</span></span></span></span></label>%s</div>`,
			role, esc(label), checked, esc(label), esc(label), extra)
	}
	for _, o := range opts {
		option(o, picked[o], "")
	}
	if role == "radio" || len(other) > 0 {
		val := strings.Join(other, ", ")
		option(gformsOther, len(other) > 0, `<div class="Hvn9fb"><input type="text" class="Hvn9fb zHQkBf" disabled aria-label="Altro risposta" value="`+esc(val)+`"></div>`)
	}
	b.WriteString("</div></div></div>\n")
}

// containsStr reports whether list holds s.
func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
