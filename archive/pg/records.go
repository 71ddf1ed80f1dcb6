package pg

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// ApplyRecord stores rec, read from capture captureID at seenAt, as a new
// version when its content differs from the record's latest version, and
// keeps the link inventory current; a parse failure of the record's page
// from that capture or an older one is cleared. The record's row is
// locked for the transaction, so nodes applying the same record one after
// the other each see the other's version.
func (s *Store) ApplyRecord(ctx context.Context, rec archive.ParsedRecord, captureID int64, seenAt time.Time) (archive.Applied, error) {
	var out archive.Applied
	err := s.inTx(ctx, func(tx pgx.Tx) (err error) {
		out, err = applyRecord(ctx, tx, rec, captureID, seenAt)
		return err
	})
	if err != nil {
		return archive.Applied{}, fmt.Errorf("apply record %d: %w", rec.ID, err)
	}
	return out, nil
}

// applyRecord is ApplyRecord in the transaction tx.
func applyRecord(ctx context.Context, tx pgx.Tx, rec archive.ParsedRecord, captureID int64, seenAt time.Time) (out archive.Applied, err error) {
	seen := archive.FormatTime(seenAt)
	err = func() error {
		if _, err := tx.Exec(ctx, `INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES ($1, $2, $3, $3, 0)
		ON CONFLICT (id) DO NOTHING`, rec.ID, rec.URL, seen); err != nil {
			return err
		}
		var latest int
		if err := tx.QueryRow(ctx, `SELECT latest_version FROM records WHERE id = $1 FOR UPDATE`, rec.ID).Scan(&latest); err != nil {
			return err
		}
		if latest == 0 {
			out = archive.Applied{Outcome: archive.VersionNew, Version: 1}
			if _, err := tx.Exec(ctx, `UPDATE records SET latest_version = 1 WHERE id = $1`, rec.ID); err != nil {
				return err
			}
		} else {
			var prev string
			var stale bool
			err := tx.QueryRow(ctx, `SELECT v.data, COALESCE((SELECT fetched_at FROM captures WHERE id = $2) < c.fetched_at, false)
			FROM record_versions v JOIN captures c ON c.id = v.capture_id
			WHERE v.record_id = $1 AND v.version = $3`, rec.ID, captureID, latest).Scan(&prev, &stale)
			if err != nil {
				return err
			}
			if stale {
				// A capture older than the latest version's never
				// overrides newer content.
				out = archive.Applied{Outcome: archive.VersionUnchanged, Version: latest}
				return nil
			}
			changed, err := archive.DiffFields([]byte(prev), rec.Data)
			if err != nil {
				return err
			}
			if len(changed) == 0 {
				out = archive.Applied{Outcome: archive.VersionUnchanged, Version: latest}
				if _, err := tx.Exec(ctx, `UPDATE records SET last_seen = GREATEST(last_seen, $1) WHERE id = $2`, seen, rec.ID); err != nil {
					return err
				}
				return clearFailure(ctx, tx, rec.ID, captureID)
			}
			out = archive.Applied{Outcome: archive.VersionChanged, Version: latest + 1, Changed: changed}
			if _, err := tx.Exec(ctx, `UPDATE records SET latest_version = $1, last_seen = GREATEST(last_seen, $2), url = $3 WHERE id = $4`,
				out.Version, seen, rec.URL, rec.ID); err != nil {
				return err
			}
		}
		changed := out.Changed
		if changed == nil {
			changed = []string{}
		}
		changedJSON, _ := json.Marshal(changed)
		if _, err := tx.Exec(ctx, `INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, rec.ID, out.Version, captureID, rec.ParserVersion, seen, string(rec.Data), string(changedJSON)); err != nil {
			return err
		}
		if err := clearFailure(ctx, tx, rec.ID, captureID); err != nil {
			return err
		}
		return syncLinks(ctx, tx, rec, seen)
	}()
	return out, err
}

func clearFailure(ctx context.Context, tx pgx.Tx, id int, captureID int64) error {
	_, err := tx.Exec(ctx, `DELETE FROM parse_failures WHERE record_id = $1
		AND (SELECT fetched_at FROM captures WHERE id = parse_failures.capture_id) <= (SELECT fetched_at FROM captures WHERE id = $2)`,
		id, captureID)
	return err
}

// syncLinks keeps the link inventory current with a record's new version.
func syncLinks(ctx context.Context, tx pgx.Tx, rec archive.ParsedRecord, seenAt string) error {
	rows, err := tx.Query(ctx, `SELECT DISTINCT url FROM link_refs WHERE record_id = $1`, rec.ID)
	if err != nil {
		return err
	}
	before, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM link_refs WHERE record_id = $1`, rec.ID); err != nil {
		return err
	}
	for _, l := range rec.Links {
		if _, err := tx.Exec(ctx, `INSERT INTO links (url, first_seen) VALUES ($1, $2) ON CONFLICT (url) DO UPDATE SET active = TRUE`,
			l.URL, seenAt); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO link_refs (url, record_id, field, source, declared_gone) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (url, record_id, field) DO UPDATE SET source = excluded.source, declared_gone = excluded.declared_gone`,
			l.URL, rec.ID, l.Field, l.Source, l.DeclaredGone); err != nil {
			return err
		}
	}
	for _, u := range before {
		if _, err := tx.Exec(ctx, `UPDATE links SET active = FALSE WHERE url = $1
			AND NOT EXISTS (SELECT 1 FROM link_refs WHERE link_refs.url = links.url)`, u); err != nil {
			return err
		}
	}
	return nil
}

// RecordSeen notes that a record was confirmed unchanged at seenAt.
func (s *Store) RecordSeen(ctx context.Context, id int, seenAt time.Time) error {
	if _, err := s.pool.Exec(ctx, `UPDATE records SET last_seen = GREATEST(last_seen, $1) WHERE id = $2`, archive.FormatTime(seenAt), id); err != nil {
		return fmt.Errorf("record %d seen: %w", id, err)
	}
	return nil
}

const versionColumns = `v.record_id, v.version, v.capture_id, v.parser_version, v.created_at, v.data, v.changed_fields`

func (s *Store) versions(ctx context.Context, q string, args ...any) ([]*archive.RecordVersion, error) {
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*archive.RecordVersion, error) {
		var v archive.RecordVersion
		var at, data, changed string
		if err := r.Scan(&v.RecordID, &v.Version, &v.CaptureID, &v.ParserVersion, &at, &data, &changed); err != nil {
			return nil, err
		}
		v.CreatedAt = archive.ParseTime(at)
		v.Data = json.RawMessage(data)
		if err := json.Unmarshal([]byte(changed), &v.Changed); err != nil {
			return nil, fmt.Errorf("read changed fields: %w", err)
		}
		return &v, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	return out, nil
}

// LatestVersions returns the latest version of every record, by id, or of
// one record when id is not 0.
func (s *Store) LatestVersions(ctx context.Context, id int) ([]*archive.RecordVersion, error) {
	q := `SELECT ` + versionColumns + ` FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version`
	if id != 0 {
		return s.versions(ctx, q+` WHERE r.id = $1 ORDER BY r.id`, id)
	}
	return s.versions(ctx, q+` ORDER BY r.id`)
}

// LatestCaptures returns the capture of the latest version of every
// record, by id, or of one record when id is not 0.
func (s *Store) LatestCaptures(ctx context.Context, id int) ([]archive.VersionCapture, error) {
	q := `SELECT r.id, v.capture_id FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version`
	var args []any
	if id != 0 {
		q += ` WHERE r.id = $1`
		args = append(args, id)
	}
	rows, err := s.pool.Query(ctx, q+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("latest versions' captures: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.VersionCapture, error) {
		var c archive.VersionCapture
		err := r.Scan(&c.RecordID, &c.CaptureID)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("latest versions' captures: %w", err)
	}
	return out, nil
}

// RecordVersions returns every version of a record, oldest first.
func (s *Store) RecordVersions(ctx context.Context, id int) ([]*archive.RecordVersion, error) {
	return s.versions(ctx, `SELECT `+versionColumns+` FROM record_versions v WHERE v.record_id = $1 ORDER BY v.version`, id)
}

// RecordIDs returns the ids of the records stored, in order.
func (s *Store) RecordIDs(ctx context.Context) ([]int, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM records WHERE latest_version > 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read record ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("read record ids: %w", err)
	}
	return ids, nil
}
