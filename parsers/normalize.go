package parsers

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// NormalizeLabel reduces a label as shown to the form the dictionary is keyed
// by: lower case, accents folded, typographic dashes and apostrophes made
// plain, white space collapsed, spaces around dashes made uniform, and
// trailing colons, asterisks and dots removed. "Comitato di Garanzia
// locale – Funzioni Assegnate:" and "comitato di garanzia locale-funzioni
// assegnate" are the same label.
func NormalizeLabel(s string) string {
	if n, ok := normalizeASCII(s); ok {
		return n
	}
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
		case unicode.IsSpace(r) || r == '_':
			// "stato_di_avanzamento", a key as a data view shows it.
			space = true
			continue
		case r == '"' && (b.Len() == 0 || strings.HasSuffix(b.String(), " ") || space):
			continue // an opening quote: "\"durata_mesi\":"
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	out := strings.ReplaceAll(b.String(), "  ", " ")
	return strings.TrimRight(out, " :*.\"")
}

// normalizeASCII is NormalizeLabel for the common case: ASCII text with
// single spaces and no dashes. It reports false when the general path is
// needed.
func normalizeASCII(s string) (string, bool) {
	prev := byte(' ')
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch asciiLabelBytes[c] {
		case labelByteOther:
			return "", false
		case labelByteSpace:
			if prev == ' ' {
				return "", false
			}
		case labelByteUpper:
			upper = true
		}
		prev = c
	}
	end := len(s) // strings.TrimRight(s, " :*."), without making a set on every call
	for end > 0 && (s[end-1] == ' ' || s[end-1] == ':' || s[end-1] == '*' || s[end-1] == '.') {
		end--
	}
	out := s[:end]
	if upper {
		out = lowerASCII(out)
	}
	return out, true
}

// Classes of bytes for normalizeASCII.
const (
	labelBytePlain = iota // kept as it is
	labelByteOther        // not ASCII, a dash, an underscore, a quote, white space but the space: the general path
	labelByteSpace
	labelByteUpper
)

// asciiLabelBytes is the class of every byte for normalizeASCII.
var asciiLabelBytes = func() (t [256]uint8) {
	for c := 0x80; c < 256; c++ {
		t[c] = labelByteOther
	}
	for _, c := range []byte("-_\"\t\n\r\f\v") {
		t[c] = labelByteOther
	}
	t[' '] = labelByteSpace
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = labelByteUpper
	}
	return t
}()

// lowerASCIIOrSelf is strings.ToLower for ASCII text: s itself when it
// has no capitals, else lowerASCII's copy.
func lowerASCIIOrSelf(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return lowerASCII(s)
		}
	}
	return s
}

// lowerASCII is strings.ToLower for ASCII text, in one allocation.
func lowerASCII(s string) string {
	if s == "" {
		return s
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(b))
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
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return lowerASCIIOrSelf(s) // s itself when it has no capitals
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(unicode.ToLower(foldRune(r)))
	}
	return b.String()
}

// invisible reports whether r shows nothing: soft hyphens, zero-width
// spaces and joiners, word joiners, byte order marks.
func invisible(r rune) bool {
	switch r {
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return true
	}
	return false
}

// collapseSpace trims s and turns every run of white space (including
// no-break and zero-width spaces) into one space. It works on bytes and
// decodes only non-ASCII runes: it runs on every block of every page.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s
	}
	return string(appendCollapsed(make([]byte, 0, len(s)), s))
}

// collapsed reports whether collapseSpace would return s as it is: no
// white space at either end or twice in a row, none but plain spaces, and
// no invisible character. It allocates nothing.
func collapsed(s string) bool {
	space := true // at the start, a space would be leading
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false // checked the long way
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			return false
		default:
			space = false
		}
	}
	return !space || s == ""
}

// appendCollapsed appends s to dst trimmed, with every run of white space
// turned into one space and invisible characters dropped.
func appendCollapsed(dst []byte, s string) []byte {
	space, started := false, false
	for i := 0; i < len(s); {
		c := s[i]
		size := 1
		isSpace := false
		if c < utf8.RuneSelf {
			isSpace = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
			if !isSpace {
				// A run of plain ASCII is copied at once.
				j := i + 1
				for j < len(s) && s[j] < utf8.RuneSelf && s[j] > ' ' {
					j++
				}
				if space && started {
					dst = append(dst, ' ')
				}
				dst = append(dst, s[i:j]...)
				space, started = false, true
				i = j
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if invisible(r) {
				// A soft hyphen or a zero-width character shows nothing:
				// "cert\u00adificazione" reads "certificazione".
				i += size
				continue
			}
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = true
			i += size
			continue
		}
		if space && started {
			dst = append(dst, ' ')
		}
		dst = append(dst, s[i:i+size]...)
		space, started = false, true
		i += size
	}
	return dst
}

// stripConfigLeaks removes the per-field configuration strings the
// observatory's pages leak into their text, such as
// "VISIBLE=True;UPDATABLE=False;", each replaced by a space: upper case
// KEY=value pairs (a key of three or more capitals, digits and
// underscores, starting with a capital; a value of letters, digits, "_",
// "." and "-"), the first ended by a semicolon (which a query string in a
// URL never has), the next ones after optional white space. No word
// boundary is needed before the key: the leak is often glued to the label
// ("Anno di avvioVISIBLE=True;"). It runs on the text of every element,
// so it is a scanner, not a regular expression (configLeakPattern in the
// tests says the same, and a fuzz test holds the two together).
func stripConfigLeaks(s string) string {
	if strings.IndexByte(s, '=') < 0 {
		return s
	}
	var b []byte
	copied := 0 // s[:copied] is in b
	for i := 0; i < len(s); {
		end := leakAt(s, i)
		if end < 0 {
			i++
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, s[copied:i]...)
		b = append(b, ' ')
		copied, i = end, end
	}
	if b == nil {
		return s
	}
	return string(append(b, s[copied:]...))
}

// leakAt returns the end of the configuration string starting at s[i], or
// -1 when none starts there.
func leakAt(s string, i int) int {
	j, ok := leakPair(s, i)
	if !ok || j >= len(s) || s[j] != ';' {
		return -1
	}
	end := j + 1
	for {
		k := end
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f') {
			k++
		}
		next, ok := leakPair(s, k)
		if !ok {
			return end
		}
		if next < len(s) && s[next] == ';' {
			next++
		}
		end = next
	}
}

// leakPair matches KEY=value at s[i] and returns where it ends.
func leakPair(s string, i int) (int, bool) {
	if i >= len(s) || s[i] < 'A' || s[i] > 'Z' {
		return 0, false
	}
	j := i + 1
	for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9' || s[j] == '_') {
		j++
	}
	if j-i < 3 || j >= len(s) || s[j] != '=' {
		return 0, false
	}
	j++
	for j < len(s) && (s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9' ||
		s[j] == '_' || s[j] == '.' || s[j] == '-') {
		j++
	}
	return j, true
}
