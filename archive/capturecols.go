package archive

import (
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"time"
)

// Four of a capture's columns are stored in fewer bytes than their text
// (migration 18), each read back as the same text:
//
//	fetched_at      nanoseconds since 1970 (an integer), of a time whose
//	                FormatTime text it is
//	payload_digest  the 20 bytes of a "sha1:BASE32" digest (a blob)
//	warc_record_id  the 16 bytes of a "<urn:uuid:...>" id (a blob), its
//	                hex digits lower-case
//	warc_file       the id of the file's name in warc_files
//
// A value in any other form (none that archivio writes) is stored as its
// text, and read back as itself: SQLite keeps each value's own type.

// timeValue is t as captures.fetched_at stores it.
func timeValue(t time.Time) any {
	n := t.UnixNano()
	if time.Unix(0, n).Equal(t) {
		return n
	}
	return FormatTime(t)
}

// timeTextValue is a time's text as captures.fetched_at stores it: its
// nanoseconds when the text is FormatTime's of them, else the text.
func timeTextValue(s string) any {
	t, err := time.Parse(TimeFormat, s)
	if err != nil || FormatTime(t) != s {
		return s
	}
	n := t.UnixNano()
	if !time.Unix(0, n).Equal(t) {
		return s
	}
	return n
}

// timeText is the text of a time as captures.fetched_at stores it
// (nil: "").
func timeText(v any) (string, error) {
	switch v := v.(type) {
	case int64:
		return FormatTime(time.Unix(0, v)), nil
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("stored time %v: not a time", v)
}

// sha1Prefix starts a SHA-1 payload digest's text.
const sha1Prefix = "sha1:"

// digestValue is a payload digest as captures.payload_digest stores it.
func digestValue(s string) any {
	if len(s) != len(sha1Prefix)+32 || s[:len(sha1Prefix)] != sha1Prefix {
		return s
	}
	b, err := base32.StdEncoding.DecodeString(s[len(sha1Prefix):])
	if err != nil || len(b) != 20 || base32.StdEncoding.EncodeToString(b) != s[len(sha1Prefix):] {
		return s
	}
	return b
}

// digestText is the text of a payload digest as stored (nil: "").
func digestText(v any) (string, error) {
	switch v := v.(type) {
	case []byte:
		if len(v) != 20 {
			return "", fmt.Errorf("stored payload digest of %d bytes, not a SHA-1", len(v))
		}
		return sha1Prefix + base32.StdEncoding.EncodeToString(v), nil
	case string:
		return v, nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("stored payload digest %v: not a digest", v)
}

// The text around a WARC record id that is a UUID's URN.
const (
	uuidPrefix = "<urn:uuid:"
	uuidSuffix = ">"
	uuidText   = len(uuidPrefix) + 36 + len(uuidSuffix)
)

// recordIDValue is a WARC record id as captures.warc_record_id stores it.
func recordIDValue(s string) any {
	if len(s) != uuidText || s[:len(uuidPrefix)] != uuidPrefix || s[uuidText-1:] != uuidSuffix {
		return s
	}
	u := s[len(uuidPrefix) : uuidText-1]
	b := make([]byte, 16)
	j := 0
	for i, part := range [5][2]int{{0, 8}, {9, 13}, {14, 18}, {19, 23}, {24, 36}} {
		if i > 0 && u[part[0]-1] != '-' {
			return s
		}
		n, err := hex.Decode(b[j:], []byte(u[part[0]:part[1]]))
		if err != nil {
			return s
		}
		j += n
	}
	if string(uuidOf(b)) != s {
		return s // upper-case digits: kept as written
	}
	return b
}

// uuidOf is the id "<urn:uuid:...>" of the UUID's 16 bytes b.
func uuidOf(b []byte) []byte {
	out := make([]byte, 0, uuidText)
	out = append(out, uuidPrefix...)
	for i, part := range [5][2]int{{0, 4}, {4, 6}, {6, 8}, {8, 10}, {10, 16}} {
		if i > 0 {
			out = append(out, '-')
		}
		out = hex.AppendEncode(out, b[part[0]:part[1]])
	}
	return append(out, uuidSuffix...)
}

// recordIDText is the text of a WARC record id as stored (nil: "").
func recordIDText(v any) (string, error) {
	switch v := v.(type) {
	case []byte:
		if len(v) != 16 {
			return "", fmt.Errorf("stored WARC record id of %d bytes, not a UUID", len(v))
		}
		return string(uuidOf(v)), nil
	case string:
		return v, nil
	case nil:
		return "", nil
	}
	return "", fmt.Errorf("stored WARC record id %v: not an id", v)
}

// storedColumn reads a stored capture column into its text (sql.Scanner).
type storedColumn struct {
	dst  *string
	text func(any) (string, error)
}

func (c storedColumn) Scan(src any) (err error) {
	*c.dst, err = c.text(src)
	return err
}

// storedTime reads captures.fetched_at into a time (sql.Scanner); NULL is
// the zero time.
type storedTime struct{ dst *time.Time }

func (c storedTime) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*c.dst = time.Unix(0, v).UTC()
		return nil
	case nil:
		*c.dst = time.Time{}
		return nil
	}
	s, err := timeText(src)
	*c.dst = ParseTime(s)
	return err
}
