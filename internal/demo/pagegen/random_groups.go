package pagegen

import (
	"fmt"
	"strconv"
	"strings"
)

// section writes one section: its heading in some form and its fields in
// one kind of label/value markup.
func (g *gen) section(b *strings.Builder, s Section, last bool) {
	fields := s.Fields
	if last && g.p.LastModified != "" && g.chance(0.3) {
		g.use("lastmod:field")
		g.lastModDone = true
		fields = append(append([]Field(nil), fields...), Field{Label: lastModLabel, Type: "date", Lines: []string{g.p.LastModified}})
	}
	group := g.pick("dl", "table", "divs", "form", "form", "strong", "heading")
	kinds := []string{"heading", "heading", "legend", "card-header", "div"}
	if group == "table" {
		kinds = append(kinds, "caption", "caption", "th-row")
	}
	head := g.pick(kinds...)
	g.use("section:" + head)
	name := g.sectionName(s.Name)
	level := 2
	if head == "heading" {
		level = 2 + g.intn(3)
	}

	nl := g.nl()
	var end string
	switch head {
	case "heading":
		open := g.pick("", "<section>", `<div class="sezione">`)
		if open != "" {
			b.WriteString(open + nl)
			end = "</section>"
			if open != "<section>" {
				end = "</div>"
			}
		}
		fmt.Fprintf(b, "<h%d%s>%s</h%d>%s", level, g.pick("", ` class="sezione"`, ` class="section-title"`), name, level, nl)
	case "legend":
		fmt.Fprintf(b, "<fieldset%s>%s<legend>%s</legend>%s", g.pick("", ` class="sezione"`, ` disabled`), nl, name, nl)
		end = "</fieldset>"
	case "card-header":
		hdr := name
		if g.chance(0.5) {
			hdr = "<strong>" + name + "</strong>"
		}
		fmt.Fprintf(b, `<div class="card mb-3">%s<div class="card-header">%s</div>%s<div class="card-body">%s`, nl, hdr, nl, nl)
		end = "</div>" + nl + "</div>"
	case "div":
		fmt.Fprintf(b, `<div class="%s">%s</div>%s`, g.pick("titolo-sezione", "section-header", "box-title"), name, nl)
	}
	wraps := g.intn(3)
	for range wraps {
		fmt.Fprintf(b, `<div class="%s">%s`, g.pick("row", "col-12", "box", "panel-body", "inner", "clearfix"), nl)
	}
	switch group {
	case "dl":
		g.groupDL(b, fields)
	case "table":
		g.groupTable(b, fields, head, name)
	case "divs":
		g.groupDivs(b, fields)
	case "form":
		g.groupForm(b, fields)
	case "strong":
		g.groupStrong(b, fields)
	default:
		g.groupHeadings(b, fields, level)
	}
	b.WriteString(strings.Repeat("</div>"+nl, wraps))
	if end != "" {
		b.WriteString(end + nl)
	}
}

// maybeControl returns f's value as a form control now and then, or "".
func (g *gen) maybeControl(f Field, p float64) string {
	kinds := controlKinds(f)
	if len(kinds) == 0 || !g.chance(p) {
		return ""
	}
	kind := g.pick(kinds...)
	return g.control(f, kind, "", "")
}

func (g *gen) valueOrControl(f Field, s slot) string {
	if c := g.maybeControl(f, 0.12); c != "" {
		return c
	}
	return g.value(f, s)
}

func (g *gen) groupDL(b *strings.Builder, fields []Field) {
	nl := g.nl()
	fmt.Fprintf(b, "<dl%s>%s", g.pick("", ` class="scheda"`, ` class="dl-horizontal"`, ` class="row"`), nl)
	for _, f := range fields {
		inner, _ := g.label(f.Label, labelOpts{})
		pair := "<dt>" + inner + "</dt>" + nl + "<dd>" + g.valueOrControl(f, blockSlot) + "</dd>"
		if g.chance(0.25) {
			g.use("label:dt-div")
			pair = `<div class="coppia">` + pair + "</div>"
		} else {
			g.use("label:dt")
		}
		b.WriteString(pair + nl)
	}
	b.WriteString("</dl>" + nl)
}

func (g *gen) groupTable(b *strings.Builder, fields []Field, head, name string) {
	nl := g.nl()
	fmt.Fprintf(b, "<table%s>%s", g.pick("", ` class="scheda"`, ` class="table table-striped"`, ` width="100%" border="1" cellspacing="0" cellpadding="4"`), nl)
	if head == "caption" {
		fmt.Fprintf(b, "<caption>%s</caption>%s", name, nl)
	}
	tbody := g.chance(0.5)
	if tbody {
		b.WriteString("<tbody>" + nl)
	}
	if head == "th-row" {
		fmt.Fprintf(b, `<tr><th colspan="2" class="sezione">%s</th></tr>%s`, name, nl)
	}
	thLabels := g.chance(0.6)
	for _, f := range fields {
		inner, _ := g.label(f.Label, labelOpts{})
		if thLabels {
			g.use("label:th")
			fmt.Fprintf(b, `<tr><th%s>%s</th>`, g.pick("", ` scope="row"`, ` align="left" valign="top" width="35%"`), inner)
		} else {
			cell := inner
			if g.chance(0.4) {
				g.use("label:td-b")
				t := g.pick("b", "strong")
				cell = "<" + t + ">" + inner + "</" + t + ">"
			} else {
				g.use("label:td")
			}
			fmt.Fprintf(b, `<tr><td%s>%s</td>`, g.pick("", ` class="etichetta"`, ` class="label"`, ` width="30%"`), cell)
		}
		fmt.Fprintf(b, "<td>%s</td></tr>%s", g.valueOrControl(f, blockSlot), nl)
	}
	if tbody {
		b.WriteString("</tbody>" + nl)
	}
	b.WriteString("</table>" + nl)
}

