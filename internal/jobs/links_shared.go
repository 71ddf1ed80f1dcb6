package jobs

import (
	"context"
	"errors"
	"net/http"

	"archivio/archive"
)

// LinksCatalog is what a run of link checks needs of a catalog other
// than one machine's archive (the shared PostgreSQL catalog): the links
// and their checks, state and alerts, the run's record, and the captures
// of the exchanges it archives.
type LinksCatalog interface {
	linksCatalog
}

// SharedLinks is where a run of link checks on a shared catalog keeps
// what it does: the catalog, and the WARC writer of the node running it,
// whose files the node ships.
type SharedLinks struct {
	Catalog LinksCatalog
	Writer  *archive.WARCWriter
}

// CheckSharedLinks is CheckLinks on a shared catalog: the same checks,
// states, transitions and alerts, recorded in s.Catalog, the exchanges
// archived through s.Writer. cfg.DataDir and cfg.NoLock are not used: the
// caller makes sure one node runs the checks at a time.
func CheckSharedLinks(ctx context.Context, cfg LinksConfig, s SharedLinks) (*LinksReport, error) {
	if s.Catalog == nil || s.Writer == nil {
		return nil, errors.New("links check: a shared catalog and a WARC writer are needed")
	}
	cfg, err := linksDefaults(cfg)
	if err != nil {
		return nil, err
	}
	h := &harness{job: "links check", runs: s.Catalog, now: cfg.Now, outbox: cfg.Outbox}
	if h.outbox == nil {
		h.alerts = newDeliverer(cfg.Sinks, s.Catalog)
	}
	defer h.close()
	return checkLinksIn(ctx, cfg, h, s.Catalog, func(next http.RoundTripper) (http.RoundTripper, error) {
		return archive.NewRecorder(next, s.Writer, s.Catalog, archive.RecorderOptions{CrawlID: h.runID, MaxBody: cfg.MaxBody, Now: h.now}), nil
	})
}
