package parsers

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// metaCharset finds a charset declared in a <meta> tag, in either form:
// <meta charset="..."> or <meta http-equiv="Content-Type" content="...; charset=...">.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)`)

// metaPrescanLimit is how far into the page a <meta> charset is looked for.
// Browsers stop at 1024 bytes; pages saved by hand or served by old CMSs
// often put a comment or a long <head> first, so archivio looks further.
const metaPrescanLimit = 8192

// decoded is a page body converted to UTF-8 and the name of the encoding
// it was read with.
type decoded struct {
	text     []byte
	encoding string
	warning  *Warning
}

// decodeBody converts body to UTF-8. The encoding comes from, in order: a
// byte order mark, the charset of the HTTP Content-Type (when known), a
// <meta> declaration, and sniffing. Sniffing differs on purpose from
// x/net/html/charset.DetermineEncoding, which only looks at the first 1024
// bytes and so takes a UTF-8 page whose first accent comes late for
// windows-1252: here the whole body is checked for UTF-8 validity, and
// anything else is read as windows-1252 (which is what ISO-8859-1 means on
// the web). A page declared UTF-8 whose bytes are not UTF-8 is read as
// windows-1252 with a warning, since that is nearly always what a CMS
// produced.
func decodeBody(body []byte, contentType string) decoded {
	if e, name := bomEncoding(body); e != nil {
		return transcode(body, e, name)
	}
	if contentType != "" {
		if _, params, err := mime.ParseMediaType(contentType); err == nil {
			if label := params["charset"]; label != "" {
				if e, name := charset.Lookup(label); e != nil {
					return checkedTranscode(body, e, name, "HTTP header")
				}
			}
		}
	}
	head := body[:min(len(body), metaPrescanLimit)]
	if m := findMetaCharset(head); m != nil {
		if e, name := charset.Lookup(string(m)); e != nil {
			return checkedTranscode(body, e, name, "<meta> declaration")
		}
	}
	if utf8.Valid(body) {
		return decoded{text: body, encoding: "utf-8"}
	}
	return transcode(body, charmap.Windows1252, "windows-1252")
}

// findMetaCharset is metaCharset's first match in head (its charset), or
// nil. The expression is run only on the tags that start "<meta", each up
// to its first ">" (past which no match of it reaches), not over the
// whole head: matching it byte by byte over 8 KiB costs more than the
// rest of the decoding.
func findMetaCharset(head []byte) []byte {
	for i := 0; i < len(head); {
		k := indexFoldASCII(head[i:], "<meta")
		if k < 0 {
			return nil
		}
		i += k
		j := len(head)
		if e := bytes.IndexByte(head[i+len("<meta"):], '>'); e >= 0 {
			j = i + len("<meta") + e
		}
		if m := metaCharset.FindSubmatch(head[i:j]); m != nil {
			return m[1]
		}
		i += len("<meta")
	}
	return nil
}

// indexFoldASCII is the index of the first instance of sub in s, ASCII
// letters compared without case (sub in lower case), or -1.
func indexFoldASCII(s []byte, sub string) int {
	if len(sub) == 0 {
		return 0
	}
	c0, u0 := sub[0], sub[0]
	if 'a' <= c0 && c0 <= 'z' {
		u0 = c0 - ('a' - 'A')
	}
	for i := 0; i+len(sub) <= len(s); {
		k := bytes.IndexByte(s[i:len(s)-len(sub)+1], c0)
		if u0 != c0 {
			if ku := bytes.IndexByte(s[i:len(s)-len(sub)+1], u0); ku >= 0 && (k < 0 || ku < k) {
				k = ku
			}
		}
		if k < 0 {
			return -1
		}
		i += k
		if equalFoldASCII(s[i+1:i+len(sub)], sub[1:]) {
			return i
		}
		i++
	}
	return -1
}

// equalFoldASCII reports whether b is sub (in lower case), ASCII letters
// compared without case.
func equalFoldASCII(b []byte, sub string) bool {
	for j := 0; j < len(sub); j++ {
		c := b[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != sub[j] {
			return false
		}
	}
	return true
}

func bomEncoding(body []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "utf-8"
	case bytes.HasPrefix(body, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(body, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// checkedTranscode decodes with a declared encoding, falling back to
// windows-1252 when the declaration says UTF-8 and the bytes disagree.
func checkedTranscode(body []byte, e encoding.Encoding, name, from string) decoded {
	if name == "utf-8" && !utf8.Valid(body) {
		d := transcode(body, charmap.Windows1252, "windows-1252")
		d.warning = &Warning{
			Code:    "charset_mismatch",
			Message: "the " + from + " says utf-8 but the page is not valid UTF-8; read as windows-1252",
		}
		return d
	}
	return transcode(body, e, name)
}

func transcode(body []byte, e encoding.Encoding, name string) decoded {
	if name == "utf-8" && !bytes.HasPrefix(body, []byte{0xEF, 0xBB, 0xBF}) {
		return decoded{text: body, encoding: name}
	}
	if cm, ok := e.(*charmap.Charmap); ok {
		return decoded{text: decodeCharmap(cm, body), encoding: strings.ToLower(name)}
	}
	out, err := e.NewDecoder().Bytes(body)
	if err != nil {
		// Decoders for single-byte charsets cannot fail; UTF-16 can on a
		// truncated body. Keep what decoded, replacing the rest.
		out = bytes.ToValidUTF8(out, []byte("\uFFFD"))
	}
	return decoded{text: out, encoding: strings.ToLower(name)}
}

// decodeCharmap is cm.NewDecoder().Bytes(body) (which cannot fail for a
// single-byte charset) in one pass and one allocation of about the right
// size, where the transformer grows its output by copies.
func decodeCharmap(cm *charmap.Charmap, body []byte) []byte {
	out := make([]byte, 0, len(body)+len(body)/8+8)
	for _, b := range body {
		if r := cm.DecodeByte(b); r < utf8.RuneSelf {
			out = append(out, byte(r))
		} else {
			out = utf8.AppendRune(out, r)
		}
	}
	return out
}
