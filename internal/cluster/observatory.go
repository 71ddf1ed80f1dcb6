package cluster

import (
	"context"
	"encoding/xml"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/crawlers"
	"archivio/internal/jobs"
	"archivio/parsers"
	"archivio/source/osservatorio"
)

// observatory is the observatory's crawl as a node runs it: the pages it
// follows (the home page, the sitemap, the listing pages and every record
// page, each record once whatever URL shape links to it, keyed as a
// single machine's crawl keys them) and the records its record pages
// hold, parsed and stored as a single machine's crawl stores them.
type observatory struct {
	base     *url.URL
	prefixes []string
	st       *pg.Store
	crawlID  int64
	now      func() time.Time
	log      *slog.Logger

	newRecs, changed, unchanged, unreadable atomic.Int64
}

func newObservatory(base *url.URL, st *pg.Store, log *slog.Logger, now func() time.Time) *observatory {
	return &observatory{base: base, prefixes: osservatorio.ListingPrefixes(), st: st, log: log, now: now}
}

// seeds are where the crawl starts: the home page, the sitemap, the
// record ids asked for (from to to) and every record the archive holds.
func (o *observatory) seeds(known []int, from, to int) []archive.FrontierEntry {
	home, _ := o.classify(osservatorio.Home(o.base))
	out := []archive.FrontierEntry{home, o.sitemap(o.base.ResolveReference(&url.URL{Path: osservatorio.SitemapPath}))}
	for id := from; id > 0 && id <= to; id++ {
		out = append(out, o.record(id))
	}
	for _, id := range known {
		if id > 0 {
			out = append(out, o.record(id))
		}
	}
	return out
}

func (o *observatory) record(id int) archive.FrontierEntry {
	return archive.FrontierEntry{Key: osservatorio.RecordKey(id), URL: osservatorio.RecordURL(o.base, id).String()}
}

func (o *observatory) sitemap(u *url.URL) archive.FrontierEntry {
	return archive.FrontierEntry{Key: "url:" + u.Path + querySuffix(u.RawQuery), URL: u.String()}
}

// classify turns a link into the entry the crawl queues, or reports that
// the crawl does not follow it: a record page in any shape becomes the
// record's canonical URL keyed by its id; a listing page is kept by path
// and query on the base site.
func (o *observatory) classify(u *url.URL) (archive.FrontierEntry, bool) {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https") || !sameSite(u.Host, o.base.Host) {
		return archive.FrontierEntry{}, false
	}
	if id, ok := osservatorio.RecordID(u.Path); ok {
		return o.record(id), true
	}
	p := u.Path
	if p == "" {
		p = "/"
	}
	if skipExt[strings.ToLower(path.Ext(p))] {
		return archive.FrontierEntry{}, false
	}
	follow := p == "/"
	for _, pre := range o.prefixes {
		follow = follow || p == pre || strings.HasPrefix(p, strings.TrimSuffix(pre, "/")+"/")
	}
	if !follow {
		return archive.FrontierEntry{}, false
	}
	c := *o.base
	c.Path, c.RawPath, c.RawQuery, c.Fragment = p, "", u.RawQuery, ""
	return archive.FrontierEntry{Key: "url:" + p + querySuffix(u.RawQuery), URL: c.String()}, true
}

// page reads an answer: a record page's record is stored, a sitemap's and
// an HTML page's links (and a redirect's target) become entries.
func (o *observatory) page(ctx context.Context, p Page) (Outcome, error) {
	var entries []archive.FrontierEntry
	add := func(raw string) {
		u, err := p.URL.Parse(strings.TrimSpace(raw))
		if err != nil {
			return
		}
		u.Fragment = ""
		if e, ok := o.classify(u); ok {
			entries = append(entries, e)
		} else if strings.HasSuffix(strings.ToLower(u.Path), ".xml") && sameSite(u.Host, o.base.Host) {
			entries = append(entries, o.sitemap(u)) // a sitemap an index lists
		}
	}
	if p.Status == http.StatusNotModified {
		if id, ok := osservatorio.KeyRecordID(p.Lease.Key); ok {
			return o.recordNotModified(ctx, id, p)
		}
		return Outcome{}, nil
	}
	if p.Status >= 300 && p.Status < 400 {
		if loc := p.Header.Get("Location"); loc != "" {
			add(loc)
		}
		return Outcome{Entries: entries}, nil
	}
	if p.Status != http.StatusOK {
		return Outcome{}, nil
	}
	ct := p.Header.Get("Content-Type")
	switch {
	case strings.Contains(ct, "xml") || strings.HasSuffix(p.URL.Path, ".xml"):
		var doc struct {
			URLs     []string `xml:"url>loc"`
			Sitemaps []string `xml:"sitemap>loc"`
		}
		if xml.Unmarshal(p.Body, &doc) == nil {
			for _, l := range append(doc.URLs, doc.Sitemaps...) {
				add(l)
			}
		}
	case strings.Contains(ct, "html"):
		for _, l := range hrefs(p.URL, p.Body) {
			add(l)
		}
	}
	if id, ok := osservatorio.KeyRecordID(p.Lease.Key); ok {
		if p.Truncated != "" {
			o.log.Warn("record page cut; not parsed", "url", p.URL.String(), "reason", p.Truncated)
			return Outcome{Entries: entries}, nil
		}
		out, err := o.readRecord(ctx, recordPage{id: id, url: p.URL, body: p.Body, contentType: p.Header.Get("Content-Type"), captureID: p.CaptureID})
		out.Entries = entries
		return out, err
	}
	return Outcome{Entries: entries}, nil
}

