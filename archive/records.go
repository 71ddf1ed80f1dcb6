package archive

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// ParsedRecord is a record as the parser read it from one capture, as
// the catalog keeps it: its id, the page URL it was read from, the record
// as a JSON document (what "archivio parse" prints), the parser version
// that read it, and the links it cites.
type ParsedRecord struct {
	ID            int
	URL           string
	Data          json.RawMessage
	ParserVersion string
	Links         []CitedLink
	// Page is the body the record was read from: the first bytes of its
	// capture's payload, decoded of its content coding, as the parser read
	// them. When given, the SQLite catalog packs the document against it
	// (format 2, docpage.go), and reads it back from the WARC file; nil
	// packs it against the field names only (format 1).
	Page []byte
	// Summary is the record's browse summary, made by Summarize from the
	// fields the document was made of; nil makes it from Data.
	Summary *SummaryRow
}

// CitedLink is a URL a record carries: the field it is in, how it was
// found (href, src or text), and whether the record's text says the site
// is gone. In a version's data the record's links are a "links" array of
// these, as JSON (LinksAsOf reads them there).
type CitedLink struct {
	URL          string `json:"url"`
	Field        string `json:"field"`
	Source       string `json:"source"`
	DeclaredGone bool   `json:"declared_gone"`
}

// VersionOutcome is what applying a parsed record did.
type VersionOutcome int

// The outcomes of ApplyRecord.
const (
	VersionUnchanged VersionOutcome = iota // the record's content equals its latest version
	VersionNew                             // the first version of a record
	VersionChanged                         // a new version with different content
)

func (o VersionOutcome) String() string {
	switch o {
	case VersionNew:
		return "new"
	case VersionChanged:
		return "changed"
	}
	return "unchanged"
}

// Applied says what ApplyRecord did.
type Applied struct {
	Outcome VersionOutcome
	Version int      // the record's latest version after ApplyRecord
	Changed []string // fields that differ from the previous version
}

