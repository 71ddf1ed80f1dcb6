package archive

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// LinkAt is one URL of the link inventory as known at a moment: cited by
// the record versions known then (or found by then on a site source's
// pages), with the outcome of its last check made by then.
type LinkAt struct {
	URL          string
	RecordIDs    []int    // the records whose version known then cites it, ascending
	Fields       []string // the fields citing it, sorted; "site:NAME" for a site source's pages
	DeclaredGone bool     // a citing record's own text says the site is gone
	// State is the link's state after its last check made by then: up,
	// suspect or down; "" when it had not been checked by then, or when
	// that check was stored before checks kept the state.
	State           string
	Verdict         string    // of that check; "" when none
	LastChecked     time.Time // when that check was made; zero when none
	LastGoodCapture int64     // the capture of the last check by then that worked with a 200; 0 when none
}

// LinksAsOf returns the link inventory as known at asOf, by URL: the
// links the record versions known then cite (each record's latest version
// created then or before) and those found by then on site sources' pages,
// each with the state, verdict and last good capture of its last check
// made by then. Nothing later shows: a link cited only by a later version,
// a check made after asOf.
//
// The versions' documents are read by VersionsAsOf (their pages in WARC
// order), and their "links" arrays given to the query as they stand.
func (s *Store) LinksAsOf(ctx context.Context, asOf time.Time) ([]LinkAt, error) {
	cites, err := s.citesAsOf(ctx, asOf)
	if err != nil {
		return nil, fmt.Errorf("links as of %s: %w", FormatTime(asOf), err)
	}
	return s.LinksCitedAsOf(ctx, asOf, cites)
}

// LinksCitedAsOf is LinksAsOf with the links the record versions known at
// asOf cite gathered already (from VersionsAsOf at the same moment).
func (s *Store) LinksCitedAsOf(ctx context.Context, asOf time.Time, cites *Citations) ([]LinkAt, error) {
	at := FormatTime(asOf)
	rows, err := s.db.QueryContext(ctx, `WITH cited AS (
			SELECT json_extract(l.value, '$.url') AS url, json_extract(d.value, '$[0]') AS rid, json_extract(l.value, '$.field') AS field,
				COALESCE(json_extract(l.value, '$.declared_gone'), 0) AS gone
			FROM json_each(?2) d, json_each(d.value, '$[1]') l
			UNION ALL
			SELECT url, NULL, 'site:' || source, 0 FROM site_links WHERE first_seen <= ?1
		)
		SELECT c.url, COALESCE(GROUP_CONCAT(DISTINCT c.rid), ''), COALESCE(GROUP_CONCAT(DISTINCT c.field), ''), MAX(c.gone),
			COALESCE(k.checked_at, ''), COALESCE(k.verdict, ''), COALESCE(k.state, ''),
			COALESCE((SELECT g.capture_id FROM link_checks g WHERE g.url = c.url AND g.checked_at <= ?1 AND g.works = 1
				AND g.status = 200 AND g.capture_id IS NOT NULL ORDER BY g.checked_at DESC, g.id DESC LIMIT 1), 0)
		FROM cited c
		LEFT JOIN link_checks k ON k.id = (SELECT k2.id FROM link_checks k2 WHERE k2.url = c.url AND k2.checked_at <= ?1
			ORDER BY k2.checked_at DESC, k2.id DESC LIMIT 1)
		WHERE c.url IS NOT NULL
		GROUP BY c.url ORDER BY c.url`, at, cites.json())
	if err != nil {
		return nil, fmt.Errorf("links as of %s: %w", at, err)
	}
	defer rows.Close()
	var out []LinkAt
	for rows.Next() {
		var l LinkAt
		var ids, fields, checked string
		if err := rows.Scan(&l.URL, &ids, &fields, &l.DeclaredGone, &checked, &l.Verdict, &l.State, &l.LastGoodCapture); err != nil {
			return nil, fmt.Errorf("links as of %s: %w", at, err)
		}
		l.RecordIDs, l.Fields, l.LastChecked = splitInts(ids), splitSorted(fields), ParseTime(checked)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("links as of %s: %w", at, err)
	}
	return out, nil
}

// Citations gathers the links record versions cite (the "links" value of
// each version's document), for LinksCitedAsOf: a reader that goes
// through the versions anyway (an export) gathers them on its way, and
// the documents are not read a second time.
type Citations struct {
	b strings.Builder
}

// Add notes the links of a version of record id: its document's "links"
// value, a JSON array (missing or null cites nothing).
func (c *Citations) Add(id int, links json.RawMessage) {
	if len(links) == 0 || links[0] == 'n' {
		return
	}
	if c.b.Len() == 0 {
		c.b.WriteByte('[')
	} else {
		c.b.WriteByte(',')
	}
	fmt.Fprintf(&c.b, "[%d,", id)
	c.b.Write(links)
	c.b.WriteByte(']')
}

// AddDocument notes the links of a version of record id from its whole
// document (Add, its "links" value read out of doc).
func (c *Citations) AddDocument(id int, doc []byte) error {
	var d struct {
		Links json.RawMessage `json:"links"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		return err
	}
	c.Add(id, d.Links)
	return nil
}

// json is the links gathered as a JSON array of [record id, links] pairs.
func (c *Citations) json() string {
	if c.b.Len() == 0 {
		return "[]"
	}
	return c.b.String() + "]"
}

// citesAsOf gathers the links the record versions known at asOf cite.
func (s *Store) citesAsOf(ctx context.Context, asOf time.Time) (*Citations, error) {
	c := &Citations{}
	err := s.VersionsAsOf(ctx, asOf, func(v *VersionAt) error {
		if v.Unreadable != nil {
			return fmt.Errorf("links of %w", v.Unreadable)
		}
		if err := c.AddDocument(v.RecordID, v.Data); err != nil {
			return fmt.Errorf("links of version %d of record %d: %w", v.Version, v.RecordID, err)
		}
		return nil
	})
	return c, err
}

// CapturesByID calls fn with the captures of the catalog among ids, by
// id; ids not in the catalog are left out.
func (s *Store) CapturesByID(ctx context.Context, ids []int64, fn func(*Capture) error) error {
	const batch = 500
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	sorted = slices.DeleteFunc(slices.Compact(sorted), func(id int64) bool { return id == 0 })
	for len(sorted) > 0 {
		n := min(batch, len(sorted))
		part := sorted[:n]
		sorted = sorted[n:]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT `+captureColumns+` FROM captures WHERE id IN (`+
			strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")+`) ORDER BY id`, args...)
		if err != nil {
			return fmt.Errorf("read captures: %w", err)
		}
		for rows.Next() {
			c, err := scanCapture(rows)
			if err == nil {
				err = fn(c)
			}
			if err != nil {
				rows.Close()
				return fmt.Errorf("read captures: %w", err)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return fmt.Errorf("read captures: %w", err)
		}
	}
	return nil
}
