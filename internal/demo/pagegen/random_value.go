package pagegen

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// slot is the kind of element a value is written into.
type slot int

const (
	blockSlot  slot = iota // flow content: dd, td, div
	inlineSlot             // phrasing content only: inside a p or a span
)

// chunk is one piece of a value: inline pieces next to each other are
// separated by <br>, block pieces stand alone.
type chunk struct {
	html  string
	block bool
}

// value renders f's value as text, lists, links and images (no form
// control) for a slot.
func (g *gen) value(f Field, s slot) string {
	var chunks []chunk
	if f.MapImage != "" {
		chunks = append(chunks, g.mapChunks(f.MapImage, s)...)
	}
	sep := listSep(f.Type)
	listShape := ""
	if sep != "" {
		if s == blockSlot {
			listShape = g.pick("ul", "ul", "ol", "br-lines", "slash-text")
		} else {
			listShape = g.pick("br-lines", "slash-text")
		}
	}
	var texts []string // text lines not in lists
	for _, line := range f.Lines {
		switch {
		case isImagePath(line):
			chunks = append(chunks, chunk{html: g.image(line)})
		case sep != "" && listShape != "slash-text":
			items := listItems(line, sep)
			g.use("value:" + listShape)
			switch listShape {
			case "ul", "ol":
				var b strings.Builder
				b.WriteString("<" + listShape + g.pick("", ` class="lista"`, ` class="list-unstyled"`) + ">")
				for _, it := range items {
					b.WriteString("<li>" + esc(it) + "</li>")
				}
				b.WriteString("</" + listShape + ">")
				chunks = append(chunks, chunk{html: b.String(), block: true})
			default:
				for _, it := range items {
					chunks = append(chunks, chunk{html: esc(it)})
				}
			}
		default:
			if sep != "" {
				g.use("value:slash-text")
			}
			texts = append(texts, g.textLine(f.Type, line))
		}
	}
	if len(texts) > 0 && s == blockSlot && g.chance(0.3) {
		g.use("value:paragraphs")
		for _, t := range texts {
			chunks = append(chunks, chunk{html: "<p>" + t + "</p>", block: true})
		}
	} else {
		for _, t := range texts {
			chunks = append(chunks, chunk{html: t})
		}
	}

	if len(chunks) == 0 {
		if g.chance(0.3) {
			g.use("value:empty-nbsp")
			return "&nbsp;"
		}
		return g.pick("", "", " ", "\n")
	}
	var b strings.Builder
	for i, c := range chunks {
		if i > 0 && !c.block && !chunks[i-1].block {
			b.WriteString(g.br())
		}
		b.WriteString(c.html)
	}
	out := b.String()
	if !chunks[0].block && !strings.HasPrefix(out, "<") && g.chance(0.1) {
		g.use("ws:nbsp-pad")
		out = "&nbsp;" + out
	}
	if g.chance(0.15) {
		g.use("ws:newlines")
		out = "\n\t\t\t" + out + "\n\t\t"
	}
	return out
}

// mapChunks renders the "Mappa" marker and image that open a field's value.
func (g *gen) mapChunks(path string, s slot) []chunk {
	switch g.intn(3) {
	case 0:
		if s == blockSlot {
			return []chunk{{html: `<div class="mappa"><span>` + mapLine + `</span> ` + g.image(path) + `</div>`, block: true}}
		}
		return []chunk{{html: `<span>` + mapLine + `</span> ` + g.image(path)}}
	case 1:
		g.use("img:" + g.imgStyle)
		return []chunk{{html: `<a class="mappa" href="` + esc(g.imgURL(path)) + `">` + mapLine + `</a>`}}
	default:
		return []chunk{{html: mapLine}, {html: g.image(path)}}
	}
}

// imgURL writes an image path in the page's URL style; all styles resolve
// to the same URL.
func (g *gen) imgURL(path string) string {
	switch g.imgStyle {
	case "root":
		return "/" + path
	case "absolute":
		return baseHref + path
	}
	return path
}

// image renders an image value: an image, a linked image or a link.
func (g *gen) image(path string) string {
	g.use("img:" + g.imgStyle)
	u := esc(g.imgURL(path))
	alt := g.pick(`alt=""`, `alt="immagine"`, `alt="mappa"`)
	switch g.intn(3) {
	case 0:
		g.use("value:img")
		return g.void("img", `src="`+u+`" `+alt)
	case 1:
		g.use("value:a-img")
		return `<a href="` + u + `">` + g.void("img", `src="`+u+`" `+alt) + `</a>`
	default:
		g.use("value:link-text")
		return `<a href="` + u + `">` + esc(path) + `</a>`
	}
}

var (
	urlInText = regexp.MustCompile(`https?://[^\s<>"]*[^\s<>".,;:)]`)
	euroTail  = regexp.MustCompile(`[0-9] €$`)
)

// textLine renders one text line: url fields as links, URLs in free text
// sometimes linked, amounts sometimes with a non-breaking space before €.
func (g *gen) textLine(typ, line string) string {
	if typ == "url" {
		return textHTML(typ, line)
	}
	if typ == "number" && euroTail.MatchString(line) && g.chance(0.4) {
		g.use("ws:nbsp-euro")
		return esc(strings.TrimSuffix(line, " €")) + "&nbsp;€"
	}
	if urlInText.MatchString(line) && g.chance(0.5) {
		g.use("value:autolink")
		var b strings.Builder
		last := 0
		for _, m := range urlInText.FindAllStringIndex(line, -1) {
			b.WriteString(esc(line[last:m[0]]))
			u := line[m[0]:m[1]]
			fmt.Fprintf(&b, `<a href="%s" rel="nofollow">%s</a>`, esc(u), esc(u))
			last = m[1]
		}
		b.WriteString(esc(line[last:]))
		return b.String()
	}
	if g.drawnSpaces {
		return drawSpaces(esc(line))
	}
	return esc(line)
}

