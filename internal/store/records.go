package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"archivio/archive"
	"archivio/parsers"
)

// Records reads and writes record versions.
type Records struct {
	db *sql.DB
}

// NewRecords uses the database of an open archive.
func NewRecords(s *archive.Store) *Records {
	return &Records{db: s.DB()}
}

// Outcome is what applying a parsed record did.
type Outcome int

const (
	Unchanged Outcome = iota // the record's content equals its latest version
	New                      // the first version of a record
	Changed                  // a new version with different content
)

func (o Outcome) String() string {
	switch o {
	case New:
		return "new"
	case Changed:
		return "changed"
	}
	return "unchanged"
}

// Applied says what Apply did.
type Applied struct {
	Outcome Outcome
	Version int      // the record's latest version after Apply
	Changed []string // fields that differ from the previous version
}

// Version is one stored version of a record.
type Version struct {
	RecordID      int
	Version       int
	CaptureID     int64
	ParserVersion string
	CreatedAt     time.Time
	Data          json.RawMessage // the record as archivio parse prints it
	Changed       []string
}

// ignoredInDiff are the parts of a record that do not make a new version:
// the URL shape a record was reached by, the raw texts as laid out, and
// parser warnings.
var ignoredInDiff = map[string]bool{"url": true, "raw": true, "warnings": true}

// Apply stores rec, read from capture captureID at seenAt, as a new version
// when its content differs from the record's latest version. A parse
// failure of the record's page from that capture or an older one is
// cleared.
func (r *Records) Apply(ctx context.Context, rec *parsers.Record, captureID int64, seenAt time.Time) (Applied, error) {
	data, err := json.Marshal(rec)
	if err != nil {
		return Applied{}, fmt.Errorf("apply record %d: %w", rec.ID, err)
	}
	var out Applied
	err = archive.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		var latest int
		var prev []byte
		err := tx.QueryRowContext(ctx, `SELECT v.version, v.data FROM records r
			JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version WHERE r.id = ?`, rec.ID).Scan(&latest, &prev)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			out = Applied{Outcome: New, Version: 1}
			if _, err := tx.ExecContext(ctx, `INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`,
				rec.ID, rec.URL, archive.FormatTime(seenAt), archive.FormatTime(seenAt)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			var stale bool
			if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT fetched_at FROM captures WHERE id = ?) <
				(SELECT c.fetched_at FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version
				 JOIN captures c ON c.id = v.capture_id WHERE r.id = ?), 0)`, captureID, rec.ID).Scan(&stale); err != nil {
				return err
			}
			if stale {
				// A capture older than the latest version's (a resumed old
				// crawl) never overrides newer content.
				out = Applied{Outcome: Unchanged, Version: latest}
				return nil
			}
			changed, err := diffFields(prev, data)
			if err != nil {
				return err
			}
			if len(changed) == 0 {
				out = Applied{Outcome: Unchanged, Version: latest}
				_, err := tx.ExecContext(ctx, `UPDATE records SET last_seen = MAX(last_seen, ?) WHERE id = ?`, archive.FormatTime(seenAt), rec.ID)
				if err != nil {
					return err
				}
				return clearFailure(ctx, tx, rec.ID, captureID)
			}
			out = Applied{Outcome: Changed, Version: latest + 1, Changed: changed}
			if _, err := tx.ExecContext(ctx, `UPDATE records SET latest_version = ?, last_seen = MAX(last_seen, ?), url = ? WHERE id = ?`,
				out.Version, archive.FormatTime(seenAt), rec.URL, rec.ID); err != nil {
				return err
			}
		}
		changedJSON, _ := json.Marshal(nonNil(out.Changed))
		_, err = tx.ExecContext(ctx, `INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, rec.ID, out.Version, captureID, parsers.Version, archive.FormatTime(seenAt), string(data), string(changedJSON))
		if err != nil {
			return err
		}
		if err := clearFailure(ctx, tx, rec.ID, captureID); err != nil {
			return err
		}
		return syncLinks(ctx, tx, rec, seenAt)
	})
	if err != nil {
		return Applied{}, fmt.Errorf("apply record %d: %w", rec.ID, err)
	}
	return out, nil
}

