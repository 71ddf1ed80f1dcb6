package archive

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Capture is one archived HTTP response as the catalog lists it: what was
// fetched, when, with what result, and where its WARC record is.
type Capture struct {
	ID            int64
	CrawlID       int64 // 0 when not part of a crawl
	URL           string
	Method        string // the request's method, GET or HEAD; "" when not recorded (captures stored before it was kept)
	FetchedAt     time.Time
	Status        int
	ContentType   string
	ETag          string
	LastModified  string
	PayloadDigest string // "sha1:BASE32" of the body as received
	PayloadLength int64
	Truncated     string // "" or the WARC-Truncated reason: the body was cut
	RevisitOf     int64  // the capture with the same payload, for a revisit record; 0 otherwise
	WARCFile      string // file name under the warc/ folder
	WARCOffset    int64
	WARCLength    int64
	WARCRecordID  string
}

// ErrNotFound is returned when a lookup finds nothing.
var ErrNotFound = errors.New("not found")

// TimeFormat is how the database stores times: sortable text, UTC, to the
// nanosecond.
const TimeFormat = "2006-01-02T15:04:05.000000000Z"

// FormatTime formats t for the database.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// ParseTime reads a time stored by FormatTime; a malformed one is zero.
func ParseTime(s string) time.Time {
	t, _ := time.Parse(TimeFormat, s)
	return t
}

// AddCapture lists a capture in the catalog and returns its id.
func (s *Store) AddCapture(ctx context.Context, c *Capture) (int64, error) {
	id, err := s.newCaptureID(ctx)
	if err != nil {
		return 0, err
	}
	c.ID = id
	if err := s.apply(ctx, CaptureWrite(c)); err != nil {
		return 0, err
	}
	return c.ID, nil
}