// divsClasses are class names of div label/value pairs on real sites.
var divsClasses = [][3]string{
	{"row", "col-sm-4 label", "col-sm-8 value"},
	{"row campo", "col-md-3 etichetta", "col-md-9 valore"},
	{"field", "field-label", "field-value"},
	{"riga", "nome", "dato"},
	{"info-row", "info-label", "info-content"},
	{"item", "caption", "contenuto"},
	{"d-flex", "w-25 fw-bold", "w-75"},
}

func (g *gen) groupDivs(b *strings.Builder, fields []Field) {
	nl := g.nl()
	cls := divsClasses[g.intn(len(divsClasses))]
	spans := g.chance(0.3)
	for _, f := range fields {
		inner, _ := g.label(f.Label, labelOpts{})
		if spans {
			g.use("label:span")
			fmt.Fprintf(b, `<div class="%s"><span class="%s">%s</span> <span class="%s">%s</span></div>%s`,
				cls[0], cls[1], inner, cls[2], g.valueOrControl(f, inlineSlot), nl)
			continue
		}
		g.use("label:div")
		if g.chance(0.2) {
			inner = "<strong>" + inner + "</strong>"
		}
		fmt.Fprintf(b, `<div class="%s">%s<div class="%s">%s</div>%s<div class="%s">%s</div>%s</div>%s`,
			cls[0], nl, cls[1], inner, nl, cls[2], g.valueOrControl(f, blockSlot), nl, nl)
	}
}

// idPrefix is the ASP.NET control prefix of a control kind.
var idPrefix = map[string]string{"input": "txt", "textarea": "txt", "select": "ddl", "checkbox": "chk"}

func (g *gen) groupForm(b *strings.Builder, fields []Field) {
	nl := g.nl()
	form := g.chance(0.3)
	if form {
		fmt.Fprintf(b, `<form class="scheda" action="/scheda-processo/%d" method="post">%s`, g.p.ID, nl)
	}
	rowCls := g.pick("form-group", "form-group row", "mb-3", "campo")
	for _, f := range fields {
		kinds := controlKinds(f)
		mode := "static"
		if len(kinds) > 0 {
			mode = g.pick("for", "for", "for", "for", "aria", "static", "static")
		}
		fmt.Fprintf(b, `<div class="%s">`, rowCls)
		switch mode {
		case "for":
			kind := g.pick(kinds...)
			id := g.newID(idPrefix[kind], f.Label)
			inner, after := g.label(f.Label, labelOpts{outside: true})
			lbl := fmt.Sprintf(`<label for="%s"%s>%s</label>%s`, id, g.pick("", ` class="control-label"`, ` class="col-sm-4 col-form-label"`), inner, after)
			ctl := g.control(f, kind, id, "")
			if kind == "checkbox" && g.chance(0.5) {
				g.use("label:for-after-control")
				b.WriteString(ctl + " " + lbl)
			} else {
				g.use("label:for")
				b.WriteString(lbl + " " + ctl)
			}
		case "aria":
			g.use("label:aria")
			b.WriteString(g.control(f, g.pick(kinds...), "", f.Label))
		default:
			g.use("label:static")
			inner, after := g.label(f.Label, labelOpts{outside: true})
			fmt.Fprintf(b, `<label class="%s">%s</label>%s`, g.pick("control-label", "col-sm-4 col-form-label", "etichetta"), inner, after)
			if g.chance(0.5) {
				fmt.Fprintf(b, `<div class="form-control-static">%s</div>`, g.value(f, blockSlot))
			} else {
				fmt.Fprintf(b, `<p class="form-control-plaintext">%s</p>`, g.value(f, inlineSlot))
			}
		}
		b.WriteString("</div>" + nl)
	}
	if form {
		b.WriteString("</form>" + nl)
	}
}

func (g *gen) groupStrong(b *strings.Builder, fields []Field) {
	nl := g.nl()
	for _, f := range fields {
		tag := g.pick("strong", "strong", "b")
		box := g.pick("p", "p", "div")
		inline := g.chance(0.25)
		inner, _ := g.label(f.Label, labelOpts{colon: inline})
		val := g.maybeControl(f, 0.1)
		if val == "" {
			val = g.value(f, inlineSlot)
		}
		switch {
		case inline:
			g.use("label:strong-inline")
			fmt.Fprintf(b, "<%s><%s>%s</%s> %s</%s>%s", box, tag, inner, tag, val, box, nl)
		default:
			if tag == "b" {
				g.use("label:b-br")
			} else {
				g.use("label:strong-br")
			}
			fmt.Fprintf(b, "<%s><%s>%s</%s>%s%s</%s>%s", box, tag, inner, tag, g.br(), val, box, nl)
		}
	}
}

func (g *gen) groupHeadings(b *strings.Builder, fields []Field, sectionLevel int) {
	nl := g.nl()
	level := sectionLevel + 1 + g.intn(6-sectionLevel)
	h := "h" + strconv.Itoa(level)
	for _, f := range fields {
		g.use("label:heading")
		inner, _ := g.label(f.Label, labelOpts{})
		fmt.Fprintf(b, "<%s>%s</%s>%s", h, inner, h, nl)
		if c := g.maybeControl(f, 0.1); c != "" {
			fmt.Fprintf(b, "<p>%s</p>%s", c, nl)
			continue
		}
		if g.chance(0.5) {
			fmt.Fprintf(b, "<p>%s</p>%s", g.value(f, inlineSlot), nl)
		} else {
			fmt.Fprintf(b, `<div class="%s">%s</div>%s`, g.pick("testo", "valore", "field-body"), g.value(f, blockSlot), nl)
		}
	}
}
