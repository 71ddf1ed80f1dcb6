package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"archivio/crawlers"
)

// Options configure a Checker. Zero values take the documented
// defaults; Transport and UserAgent are required.
type Options struct {
	// Transport carries every request: the archiving, guarded transport
	// chain, since every request a check makes is evidence. Required.
	Transport    http.RoundTripper
	UserAgent    string        // required: names archivio and a contact URL
	Timeout      time.Duration // the whole check of one URL, probes included; default 20s
	MaxRedirects int           // redirects followed per request, default 10
	MaxBody      int64         // bytes of a body read to classify it, default 512 KiB
	// ProbeMissing fetches a random missing path once per host (cached
	// per Checker) to recognise sites that answer 200 for any path, and
	// the host's root once, to recognise a redirect to where the home
	// page leads. New turns it on unless DisableProbe is set: with
	// DisableProbe a check makes no request beyond the link's own.
	ProbeMissing bool
	DisableProbe bool
	// UnsafeAddress is the error the transport's dialer wraps when it
	// refuses a non-public address (in archivio, netguard's
	// ErrUnsafeAddress): a check that fails with it, on the link or on a
	// redirect, gets VerdictUnsafeAddress. Nil when the transport guards
	// nothing.
	UnsafeAddress error
	Now           func() time.Time // clock, default time.Now
	Logger        *slog.Logger     // debug notes on probes; default discards
}

// Hop is one request of a redirect chain and the status it got (0 when it
// got no answer).
type Hop struct {
	URL    string `json:"url"`
	Status int    `json:"status"`
}

// Result is the outcome of checking one URL.
type Result struct {
	URL      string  `json:"url"`       // as given
	FinalURL string  `json:"final_url"` // the last URL requested
	Verdict  Verdict `json:"verdict"`   // why the link works or not
	Status   int     `json:"status"`    // status of the deciding answer, 0 for none
	Method   string  `json:"method"`    // "HEAD" or "GET": the request that decided
	// Chain is every request of the deciding method, in order: each
	// redirect hop, ending with the final answer (or the URL that got
	// none, with status 0).
	Chain     []Hop         `json:"chain"`
	Error     string        `json:"error,omitempty"`      // why there was no usable answer, or that the body was archived cut (its kind first)
	CaptureID int64         `json:"capture_id,omitempty"` // catalog id of the deciding response, 0 if none
	CheckedAt time.Time     `json:"checked_at"`
	Elapsed   time.Duration `json:"elapsed"`
}

// ErrOptions is wrapped by New's errors for bad options.
var ErrOptions = errors.New("invalid link check options")

// Checker checks links: it asks each URL with HEAD, confirms with GET
// when the answer needs a body or HEAD looks unsupported, follows
// redirects one hop at a time through the transport, and gives a verdict.
// A Checker is safe for concurrent use; it caches, per host, the answer
// to a random missing path and where the home page leads.
type Checker struct {
	opts  Options
	rules verdictRules
	log   *slog.Logger

	mu      sync.Mutex
	samples map[string]*sampleEntry // "kind origin" -> fetched once
}

// New returns a Checker with the defaults applied.
func New(o Options) (*Checker, error) {
	var errs []error
	if o.Transport == nil {
		errs = append(errs, errors.New("Transport: required"))
	}
	if strings.TrimSpace(o.UserAgent) == "" {
		errs = append(errs, errors.New("UserAgent: required"))
	}
	if o.Timeout < 0 || o.MaxRedirects < 0 || o.MaxBody < 0 {
		errs = append(errs, errors.New("Timeout, MaxRedirects, MaxBody: must not be negative"))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w: %w", ErrOptions, errors.Join(errs...))
	}
	if o.Timeout == 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 10
	}
	if o.MaxBody == 0 {
		o.MaxBody = 512 << 10
	}
	o.ProbeMissing = !o.DisableProbe
	if o.Now == nil {
		o.Now = time.Now
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Checker{opts: o, rules: newVerdictRules(), log: log, samples: make(map[string]*sampleEntry)}, nil
}

// unsafe reports whether err is the guard's refusal of an address.
func (c *Checker) unsafe(err error) bool {
	return err != nil && c.opts.UnsafeAddress != nil && errors.Is(err, c.opts.UnsafeAddress)
}

