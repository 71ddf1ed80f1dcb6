package archive

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The CDXJ index of a WARC file NAME is NAME.cdxj beside it, in pywb's
// flavour: one line per response and revisit record,
//
//	SURT 14-digit-timestamp {"url":...,"mime":...,"status":"200","digest":"sha1:...","length":"N","offset":"N","filename":"NAME"}
//
// sorted as bytes, which is by SURT key, then timestamp. Revisits have
// "mime":"warc/revisit". A request other than GET (the HEAD of a link
// check) is keyed as pywb keys it: "__wb_method=head" joins the URL's
// query before the SURT form is taken, and the line says "method":"HEAD".
// So a HEAD answer, which has no body, never shares the key of the page
// or image it checked, and a replay tool asking for the page never gets it.
// (pywb also folds a request body into the key; archivio sends none.)

// cdxjEntry is one line of a CDXJ index.
type cdxjEntry struct {
	key       string // SURT
	timestamp string // 14 digits, UTC
	fields    cdxjFields
}

// cdxjFields is the JSON part of a CDXJ line, in pywb's field order.
type cdxjFields struct {
	URL      string `json:"url"`
	Mime     string `json:"mime"`
	Status   string `json:"status"`
	Digest   string `json:"digest"`
	Length   string `json:"length"`
	Offset   string `json:"offset"`
	Filename string `json:"filename"`
	Method   string `json:"method,omitempty"` // only for requests other than GET
}

// newCDXJEntry indexes the response (or revisit) record w, of targetURI
// asked with method ("" or GET for a GET) at date, with the HTTP response
// head head.
func newCDXJEntry(targetURI, method string, date time.Time, head []byte, w Written) cdxjEntry {
	status := "-"
	if code, err := warcStatusCode(head); err == nil {
		status = strconv.Itoa(code)
	}
	mt := warcMime(head)
	if w.Revisit {
		mt = warcRevisitMime
	}
	method = strings.ToUpper(method)
	if method == http.MethodGet {
		method = ""
	}
	return cdxjEntry{
		key:       cdxjKey(targetURI, method),
		timestamp: date.UTC().Format("20060102150405"),
		fields: cdxjFields{
			URL:      targetURI,
			Mime:     mt,
			Status:   status,
			Digest:   w.PayloadDigest,
			Length:   strconv.FormatInt(w.Length, 10),
			Offset:   strconv.FormatInt(w.Offset, 10),
			Filename: w.File,
			Method:   method,
		},
	}
}

// cdxjKey is the index key of targetURI asked with method: its SURT form,
// with "__wb_method=METHOD" added to the query for a method other than GET
// (pywb's convention for non-GET requests; the SURT form lowercases it and
// sorts it among the other parameters).
func cdxjKey(targetURI, method string) string {
	if method == "" || strings.EqualFold(method, http.MethodGet) {
		return surtKey(targetURI)
	}
	param := "__wb_method=" + method
	if u, err := url.Parse(strings.TrimSpace(targetURI)); err == nil && u.Host != "" {
		if u.RawQuery == "" {
			u.RawQuery = param
		} else {
			u.RawQuery += "&" + param
		}
		return surtKey(u.String())
	}
	return surtKey(targetURI + "?" + param)
}

// requestMethod is the method of an HTTP request as archived (its request
// line's first word, upper-cased); GET when there is none.
func requestMethod(req []byte) string {
	line, _, _ := bytes.Cut(req, []byte("\n"))
	method, _, ok := bytes.Cut(bytes.TrimSpace(line), []byte(" "))
	if !ok || len(method) == 0 {
		return http.MethodGet
	}
	return strings.ToUpper(string(method))
}

// line renders the entry without its newline.
func (e cdxjEntry) line() (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // keep & < > in URLs readable
	if err := enc.Encode(e.fields); err != nil {
		return "", fmt.Errorf("cdxj line for %s: %w", e.fields.URL, err)
	}
	return e.key + " " + e.timestamp + " " + strings.TrimSuffix(b.String(), "\n"), nil
}

// writeCDXJFile writes the sorted index of entries to path, durably: a
// temporary file in the same directory, fsynced, then renamed over path.
func writeCDXJFile(path string, entries []cdxjEntry) error {
	x := newCDXJIndex(nil)
	for _, e := range entries {
		if err := x.add(e); err != nil {
			return err
		}
	}
	return x.write(path)
}

// surtWWW is the host prefix SURT drops: "www.", "www2." and the like.
var surtWWW = regexp.MustCompile(`^www\d*\.`)

// surtKey is the SURT form of a URL, as pywb computes it with its default
// canonicalizer: scheme, user info and fragment dropped; host lowercased,
// without "www." and trailing dot, its labels reversed and joined by
// commas; the port kept unless it is the scheme's default; then ")" and
// the path and query, lowercased, the path without a trailing slash (but
// "/" for an empty path), the query's parameters sorted by name then value
// and an empty query dropped. So http://www.Example.org/A/?z=1&a=2#top is
// "org,example)/a?a=2&z=1". (pywb also drops session ids and re-escapes
// percent-encoding; archivio's URLs need neither.) Control characters and
// spaces are percent-encoded, so keys never contain the line's separator.
func surtKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return surtEscape(strings.ToLower(strings.TrimSpace(raw)))
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	host = surtWWW.ReplaceAllString(host, "")
	var key strings.Builder
	if strings.Contains(host, ":") { // IPv6 literal
		key.WriteString("[" + host + "]")
	} else {
		labels := strings.Split(host, ".")
		slices.Reverse(labels)
		key.WriteString(strings.Join(labels, ","))
	}
	port := u.Port()
	scheme := strings.ToLower(u.Scheme)
	if port != "" && !(port == "80" && scheme == "http") && !(port == "443" && scheme == "https") {
		key.WriteString(":" + port)
	}
	key.WriteString(")")
	path := strings.ToLower(u.EscapedPath())
	if path == "" {
		path = "/"
	}
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	key.WriteString(path)
	if q := strings.ToLower(u.RawQuery); q != "" {
		key.WriteString("?" + surtSortQuery(q))
	}
	return surtEscape(key.String())
}

// surtSortQuery sorts the parameters of a query as pywb does: by name, a
// name without "=" before the same name with one, then by value.
func surtSortQuery(q string) string {
	params := strings.Split(q, "&")
	slices.SortStableFunc(params, func(a, b string) int {
		an, av, ahas := strings.Cut(a, "=")
		bn, bv, bhas := strings.Cut(b, "=")
		switch {
		case an != bn:
			return strings.Compare(an, bn)
		case ahas != bhas:
			if ahas {
				return 1
			}
			return -1
		default:
			return strings.Compare(av, bv)
		}
	})
	return strings.Join(params, "&")
}

// surtEscape percent-encodes spaces and control characters.
func surtEscape(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