// drawSpaces writes the first space of every line as an empty element
// holding it, as converters from PDF draw the gap between two words
// ("Comune<span class="_ _0"> </span>di Fiorano").
func drawSpaces(s string) string {
	i := strings.IndexByte(s, ' ')
	if i <= 0 || i == len(s)-1 {
		return s
	}
	return s[:i] + `<span class="_ _0"> </span>` + s[i+1:]
}

// Options of the selects the observatory's back end would render.
var selectOptions = map[string][]string{
	"Stato di avanzamento":      {"Concluso", "In corso", "Progetto"},
	"Natura Processo":           {"Processo certificato e finanziato", "Processo certificato non finanziato", "Processo non certificato"},
	"Tipo di partecipazione":    {"Partecipazione volontaria", "Partecipazione volontaria regolata da Statuto o atti deliberativi"},
	"Livello di partecipazione": {"INFORMAZIONE", "CONSULTAZIONE", "CO-PROGETTAZIONE", "EMPOWERMENT"},
}

// controlKinds lists the form controls that can show f's value exactly.
func controlKinds(f Field) []string {
	if f.MapImage != "" {
		return nil
	}
	for _, l := range f.Lines {
		if isImagePath(l) {
			return nil
		}
	}
	if len(f.Lines) > 1 {
		return []string{"textarea"}
	}
	line := ""
	if len(f.Lines) == 1 {
		line = f.Lines[0]
	}
	switch {
	case f.Type == "bool" && (line == "Si" || line == "Sì" || line == "No"):
		return []string{"checkbox", "checkbox", "select", "input"}
	case f.Type == "bool" || f.Type == "enum":
		return []string{"select", "select", "input"}
	case utf8.RuneCountInString(line) > 100:
		return []string{"textarea", "textarea", "input"}
	case line == "":
		return []string{"input", "textarea", "select"}
	case listSep(f.Type) != "":
		return []string{"input", "textarea"}
	case utf8.RuneCountInString(line) <= 40 && f.Type == "text":
		return []string{"input", "input", "select", "textarea"}
	}
	return []string{"input"}
}

// options returns the options of a select showing value, the value among them.
func options(f Field, value string) []string {
	opts := selectOptions[f.Label]
	if f.Type == "bool" {
		opts = []string{"Si", "No"}
		if value == "Sì" {
			opts = []string{"Sì", "No"}
		}
	}
	for _, o := range opts {
		if o == value {
			return opts
		}
	}
	if value == "" {
		return opts
	}
	return append(append([]string(nil), opts...), value)
}

// control renders f's value in a read-only form control of kind (one of
// controlKinds). id and aria are attributes to give it ("" for none).
func (g *gen) control(f Field, kind, id, aria string) string {
	var attrs strings.Builder
	if id != "" {
		name := id
		if strings.HasPrefix(id, "ctl00_") {
			name = strings.ReplaceAll(id, "_", "$")
		}
		fmt.Fprintf(&attrs, ` id="%s" name="%s"`, id, name)
	}
	if aria != "" {
		fmt.Fprintf(&attrs, ` aria-label="%s"`, esc(aria))
	}
	value := strings.Join(f.Lines, "\n")
	switch kind {
	case "checkbox":
		on := value == "Si" || value == "Sì"
		if on {
			g.use("value:checkbox-checked")
			return g.void("input", `type="checkbox"`+attrs.String()+" "+g.attr("disabled")+" "+g.attr("checked"))
		}
		g.use("value:checkbox-unchecked")
		return g.void("input", `type="checkbox"`+attrs.String()+" "+g.attr("disabled"))
	case "select":
		g.use("value:select")
		var b strings.Builder
		fmt.Fprintf(&b, `<select%s %s class="%s">`, attrs.String(), g.attr("disabled"), g.pick("form-control", "form-select", "aspNetDisabled", "campo"))
		if value == "" {
			fmt.Fprintf(&b, `<option value="" %s></option>`, g.selected())
		} else if g.chance(0.5) {
			b.WriteString(`<option value="">-- Seleziona --</option>`)
		}
		for i, o := range options(f, value) {
			sel := ""
			if o == value {
				sel = " " + g.selected()
			}
			fmt.Fprintf(&b, `<option value="%d"%s>%s</option>`, i+1, sel, esc(o))
		}
		b.WriteString("</select>")
		return b.String()
	case "textarea":
		g.use("value:textarea")
		lead := g.pick("", "\n", "\r\n") // the first newline in a textarea is not part of its text
		return fmt.Sprintf(`<textarea%s rows="%d" cols="60" %s class="%s">%s%s</textarea>`,
			attrs.String(), 2+g.intn(6), g.attr("readonly"), g.pick("form-control", "campo", "testo"), lead, esc(value))
	default:
		g.use("value:input")
		ro := g.attr(g.pick("readonly", "readonly", "disabled"))
		return g.void("input", fmt.Sprintf(`type="text"%s value="%s" %s class="%s"`, attrs.String(), esc(value), ro, g.pick("form-control", "form-control-plaintext", "campo", "txt")))
	}
}

func (g *gen) selected() string { return g.attr("selected") }
