package parsers

import "strings"

// isBadgeText reports whether text is badges only (see badges).
func isBadgeText(text string) bool {
	_, _, ok := badgeFlags(text)
	return ok
}

// badges sets the Certificato / Finanziato flags from a badge text, which
// may run both together ("CertificatoFinanziato").
func (a *assembler) badges(text string) bool {
	cert, fin, ok := badgeFlags(text)
	if !ok {
		return false
	}
	a.rec.Certified = a.rec.Certified || cert
	a.rec.Financed = a.rec.Financed || fin
	return true
}

// badgeFlags reads a text that is badges only: which badges it shows, and
// whether it is one.
func badgeFlags(text string) (cert, fin, ok bool) {
	if len(text) > 80 || !strings.ContainsAny(text, "cCfF") {
		return false, false, false
	}
	f := foldText(text)
	if len(f) > 60 {
		return false, false, false
	}
	// "Certificato · Finanziato", "Certificato | Finanziato", or run
	// together: every word must be a badge.
	words := strings.FieldsFunc(f, func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	for _, w := range words {
		switch w {
		case "tag", "tags", "etichette", "categorie", "categoria", "riconoscimenti":
			// "Tag: Certificato, Finanziato"
		case "certificato":
			cert = true
		case "finanziato":
			fin = true
		case "certificatofinanziato", "finanziatocertificato":
			cert, fin = true, true
		default:
			return false, false, false
		}
	}
	return cert, fin, cert || fin
}
