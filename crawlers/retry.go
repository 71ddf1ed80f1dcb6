package crawlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"archivio/archive"
	"archivio/crawlers/wait"
)

// RetryOptions configure Retry. Zero values take the defaults.
type RetryOptions struct {
	Attempts int           // tries in all, default 4
	Base     time.Duration // first backoff, default 1s; doubles each retry, with ±50% jitter (wait.Schedule)
	Max      time.Duration // longest wait, default 60s; a longer Retry-After gives up instead
	// AttemptTimeout bounds each attempt on its own (0: none), so a slow
	// first try does not eat the time of the retries.
	AttemptTimeout time.Duration
	// Sleep waits d or until ctx ends; tests replace it. Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) error
	// OnRetry, when set, hears of each retry (for logs and counters).
	OnRetry func(req *http.Request, attempt int, wait time.Duration, reason string)
}

// Retry is an http.RoundTripper that retries what is worth retrying:
// timeouts and dropped connections, before the answer or in the middle of
// its body, 429 Too Many Requests and 5xx answers (but 501), with
// exponential backoff and jitter, honouring Retry-After. Every attempt
// goes through next, so each is archived: a body the recording transport
// archived cut by a timeout or a dropped connection (its capture mark
// says "time" or "disconnect") stays in the archive as evidence and is
// asked again. When every attempt's body was cut so, RoundTrip fails with
// an error wrapping ErrBodyCut (ErrorKind: timeout, disconnected).
type Retry struct {
	next http.RoundTripper
	opts RetryOptions
}

// NewRetry wraps next.
func NewRetry(next http.RoundTripper, opts RetryOptions) *Retry {
	if opts.Attempts <= 0 {
		opts.Attempts = 4
	}
	if opts.Base <= 0 {
		opts.Base = time.Second
	}
	if opts.Max <= 0 {
		opts.Max = time.Minute
	}
	if opts.Sleep == nil {
		opts.Sleep = sleepCtx
	}
	return &Retry{next: next, opts: opts}
}

// RoundTrip sends req, retrying as configured. Only requests without a
// body (GET, HEAD) are retried.
func (r *Retry) RoundTrip(req *http.Request) (*http.Response, error) {
	sched := wait.NewSchedule(r.opts.Base, r.opts.Max)
	for attempt := 1; ; attempt++ {
		resp, err := r.attempt(req)
		reason, retryable := shouldRetry(resp, err)
		if retryable && runStopped(req.Context()) {
			// The crawl stopped: no new attempt. The caller leaves the
			// page queued for --resume.
			return attempted(resp, err, attempt)
		}
		if !retryable || attempt >= r.opts.Attempts || req.Body != nil && req.Body != http.NoBody {
			if cut := retriableCut(resp); cut != "" {
				resp.Body.Close()
				return nil, &BodyCutError{URL: req.URL.String(), Reason: cut, Attempts: attempt}
			}
			return attempted(resp, err, attempt)
		}
		retryAfter := ""
		if resp != nil {
			retryAfter = resp.Header.Get("Retry-After")
		}
		wait, within := sched.Next(retryAfter, time.Now())
		if !within {
			return attempted(resp, nil, attempt) // the server asks for more patience than we have
		}
		if resp != nil {
			resp.Body.Close()
		}
		if r.opts.OnRetry != nil {
			r.opts.OnRetry(req, attempt, wait, reason)
		}
		ctx, cancel := stopContext(req.Context())
		err = r.opts.Sleep(ctx, wait)
		cancel()
		if err != nil {
			return nil, err
		}
	}
}

// attempted marks an outcome with the number of attempts it took, when
// more than one: the answer's header (attemptsHeader), or the error
// (RetriedError).
func attempted(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if attempts < 2 {
		return resp, err
	}
	if resp != nil {
		resp.Header.Set(attemptsHeader, strconv.Itoa(attempts))
	}
	if err != nil {
		err = &RetriedError{Err: err, Attempts: attempts}
	}
	return resp, err
}

// attempt sends req once, within AttemptTimeout. The timeout's context
// ends when the response body is closed.
func (r *Retry) attempt(req *http.Request) (*http.Response, error) {
	if r.opts.AttemptTimeout <= 0 {
		return r.next.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), r.opts.AttemptTimeout)
	resp, err := r.next.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}

// shouldRetry says whether an attempt's outcome is worth another try.
func shouldRetry(resp *http.Response, err error) (string, bool) {
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return "", false
		}
		var dns *net.DNSError
		if errors.As(err, &dns) {
			return "dns", dns.IsTemporary || dns.IsTimeout
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
			return "timeout", true
		}
		if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) {
			return "connection reset", true
		}
		return "", false
	}
	switch cut := retriableCut(resp); {
	case cut == "time":
		return "body cut by the timeout", true
	case cut == "disconnect":
		return "body cut by a dropped connection", true
	case resp.StatusCode == http.StatusTooManyRequests:
		return "429", true
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		return strconv.Itoa(resp.StatusCode), true
	}
	return "", false
}

// retriableCut is the WARC-Truncated reason of an answer whose body the
// recording transport archived cut by a timeout or a dropped connection,
// "" for any other answer (a cut at the size limit would come again).
func retriableCut(resp *http.Response) string {
	if resp == nil {
		return ""
	}
	switch cut := archive.ReadCaptureMark(resp.Header).Truncated; cut {
	case "time", "disconnect":
		return cut
	}
	return ""
}

// ErrBodyCut is wrapped by the error of a request whose every attempt got
// an answer with its body cut by a timeout or a dropped connection.
var ErrBodyCut = errors.New("body cut")

// BodyCutError is Retry's error when every attempt's body was cut.
type BodyCutError struct {
	URL      string
	Reason   string // the WARC-Truncated reason of the last attempt: "time" or "disconnect"
	Attempts int
}

func (e *BodyCutError) Error() string {
	why := "a dropped connection"
	if e.Reason == "time" {
		why = "the timeout"
	}
	return fmt.Sprintf("GET %s: body cut by %s in each of %d attempts (archived with WARC-Truncated: %s)", e.URL, why, e.Attempts, e.Reason)
}

func (e *BodyCutError) Unwrap() error { return ErrBodyCut }

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error { return wait.Sleep(ctx, d) }
