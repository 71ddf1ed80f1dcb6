package parsers

// fieldValue is a field's value as a reader sees it, from its blocks.
type fieldValue struct {
	// lines are the value as shown, one per block: text, else an image's
	// source or a link's target; ticked and unticked options are marked.
	lines []string
	// texts are the blocks' texts that count: options not chosen are left
	// out, decorations removed.
	texts []string
	// check is the state of a lone checkbox with no text of its own, for
	// yes/no fields.
	check checkState
}

const (
	tickOn  = "☑"
	tickOff = "☐"
)

// valueOf reads a field's blocks. A decoration never starts a value; a
// checkbox or radio button counts by its option text when ticked, and is
// left out when not; a lone box with no text is a yes or a no.
func (a *assembler) valueOf(f *openField) fieldValue {
	var v fieldValue
	lone, boxes := checkNone, 0
	for i := range f.blocks {
		b := &f.blocks[i]
		if i == 0 || len(v.texts) == 0 {
			if t, dropped := trimValueDecor(b.text); dropped != "" {
				a.explain.decoration(dropped, b.node, "before the value of "+f.label)
				b.text = t
			}
		}
		if b.check != checkNone {
			boxes++
			mark := tickOff
			if b.check == checkOn {
				mark = tickOn
			}
			switch {
			case b.text == "":
				lone = b.check
				v.lines = append(v.lines, mark)
			case b.check == checkOn:
				v.lines = append(v.lines, mark+" "+b.text)
				v.texts = append(v.texts, b.text)
			default:
				v.lines = append(v.lines, mark+" "+b.text)
				a.explain.unused(*b, "an option not chosen")
			}
			continue
		}
		if b.text != "" && len(b.links()) == 0 && len(b.images()) == 0 && isSeparator(b.text) {
			// "A, B" drawn as items: the comma between them, or a dash
			// standing for no value.
			b.text = ""
			continue
		}
		switch {
		case b.text != "":
			v.lines = append(v.lines, b.text)
			v.texts = append(v.texts, b.text)
		case len(b.images()) > 0 && b.images()[0].src != "":
			v.lines = append(v.lines, b.images()[0].src)
		case len(b.images()) > 0:
			v.lines = append(v.lines, b.images()[0].alt)
		case len(b.links()) > 0:
			v.lines = append(v.lines, b.links()[0].href)
		}
	}
	switch {
	case boxes == 1 && lone != checkNone:
		v.check = lone
	case boxes == 1 && len(v.texts) == 0 && f.def != nil && f.def.kind == kindBool:
		// One box, not ticked, beside "Sì": the answer is no.
		for _, b := range f.blocks {
			if yes, err := ParseBool(b.text); b.check == checkOff && err == nil && yes {
				v.check = checkOff
			}
		}
	}
	return v
}