// RecordVersion is one stored version of a record.
type RecordVersion struct {
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

// ApplyRecord stores rec, read from capture captureID at seenAt, as a new
// version when its content differs from the record's latest version, and
// keeps the link inventory current with the links it cites. A parse
// failure of the record's page from that capture or an older one is
// cleared.
func (s *Store) ApplyRecord(ctx context.Context, rec ParsedRecord, captureID int64, seenAt time.Time) (Applied, error) {
	var out Applied
	if err := s.apply(ctx, RecordWrite(rec, captureID, seenAt, func(a Applied) { out = a })); err != nil {
		return Applied{}, err
	}
	return out, nil
}

// laterSeen is the SQL of the later of a record's last_seen and the time
// seen, given as ?1 (as stored, timeValue) and ?2 (its text): as stored,
// times compare as their texts do; a last_seen kept as its text (in no
// form archivio writes) is compared as text.
const laterSeen = `CASE WHEN typeof(last_seen) = 'integer' THEN MAX(last_seen, ?1) WHEN last_seen >= ?2 THEN last_seen ELSE ?1 END`

var (
	// selectLatest reads record ?1's latest version, and whether capture
	// ?2 is older than that version's (stale).
	//
	// The id is compared as +?1: given a bare ?1, SQLite's planner weighs
	// the join's equalities by the value bound (is it 0 or 1?) and marks
	// the statement to be prepared again when that value changes, and
	// the driver clears a statement's bindings after each run, which
	// counts as such a change: the statement was compiled anew on every
	// record, about 45 microseconds of a catalogue's time per record.
	// The plan is the same (the rowid, then the versions' unique index).
	selectLatest = writeStatement(`SELECT v.version, COALESCE((SELECT fetched_at FROM captures WHERE id = ?2) < dc.fetched_at, 0),
		v.data, ` + docRefColumns + ` FROM records r
		JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version` + docRefJoin + ` WHERE r.id = +?1`)
	insertRecord  = writeStatement(`INSERT INTO records (id, url, first_seen, last_seen, latest_version) VALUES (?, ?, ?, ?, 1)`)
	updateSeen    = writeStatement(`UPDATE records SET last_seen = ` + laterSeen + ` WHERE id = ?3`)
	updateLatest  = writeStatement(`UPDATE records SET latest_version = ?4, last_seen = ` + laterSeen + `, url = ?5 WHERE id = ?3`)
	insertVersion = writeStatement(`INSERT INTO record_versions (record_id, version, capture_id, parser_version, created_at, data, changed_fields)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	// upsertSummary keeps a record's browse summary: ?1 is its latest
	// version's document (JSON text), ?2 to ?5 the record, the version,
	// its capture and when it was made. putSummary stores one made
	// already (ParsedRecord.Summary).
	upsertSummary = writeStatement(`INSERT OR REPLACE INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
		territory, certified, financed, search)
	SELECT ?2, ?3, ?4, ?5, ` + summaryExprs(`?1`) + ` AS search`)
	putSummary = writeStatement(`INSERT OR REPLACE INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
		territory, certified, financed, search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	deleteFailure = writeStatement(`DELETE FROM parse_failures WHERE record_id = ?
		AND (SELECT fetched_at FROM captures WHERE id = parse_failures.capture_id) <= (SELECT fetched_at FROM captures WHERE id = ?)`)
	selectRefs     = writeStatement(`SELECT DISTINCT link_id FROM link_refs WHERE record_id = ?`)
	deleteRefs     = writeStatement(`DELETE FROM link_refs WHERE record_id = ?`)
	deactivateLink = writeStatement(`UPDATE links SET active = 0 WHERE id = ? AND NOT EXISTS (SELECT 1 FROM link_refs WHERE link_refs.link_id = links.id)`)
)

// RecordWrite is ApplyRecord as a Write: applied hears what it did once it
// has committed.
func RecordWrite(rec ParsedRecord, captureID int64, seenAt time.Time, applied func(Applied)) Write {
	var out Applied
	w := Write{what: fmt.Sprintf("apply record %d", rec.ID), run: func(t *txn) error {
		var err error
		if out, err = applyRecord(t, rec, captureID, seenAt); err != nil {
			return fmt.Errorf("apply record %d: %w", rec.ID, err)
		}
		return nil
	}}
	if applied != nil {
		w.done = func() { applied(out) }
	}
	return w
}

func applyRecord(t *txn, rec ParsedRecord, captureID int64, seenAt time.Time) (Applied, error) {
	var latest int
	var stale bool
	var prev []byte
	var ref docRef
	err := t.queryRow(selectLatest, rec.ID, captureID).Scan(append([]any{&latest, &stale, &prev}, ref.dest()...)...)
	if err == nil && stale {
		// A capture older than the latest version's (a resumed old
		// crawl) never overrides newer content.
		return Applied{Outcome: VersionUnchanged, Version: latest}, nil
	}
	if err == nil {
		prev, err = t.s.docs.unpackPage(prev, func(n int) ([]byte, error) {
			if ref.CaptureID == captureID && len(rec.Page) >= n {
				return rec.Page[:n], nil // read again from the same page: no need to read it from its WARC file
			}
			return t.s.docPage(t.ctx, ref, n)
		})
		if err != nil {
			err = fmt.Errorf("latest version of record %d, read from capture %d: %w", rec.ID, ref.CaptureID, err)
		}
	}
	var out Applied
	switch {
	case errors.Is(err, sql.ErrNoRows):
		out = Applied{Outcome: VersionNew, Version: 1}
		if _, err := t.exec(insertRecord, rec.ID, rec.URL, timeValue(seenAt), timeValue(seenAt)); err != nil {
			return Applied{}, err
		}
	case err != nil:
		return Applied{}, err
	default:
		changed, err := diffFields(prev, rec.Data)
		if err != nil {
			return Applied{}, err
		}
		if len(changed) == 0 {
			if _, err := t.exec(updateSeen, timeValue(seenAt), FormatTime(seenAt), rec.ID); err != nil {
				return Applied{}, err
			}
			return Applied{Outcome: VersionUnchanged, Version: latest}, clearFailure(t, rec.ID, captureID)
		}
		out = Applied{Outcome: VersionChanged, Version: latest + 1, Changed: changed}
		if _, err := t.exec(updateLatest, timeValue(seenAt), FormatTime(seenAt), rec.ID, out.Version, rec.URL); err != nil {
			return Applied{}, err
		}
	}
	changedJSON, _ := json.Marshal(nonNil(out.Changed))
	var packed []byte
	if rec.Page != nil {
		packed, err = t.s.docs.packPage(rec.Data, rec.Page)
	} else {
		packed, err = t.s.docs.pack(rec.Data)
	}
	if err != nil {
		return Applied{}, err
	}
	if _, err := t.exec(insertVersion, rec.ID, out.Version, captureID, rec.ParserVersion, FormatTime(seenAt), packed, string(changedJSON)); err != nil {
		return Applied{}, err
	}
	if err := writeSummary(t, rec, out.Version, captureID, seenAt); err != nil {
		return Applied{}, err
	}
	if err := clearFailure(t, rec.ID, captureID); err != nil {
		return Applied{}, err
	}
	return out, syncLinks(t, rec, seenAt, out.Outcome == VersionNew)
}

// writeSummary keeps rec's browse summary, the one it comes with or, when
// none, one made from its document.
func writeSummary(t *txn, rec ParsedRecord, version int, captureID int64, seenAt time.Time) error {
	sum := rec.Summary
	if sum == nil {
		_, err := t.exec(upsertSummary, string(rec.Data), rec.ID, version, captureID, timeValue(seenAt))
		return err
	}
	var year any
	if sum.Year != nil {
		year = *sum.Year
	}
	_, err := t.exec(putSummary, rec.ID, version, captureID, timeValue(seenAt), sum.Title, sum.Status, sum.Nature, year,
		sum.Territory, sum.Certified, sum.Financed, sum.Search)
	return err
}

// clearFailure ends a record page's parse failure once a record was read
// from the failed capture or a newer one; an older capture (a resumed old
// crawl) leaves a newer failure open.
func clearFailure(t *txn, id int, captureID int64) error {
	if may, err := t.s.mem.mayFail(t, id); err != nil || !may {
		return err // none stored: nothing to end
	}
	_, err := t.exec(deleteFailure, id, captureID)
	return err
}

// RecordSeen notes that a record was confirmed unchanged (a 304 answer or
// an identical payload) at seenAt.
func (s *Store) RecordSeen(ctx context.Context, id int, seenAt time.Time) error {
	return s.apply(ctx, RecordSeenWrite(id, seenAt))
}

// RecordSeenWrite is RecordSeen as a Write.
func RecordSeenWrite(id int, seenAt time.Time) Write {
	return Write{what: fmt.Sprintf("record %d seen", id), run: func(t *txn) error {
		if _, err := t.exec(updateSeen, timeValue(seenAt), FormatTime(seenAt), id); err != nil {
			return fmt.Errorf("record %d seen: %w", id, err)
		}
		return nil
	}}
}

// diffFields lists the top-level fields whose values differ between two
// record documents, leaving out ignoredInDiff.
func diffFields(prev, next []byte) ([]string, error) {
	if bytes.Equal(prev, next) {
		return nil, nil // the same parser on the same page: the common case
	}
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
	if bytes.Equal(a, b) {
		return true
	}
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return string(a) == string(b)
	}
	xb, _ := json.Marshal(x)
	yb, _ := json.Marshal(y)
	return string(xb) == string(yb)
}

// syncLinks keeps the link inventory current with a record's new version:
// the links it cites now, with their fields, and links no record cites any
// more set inactive (their history stays). A new record (fresh) cites
// nothing yet: no reference of it is looked for.
func syncLinks(t *txn, rec ParsedRecord, seenAt time.Time, fresh bool) error {
	var before []int64
	if !fresh {
		rows, err := t.query(selectRefs, rec.ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			before = append(before, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	if len(before) > 0 {
		if _, err := t.exec(deleteRefs, rec.ID); err != nil {
			return err
		}
	}
	urls := make([]string, len(rec.Links))
	for i, l := range rec.Links {
		urls[i] = l.URL
	}
	ids, err := linkIDs(t, urls, seenAt)
	if err != nil {
		return err
	}
	if err := insertLinkRefs(t, rec.ID, rec.Links, ids); err != nil {
		return err
	}
	for _, id := range before {
		if _, err := t.exec(deactivateLink, id); err != nil {
			return err
		}
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
