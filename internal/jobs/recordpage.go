package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"archivio/archive"
	"archivio/crawlers"
	"archivio/parsers"
)

// recordPage is a record page's body to read: as fetched, or from the
// archive.
type recordPage struct {
	RecordID    int
	URL         string
	Body        []byte
	ContentType string
	CaptureID   int64 // the capture the body is
	NotModified bool  // the crawl's answer was a 304: the body comes from the archive
	// OverLimit says Body is the first crawlers.MaxPageBody bytes of a
	// longer page, archived whole.
	OverLimit bool
}

// readRecord parses a record page and returns the writes that store the
// record as a new version when its content changed. A page the parser
// cannot read is kept as a parse failure. Either way the crawl's parse
// results note how it came out. What the writes did is counted once they
// have committed.
func (j *job) readRecord(ctx context.Context, p recordPage) ([]archive.Write, error) {
	u, _ := url.Parse(p.URL)
	rec, err := j.parse(ctx, p.Body, u, p.ContentType)
	if err != nil && ctx.Err() != nil {
		// Stopped mid-parse: the page stays queued and is read again when
		// the crawl resumes. It is not unreadable.
		return nil, fmt.Errorf("read record %d: %w", p.RecordID, ctx.Err())
	}
	if err != nil {
		if fault := (*parsers.FaultError)(nil); errors.As(err, &fault) {
			// archivio's own bug, not the page's: kept as a parse failure
			// like any page it cannot read (reparse reads it again), and
			// told loudly, with where it happened.
			j.cfg.Logger.Error("parser fault", "url", p.URL, "capture", p.CaptureID, "fault", fault.Value, "stack", string(fault.Stack))
		}
		reason := err.Error()
		if p.OverLimit {
			reason = fmt.Sprintf("read from the first %d MiB of a longer page: %s", crawlers.MaxPageBody>>20, reason)
		}
		return j.unreadablePage(p, reason), nil
	}
	if p.OverLimit {
		rec.Warnings = append(rec.Warnings, parsers.Warning{Code: "page_cut",
			Message: fmt.Sprintf("the page is longer than %d MiB: the record was read from its first %d MiB (the whole page is archived)", crawlers.MaxPageBody>>20, crawlers.MaxPageBody>>20)})
	}
	if rec.ID != p.RecordID {
		j.cfg.Logger.Warn("record page names another id", "url", p.URL, "id", rec.ID)
	}
	r, err := ArchiveRecord(rec)
	if err != nil {
		return nil, err
	}
	// The document is packed against the page it was read from, the
	// capture's payload as decoded: the catalog does not repeat its texts.
	r.Page = p.Body
	id := rec.ID
	apply := archive.RecordWrite(r, p.CaptureID, j.cfg.Now(), func(a archive.Applied) {
		switch a.Outcome {
		case archive.VersionNew:
			j.newRecs.Add(1)
		case archive.VersionChanged:
			j.changed.Add(1)
			j.cfg.Logger.Info("record changed", "id", id, "version", a.Version, "fields", a.Changed)
		default:
			j.unchanged.Add(1)
		}
	})
	for _, w := range rec.Warnings {
		if w.Code == "unknown_label" {
			j.cfg.Logger.Warn("unknown label: the source may have changed", "id", rec.ID, "label", w.Label)
		}
	}
	return []archive.Write{apply, j.parseResult(p, rec, archive.OutcomeParsed, "")}, nil
}

// parse parses a record page when the job's parse gate lets it (a job made
// without one, reading one page at a time, parses directly).
func (j *job) parse(ctx context.Context, body []byte, u *url.URL, contentType string) (*parsers.Record, error) {
	if j.parsing == nil {
		return parsers.ParseContext(ctx, body, u, contentType)
	}
	n := int64(len(body))
	if err := j.parsing.acquire(ctx, n); err != nil {
		return nil, err
	}
	defer j.parsing.release(n)
	return parsers.ParseContext(ctx, body, u, contentType)
}

// unreadablePage keeps a record page the parser could not read as a parse
// failure: its capture stays in the archive, the catalog says why, and the
// next crawl asks for it conditionally (see conditional).
func (j *job) unreadablePage(p recordPage, reason string) []archive.Write {
	failure := archive.ParseFailureWrite(archive.ParseFailure{RecordID: p.RecordID, URL: p.URL, CaptureID: p.CaptureID,
		CrawlID: j.crawlID, Reason: reason, ParserVersion: parsers.Version, LastFailed: j.cfg.Now()}).OnCommit(func() {
		j.unreadable.Add(1)
		j.cfg.Logger.Warn("record page unreadable: kept as a parse failure", "url", p.URL, "capture", p.CaptureID, "reason", reason)
	})
	return []archive.Write{failure, j.parseResult(p, nil, archive.OutcomeUnreadable, reason)}
}

