package pg

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// JoinCrawl gives a node the crawl of source it shares with the others:
// the running one when there is one (joined true), else a new one, started
// at at with seeds queued in the same transaction, so that a node joining
// it never finds it empty before it began. Older unfinished crawls of the
// source are superseded by a new one, as a single machine's fresh crawl
// supersedes them. Nodes starting together agree on one crawl: the choice
// is made under a lock of the source. maxPages, when not 0, is a new
// crawl's page budget over all nodes: at most that many URLs are ever
// queued in its frontier, the others recorded excluded (max_pages); a
// node joining a running crawl keeps the budget it has.
func (s *Store) JoinCrawl(ctx context.Context, source, baseURL string, at time.Time, seeds []archive.FrontierEntry, maxPages int) (id int64, joined bool, err error) {
	if maxPages < 0 {
		return 0, false, fmt.Errorf("join crawl of %s: max pages %d: must not be negative", source, maxPages)
	}
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('archivio crawl ' || $1))`, source); err != nil {
			return err
		}
		err := tx.QueryRow(ctx, `SELECT id FROM crawls WHERE source = $1 AND status = 'running'
			AND (NULLIF(report, '') IS NULL OR report::jsonb -> 'superseded_by' IS NULL) ORDER BY id DESC LIMIT 1`, source).Scan(&id)
		if err == nil {
			joined = true
			return nil
		}
		if err != pgx.ErrNoRows {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO crawls (source, base_url, started_at, status, max_pages) VALUES ($1, $2, $3, 'running', $4) RETURNING id`,
			source, baseURL, archive.FormatTime(at), maxPages).Scan(&id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE crawls SET status = CASE status WHEN 'running' THEN 'interrupted' ELSE status END,
			finished_at = COALESCE(finished_at, $1),
			report = (COALESCE(NULLIF(report, ''), '{}')::jsonb || jsonb_build_object('superseded_by', $2::bigint))::text
			WHERE source = $3 AND id < $2 AND status IN ('running', 'interrupted', 'failed')`, archive.FormatTime(at), id, source); err != nil {
			return err
		}
		_, err = s.addEntries(ctx, tx, id, seeds)
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("join crawl of %s: %w", source, err)
	}
	return id, joined, nil
}

// FinishSettled marks a running crawl done with its report when nothing
// of it is queued any more, and reports whether this call did: of the
// nodes that find the crawl settled, one finishes it.
func (s *Store) FinishSettled(ctx context.Context, id int64, report string, at time.Time) (bool, error) {
	tag, err := s.pool.Exec(ctx, `UPDATE crawls SET status = 'done', report = $2, finished_at = $3
		WHERE id = $1 AND status = 'running'
		AND NOT EXISTS (SELECT 1 FROM frontier WHERE crawl_id = $1 AND state = 'queued')`, id, report, archive.FormatTime(at))
	if err != nil {
		return false, fmt.Errorf("finish crawl %d: %w", id, err)
	}
	return tag.RowsAffected() == 1, nil
}

// HostKey is the politeness row a URL is paced by: its host, registrable
// domain or address, as the store's Options.Politeness says.
func (s *Store) HostKey(ctx context.Context, rawURL string) (string, error) {
	return s.politenessKey(ctx, rawURL)
}
