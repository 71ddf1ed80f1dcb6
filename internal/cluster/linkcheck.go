package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/google/uuid"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/jobs"
)

// LinkCheck is a node's run of the link checks of the shared catalog:
// one node runs them at a time (pg.LockLinkCheck; a node that dies
// mid-run releases them with its connection), archiving the exchanges in
// its own WARC files, shipped to Storage as a crawling node's are.
type LinkCheck struct {
	Store    *pg.Store         // the shared catalog
	Name     string            // the node's name, in its WARC file names
	WARCDir  string            // the node's own folder of WARC files
	Storage  warcstore.Storage // where closed WARC files go
	MaxFile  int64             // rotate at this size; default 1 GiB
	Software string
	Log      *slog.Logger
}

// Run checks every link of the catalog once with cfg (jobs.CheckLinks'
// settings). It fails at once with pg.ErrLinkCheckRunning while another
// node runs them. The run's WARC files, and those a killed run of this
// node left, are shipped before it returns.
func (c LinkCheck) Run(ctx context.Context, cfg jobs.LinksConfig) (rep *jobs.LinksReport, err error) {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	lock, err := c.Store.LockLinkCheck(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		err = errors.Join(err, lock.Unlock(context.WithoutCancel(ctx)))
	}()
	if err := os.MkdirAll(c.WARCDir, 0o755); err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	}
	ship := &warcstore.Shipper{Dir: c.WARCDir, Storage: c.Storage, Catalog: c.Store, Log: c.Log}
	if reps, objs, err := ship.Recover(ctx); err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	} else if len(reps)+len(objs) > 0 {
		c.Log.Info("recovered warc files", "node", c.Name, "repaired", len(reps), "shipped", len(objs))
	}
	w, err := archive.OpenWARCWriter(archive.WARCOptions{Dir: c.WARCDir, Prefix: "archivio-" + c.Name + "-links-" + uuid.NewString()[:8],
		MaxFileSize: c.MaxFile, Hostname: c.Name, Software: c.Software, Now: cfg.Now})
	if err != nil {
		return nil, fmt.Errorf("links check on node %s: %w", c.Name, err)
	}
	rep, err = jobs.CheckSharedLinks(ctx, cfg, jobs.SharedLinks{Catalog: catalog{c.Store, c.WARCDir}, Writer: w})
	cerr := w.Close()
	// Shipped with a context of its own: a stopped run still ships what
	// it wrote, or leaves it for the node's next start.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	_, serr := ship.Ship(sctx)
	return rep, errors.Join(err, cerr, serr)
}
