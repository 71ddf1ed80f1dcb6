package jobs

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/source/osservatorio"
)

// reconcile lists in the catalog the responses that a killed run wrote to
// its WARC files but did not live to catalog, so a resumed crawl counts
// them as captured instead of fetching them again: in the files repaired
// now, and in the files closed since the crawl began (a rotation may close
// a file while the records it ends with are still being catalogued).
func (j *job) reconcile(ctx context.Context, repaired []archive.RepairReport, since time.Time) error {
	files := map[string]bool{}
	for _, r := range repaired {
		files[r.File] = true
	}
	entries, err := os.ReadDir(j.st.WARCDir())
	if err != nil {
		return fmt.Errorf("reconcile WARC files with the catalog: %w", err)
	}
	// File times have a coarse grain on some file systems.
	since = since.Add(-2 * time.Second)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), ".warc.gz") {
			continue
		}
		if info, err := e.Info(); err == nil && !info.ModTime().Before(since) {
			files[e.Name()] = true
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := j.reconcileFile(ctx, name); err != nil {
			return fmt.Errorf("reconcile %s with the catalog: %w", name, err)
		}
	}
	return nil
}

// reconcileFile catalogues the responses of one WARC file that the
// catalog lacks, as captures of the crawl (archive.ListUncatalogued).
func (j *job) reconcileFile(ctx context.Context, name string) error {
	_, err := archive.ListUncatalogued(ctx, j.st, filepath.Join(j.st.WARCDir(), name), func(c *archive.Capture) error {
		c.CrawlID = j.crawlID
		_, err := j.st.AddCapture(ctx, c)
		return err
	})
	return err
}

// archived returns a page from the archive when the interrupted crawl this
// one resumes captured it already (maybe without settling the page that
// led to it). Redirects are fetched again: their target is what matters.
func (j *job) archived(ctx context.Context, e crawlers.ResumeEntry) (*crawlers.Page, bool) {
	if !j.resumed {
		return nil, false // a new crawl has captured nothing yet
	}
	c, err := j.st.CaptureInCrawl(ctx, j.crawlID, e.URL)
	if err != nil || c.Truncated != "" || !finalAnswer(c.Status) {
		return nil, false
	}
	body, header, cut, err := pagePayload(ctx, j.st, c)
	if err != nil {
		j.cfg.Logger.Warn("archived page unreadable; fetching it again", "url", e.URL, "err", err)
		return nil, false
	}
	rid, _ := osservatorio.KeyRecordID(e.Key)
	j.fromArchive.Add(1)
	return &crawlers.Page{URL: c.URL, Key: e.Key, RecordID: rid, Status: c.Status, Header: header,
		Body: body, CaptureID: c.ID, Truncated: c.Truncated, BodyCut: cut}, true
}

// payload reads a capture's body from its WARC record (the original's, for
// a revisit) without its content coding, for the parser: at most its first
// crawlers.MaxPageBody bytes, as a crawl reads it.
func payload(ctx context.Context, st captureReader, c *archive.Capture) ([]byte, http.Header, error) {
	body, header, _, err := pagePayload(ctx, st, c)
	return body, header, err
}

// pagePayload reads a capture's body as payload does, at most
// crawlers.MaxPageBody bytes of it: cut reports a longer body.
func pagePayload(ctx context.Context, st captureReader, c *archive.Capture) (body []byte, header http.Header, cut bool, err error) {
	body, header, err = st.Payload(ctx, c)
	if err != nil {
		return nil, nil, false, err
	}
	body, cut = pageBody(header, body)
	return body, header, cut, nil
}

// pageBody decodes a payload as archived (its content coding) and keeps at
// most crawlers.MaxPageBody bytes of it: cut reports a longer body.
func pageBody(header http.Header, body []byte) (page []byte, cut bool) {
	decoded, _ := archive.DecodePayload(header, body, crawlers.MaxPageBody+1)
	if len(decoded) > crawlers.MaxPageBody {
		return decoded[:crawlers.MaxPageBody], true
	}
	return decoded, false
}

// finalAnswer reports whether a status settles a page for a crawl: a
// redirect, a 429 or a 5xx captured before an interruption (mid-retry) is
// fetched again instead.
func finalAnswer(status int) bool {
	return status >= 200 && status < 300 || status == http.StatusNotModified ||
		status == http.StatusNotFound || status == http.StatusGone
}
