package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"text/tabwriter"

	"archivio/archive"
	"archivio/internal/migrate"
)

const migrateUsage = `
Usage: archivio migrate --to postgres [--data DIR] [--warc] [--format table|json]

Copies the archive in DIR (its SQLite catalog) into the shared PostgreSQL
catalog that archivio.yaml names (store: postgres; the connection string
in the variable postgres.dsn_env names, default $ARCHIVIO_POSTGRES), which
must be empty: every table in one transaction, then each table checked by
its row count and a digest of its rows on both sides. With --warc the
WARC files of DIR/warc and their indexes go to warc_storage (a bucket,
the credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), each
checked by its size and sha256 before the catalog holds it as stored.
The SQLite archive is only read, under its lock: stop any crawl, link
check or daemon writing it first.

Examples:
  ARCHIVIO_POSTGRES="host=/var/run/postgresql dbname=archivio" archivio migrate --to postgres --data ./archivio-data
  archivio migrate --to postgres --warc --format json
`

func runMigrate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "migrate", migrateUsage)
	sf := newSettingFlags(fs)
	sf.data()
	to := fs.String("to", "", "the catalog to copy into: postgres")
	warc := fs.Bool("warc", false, "copy the WARC files to warc_storage too")
	of := formatFlag(fs, "output", formatTable, formatJSON)
	if stop, err := parseFlags(fs, e, args); stop {
		return err
	}
	if *to != "postgres" {
		return fmt.Errorf("%w: --to postgres is the one target", errUsage)
	}
	settings, err := e.settings(sf)
	if err != nil {
		return err
	}
	format, err := of.get()
	if err != nil {
		return err
	}
	// The archive's lock, held while it is read: no crawl, link check or
	// daemon writes it meanwhile, so the tables copied are one state.
	if err := requireArchive(settings.Data); err != nil {
		return err
	}
	lock, err := archive.LockDir(settings.Data)
	if errors.Is(err, archive.ErrLocked) {
		return fmt.Errorf("migrate: %w: stop the crawl, link check or daemon writing it first", err)
	}
	if err != nil {
		return err
	}
	defer lock.Unlock()
	from, err := openArchive(ctx, settings.Data)
	if err != nil {
		return err
	}
	defer from.Close()
	dst, err := sharedCatalog(ctx, settings)
	if err != nil {
		return err
	}
	defer dst.Close()
	o := migrate.Options{From: from, To: dst, Progress: func(what string) { fmt.Fprintln(e.stderr, what) }}
	if *warc {
		if settings.WARCStorage.Bucket == "" && settings.WARCStorage.Dir == "" {
			return fmt.Errorf("%w: --warc needs warc_storage (a bucket, or a dir) in archivio.yaml", errUsage)
		}
		if o.Storage, err = warcStorage(settings); err != nil {
			return err
		}
	}
	rep, err := migrate.ToPostgres(ctx, o)
	if err != nil {
		return err
	}
	if format == formatJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	if rep.AlreadyCopied {
		fmt.Fprintln(e.stdout, "The catalog already held this archive: nothing copied, the copy checked again.")
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tROWS\tDIGEST (the same on both sides)")
	for _, t := range rep.Tables {
		fmt.Fprintf(tw, "%s\t%d\t%s\n", t.Name, t.Rows, t.Digest)
	}
	if len(rep.WARCFiles) > 0 {
		fmt.Fprintln(tw, "\nWARC FILE\tBYTES\tSHA256 (checked after upload)")
		for _, f := range rep.WARCFiles {
			fmt.Fprintf(tw, "%s\t%d\t%s\n", f.Name, f.Size, f.SHA256)
		}
	}
	return tw.Flush()
}
