package alerts

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strconv"
	"strings"
	"time"
)

// subjectPrefix starts every alert e-mail's subject.
const subjectPrefix = "[archivio] "

// maxSubjectURL bounds how much of a long URL goes into a subject line,
// which must stay well under the 998-octet line limit of RFC 5322.
const maxSubjectURL = 400

// Subject is the e-mail subject of an alert:
// "[archivio] DOWN http://www.fabbricaideedistretto.it (dns_not_found)".
// A URL longer than 400 bytes is cut, with "...".
func Subject(a Alert) string {
	short := a
	if len(short.URL) > maxSubjectURL {
		cut := maxSubjectURL
		for cut > 0 && !isRuneStart(short.URL[cut]) {
			cut--
		}
		short.URL = short.URL[:cut] + "..."
	}
	return subjectPrefix + Headline(short)
}

func isRuneStart(b byte) bool { return b&0xc0 != 0x80 }

// composeMessage builds the RFC 5322 message of an alert, lines ending in
// CRLF: headers, a blank line, the quoted-printable body.
func composeMessage(a Alert, from *mail.Address, to []*mail.Address, now time.Time) ([]byte, error) {
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(oneLine(value))
		b.WriteString("\r\n")
	}
	recipients := make([]string, len(to))
	for i, t := range to {
		recipients[i] = t.String()
	}
	header("From", from.String())
	// mail.Address.String quotes and encodes as needed, so the To list can
	// be folded, one address a line, without oneLine undoing the folds.
	b.WriteString("To: " + strings.Join(recipients, ",\r\n ") + "\r\n")
	header("Subject", mime.QEncoding.Encode("utf-8", Subject(a)))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", messageID(a, from, now))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	header("Auto-Submitted", "auto-generated") // RFC 3834: no vacation replies
	header(HeaderEvent, a.Kind)
	header(HeaderAlertID, strconv.FormatInt(a.ID, 10))
	b.WriteString("\r\n")

	qp := quotedprintable.NewWriter(&b) // text mode: line breaks become CRLF
	if _, err := qp.Write([]byte(Describe(a))); err != nil {
		return nil, fmt.Errorf("compose message: %w", err)
	}
	if err := qp.Close(); err != nil {
		return nil, fmt.Errorf("compose message: %w", err)
	}
	return b.Bytes(), nil
}

// messageID is a unique Message-ID in the sender's domain.
func messageID(a Alert, from *mail.Address, now time.Time) string {
	domain := "archivio.invalid"
	if i := strings.LastIndexByte(from.Address, '@'); i >= 0 && i+1 < len(from.Address) {
		domain = from.Address[i+1:]
	}
	return fmt.Sprintf("<archivio.%d.%s.%d.%s@%s>", a.ID, a.Kind, now.Unix(), strings.ToLower(rand.Text()[:10]), domain)
}
