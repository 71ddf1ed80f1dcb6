package archive

import (
	"context"
	"fmt"
)

// SyncFirst is a capture catalog that commits each capture in a
// transaction of its own (a shared catalog, written capture by capture)
// only after sync made the WARC records written so far durable: the
// recording transport wrote the capture's records whole before it lists
// it, so the catalog never names a record a power failure could take
// away (the Committer's rules 1 and 2). sync is usually the writer's
// Sync.
func SyncFirst(c CaptureCatalog, sync func() error) CaptureCatalog {
	return syncFirst{CaptureCatalog: c, sync: sync}
}

type syncFirst struct {
	CaptureCatalog
	sync func() error
}

func (c syncFirst) AddCapture(ctx context.Context, cp *Capture) (int64, error) {
	if err := c.sync(); err != nil {
		return 0, fmt.Errorf("add capture of %s: make its WARC records durable first: %w", cp.URL, err)
	}
	return c.CaptureCatalog.AddCapture(ctx, cp)
}
