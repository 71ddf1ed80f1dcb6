package archive

import (
	"bytes"
	"unicode/utf8"
)

// pageText appends to dst the text of an HTML page: the bytes outside
// tags, comments and the contents of script and style elements, and the
// values of href and src attributes, with character references decoded
// (numeric ones and those of htmlEntities), each run of white space (and
// each tag) one space, and the characters JSON escapes escaped as Go's
// encoding/json does (so that they match a JSON text). It stops at max
// bytes. It is part of format 2: it never changes.
func pageText(dst, page []byte, max int) []byte {
	t := textWriter{out: dst, max: len(dst) + max}
	for i := 0; i < len(page) && !t.full(); {
		c := page[i]
		switch {
		case c == '<' && bytes.HasPrefix(page[i:], []byte("<!--")):
			end := bytes.Index(page[i+4:], []byte("-->"))
			if end < 0 {
				i = len(page)
				continue
			}
			i += 4 + end + 3
			t.space()
		case c == '<' && i+1 < len(page) && (isASCIILetter(page[i+1]) || page[i+1] == '/' || page[i+1] == '!' || page[i+1] == '?'):
			i = t.tag(page, i)
		case c == '&':
			i = t.reference(page, i)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			t.space()
			i++
		case textSpecial[c]:
			t.char(c)
			i++
		default:
			// A run of bytes written as they are, at once.
			j := i + 1
			for j < len(page) && !textSpecial[page[j]] {
				j++
			}
			t.out = append(t.out, page[i:j]...)
			i = j
		}
	}
	if len(t.out) > t.max {
		t.out = t.out[:t.max]
	}
	return t.out
}

// textSpecial are the bytes pageText does not write as they are.
var textSpecial = func() (t [256]bool) {
	for c := range 0x20 {
		t[c] = true
	}
	for _, c := range []byte{' ', '<', '>', '&', '"', '\\'} {
		t[c] = true
	}
	return t
}()

// textWriter collects pageText's text.
type textWriter struct {
	out []byte
	max int
}

func (t *textWriter) full() bool { return len(t.out) >= t.max }

// space ends a run of text: one space, never two, none first.
func (t *textWriter) space() {
	if n := len(t.out); n > 0 && t.out[n-1] != ' ' && !t.full() {
		t.out = append(t.out, ' ')
	}
}

