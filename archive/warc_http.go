package archive

import (
	"bufio"
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"net/textproto"
	"strconv"
	"strings"
)

// warcStatusCode parses the status code of the status line that opens an
// HTTP response head ("HTTP/1.1 200 OK").
func warcStatusCode(head []byte) (int, error) {
	line, _, _ := bytes.Cut(head, []byte("\n"))
	proto, rest, ok := strings.Cut(strings.TrimRight(string(line), "\r"), " ")
	if !ok || !strings.HasPrefix(proto, "HTTP/") {
		return 0, fmt.Errorf("status line %q: not HTTP", line)
	}
	code, _, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
	n, err := strconv.Atoi(code)
	if err != nil || len(code) != 3 || n < 100 {
		return 0, fmt.Errorf("status line %q: bad status code", line)
	}
	return n, nil
}

// warcHTTPHeader parses the header fields that follow the status line of an
// HTTP head. Field names are canonicalized; values are kept as stored
// (Transfer-Encoding and Content-Length included).
func warcHTTPHeader(head []byte) (http.Header, error) {
	_, fields, ok := bytes.Cut(head, []byte("\n"))
	if !ok {
		return http.Header{}, nil
	}
	if len(bytes.TrimRight(fields, "\r\n")) == 0 {
		return http.Header{}, nil
	}
	if !bytes.HasSuffix(fields, []byte("\n\r\n")) && !bytes.HasSuffix(fields, []byte("\n\n")) {
		// A revisit's block may stop before the blank line.
		fields = bytes.Join([][]byte{bytes.TrimRight(fields, "\r\n"), []byte("\r\n\r\n")}, nil)
	}
	// The reader's buffer holds the fields whole: no more (every
	// exchange's index line parses its head).
	h, err := textproto.NewReader(bufio.NewReaderSize(bytes.NewReader(fields), len(fields))).ReadMIMEHeader()
	if err != nil {
		return nil, fmt.Errorf("http header: %w", err)
	}
	return http.Header(h), nil
}

// warcMime is the media type of an HTTP head's Content-Type, lowercased and
// without parameters, or "unk" (pywb's word) when there is none.
func warcMime(head []byte) string {
	var ct string
	if h, err := warcHTTPHeader(head); err == nil {
		ct = h.Get("Content-Type")
	} else {
		// A head Go cannot parse still says what it says.
		for line := range strings.SplitSeq(string(head), "\n") {
			name, value, ok := strings.Cut(line, ":")
			if ok && strings.EqualFold(strings.TrimSpace(name), "Content-Type") {
				ct = strings.TrimSpace(value)
				break
			}
		}
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(ct, ";")
	}
	mt = strings.ToLower(strings.TrimSpace(mt))
	if mt == "" || strings.ContainsAny(mt, " \t\"\\") {
		return "unk"
	}
	return mt
}