// recordPage is a record page's body to read: as fetched, or from the
// archive after a 304.
type recordPage struct {
	id          int
	url         *url.URL
	body        []byte
	contentType string
	captureID   int64
	notModified bool
}

// readRecord parses a record page and stores the record as a new version
// when its content changed; a page the parser cannot read is kept as a
// parse failure. Either way the crawl's parse results note how it came
// out. A page cut in transfer is not read: the record keeps its last
// whole version.
func (o *observatory) readRecord(ctx context.Context, p recordPage) (Outcome, error) {
	id := p.id
	body, over := p.body, false
	if len(body) > crawlers.MaxPageBody {
		body, over = body[:crawlers.MaxPageBody], true
	}
	rec, err := parsers.ParseContext(ctx, body, p.url, p.contentType)
	if err != nil && ctx.Err() != nil {
		return Outcome{}, fmt.Errorf("read record %d: %w", id, ctx.Err())
	}
	if err != nil {
		reason := err.Error()
		if over {
			reason = fmt.Sprintf("read from the first %d MiB of a longer page: %s", crawlers.MaxPageBody>>20, reason)
		}
		return o.unreadablePage(p, reason), nil
	}
	if over {
		rec.Warnings = append(rec.Warnings, parsers.Warning{Code: "page_cut",
			Message: fmt.Sprintf("the page is longer than %d MiB: the record was read from its first %d MiB (the whole page is archived)", crawlers.MaxPageBody>>20, crawlers.MaxPageBody>>20)})
	}
	if rec.ID != id {
		o.log.Warn("record page names another id", "url", p.url.String(), "id", rec.ID)
	}
	ar, err := jobs.ArchiveRecord(rec)
	if err != nil {
		return Outcome{}, err
	}
	for _, w := range rec.Warnings {
		if w.Code == "unknown_label" {
			o.log.Warn("unknown label: the source may have changed", "id", rec.ID, "label", w.Label)
		}
	}
	result := o.result(p, rec, archive.OutcomeParsed, "")
	return Outcome{Writes: pg.Writes{Record: &ar, RecordCapture: p.captureID, SeenAt: o.now(), Result: &result},
		Settled: func(applied archive.Applied) {
			switch applied.Outcome {
			case archive.VersionNew:
				o.newRecs.Add(1)
			case archive.VersionChanged:
				o.changed.Add(1)
				o.log.Info("record changed", "id", rec.ID, "version", applied.Version, "fields", applied.Changed)
			default:
				o.unchanged.Add(1)
			}
		}}, nil
}

// unreadablePage keeps a record page the parser could not read as a
// parse failure: its capture stays in the archive, and the next crawl
// asks for it conditionally.
func (o *observatory) unreadablePage(p recordPage, reason string) Outcome {
	o.log.Warn("record page unreadable: kept as a parse failure", "url", p.url.String(), "capture", p.captureID, "reason", reason)
	result := o.result(p, nil, archive.OutcomeUnreadable, reason)
	return Outcome{Writes: pg.Writes{Failure: &archive.ParseFailure{RecordID: p.id, URL: p.url.String(), CaptureID: p.captureID,
		CrawlID: o.crawlID, Reason: reason, ParserVersion: parsers.Version, LastFailed: o.now()}, Result: &result},
		Settled: func(archive.Applied) { o.unreadable.Add(1) }}
}

// result is how a record page came out in this crawl, with the labels
// its record showed.
func (o *observatory) result(p recordPage, rec *parsers.Record, outcome, reason string) archive.ParseResult {
	r := archive.ParseResult{CrawlID: o.crawlID, RecordID: p.id, URL: p.url.String(), CaptureID: p.captureID,
		Outcome: outcome, NotModified: p.notModified, Reason: reason}
	if rec == nil {
		return r
	}
	for _, raw := range rec.Raw {
		if raw.Field != "" {
			r.Fields = append(r.Fields, raw.Field)
		}
	}
	for _, w := range rec.Warnings {
		switch w.Code {
		case "unknown_label":
			if w.Label != "" {
				r.Unknown = append(r.Unknown, w.Label)
			}
		case "fuzzy_label":
			if w.Field != "" {
				r.Fields = append(r.Fields, w.Field)
				r.Fuzzy = append(r.Fuzzy, archive.FuzzyLabel{Label: w.Label, Field: w.Field})
			}
		}
	}
	return r
}

// skipExt are file types that are never pages.
var skipExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".webp": true, ".svg": true, ".ico": true,
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".zip": true, ".css": true,
	".js": true, ".mp4": true, ".mp3": true, ".odt": true, ".ods": true, ".xml": true, ".json": true,
}

func querySuffix(q string) string {
	if q == "" {
		return ""
	}
	return "?" + q
}

// sameSite compares hosts ignoring case, a leading "www." and the port.
func sameSite(a, b string) bool {
	norm := func(h string) string {
		h = strings.ToLower(h)
		if host, _, found := strings.Cut(h, ":"); found {
			h = host
		}
		return strings.TrimPrefix(h, "www.")
	}
	return norm(a) == norm(b)
}
