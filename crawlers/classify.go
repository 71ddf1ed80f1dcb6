package crawlers

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"syscall"
)

// ErrorKind names why a fetch got no usable response, for reports and the
// catalog: timeout, dns_not_found, dns_error, refused, tls_error,
// redirect_loop, reset, disconnected (every attempt's body cut by a
// dropped connection), canceled, other.
func ErrorKind(err error) string {
	var cut *BodyCutError
	if errors.As(err, &cut) {
		return CutKind(cut.Reason)
	}
	var dns *net.DNSError
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &dns):
		if dns.IsNotFound {
			return "dns_not_found"
		}
		return "dns_error"
	case errors.Is(err, context.DeadlineExceeded), isNetTimeout(err):
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused"
	case errors.As(err, &certErr), errors.As(err, &unknownAuth), errors.As(err, &hostErr), errors.As(err, &recErr):
		return "tls_error"
	case strings.Contains(err.Error(), "stopped after") && strings.Contains(err.Error(), "redirects"):
		return "redirect_loop"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return "reset"
	}
	return "other"
}

func isNetTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// CutKind is the error kind of an answer whose body was archived cut, by
// its WARC-Truncated reason: too_large (past the size limit, as received
// or decoded), timeout (the request's time ran out mid-body), disconnected
// (the connection failed mid-body: a reset, a short body, broken chunked
// encoding) or interrupted (the run stopped); "" for a whole body.
func CutKind(reason string) string {
	switch reason {
	case "":
		return ""
	case "length":
		return "too_large"
	case "time":
		return "timeout"
	case "disconnect":
		return "disconnected"
	}
	return "interrupted"
}
