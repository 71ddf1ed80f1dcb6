package crawlers

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gocolly/colly/v2"

	"archivio/archive"
)

func (cr *crawler) onRequest(r *colly.Request) {
	if cr.ctx.Err() != nil {
		r.Abort()
		return
	}
	if cr.opts.Conditional != nil && r.Ctx.Get("record") != "0" {
		etag, lm := cr.opts.Conditional(cr.ctx, r.URL.String())
		if etag != "" {
			r.Headers.Set("If-None-Match", etag)
		}
		if lm != "" {
			r.Headers.Set("If-Modified-Since", lm)
		}
	}
}

func (cr *crawler) onResponse(r *colly.Response) {
	r.Ctx.Put("handled", "1")
	if cr.ctx.Err() != nil {
		// Finished while the run drained: archived whole, and left queued
		// for --resume, which takes it from the archive.
		return
	}
	key := r.Ctx.Get("key")
	rid, _ := strconv.Atoi(r.Ctx.Get("record"))
	depth, _ := strconv.Atoi(r.Ctx.Get("depth"))
	restoreContentType(*r.Headers)
	mark := archive.ReadCaptureMark(*r.Headers)
	p := Page{
		URL: r.Request.URL.String(), Key: key, RecordID: rid, Status: r.StatusCode,
		Header: *r.Headers, Body: r.Body, CaptureID: mark.ID, Truncated: mark.Truncated,
		// The recording transport says how long the body it handed on is:
		// colly read at most MaxPageBody of it.
		BodyCut: mark.Length > int64(len(r.Body)), Depth: depth,
	}
	if mark.Length >= 0 {
		cr.stats.Bytes.Add(mark.Length) // the whole body, of which colly read at most MaxPageBody
	} else {
		cr.stats.Bytes.Add(int64(len(r.Body)))
	}
	if r.StatusCode == http.StatusNotModified {
		cr.stats.NotModified.Add(1)
	} else {
		cr.stats.Fetched.Add(1)
	}
	cr.handle(&p)
}

// handle gives a page to OnPage, then settles it and queues the links it
// leads to (when it is an HTML page that answered 200) in one step.
func (cr *crawler) onError(r *colly.Response, err error) {
	r.Ctx.Put("handled", "1")
	if r.StatusCode != 0 {
		return // an HTTP answer: onResponse has it (ParseHTTPErrorResponse)
	}
	if errors.Is(err, archive.ErrNotArchived) {
		cr.fail(fmt.Errorf("crawl stopped: %w", err)) // left queued: nothing unarchived is used
		return
	}
	kind := ErrorKind(err)
	if kind == "canceled" || cr.ctx.Err() != nil {
		return // left queued: a resumed crawl fetches it
	}
	cr.stats.Errors.Add(1)
	u := r.Request.URL.String()
	cr.opts.Logger.Warn("fetch failed", "url", u, "kind", kind, "err", err)
	if cr.opts.OnError != nil {
		cr.opts.OnError(cr.ctx, u, kind, err)
	}
	if err := cr.commit(r.Ctx.Get("key"), &Outcome{archive.FrontierFailed, kind}, nil); err != nil {
		cr.fail(err)
	}
	cr.forget(r.Ctx.Get("key"))
}

// replay handles a page taken from the archive as if just fetched: the
// callback, then link discovery.
