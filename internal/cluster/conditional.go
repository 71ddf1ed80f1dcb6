package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/parsers"
	"archivio/source/osservatorio"
)

// prepare makes a record page's request conditional, as a single
// machine's crawl does: with the validators of the capture its record
// was last read from (the capture of its open parse failure when it has
// one, else of its latest version), so that an unchanged page costs a
// 304. Never a newer capture that was not read: a 304 would then hide a
// page the archive has no version of.
func (o *observatory) prepare(ctx context.Context, l pg.Lease, req *http.Request) {
	id, ok := osservatorio.KeyRecordID(l.Key)
	if !ok {
		return
	}
	var captureID int64
	if f, err := o.st.ParseFailure(ctx, id); err == nil {
		captureID = f.CaptureID
	} else if vs, err := o.st.LatestVersions(ctx, id); err == nil && len(vs) > 0 {
		captureID = vs[0].CaptureID
	}
	if captureID == 0 {
		return
	}
	c, err := o.st.Capture(ctx, captureID)
	if err != nil || c.URL != req.URL.String() {
		return
	}
	if c.ETag != "" {
		req.Header.Set("If-None-Match", c.ETag)
	}
	if c.LastModified != "" {
		req.Header.Set("If-Modified-Since", c.LastModified)
	}
}

// recordNotModified handles a record page that answered 304: a page kept
// as a parse failure is read again from its failed capture (the 304 says
// the page is still that capture) with the current parser; any other
// record is confirmed unchanged.
func (o *observatory) recordNotModified(ctx context.Context, id int, p Page) (Outcome, error) {
	f, err := o.st.ParseFailure(ctx, id)
	switch {
	case err == nil:
		rp := recordPage{id: id, url: p.URL, captureID: f.CaptureID, notModified: true}
		c, err := o.st.Capture(ctx, f.CaptureID)
		if err != nil {
			return o.unreadablePage(rp, fmt.Sprintf("read archive: %v", err)), nil
		}
		body, header, err := o.st.Payload(ctx, c)
		if err != nil {
			return o.unreadablePage(rp, fmt.Sprintf("read archive: %v", err)), nil
		}
		rp.body, rp.contentType = body, header.Get("Content-Type")
		return o.readRecord(ctx, rp)
	case !errors.Is(err, archive.ErrNotFound):
		return Outcome{}, err
	}
	vs, err := o.st.LatestVersions(ctx, id)
	if err != nil || len(vs) == 0 {
		return Outcome{}, err
	}
	var rec parsers.Record
	if err := json.Unmarshal(vs[0].Data, &rec); err != nil {
		return Outcome{}, fmt.Errorf("record %d: read latest version: %w", id, err)
	}
	result := o.result(recordPage{id: id, url: p.URL, captureID: vs[0].CaptureID, notModified: true}, &rec, archive.OutcomeUnchanged, "")
	return Outcome{Writes: pg.Writes{Seen: id, SeenAt: o.now(), Result: &result},
		Settled: func(archive.Applied) { o.unchanged.Add(1) }}, nil
}