// char appends one byte of text, escaped as in a JSON text.
func (t *textWriter) char(c byte) {
	switch c {
	case '"', '\\':
		t.out = append(t.out, '\\', c)
	case '<', '>', '&':
		t.out = append(t.out, `\u00`...)
		t.out = append(t.out, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
	default:
		if c < 0x20 {
			t.space()
			return
		}
		t.out = append(t.out, c)
	}
}

// text appends decoded text (an attribute's value, a reference's
// character).
func (t *textWriter) text(s []byte) {
	for _, c := range s {
		t.char(c)
	}
}

// tag skips the tag at page[i] (quoted attribute values may hold '>'),
// writing the values of its href and src attributes, and the whole of a
// script or style element; it returns where the page goes on.
func (t *textWriter) tag(page []byte, i int) int {
	j := i + 1
	for j < len(page) && page[j] != '>' && page[j] != ' ' && page[j] != '\t' && page[j] != '\n' && page[j] != '\r' && page[j] != '/' {
		j++
	}
	name := page[i+1 : j]
	end := j
	var quote byte
	attrStart := j
	for ; end < len(page); end++ {
		c := page[end]
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	t.space()
	t.attributes(page[attrStart:min(end, len(page))])
	i = end + 1
	switch {
	case equalFoldASCII(name, "script"):
		return closingTag(page, i, "</script")
	case equalFoldASCII(name, "style"):
		return closingTag(page, i, "</style")
	}
	return i
}

// attributes writes the values of the href and src attributes among a
// tag's attributes, each followed by a space.
func (t *textWriter) attributes(attrs []byte) {
	for k := 0; k < len(attrs); {
		c := attrs[k]
		if !isASCIILetter(c) {
			k++
			continue
		}
		start := k
		for k < len(attrs) && (isASCIILetter(attrs[k]) || attrs[k] == '-' || attrs[k] == '_' || attrs[k] == ':' || (attrs[k] >= '0' && attrs[k] <= '9')) {
			k++
		}
		name := attrs[start:k]
		for k < len(attrs) && (attrs[k] == ' ' || attrs[k] == '\t' || attrs[k] == '\n' || attrs[k] == '\r') {
			k++
		}
		if k >= len(attrs) || attrs[k] != '=' {
			continue
		}
		k++
		for k < len(attrs) && (attrs[k] == ' ' || attrs[k] == '\t' || attrs[k] == '\n' || attrs[k] == '\r') {
			k++
		}
		var val []byte
		if k < len(attrs) && (attrs[k] == '"' || attrs[k] == '\'') {
			q := attrs[k]
			e := bytes.IndexByte(attrs[k+1:], q)
			if e < 0 {
				e = len(attrs) - k - 1
			}
			val = attrs[k+1 : k+1+e]
			k += e + 2
		} else {
			s := k
			for k < len(attrs) && attrs[k] != ' ' && attrs[k] != '\t' && attrs[k] != '\n' && attrs[k] != '\r' {
				k++
			}
			val = attrs[s:k]
		}
		if equalFoldASCII(name, "href") || equalFoldASCII(name, "src") {
			for v := 0; v < len(val) && !t.full(); {
				if val[v] == '&' {
					v = t.reference(val, v)
				} else {
					t.char(val[v])
					v++
				}
			}
			t.space()
		}
	}
}

// reference writes the character reference at page[i] decoded (a
// reference not known is written as it stands) and returns where the
// page goes on.
func (t *textWriter) reference(page []byte, i int) int {
	end := bytes.IndexByte(page[i:min(len(page), i+12)], ';')
	if end < 2 {
		t.char('&')
		return i + 1
	}
	name := page[i+1 : i+end]
	var r rune = -1
	if name[0] == '#' {
		r = numericRef(name[1:])
	} else if v, ok := htmlEntities[string(name)]; ok {
		r = v
	}
	switch {
	case r < 0:
		t.char('&')
		return i + 1
	case r == 0xa0 || r == ' ':
		t.space()
	default:
		var b [utf8.UTFMax]byte
		t.text(b[:utf8.EncodeRune(b[:], r)])
	}
	return i + end + 1
}

// numericRef decodes the digits of a numeric character reference (after
// '#'); -1 when they are not one.
func numericRef(d []byte) rune {
	base := rune(10)
	if len(d) > 0 && (d[0] == 'x' || d[0] == 'X') {
		base, d = 16, d[1:]
	}
	if len(d) == 0 || len(d) > 7 {
		return -1
	}
	var r rune
	for _, c := range d {
		var v rune
		switch {
		case c >= '0' && c <= '9':
			v = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return -1
		}
		r = r*base + v
	}
	if r == 0 || r > utf8.MaxRune || (r >= 0xd800 && r <= 0xdfff) {
		return -1
	}
	return r
}

// htmlEntities are the named character references pageText decodes: a
// fixed list (the format never changes), those of Italian text and
// common punctuation.
var htmlEntities = map[string]rune{
	"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": 0xa0,
	"agrave": 'à', "aacute": 'á', "egrave": 'è', "eacute": 'é', "igrave": 'ì', "iacute": 'í',
	"ograve": 'ò', "oacute": 'ó', "ugrave": 'ù', "uacute": 'ú',
	"Agrave": 'À', "Aacute": 'Á', "Egrave": 'È', "Eacute": 'É', "Igrave": 'Ì', "Ograve": 'Ò', "Ugrave": 'Ù',
	"rsquo": '’', "lsquo": '‘', "rdquo": '”', "ldquo": '“', "laquo": '«', "raquo": '»',
	"ndash": '–', "mdash": '—', "hellip": '…', "euro": '€', "deg": '°', "middot": '·', "bull": '•',
	"copy": '©', "reg": '®',
}

// closingTag returns where the first closing tag (ASCII case not
// minded) from page[i] starts; len(page) when there is none.
func closingTag(page []byte, i int, tag string) int {
	for ; i+len(tag) <= len(page); i++ {
		if page[i] == '<' && equalFoldASCII(page[i:i+len(tag)], tag) {
			return i
		}
	}
	return len(page)
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// equalFoldASCII reports whether b is lower (in small letters), ASCII
// capitals in b counting as small.
func equalFoldASCII(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