// Check checks one URL within Options.Timeout and never fails: what
// went wrong is in the verdict and Error. When ctx ends before the check
// does, the verdict is VerdictTimeout; callers shutting down should
// discard results obtained after ctx was done.
func (c *Checker) Check(ctx context.Context, rawURL string) Result {
	start := c.opts.Now()
	res := Result{URL: rawURL, FinalURL: rawURL, CheckedAt: start}
	u, err := checkURL(rawURL)
	if err != nil {
		res.Verdict, res.Error = VerdictInvalidURL, err.Error()
		res.Elapsed = c.opts.Now().Sub(start)
		return res
	}
	ctx, cancel := withBudget(ctx, c.opts.Timeout) // waits for a host's turn not counted (Pause)
	defer cancel()

	s := c.newSession()
	a := s.follow(ctx, "HEAD", u)
	if c.needsGet(a) {
		a = s.follow(ctx, "GET", u)
	}
	res.Method, res.Chain, res.CaptureID = a.method, a.hops, a.capture.ID
	if n := len(a.hops); n > 0 {
		res.FinalURL, res.Status = a.hops[n-1].URL, a.hops[n-1].Status
	}
	switch cut := a.capture.Truncated; {
	case a.err != nil:
		res.Error = a.err.Error()
	case cut != "":
		// Judged on what arrived; the cut is evidence too.
		res.Error = fmt.Sprintf("%s: body archived cut (WARC-Truncated: %s)", crawlers.CutKind(cut), cut)
	}
	res.Verdict = c.verdict(ctx, u, a)
	res.Elapsed = c.opts.Now().Sub(start)
	return res
}

// checkURL parses an absolute http(s) URL, without its fragment.
func checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("check %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("check %q: not an absolute http(s) URL", raw)
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// verdict decides, in this order: the guard's refusal; a chain through
// a parking service; failures without an answer (redirect loops and
// limits, DNS, refused, timeout, TLS, resets); then the answer itself
// (see answerVerdict).
func (c *Checker) verdict(ctx context.Context, orig *url.URL, a *attempt) Verdict {
	switch {
	case c.unsafe(a.err):
		return VerdictUnsafeAddress
	case parkedChain(a.hops):
		return VerdictParked
	case a.err != nil:
		return errorVerdict(a.err)
	}
	return c.answerVerdict(ctx, orig, a)
}

// errorVerdict maps a request that got no usable answer.
func errorVerdict(err error) Verdict {
	if isRedirectErr(err) {
		return VerdictServerError
	}
	switch crawlers.ErrorKind(err) {
	case "dns_not_found":
		return VerdictDNSNotFound
	case "dns_error":
		return VerdictDNSError
	case "refused":
		return VerdictRefused
	case "timeout", "canceled":
		return VerdictTimeout
	case "tls_error":
		return VerdictTLSError
	}
	return VerdictServerError // resets, broken answers, stopped redirects
}

// answerVerdict decides on an answer, in this order: 429, 401 and 403
// are blocked, and so is a 503 challenge; other 5xx are server errors;
// other 4xx are gone; a final 3xx is a server error. A 2xx page is then
// parked, blocked (a challenge title), a soft 404 by its words,
// redirect_home (a deep link sent to the home page), a soft 404 by
// resemblance to the site's answer for a missing path, a redirect, or ok.
func (c *Checker) answerVerdict(ctx context.Context, orig *url.URL, a *attempt) Verdict {
	st := a.status
	switch {
	case st == 429 || st == 401 || st == 403:
		return VerdictBlocked
	case st == 503 && c.rules.challenge(a.page, a.header):
		return VerdictBlocked
	case st >= 500:
		return VerdictServerError
	case st >= 400:
		return VerdictGone
	case st < 200 || st >= 300:
		return VerdictServerError
	}
	switch {
	case c.rules.parked(a.page):
		return VerdictParked
	case c.rules.challengeTitle(a.page, a.header):
		return VerdictBlocked
	case c.rules.softNotFound(a.page):
		return VerdictSoft404
	}
	redirected, deep := len(a.hops) > 1, isDeepLink(orig)
	if redirected && deep && c.sentHome(ctx, orig, a.final) {
		return VerdictRedirectHome
	}
	if deep && st == 200 && a.method == "GET" && c.opts.ProbeMissing && c.likeMissing(ctx, orig, a) {
		return VerdictSoft404
	}
	if redirected {
		return VerdictRedirect
	}
	return VerdictOK
}

// sentHome reports whether a redirected deep link ended on the site's home
// page: a home path, or the page the host's root itself leads to.
func (c *Checker) sentHome(ctx context.Context, orig, final *url.URL) bool {
	if isHomePath(final.Path) && final.RawQuery == "" {
		return true
	}
	if strings.EqualFold(strings.TrimSuffix(final.Path, "/"), strings.TrimSuffix(orig.Path, "/")) {
		return false // only the scheme or host changed: the page itself moved
	}
	if !c.opts.ProbeMissing {
		return false
	}
	home, ok := c.sample(ctx, "home", final)
	return ok && home.status >= 200 && home.status < 300 && sameResource(home.final, final)
}

// likeMissing reports whether a 200 page is what the site answers for a
// random missing path: the same final URL, or a near-identical page. The
// original host and, when the link moved, the final host are probed.
func (c *Checker) likeMissing(ctx context.Context, orig *url.URL, a *attempt) bool {
	bases := []*url.URL{orig}
	if !strings.EqualFold(orig.Scheme+"://"+orig.Host, a.final.Scheme+"://"+a.final.Host) {
		bases = append(bases, a.final)
	}
	for _, b := range bases {
		probe, ok := c.sample(ctx, "probe", b)
		if !ok || probe.status != 200 {
			continue
		}
		if sameResource(probe.final, a.final) || similarPages(probe.page, a.page) {
			return true
		}
	}
	return false
}
