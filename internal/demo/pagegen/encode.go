package pagegen

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// encodeUTF8 returns doc as is; it must be valid UTF-8.
func encodeUTF8(doc string) ([]byte, error) {
	if !utf8.ValidString(doc) {
		return nil, fmt.Errorf("document is not valid UTF-8")
	}
	return []byte(doc), nil
}

// encodeWindows1252 encodes doc in windows-1252; characters it cannot
// encode become numeric character references.
func encodeWindows1252(doc string) ([]byte, error) {
	return encodeCharmap(doc, charmap.Windows1252, nil)
}

// latin1Named are the characters outside ISO-8859-1 that the "inline"
// layout writes as named references; the others become numeric ones.
var latin1Named = map[rune]string{'€': "&euro;"}

// encodeLatin1 encodes doc in ISO-8859-1; characters outside it become
// character references (&euro; for the euro sign, &#NNNN; otherwise).
func encodeLatin1(doc string) ([]byte, error) {
	return encodeCharmap(doc, charmap.ISO8859_1, latin1Named)
}

// encodeCharmap encodes doc with cm, writing a character reference for
// every character cm cannot encode. Characters in the text of the page are
// already HTML-escaped, and non-ASCII characters only occur in text and
// attribute values, where references are decoded.
//
// U+0080..U+009F are never written as bytes: browsers read those bytes as
// windows-1252 even in a page labelled iso-8859-1, and references to them
// are remapped the same way, so they become U+FFFD.
func encodeCharmap(doc string, cm *charmap.Charmap, named map[rune]string) ([]byte, error) {
	if !utf8.ValidString(doc) {
		return nil, fmt.Errorf("document is not valid UTF-8")
	}
	var b strings.Builder
	b.Grow(len(doc))
	for _, r := range doc {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		if r >= 0x80 && r <= 0x9f {
			r = utf8.RuneError
		}
		if c, ok := cm.EncodeRune(r); ok && r != utf8.RuneError {
			b.WriteByte(c)
			continue
		}
		if ref, ok := named[r]; ok {
			b.WriteString(ref)
			continue
		}
		fmt.Fprintf(&b, "&#%d;", r)
	}
	return []byte(b.String()), nil
}