var (
	insertCapture = writeStatement(`INSERT INTO captures
	(id, crawl_id, url, method, fetched_at, status, content_type, etag, last_modified, payload_digest,
	 payload_length, truncated, revisit_of, warc_file, warc_offset, warc_length, warc_record_id)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	insertWARCFile = writeStatement(`INSERT OR IGNORE INTO warc_files (name) VALUES (?)`)
	selectWARCFile = writeStatement(`SELECT id FROM warc_files WHERE name = ?`)
)

// CaptureWrite lists c, whose ID is set (Committer.AddCapture sets it), in
// the catalog. It names a WARC record.
func CaptureWrite(c *Capture) Write {
	return Write{what: "add capture of " + c.URL, names: true, run: func(t *txn) error {
		var revisit, crawl, method any
		if c.RevisitOf != 0 {
			revisit = c.RevisitOf
		}
		if c.CrawlID != 0 {
			crawl = c.CrawlID
		}
		if c.Method != "" {
			method = c.Method
		}
		file, err := t.warcFileID(c.WARCFile)
		if err != nil {
			return fmt.Errorf("add capture of %s: %w", c.URL, err)
		}
		_, err = t.exec(insertCapture, c.ID, crawl, c.URL, method, timeValue(c.FetchedAt), c.Status, c.ContentType, c.ETag, c.LastModified,
			digestValue(c.PayloadDigest), c.PayloadLength, c.Truncated, revisit, file, c.WARCOffset, c.WARCLength, recordIDValue(c.WARCRecordID))
		if err != nil {
			return fmt.Errorf("add capture of %s: %w", c.URL, err)
		}
		return nil
	}}
}

// warcFileID is the id of the WARC file named name in warc_files, added
// when it is not there; remembered for the rest of the transaction.
func (t *txn) warcFileID(name string) (int64, error) {
	if id, ok := t.warcFiles[name]; ok {
		return id, nil
	}
	if _, err := t.exec(insertWARCFile, name); err != nil {
		return 0, fmt.Errorf("name WARC file %s: %w", name, err)
	}
	var id int64
	if err := t.queryRow(selectWARCFile, name).Scan(&id); err != nil {
		return 0, fmt.Errorf("name WARC file %s: %w", name, err)
	}
	if t.warcFiles == nil {
		t.warcFiles = map[string]int64{}
	}
	t.warcFiles[name] = id
	return id, nil
}

// warcFileOf is the SQL expression of the id in warc_files of the file
// named by the one parameter.
const warcFileOf = `(SELECT f.id FROM warc_files f WHERE f.name = ?)`

// captureColumns are a capture's columns as scanCapture reads them, from
// a row of captures (capturecols.go: some are stored in another form).
const captureColumns = `id, COALESCE(crawl_id, 0), url, COALESCE(method, ''), fetched_at, status, content_type, etag, last_modified,
	payload_digest, payload_length, truncated, COALESCE(revisit_of, 0), (SELECT f.name FROM warc_files f WHERE f.id = warc_file),
	warc_offset, warc_length, warc_record_id`

func scanCapture(row interface{ Scan(...any) error }) (*Capture, error) {
	var c Capture
	err := row.Scan(&c.ID, &c.CrawlID, &c.URL, &c.Method, storedTime{&c.FetchedAt}, &c.Status, &c.ContentType, &c.ETag, &c.LastModified,
		storedColumn{&c.PayloadDigest, digestText}, &c.PayloadLength, &c.Truncated, &c.RevisitOf, &c.WARCFile, &c.WARCOffset, &c.WARCLength,
		storedColumn{&c.WARCRecordID, recordIDText})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// Capture returns the capture with this id.
func (s *Store) Capture(ctx context.Context, id int64) (*Capture, error) {
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM captures WHERE id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("capture %d: %w", id, err)
	}
	return c, nil
}

// LastGoodCapture returns the latest capture of url that answered 200 with
// a whole, non-empty body, the one a conditional request is made against
// (never a HEAD answer of a link check, which has the validators but no
// body).
func (s *Store) LastGoodCapture(ctx context.Context, url string) (*Capture, error) {
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE url = ? AND status = 200 AND truncated = '' AND payload_length > 0 ORDER BY fetched_at DESC, id DESC LIMIT 1`, url))
	if err != nil {
		return nil, fmt.Errorf("last capture of %s: %w", url, err)
	}
	return c, nil
}

// OriginalCapture returns the latest full (non-revisit) capture of url
// whose payload has this digest: the record a revisit refers to.
func (s *Store) OriginalCapture(ctx context.Context, url, digest string) (*Capture, error) {
	c, err := scanCapture(s.queryRow(ctx, `SELECT `+captureColumns+` FROM captures
		WHERE url = ? AND payload_digest = ? AND status = 200 AND revisit_of IS NULL AND truncated = ''
		ORDER BY fetched_at DESC, id DESC LIMIT 1`, url, digestValue(digest)))
	if err != nil {
		return nil, fmt.Errorf("original capture of %s: %w", url, err)
	}
	return c, nil
}

// HasCaptureAt reports whether the catalog lists the WARC record at this
// place.
func (s *Store) HasCaptureAt(ctx context.Context, file string, offset int64) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM captures WHERE warc_file = `+warcFileOf+` AND warc_offset = ?`, file, offset).Scan(&n)
	return n > 0, err
}

// CapturesOf returns the captures of a crawl in fetch order.
func (s *Store) CapturesOf(ctx context.Context, crawlID int64) ([]*Capture, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+captureColumns+` FROM captures WHERE crawl_id = ? ORDER BY id`, crawlID)
	if err != nil {
		return nil, fmt.Errorf("captures of crawl %d: %w", crawlID, err)
	}
	defer rows.Close()
	var out []*Capture
	for rows.Next() {
		c, err := scanCapture(rows)
		if err != nil {
			return nil, fmt.Errorf("captures of crawl %d: %w", crawlID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CaptureCount is the number of captures in the catalog.
func (s *Store) CaptureCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM captures`).Scan(&n)
	return n, err
}
