package crawlers

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"archivio/archive"
)

// The crawl log (Options.FetchLog) hears of every request of a crawl as it
// ends, redirect hops, robots.txt and sitemaps included, and of every URL
// the crawl decides not to fetch (robots.txt, the page limit, the depth).
// Each entry says how the crawl came to the URL: the page that led to it
// (via) and the discovery path from a seed, in Heritrix's letters: L a
// link, R a redirect, P a prerequisite (robots.txt).

// found is how the crawl came to a URL: the page that led there and the
// discovery path of that page plus this hop. The zero value is a seed.
type found struct {
	via, path string
}

// attemptsHeader is set by Retry on an answer that took more than one
// attempt: how many. The crawl log reads and removes it.
const attemptsHeader = "X-Archivio-Attempts"

// RetriedError is Retry's error when every attempt failed without an
// answer: the last attempt's error, and how many there were.
type RetriedError struct {
	Err      error
	Attempts int
}

func (e *RetriedError) Error() string { return e.Err.Error() }
func (e *RetriedError) Unwrap() error { return e.Err }

// noteFound remembers how the crawl came to a queued job, for the log
// line of its fetch (cr.mu held).
func (cr *crawler) noteFound(j job) {
	if cr.opts.FetchLog != nil && j.found != (found{}) {
		cr.found[j.key] = j.found
	}
}

// forget drops what noteFound kept of a key, once its page is handled.
func (cr *crawler) forget(key string) {
	if cr.opts.FetchLog == nil {
		return
	}
	cr.mu.Lock()
	delete(cr.found, key)
	cr.mu.Unlock()
}

// foundFrom is how a link on page p is come to: via p, one link further.
func (cr *crawler) foundFrom(p *Page) found {
	if cr.opts.FetchLog == nil {
		return found{}
	}
	cr.mu.Lock()
	f := cr.found[p.Key]
	cr.mu.Unlock()
	return found{via: p.URL, path: f.path + "L"}
}

// foundOf is how the crawl came to the URL of req: a redirect hop from the
// request that led to it, robots.txt as a prerequisite, or what
// noteFound kept of its key.
func (cr *crawler) foundOf(req *http.Request) found {
	if prev := req.Response; prev != nil && prev.Request != nil {
		return found{via: prev.Request.URL.String(), path: cr.foundOf(prev.Request).path + "R"}
	}
	if req.URL.Path == "/robots.txt" {
		return found{path: "P"}
	}
	t, ok := cr.scope.classify(req.URL)
	if !ok {
		return found{}
	}
	cr.mu.Lock()
	defer cr.mu.Unlock()
	return cr.found[t.key]
}

// logged wraps the transport of the crawl's requests with the crawl log;
// next itself when there is none.
func (cr *crawler) logged(next http.RoundTripper) http.RoundTripper {
	if cr.opts.FetchLog == nil {
		return next
	}
	return &fetchLogger{next: next, cr: cr}
}

// fetchLogger writes a crawl log entry for each request that passes.
type fetchLogger struct {
	next http.RoundTripper
	cr   *crawler
}

func (l *fetchLogger) RoundTrip(req *http.Request) (*http.Response, error) {
	began := time.Now()
	resp, err := l.next.RoundTrip(req)
	f := l.cr.foundOf(req)
	e := archive.CrawlLogEntry{URL: req.URL.String(), Via: f.via, Path: f.path, Size: -1, Start: began.UTC()}
	if err != nil {
		e.Duration = time.Since(began)
		kind := ErrorKind(err)
		if kind == "canceled" {
			return resp, err // the crawl stopped: the URL stays queued, and is logged when fetched
		}
		e.Status = errorStatus(kind)
		var re *RetriedError
		var cut *BodyCutError
		switch {
		case errors.As(err, &re) && re.Attempts > 1:
			e.Annotations = append(e.Annotations, strconv.Itoa(re.Attempts)+"t")
		case errors.As(err, &cut) && cut.Attempts > 1:
			e.Annotations = append(e.Annotations, strconv.Itoa(cut.Attempts)+"t")
		}
		e.Annotations = append(e.Annotations, kind)
	} else {
		mark := archive.ReadCaptureMark(resp.Header)
		e.Status, e.MIME, e.Size, e.Digest = resp.StatusCode, resp.Header.Get("Content-Type"), mark.Size, mark.Digest
		if !mark.Start.IsZero() {
			e.Start, e.Duration = mark.Start, mark.Elapsed
		} else {
			e.Duration = time.Since(began)
		}
		if n := resp.Header.Get(attemptsHeader); n != "" {
			e.Annotations = append(e.Annotations, n+"t")
			resp.Header.Del(attemptsHeader)
		}
		if cut := truncAnnotation(mark.Truncated); cut != "" {
			e.Annotations = append(e.Annotations, cut)
		}
		if mark.Revisit {
			e.Annotations = append(e.Annotations, "duplicate:digest")
		}
	}
	e.Time = time.Now().UTC()
	l.cr.opts.FetchLog(e)
	return resp, err
}

// logExcluded writes the log entry of a URL the crawl decided not to
// fetch.
func (cr *crawler) logExcluded(j job, reason string) {
	if cr.opts.FetchLog == nil {
		return
	}
	status := map[string]int{"robots": archive.CrawlLogRobots, "max_pages": archive.CrawlLogQuota,
		"max_depth": archive.CrawlLogHops, "off_site": archive.CrawlLogOffSite}[reason]
	if status == 0 {
		status = archive.CrawlLogOther
	}
	cr.opts.FetchLog(archive.CrawlLogEntry{Time: time.Now().UTC(), Status: status, Size: -1, URL: j.url,
		Via: j.found.via, Path: j.found.path, Annotations: []string{reason}})
}

// errorStatus is the crawl log's status of a request that got no answer,
// by its error kind.
func errorStatus(kind string) int {
	switch kind {
	case "dns_not_found", "dns_error":
		return archive.CrawlLogDNS
	case "refused", "tls_error":
		return archive.CrawlLogConnect
	case "reset", "disconnected":
		return archive.CrawlLogBroken
	case "timeout":
		return archive.CrawlLogTimeout
	}
	return archive.CrawlLogOther
}

// truncAnnotation is the crawl log's annotation of a body archived cut,
// after Heritrix's lenTrunc and timeTrunc.
func truncAnnotation(reason string) string {
	switch reason {
	case "":
		return ""
	case "length":
		return "lenTrunc"
	case "time":
		return "timeTrunc"
	case "disconnect":
		return "disconnectTrunc"
	}
	return "stopTrunc"
}
