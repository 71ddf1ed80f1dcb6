package jobs

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"archivio/archive"
	"archivio/crawlers"
)

// reconcile lists in the catalog the responses that a killed run wrote to
// its WARC files but did not live to catalog, so a resumed crawl counts
// them as captured instead of fetching them again.
func (j *job) reconcile(ctx context.Context, repaired []archive.RepairReport) error {
	for _, r := range repaired {
		path := filepath.Join(j.st.WARCDir(), r.File)
		err := archive.ScanWARC(ctx, path, func(s archive.ScannedRecord) error {
			if s.Type != "response" && s.Type != "revisit" {
				return nil
			}
			listed, err := j.st.HasCaptureAt(ctx, r.File, s.Offset)
			if err != nil || listed {
				return err
			}
			resp, err := archive.ReadResponse(ctx, path, s.Offset)
			if err != nil {
				return err
			}
			c := &archive.Capture{
				CrawlID: j.crawlID, URL: resp.TargetURI, FetchedAt: resp.Date, Status: resp.StatusCode,
				ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
				LastModified: resp.Header.Get("Last-Modified"), PayloadDigest: resp.PayloadDigest,
				PayloadLength: int64(len(resp.Body)), Truncated: resp.Truncated,
				WARCFile: r.File, WARCOffset: s.Offset, WARCLength: s.Length, WARCRecordID: s.RecordID,
			}
			if resp.Type == "revisit" {
				if o, err := j.st.OriginalCapture(ctx, resp.TargetURI, resp.PayloadDigest); err == nil {
					c.RevisitOf, c.PayloadLength = o.ID, o.PayloadLength
				}
			}
			_, err = j.st.AddCapture(ctx, c)
			return err
		})
		if err != nil {
			return fmt.Errorf("reconcile %s with the catalog: %w", r.File, err)
		}
	}
	return nil
}

// archived returns a resumed entry's page from the archive when the
// interrupted crawl captured it already. Redirects are fetched again: their
// target is what matters.
func (j *job) archived(ctx context.Context, e crawlers.ResumeEntry) (*crawlers.Page, bool) {
	c, err := j.st.CaptureInCrawl(ctx, j.crawlID, e.URL)
	if err != nil || c.Truncated != "" || !finalAnswer(c.Status) {
		return nil, false
	}
	body, header, cut, err := j.pagePayload(ctx, c)
	if err != nil {
		j.cfg.Logger.Warn("archived page unreadable; fetching it again", "url", e.URL, "err", err)
		return nil, false
	}
	rid := 0
	if s, ok := strings.CutPrefix(e.Key, "record:"); ok {
		rid, _ = strconv.Atoi(s)
	}
	j.fromArchive.Add(1)
	return &crawlers.Page{URL: c.URL, Key: e.Key, RecordID: rid, Status: c.Status, Header: header,
		Body: body, CaptureID: c.ID, Truncated: c.Truncated, BodyCut: cut}, true
}

// payload reads a capture's body from its WARC record (the original's, for
// a revisit) without its content coding, for the parser: a body longer
// than crawlers.MaxPageBody is an error.
func (j *job) payload(ctx context.Context, c *archive.Capture) ([]byte, http.Header, error) {
	body, header, cut, err := j.pagePayload(ctx, c)
	if err == nil && cut {
		return nil, nil, fmt.Errorf("page longer than the parse limit (%d bytes)", crawlers.MaxPageBody)
	}
	return body, header, err
}

// pagePayload reads a capture's body as payload does, at most
// crawlers.MaxPageBody bytes of it: cut reports a longer body.
func (j *job) pagePayload(ctx context.Context, c *archive.Capture) (body []byte, header http.Header, cut bool, err error) {
	body, header, err = j.wholePayload(ctx, c)
	if err != nil {
		return nil, nil, false, err
	}
	decoded, _ := archive.DecodePayload(header, body, crawlers.MaxPageBody+1)
	if len(decoded) > crawlers.MaxPageBody {
		return decoded[:crawlers.MaxPageBody], header, true, nil
	}
	return decoded, header, false, nil
}

// wholePayload reads a capture's body as archived.
func (j *job) wholePayload(ctx context.Context, c *archive.Capture) ([]byte, http.Header, error) {
	resp, err := archive.ReadResponse(ctx, filepath.Join(j.st.WARCDir(), c.WARCFile), c.WARCOffset)
	if err != nil {
		return nil, nil, err
	}
	header := resp.Header
	body := resp.Body
	if c.RevisitOf != 0 {
		orig, err := j.st.Capture(ctx, c.RevisitOf)
		if err != nil {
			return nil, nil, err
		}
		o, err := archive.ReadResponse(ctx, filepath.Join(j.st.WARCDir(), orig.WARCFile), orig.WARCOffset)
		if err != nil {
			return nil, nil, err
		}
		body = o.Body
	}
	if body == nil && c.RevisitOf == 0 && c.PayloadLength > 0 {
		return nil, nil, errors.New("record has no payload")
	}
	return body, header, nil
}

// finalAnswer reports whether a status settles a page for a crawl: a
// redirect, a 429 or a 5xx captured before an interruption (mid-retry) is
// fetched again instead.
func finalAnswer(status int) bool {
	return status >= 200 && status < 300 || status == http.StatusNotModified ||
		status == http.StatusNotFound || status == http.StatusGone
}
