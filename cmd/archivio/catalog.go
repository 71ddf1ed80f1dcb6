package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"archivio/archive"
	"archivio/archive/pg"
	"archivio/archive/warcstore"
	"archivio/internal/config"
	"archivio/internal/jobs"
)

// sharedCatalog opens the PostgreSQL catalog the settings name (store:
// postgres), as this machine's node.
func sharedCatalog(ctx context.Context, s *config.Settings) (*pg.Store, error) {
	if s.PostgresDSN.Value == "" {
		return nil, fmt.Errorf("store: postgres needs the connection string in $%s (postgres.dsn_env names the variable)", s.PostgresDSN.Env)
	}
	node := s.Postgres.Node
	if node == "" {
		h, err := os.Hostname()
		if err != nil {
			return nil, fmt.Errorf("node name: %w (set postgres.node)", err)
		}
		node = h
	}
	warcs, err := warcStorage(s)
	if err != nil {
		return nil, err
	}
	return pg.Open(ctx, s.PostgresDSN.Value, pg.Options{Node: node, LeaseTTL: s.Postgres.LeaseTTL.D(),
		Politeness: s.Postgres.Politeness, RemoteWARCs: s.WARCStorage.Bucket != "", WARCs: warcs})
}

// warcPlace is where closed WARC files are kept: written by Put, read
// by range by Open.
type warcPlace interface {
	warcstore.Storage
	archive.WARCOpener
}

// warcStorage is where the settings keep closed WARC files: the bucket of
// warc_storage, else its dir, else DATA/warc.
func warcStorage(s *config.Settings) (warcPlace, error) {
	w := s.WARCStorage
	if w.Bucket != "" {
		return warcstore.NewS3(warcstore.S3Options{Bucket: w.Bucket, Prefix: w.Prefix, Endpoint: w.Endpoint, Region: w.Region, PathStyle: w.PathStyle})
	}
	if w.Dir != "" {
		return &warcstore.Local{Dir: w.Dir}, nil
	}
	return &warcstore.Local{Dir: filepath.Join(s.Data, "warc")}, nil
}

// readingArchive is what records reads of either catalog.
type readingArchive interface {
	LatestVersions(ctx context.Context, id int) ([]*archive.RecordVersion, error)
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
	ParseFailures(ctx context.Context) ([]archive.ParseFailure, error)
	Close() error
}

// openReading opens the catalog the settings name for a reading command:
// the shared one with store: postgres, else the archive in DATA, which
// must exist.
func openReading(ctx context.Context, s *config.Settings) (readingArchive, error) {
	if s.Store == "postgres" {
		return sharedCatalog(ctx, s)
	}
	return openArchive(ctx, s.Data)
}

// linkReader is what links reads of either catalog.
type linkReader interface {
	Links(ctx context.Context, state string, activeOnly bool) ([]archive.Link, error)
	Capture(ctx context.Context, id int64) (*archive.Capture, error)
	Close() error
}

// openLinks opens the catalog the settings name for archivio links.
func openLinks(ctx context.Context, s *config.Settings) (linkReader, error) {
	if s.Store == "postgres" {
		return sharedCatalog(ctx, s)
	}
	return openArchive(ctx, s.Data)
}

// alertReader is what alerts reads of either catalog.
type alertReader interface {
	jobs.AlertReader
	Close() error
}

// openAlerts opens the catalog the settings name for archivio alerts.
func openAlerts(ctx context.Context, s *config.Settings) (alertReader, error) {
	if s.Store == "postgres" {
		return sharedCatalog(ctx, s)
	}
	return openArchive(ctx, s.Data)
}