// recordNotModified handles a record page that answered 304. A page kept
// as a parse failure is read again from its failed capture (the 304 says
// the page is still that capture) with the current parser; any other
// record is confirmed unchanged, and its parse health is that of its
// latest version.
func (j *job) recordNotModified(ctx context.Context, p crawlers.Page) ([]archive.Write, error) {
	f, err := j.st.ParseFailure(ctx, p.RecordID)
	switch {
	case err == nil:
		return j.rereadFailed(ctx, f)
	case !errors.Is(err, archive.ErrNotFound):
		return nil, err
	}
	seen := archive.RecordSeenWrite(p.RecordID, j.cfg.Now()).OnCommit(func() { j.unchanged.Add(1) })
	vs, err := j.st.LatestVersions(ctx, p.RecordID)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return []archive.Write{seen}, nil
	}
	var rec parsers.Record
	if err := json.Unmarshal(vs[0].Data, &rec); err != nil {
		return nil, fmt.Errorf("record %d: read latest version: %w", p.RecordID, err)
	}
	result := j.parseResultOf(recordPage{RecordID: p.RecordID, URL: p.URL, CaptureID: vs[0].CaptureID, NotModified: true},
		&rec, archive.OutcomeUnchanged, "")
	// The stored record keeps no texts as laid out (ArchiveRecord): the
	// fields found on the page are those found when it was last read.
	switch fields, err := j.st.LastFieldsFound(ctx, p.RecordID); {
	case err == nil:
		result.Fields = fields
	case !errors.Is(err, archive.ErrNotFound):
		return nil, err
	}
	return []archive.Write{seen, archive.ParseResultWrite(result)}, nil
}

// rereadFailed reads a failed record page's capture again from the
// archive, with the current parser.
func (j *job) rereadFailed(ctx context.Context, f *archive.ParseFailure) ([]archive.Write, error) {
	p := recordPage{RecordID: f.RecordID, URL: f.URL, CaptureID: f.CaptureID, NotModified: true}
	c, err := j.st.Capture(ctx, f.CaptureID)
	if err != nil {
		return j.unreadablePage(p, fmt.Sprintf("read archive: %v", err)), nil
	}
	body, header, err := payload(ctx, j.st, c)
	if err != nil {
		return j.unreadablePage(p, fmt.Sprintf("read archive: %v", err)), nil
	}
	p.Body, p.ContentType = body, header.Get("Content-Type")
	return j.readRecord(ctx, p)
}

// parseResultOf is how a record page came out in this crawl.
func (j *job) parseResultOf(p recordPage, rec *parsers.Record, outcome, reason string) archive.ParseResult {
	r := archive.ParseResult{CrawlID: j.crawlID, RecordID: p.RecordID, URL: p.URL, CaptureID: p.CaptureID,
		Outcome: outcome, NotModified: p.NotModified, Reason: reason}
	if rec != nil {
		r.Fields, r.Unknown, r.Fuzzy = labelsOf(rec)
	}
	return r
}

// parseResult is the write that records how a record page came out in
// this crawl.
func (j *job) parseResult(p recordPage, rec *parsers.Record, outcome, reason string) archive.Write {
	return archive.ParseResultWrite(j.parseResultOf(p, rec, outcome, reason))
}

// labelsOf lists what a parsed record's page showed: the schema fields
// whose labels were found (exactly or as near misses), the labels the
// parser does not know, and the near misses with the field chosen.
func labelsOf(rec *parsers.Record) (fields, unknown []string, fuzzy []archive.FuzzyLabel) {
	for _, r := range rec.Raw {
		if r.Field != "" {
			fields = append(fields, r.Field)
		}
	}
	for _, w := range rec.Warnings {
		switch w.Code {
		case "unknown_label":
			if w.Label != "" {
				unknown = append(unknown, w.Label)
			}
		case "fuzzy_label":
			if w.Field != "" {
				fields = append(fields, w.Field)
				fuzzy = append(fuzzy, archive.FuzzyLabel{Label: w.Label, Field: w.Field})
			}
		}
	}
	return fields, unknown, fuzzy
}
