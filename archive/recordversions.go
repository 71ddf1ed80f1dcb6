package archive

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// versionColumns are the columns scanVersion reads, of a version v
// joined by docRefJoin (versionsFrom).
const (
	versionColumns = `v.record_id, v.version, v.capture_id, v.parser_version, v.created_at, v.data, v.changed_fields, ` + docRefColumns
	versionsFrom   = ` FROM record_versions v` + docRefJoin
)

// scanVersion reads a version as stored: its Data is still packed (see
// unpackDocs).
func scanVersion(row interface{ Scan(...any) error }) (*RecordVersion, docRef, error) {
	var v RecordVersion
	var at, changed string
	var data []byte
	var ref docRef
	if err := row.Scan(append([]any{&v.RecordID, &v.Version, &v.CaptureID, &v.ParserVersion, &at, &data, &changed}, ref.dest()...)...); err != nil {
		return nil, ref, err
	}
	v.CreatedAt = ParseTime(at)
	v.Data = data
	if err := json.Unmarshal([]byte(changed), &v.Changed); err != nil {
		return nil, ref, fmt.Errorf("read changed fields: %w", err)
	}
	return &v, ref, nil
}

// LatestVersions returns the latest version of every record, by id, or of
// one record when id is not 0.
func (s *Store) LatestVersions(ctx context.Context, id int) ([]*RecordVersion, error) {
	q := `SELECT ` + versionColumns + ` FROM records r JOIN record_versions v
		ON v.record_id = r.id AND v.version = r.latest_version` + docRefJoin
	var args []any
	if id != 0 {
		q += ` WHERE r.id = ?`
		args = append(args, id)
	}
	return s.versions(ctx, q+` ORDER BY r.id`, args...)
}

// VersionCapture is the capture a record's version was read from.
type VersionCapture struct {
	RecordID  int
	CaptureID int64
}

// LatestCaptures returns the capture of the latest version of every
// record, by id, or of one record when id is not 0: LatestVersions without
// the documents (which a catalog may have to read from the WARC files).
func (s *Store) LatestCaptures(ctx context.Context, id int) ([]VersionCapture, error) {
	q := `SELECT r.id, v.capture_id FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version`
	var args []any
	if id != 0 {
		q += ` WHERE r.id = ?`
		args = append(args, id)
	}
	rows, err := s.rdb.QueryContext(ctx, q+` ORDER BY r.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("latest versions' captures: %w", err)
	}
	defer rows.Close()
	var out []VersionCapture
	for rows.Next() {
		var c VersionCapture
		if err := rows.Scan(&c.RecordID, &c.CaptureID); err != nil {
			return nil, fmt.Errorf("latest versions' captures: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("latest versions' captures: %w", err)
	}
	return out, nil
}

// RecordVersions returns every version of a record, oldest first.
func (s *Store) RecordVersions(ctx context.Context, id int) ([]*RecordVersion, error) {
	return s.versions(ctx, `SELECT `+versionColumns+versionsFrom+` WHERE v.record_id = ? ORDER BY v.version`, id)
}

// HasVersionFrom reports whether a version was read from this capture.
func (s *Store) HasVersionFrom(ctx context.Context, captureID int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM record_versions WHERE capture_id = ?`, captureID).Scan(&n)
	return n > 0, err
}