// clearFailure ends a record page's parse failure once a record was read
// from the failed capture or a newer one; an older capture (a resumed old
// crawl) leaves a newer failure open.
func clearFailure(ctx context.Context, tx *sql.Tx, id int, captureID int64) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM parse_failures WHERE record_id = ?
		AND (SELECT fetched_at FROM captures WHERE id = parse_failures.capture_id) <= (SELECT fetched_at FROM captures WHERE id = ?)`,
		id, captureID)
	return err
}

// Seen notes that a record was confirmed unchanged (a 304 answer or an
// identical payload) at seenAt.
func (r *Records) Seen(ctx context.Context, id int, seenAt time.Time) error {
	if _, err := r.db.ExecContext(ctx, `UPDATE records SET last_seen = MAX(last_seen, ?) WHERE id = ?`, archive.FormatTime(seenAt), id); err != nil {
		return fmt.Errorf("record %d seen: %w", id, err)
	}
	return nil
}

// diffFields lists the top-level fields whose values differ between two
// record documents, leaving out ignoredInDiff.
func diffFields(prev, next []byte) ([]string, error) {
	var a, b map[string]json.RawMessage
	if err := json.Unmarshal(prev, &a); err != nil {
		return nil, fmt.Errorf("read stored version: %w", err)
	}
	if err := json.Unmarshal(next, &b); err != nil {
		return nil, err
	}
	var changed []string
	for k, v := range b {
		if !ignoredInDiff[k] && !jsonEqual(a[k], v) {
			changed = append(changed, k)
		}
	}
	for k := range a {
		if _, ok := b[k]; !ok && !ignoredInDiff[k] {
			changed = append(changed, k)
		}
	}
	slices.Sort(changed)
	return changed, nil
}

func jsonEqual(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

const versionColumns = `v.record_id, v.version, v.capture_id, v.parser_version, v.created_at, v.data, v.changed_fields`

func scanVersion(row interface{ Scan(...any) error }) (*Version, error) {
	var v Version
	var at, data, changed string
	if err := row.Scan(&v.RecordID, &v.Version, &v.CaptureID, &v.ParserVersion, &at, &data, &changed); err != nil {
		return nil, err
	}
	v.CreatedAt = archive.ParseTime(at)
	v.Data = json.RawMessage(data)
	if err := json.Unmarshal([]byte(changed), &v.Changed); err != nil {
		return nil, fmt.Errorf("read changed fields: %w", err)
	}
	return &v, nil
}

// Latest returns the latest version of every record, by id, or of one
// record when id is not 0.
func (r *Records) Latest(ctx context.Context, id int) ([]*Version, error) {
	q := `SELECT ` + versionColumns + ` FROM records r JOIN record_versions v
		ON v.record_id = r.id AND v.version = r.latest_version`
	var args []any
	if id != 0 {
		q += ` WHERE r.id = ?`
		args = append(args, id)
	}
	return r.query(ctx, q+` ORDER BY r.id`, args...)
}

// Versions returns every version of a record, oldest first.
func (r *Records) Versions(ctx context.Context, id int) ([]*Version, error) {
	return r.query(ctx, `SELECT `+versionColumns+` FROM record_versions v WHERE v.record_id = ? ORDER BY v.version`, id)
}

// HasVersionFrom reports whether a version was read from this capture.
func (r *Records) HasVersionFrom(ctx context.Context, captureID int64) (bool, error) {
	var n int
	err := r.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_versions WHERE capture_id = ?`, captureID).Scan(&n)
	return n > 0, err
}

// IDs returns the ids of the records stored, in order.
func (r *Records) IDs(ctx context.Context) ([]int, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id FROM records ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read record ids: %w", err)
	}
	defer rows.Close()
	var ids []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read record ids: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read record ids: %w", err)
	}
	return ids, nil
}

func (r *Records) query(ctx context.Context, q string, args ...any) ([]*Version, error) {
	rows, err := r.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	defer rows.Close()
	var out []*Version
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// syncLinks keeps the link inventory current with a record's new version:
// the links it cites now, with their fields, and links no record cites any
// more set inactive (their history stays).
func syncLinks(ctx context.Context, tx *sql.Tx, rec *parsers.Record, seenAt time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT url FROM link_refs WHERE record_id = ?`, rec.ID)
	if err != nil {
		return err
	}
	var before []string
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			rows.Close()
			return err
		}
		before = append(before, u)
	}
	rows.Close()
	if _, err := tx.ExecContext(ctx, `DELETE FROM link_refs WHERE record_id = ?`, rec.ID); err != nil {
		return err
	}
	for _, l := range rec.Links {
		if _, err := tx.ExecContext(ctx, `INSERT INTO links (url, first_seen) VALUES (?, ?)
			ON CONFLICT (url) DO UPDATE SET active = 1`, l.URL, archive.FormatTime(seenAt)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO link_refs (url, record_id, field, source, declared_gone)
			VALUES (?, ?, ?, ?, ?)`, l.URL, rec.ID, l.Field, l.Source, l.DeclaredGone); err != nil {
			return err
		}
	}
	for _, u := range before {
		if _, err := tx.ExecContext(ctx, `UPDATE links SET active = 0 WHERE url = ?
			AND NOT EXISTS (SELECT 1 FROM link_refs WHERE link_refs.url = links.url)`, u); err != nil {
			return err
		}
	}
	return nil
}
