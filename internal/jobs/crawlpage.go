package jobs

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/source/osservatorio"
)

func (j *job) countError(kind string) {
	j.mu.Lock()
	j.errs[kind]++
	j.mu.Unlock()
}

// onPage handles a fetched page: a record page goes to the parse stage,
// which stores it as a new version when its content changed.
func (j *job) onPage(ctx context.Context, p crawlers.Page) error {
	if kind := cutKind(p); kind != "" {
		// A page known only in part is an error of its own kind, so that a
		// crawl that lost content never reports "errors none".
		j.countError(kind)
		if p.RecordID == 0 {
			j.cfg.Logger.Warn("page cut: links read from the part received", "url", p.URL, "kind", kind, "reason", p.Truncated)
		}
	}
	switch {
	case p.Status == http.StatusNotModified:
		if p.RecordID != 0 {
			return j.pl.read(ctx, p.Key, 0, func(ctx context.Context) ([]archive.Write, error) {
				return j.recordNotModified(ctx, p)
			})
		}
		return nil
	case p.Status == http.StatusNotFound || p.Status == http.StatusGone:
		j.countError(fmt.Sprintf("http_%d", p.Status))
		return nil
	case p.Status >= 500:
		j.countError("http_5xx")
		return nil
	case p.Status == http.StatusTooManyRequests:
		j.countError("http_429")
		return nil
	case p.Status >= 400:
		j.countError(fmt.Sprintf("http_%d", p.Status))
		return nil
	case p.Status == http.StatusOK && j.cfg.Site != nil:
		return j.siteLinks(ctx, p)
	case p.Status != http.StatusOK || p.RecordID == 0:
		return nil
	case p.Truncated != "":
		// A page cut in transfer would make a version with fields missing;
		// the record keeps its last whole version, and the cut is an error.
		j.cfg.Logger.Warn("record page cut; not parsed", "url", p.URL, "reason", p.Truncated)
		return nil
	}
	// A page archived whole but longer than the parse limit is read from
	// its first part, as the parse limit intends: its fields come first.
	page := recordPage{RecordID: p.RecordID, URL: p.URL, Body: p.Body,
		ContentType: p.Header.Get("Content-Type"), CaptureID: p.CaptureID, OverLimit: p.BodyCut}
	return j.pl.read(ctx, p.Key, int64(len(p.Body)), func(ctx context.Context) ([]archive.Write, error) {
		return j.readRecord(ctx, page)
	})
}

// cutKind is the error kind of a page that answered 200 with a body known
// only in part: too_large past --max-body (as received or decoded) or past
// the parse limit (crawlers.MaxPageBody), timeout or disconnected when the
// body was cut by the timeout or a dropped connection; "" for a whole page.
func cutKind(p crawlers.Page) string {
	switch {
	case p.Status != http.StatusOK:
		return ""
	case p.Truncated == "" && p.BodyCut:
		return "too_large"
	}
	return crawlers.CutKind(p.Truncated)
}

func (j *job) onError(ctx context.Context, u, kind string, err error) {
	j.countError(kind)
	if e := j.pl.write(ctx, archive.FetchErrorWrite(j.crawlID, u, kind, err.Error(), j.cfg.Now())); e != nil {
		j.cfg.Logger.Error("fetch error not recorded", "url", u, "err", e)
	}
}

// conditional gives the validators of the capture a record page was last
// read from: the capture of its open parse failure when it has one (always
// newer than its latest version: reading a newer capture clears the
// failure), else the capture of its latest version. Never a newer capture
// that was not read (a crash): a 304 would then hide a page archivio has
// no version of.
//
// A failed page is asked with its failed capture's validators because a
// 304 then says the page is still exactly that capture, which
// recordNotModified reads again from the archive with the current parser:
// the page is not fetched whole while it stays the same, and a parser that
// has learned its markup turns it into a record at the next crawl. Asking
// with the last version's validators instead would fetch the broken page
// whole at every crawl for as long as it stays broken.
func (j *job) conditional(ctx context.Context, u string) (etag, lastModified string) {
	id, ok := osservatorio.RecordID(u)
	if !ok || !j.inArchive[id] {
		return "", ""
	}
	var captureID int64
	if f, err := j.st.ParseFailure(ctx, id); err == nil {
		captureID = f.CaptureID
	} else if vs, err := j.st.LatestCaptures(ctx, id); err == nil && len(vs) > 0 {
		captureID = vs[0].CaptureID
	}
	if captureID == 0 {
		return "", ""
	}
	c, err := j.st.Capture(ctx, captureID)
	if err != nil || c.URL != u {
		return "", ""
	}
	return c.ETag, c.LastModified
}

// siteLinks adds a site page's links to other sites to the link inventory.
func (j *job) siteLinks(ctx context.Context, p crawlers.Page) error {
	var out []string
	seen := map[string]bool{}
	for _, l := range p.Links {
		lu, err := url.Parse(l)
		if err != nil || (lu.Scheme != "http" && lu.Scheme != "https") || lu.Host == "" || seen[l] || OnHosts(lu.Host, j.cfg.Site.Hosts) {
			continue
		}
		seen[l] = true
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	return j.pl.write(ctx, archive.SiteLinksWrite(j.cfg.Source, p.URL, out, j.cfg.Now()))
}

// OnHosts reports whether host is one of a site source's hosts (case and
// a leading "www." aside): a link elsewhere goes to the link inventory.
func OnHosts(host string, hosts []string) bool {
	h := strings.TrimPrefix(strings.ToLower(host), "www.")
	for _, x := range hosts {
		if strings.TrimPrefix(strings.ToLower(x), "www.") == h {
			return true
		}
	}
	return false
}
