package parsers

// presize sizes the record's fields and the assembler's maps of fields
// once, from the number of labels among the tokens (about one field read
// per label), instead of growing them field by field.
func (a *assembler) presize(tokens []token) {
	labels := 0
	for i := range tokens {
		if tokens[i].kind == tokLabel {
			labels++
		}
	}
	if labels == 0 {
		return
	}
	if a.rec.Raw == nil {
		a.rec.Raw = make([]RawField, 0, labels)
	}
	if len(a.assigned) == 0 {
		a.assigned = make(map[string]string, labels)
	}
	if len(a.knownSeen) == 0 {
		a.knownSeen = make(map[*fieldDef]bool, labels)
	}
}
