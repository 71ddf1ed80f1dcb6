package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"archivio/archive"
	"archivio/archive/pg"
)

// listLeftovers is a node's Shipper.List: at its start, before the files
// of its earlier run are shipped, it lists in the catalog the response
// and revisit records of one of them that the catalog lacks, the
// exchanges a run killed between writing them and listing them left.
// Each is a capture of the crawl the file names (its warcinfo's isPartOf,
// archive.CrawlCollection; for a file that names none, the crawl of the
// file's other captures), marked as a duplicate (pg.AddDuplicateCapture):
// the lease it was fetched under is lost, so it is the outcome of no URL,
// and its page is settled by the node that fetches it again, or was
// already by another. Listed pending, its capture is stored with the
// file.
func listLeftovers(st *pg.Store, node string, log *slog.Logger) func(context.Context, string) error {
	return func(ctx context.Context, path string) error {
		name := filepath.Base(path)
		crawl, ok, err := archive.WARCCrawl(ctx, path)
		if err != nil {
			return fmt.Errorf("list what %s lacks in the catalog: %w", name, err)
		}
		if !ok {
			if crawl, err = st.CrawlOfFile(ctx, name); err != nil {
				return err
			}
		}
		n, err := archive.ListUncatalogued(ctx, st, path, func(c *archive.Capture) error {
			c.CrawlID = crawl
			_, err := st.AddDuplicateCapture(ctx, c)
			return err
		})
		if err != nil {
			return fmt.Errorf("list what %s lacks in the catalog: %w", name, err)
		}
		if n > 0 {
			log.Info("listed records a killed run had not", "node", node, "file", name, "crawl", crawl, "captures", n)
		}
		return nil
	}
}

// allListed is a node's Shipper.Ready: a file is shipped once every
// response record of it is catalogued.
func allListed(st *pg.Store) func(context.Context, string) (bool, error) {
	return func(ctx context.Context, path string) (bool, error) {
		have, err := st.CataloguedOffsets(ctx, filepath.Base(path))
		if err != nil {
			return false, err
		}
		index, err := archive.ResponseRecords(ctx, path)
		if err != nil {
			return false, err
		}
		for _, r := range index {
			if !have[r.Offset] {
				return false, nil
			}
		}
		return true, nil
	}
}