// RecordIDs returns the ids of the records stored, in order.
func (s *Store) RecordIDs(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM records ORDER BY id`)
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

func (s *Store) versions(ctx context.Context, q string, args ...any) ([]*RecordVersion, error) {
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	defer rows.Close()
	var out []*RecordVersion
	var packed []packedDoc
	for rows.Next() {
		v, ref, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("read records: %w", err)
		}
		out = append(out, v)
		packed = append(packed, packedDoc{recordID: v.RecordID, version: v.Version, data: v.Data, ref: ref})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	rows.Close()
	if err := s.unpackDocs(ctx, packed); err != nil {
		return nil, fmt.Errorf("read records: %w", err)
	}
	for i, v := range out {
		v.Data = packed[i].doc
	}
	return out, nil
}

// VersionAt is a record's version as known at a moment, with the capture
// it was read from (zero values when the catalog lacks it).
type VersionAt struct {
	RecordID      int
	Version       int
	ParserVersion string
	Data          json.RawMessage // valid only during the callback
	CaptureID     int64           // the capture the version was read from
	SourceURL     string
	CapturedAt    time.Time
	PayloadDigest string
	// Unreadable, when not nil, says why the version's document could not
	// be read (its capture's WARC record missing or damaged): Data is nil.
	// Only a catalog that reads documents from the WARC files (the SQLite
	// one) sets it.
	Unreadable error
}

// pickVersions is, for each record, its latest version created at or
// before the moment given as the one parameter.
const pickVersions = `SELECT record_id, MAX(version) AS version FROM record_versions WHERE created_at <= ? GROUP BY record_id`

// VersionsAsOf calls fn with every record's version as known at asOf (its
// latest version created then or before), by record id, streaming from
// the database: Data is reused between calls. Records created later are
// left out. The documents are unpacked docBatch at a time (unpackEach); a
// version whose document cannot be read comes with Unreadable set, and
// the others all the same.
func (s *Store) VersionsAsOf(ctx context.Context, asOf time.Time, fn func(*VersionAt) error) error {
	rows, err := s.db.QueryContext(ctx, `WITH pick AS (`+pickVersions+`)
		SELECT v.record_id, v.version, v.parser_version, v.data, v.capture_id,
			COALESCE(dc.url, ''), dc.fetched_at, dc.payload_digest, `+docRefColumns+`
		FROM pick p JOIN record_versions v ON v.record_id = p.record_id AND v.version = p.version`+docRefJoin+`
		ORDER BY v.record_id`, FormatTime(asOf))
	if err != nil {
		return fmt.Errorf("read records: %w", err)
	}
	defer rows.Close()
	vs := make([]VersionAt, 0, docBatch)
	docs := make([]packedDoc, 0, docBatch)
	flush := func() error {
		if err := s.unpackEach(ctx, docs); err != nil {
			return fmt.Errorf("read records: %w", err)
		}
		for i := range vs {
			vs[i].Data, vs[i].Unreadable = docs[i].doc, docs[i].err
			if err := fn(&vs[i]); err != nil {
				return err
			}
		}
		vs, docs = vs[:0], docs[:0]
		return nil
	}
	for rows.Next() {
		var v VersionAt
		var d packedDoc
		if err := rows.Scan(append([]any{&v.RecordID, &v.Version, &v.ParserVersion, &d.data, &v.CaptureID, &v.SourceURL, storedTime{&v.CapturedAt},
			storedColumn{&v.PayloadDigest, digestText}}, d.ref.dest()...)...); err != nil {
			return fmt.Errorf("read records: %w", err)
		}
		d.recordID, d.version = v.RecordID, v.Version
		vs, docs = append(vs, v), append(docs, d)
		if len(vs) == docBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read records: %w", err)
	}
	return flush()
}

// VersionChanges calls fn, by record id, for every record whose version as
// known at from differs from its version as known at to, with the two
// documents: before is nil for a record added since from, after nil for
// one gone by to (neither happens today: records are never deleted, but a
// later as-of moment may precede a record's first version).
func (s *Store) VersionChanges(ctx context.Context, from, to time.Time, fn func(id int, before, after []byte) error) error {
	rows, err := s.db.QueryContext(ctx, `WITH a AS (`+pickVersions+`), b AS (`+pickVersions+`),
		ids AS (SELECT record_id FROM a UNION SELECT record_id FROM b)
		SELECT i.record_id, va.data, `+strings.ReplaceAll(docRefColumns, "v.", "va.")+`, vb.data, `+strings.NewReplacer("v.", "vb.", "dc.", "dc2.", "dco.", "dco2.").Replace(docRefColumns)+` FROM ids i
		LEFT JOIN a ON a.record_id = i.record_id LEFT JOIN b ON b.record_id = i.record_id
		LEFT JOIN record_versions va ON va.record_id = a.record_id AND va.version = a.version
		LEFT JOIN captures dc ON dc.id = va.capture_id LEFT JOIN captures dco ON dco.id = dc.revisit_of
		LEFT JOIN record_versions vb ON vb.record_id = b.record_id AND vb.version = b.version
		LEFT JOIN captures dc2 ON dc2.id = vb.capture_id LEFT JOIN captures dco2 ON dco2.id = dc2.revisit_of
		WHERE a.version IS NOT b.version ORDER BY i.record_id`, FormatTime(from), FormatTime(to))
	if err != nil {
		return fmt.Errorf("compare versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int
		var a, b []byte
		var ra, rb docRef
		dest := append(append([]any{&id, &a}, ra.dest()...), &b)
		if err := rows.Scan(append(dest, rb.dest()...)...); err != nil {
			return fmt.Errorf("compare versions: %w", err)
		}
		if a != nil {
			if a, err = s.doc(ctx, a, ra); err != nil {
				return fmt.Errorf("compare versions of record %d: %w", id, err)
			}
		}
		if b != nil {
			if b, err = s.doc(ctx, b, rb); err != nil {
				return fmt.Errorf("compare versions of record %d: %w", id, err)
			}
		}
		if err := fn(id, a, b); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("compare versions: %w", err)
	}
	return nil
}
