package alerts

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"archivio/crawlers/wait"
)

// Webhook defaults.
const (
	DefaultWebhookTimeout  = 10 * time.Second // of the default Client, per attempt
	DefaultWebhookAttempts = 5
	DefaultWebhookBase     = time.Second
)

// Webhook request headers.
const (
	HeaderSignature = "X-Archivio-Signature" // "sha256=" + hex(HMAC-SHA256(Secret, body))
	HeaderEvent     = "X-Archivio-Event"     // the alert's kind: "down" or "up"
	HeaderAlertID   = "X-Archivio-Alert-Id"  // the alert's id: the same on every retry, for deduplication
	HeaderAttempt   = "X-Archivio-Attempt"   // 1 for the first attempt, 2 for the first retry, ...
)

// WebhookOptions configure NewWebhook.
type WebhookOptions struct {
	URL string // where to POST; http or https. Required.
	// Secret signs the body: the X-Archivio-Signature header is
	// "sha256=" + hex(HMAC-SHA256(Secret, body)). Empty means the header
	// is not sent.
	Secret string
	// Client sends the requests. Default: a client with a 10s timeout
	// that does not follow redirects (a redirected POST would become a
	// GET and lose the alert; a 3xx is reported as a refusal instead).
	Client *http.Client
	// Attempts is how many times an alert is tried in all, default 5.
	Attempts int
	// Base is the wait after the first failed attempt, default 1s; it
	// doubles after each further failure, ±50% as jitter, capped at 5
	// minutes (wait.Schedule, as a crawl's retries). A Retry-After header
	// (seconds or HTTP date, capped at 5 minutes) replaces the backoff for
	// that wait.
	Base time.Duration
	// Sleep waits between attempts and returns early with ctx's error if
	// ctx ends. Default: a timer. Tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock Retry-After dates are read against. Default
	// time.Now.
	Now func() time.Time
}

// webhook POSTs alerts as signed JSON.
type webhook struct {
	url      string // as configured
	redacted string // for errors: password hidden
	host     string
	secret   string
	client   *http.Client
	attempts int
	base     time.Duration
	sleep    func(ctx context.Context, d time.Duration) error
	now      func() time.Time
}

// NewWebhook returns a sink that POSTs each alert as application/json (the
// Alert's JSON encoding, records never null), with headers
// X-Archivio-Event ("down" or "up"), X-Archivio-Alert-Id, X-Archivio-Attempt
// and, when Secret is set, X-Archivio-Signature. A 2xx answer is success.
// Network errors, 429 and 5xx are retried with backoff honouring
// Retry-After, up to Attempts in all; any other answer is a permanent
// error and is not retried. Failures are *DeliveryError, naming the URL and
// the last status.
func NewWebhook(o WebhookOptions) (Sink, error) {
	var fe fieldErrors
	u, err := url.Parse(o.URL)
	switch {
	case o.URL == "":
		fe.add("URL", "empty")
	case err != nil:
		fe.add("URL", "%v", err)
	case u.Scheme != "http" && u.Scheme != "https":
		fe.add("URL", "scheme %q is not http or https", u.Scheme)
	case u.Host == "":
		fe.add("URL", "no host")
	}
	if o.Attempts < 0 {
		fe.add("Attempts", "negative: %d", o.Attempts)
	}
	if o.Base < 0 {
		fe.add("Base", "negative: %v", o.Base)
	}
	if err := fe.err(); err != nil {
		return nil, fmt.Errorf("new webhook sink: %w", err)
	}
	w := &webhook{
		url:      o.URL,
		redacted: u.Redacted(),
		host:     u.Host,
		secret:   o.Secret,
		client:   o.Client,
		attempts: o.Attempts,
		base:     o.Base,
		sleep:    o.Sleep,
		now:      o.Now,
	}
	if w.client == nil {
		w.client = &http.Client{
			Timeout: DefaultWebhookTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	if w.attempts == 0 {
		w.attempts = DefaultWebhookAttempts
	}
	if w.base == 0 {
		w.base = DefaultWebhookBase
	}
	if w.sleep == nil {
		w.sleep = wait.Sleep
	}
	if w.now == nil {
		w.now = time.Now
	}
	return w, nil
}

func (w *webhook) Name() string { return "webhook " + w.host }

func (w *webhook) Send(ctx context.Context, a Alert) error {
	if err := a.validate(); err != nil {
		return fmt.Errorf("webhook alert: %w", err)
	}
	if a.Records == nil {
		a.Records = []RecordRef{} // receivers get [], not null
	}
	body, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("webhook encode alert %d: %w", a.ID, err)
	}
	de := &DeliveryError{URL: w.redacted, AlertID: a.ID}
	sched := wait.NewSchedule(w.base, maxWait)
	for n := 1; ; n++ {
		de.Attempts = n
		r := w.attempt(ctx, a, body, n)
		if r.status != 0 {
			de.Status = r.status
		}
		if r.err == nil {
			return nil
		}
		de.Err = r.err
		if !r.retry {
			de.Permanent = r.permanent
			return de
		}
		if n >= w.attempts {
			return de
		}
		// A Retry-After longer than maxWait is waited maxWait: an alert is
		// worth the wait.
		d, _ := sched.Next(r.retryAfter, w.now())
		if err := w.sleep(ctx, d); err != nil {
			de.Err = fmt.Errorf("%w; stopped waiting %v to retry: %w", r.err, d, err)
			return de
		}
	}
}

// outcome is the result of one webhook attempt.
type outcome struct {
	status     int // 0 when no answer came
	err        error
	retry      bool   // the failure may pass: try again
	permanent  bool   // the receiver refused the alert
	retryAfter string // the answer's Retry-After header
}

// attempt POSTs the body once.
func (w *webhook) attempt(ctx context.Context, a Alert, body []byte, n int) outcome {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return outcome{err: fmt.Errorf("new request: %w", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "archivio-alerts")
	req.Header.Set(HeaderEvent, a.Kind)
	req.Header.Set(HeaderAlertID, strconv.FormatInt(a.ID, 10))
	req.Header.Set(HeaderAttempt, strconv.Itoa(n))
	if w.secret != "" {
		req.Header.Set(HeaderSignature, Sign(w.secret, body))
	}
	resp, err := w.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return outcome{err: err} // the caller gave up: do not retry
		}
		var cve *tls.CertificateVerificationError
		if errors.As(err, &cve) {
			return outcome{err: err, permanent: true} // the same certificate comes back next time
		}
		return outcome{err: err, retry: true}
	}
	defer resp.Body.Close()
	snippet := bodySnippet(resp.Body)
	code := resp.StatusCode
	if code >= 200 && code <= 299 {
		return outcome{status: code}
	}
	err = fmt.Errorf("status %s%s", resp.Status, snippet)
	if code == http.StatusTooManyRequests || code >= 500 {
		return outcome{status: code, err: err, retry: true, retryAfter: resp.Header.Get("Retry-After")}
	}
	return outcome{status: code, err: err, permanent: true}
}

// bodySnippet reads the start of a response body for the error message,
// ": " and quoted, or "" when the body is empty, and drains a little more
// so the connection can be reused.
func bodySnippet(r io.Reader) string {
	buf := make([]byte, 256)
	n, _ := io.ReadFull(r, buf)
	_, _ = io.Copy(io.Discard, io.LimitReader(r, 64<<10))
	s := strings.TrimSpace(string(buf[:n]))
	if s == "" {
		return ""
	}
	return fmt.Sprintf(": %q", s)
}
