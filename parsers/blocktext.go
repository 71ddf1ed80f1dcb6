package parsers

import (
	"bytes"
	"strings"
	"unsafe"
)

// blockText is the text of the block being read. Its bytes are kept from
// one block to the next: a page has hundreds of blocks.
type blockText struct {
	b      []byte
	folded []byte // the text collapsed, before it is made a string
}

func (t *blockText) WriteString(s string) { t.b = append(t.b, s...) }

// String returns the text as written.
func (t *blockText) String() string { return string(t.b) }

func (t *blockText) reset() { t.b = t.b[:0] }

// blank reports whether the block shows nothing yet: no text but white
// space (strings.TrimSpace's).
func (t *blockText) blank() bool {
	return strings.TrimSpace(unsafe.String(unsafe.SliceData(t.b), len(t.b))) == ""
}

// collapsed returns collapseSpace(stripConfigLeaks(t.String())), making
// one string.
func (t *blockText) collapsed() string {
	if bytes.IndexByte(t.b, '=') >= 0 {
		return collapseSpace(stripConfigLeaks(t.String()))
	}
	s := unsafe.String(unsafe.SliceData(t.b), len(t.b))
	if collapsed(s) {
		return string(t.b)
	}
	t.folded = appendCollapsed(t.folded[:0], s)
	return string(t.folded)
}
