package parsers

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeLabel reduces a label as shown to the form the dictionary is keyed
// by: lower case, accents folded, typographic dashes and apostrophes made
// plain, white space collapsed, spaces around dashes made uniform, and
// trailing colons, asterisks and dots removed. "Comitato di Garanzia
// locale – Funzioni Assegnate:" and "comitato di garanzia locale-funzioni
// assegnate" are the same label.
func NormalizeLabel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = foldRune(r)
		switch {
		case r == '-':
			// Dashes are written " - " whatever the spacing on the page.
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteByte('-')
			space = true
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	out := strings.ReplaceAll(b.String(), "  ", " ")
	return strings.TrimRight(out, " :*.")
}

// foldRune maps accented Latin letters to their base letter and typographic
// punctuation to ASCII. It covers what Italian text uses; other runes pass.
func foldRune(r rune) rune {
	if r < 0x80 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ä', 'ã':
		return 'a'
	case 'À', 'Á', 'Â', 'Ä', 'Ã':
		return 'A'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'È', 'É', 'Ê', 'Ë':
		return 'E'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'Ì', 'Í', 'Î', 'Ï':
		return 'I'
	case 'ò', 'ó', 'ô', 'ö', 'õ':
		return 'o'
	case 'Ò', 'Ó', 'Ô', 'Ö', 'Õ':
		return 'O'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'Ù', 'Ú', 'Û', 'Ü':
		return 'U'
	case 'ç':
		return 'c'
	case 'ñ':
		return 'n'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return '-'
	case '\u2018', '\u2019', '\u00b4', '\u0060':
		return '\''
	case '\u201c', '\u201d', '\u00ab', '\u00bb':
		return '"'
	case '\u00a0', '\u202f', '\u2007':
		return ' '
	}
	return r
}

// foldText lowers and folds accents, for matching phrases in free text.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(unicode.ToLower(foldRune(r)))
	}
	return b.String()
}

// collapseSpace trims s and turns every run of white space (including
// no-break spaces) into one space.
func collapseSpace(s string) string {
	// Fast path: nothing to do.
	clean := true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false
			break
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (prevSpace || c != ' ') {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// configLeak matches the per-field configuration strings the observatory's
// pages leak into their text, such as "VISIBLE=True;UPDATABLE=False;": one or
// more upper-case KEY=value pairs joined by semicolons.
var configLeak = regexp.MustCompile(`\b[A-Z][A-Z0-9_]{2,}=[A-Za-z0-9_.\-]*(?:;\s*[A-Z][A-Z0-9_]{2,}=[A-Za-z0-9_.\-]*)*;?`)

// stripConfigLeaks removes leaked configuration strings from page text.
func stripConfigLeaks(s string) string {
	if strings.IndexByte(s, '=') < 0 {
		return s
	}
	return configLeak.ReplaceAllString(s, " ")
}
