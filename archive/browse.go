package archive

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// RecordQuery selects and orders records for browsing: a page of the
// records whose latest version matches every filter given.
type RecordQuery struct {
	Text      string // words to find in the title, territory, decision makers, parties and addresses (each word, any case)
	Status    string // exact status, e.g. "Concluso"
	Nature    string // exact nature
	Year      int    // the process's year (start year, else start date, certification, funding or end year); 0 for any
	Territory string // a place named in the territory
	Certified *bool
	Financed  *bool
	LinkState string // a state one of the record's links is in: up, suspect or down
	IDs       []int  // only these records, when not nil
	Sort      string // id (default), title, year, status or changed
	Desc      bool
	Limit     int // at most this many (1 to MaxPageSize); 0 means DefaultPageSize
	Offset    int
}

// Page sizes of a record or link listing.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// RecordSummary is a record as listed: its latest version's title and
// the values the filters read.
type RecordSummary struct {
	ID        int
	Version   int
	CaptureID int64
	ChangedAt time.Time // when the latest version was stored
	Title     string
	Status    string
	Nature    string
	Year      int // 0 when unknown
	Territory string
	Certified bool
	Financed  bool
	LinksDown int // links of the record that are down
}

// RecordPage is one page of a record listing and the number of records
// matching in all.
type RecordPage struct {
	Records []RecordSummary
	Total   int
}

var recordSorts = map[string]string{
	"id":      "s.record_id",
	"title":   "s.title COLLATE NOCASE",
	"year":    "s.year",
	"status":  "s.status",
	"changed": "s.changed_at",
}

// where renders the query's filters as an SQL condition and its
// arguments.
func (q RecordQuery) where() (string, []any) {
	var conds []string
	var args []any
	for _, w := range strings.Fields(q.Text) {
		// The text searched is the title, the territory and the search
		// text (stored lower-cased) lowered by SQLite's lower(), and so is
		// the word.
		conds = append(conds, `instr(lower(s.title) || ' | ' || lower(s.territory) || ' | ' || s.search, lower(?)) > 0`)
		args = append(args, w)
	}
	if q.Status != "" {
		conds, args = append(conds, `s.status = ?`), append(args, q.Status)
	}
	if q.Nature != "" {
		conds, args = append(conds, `s.nature = ?`), append(args, q.Nature)
	}
	if q.Year != 0 {
		conds, args = append(conds, `s.year = ?`), append(args, q.Year)
	}
	if q.Territory != "" {
		conds, args = append(conds, `s.territory LIKE ? ESCAPE '\'`), append(args, "%"+likeEscape(q.Territory)+"%")
	}
	if q.Certified != nil {
		conds, args = append(conds, `s.certified = ?`), append(args, *q.Certified)
	}
	if q.Financed != nil {
		conds, args = append(conds, `s.financed = ?`), append(args, *q.Financed)
	}
	if q.LinkState != "" {
		conds = append(conds, `s.record_id IN (SELECT lr.record_id FROM links l JOIN link_refs lr ON lr.link_id = l.id WHERE l.state = ?)`)
		args = append(args, q.LinkState)
	}
	if q.IDs != nil {
		if len(q.IDs) == 0 {
			conds = append(conds, `0`)
		} else {
			conds = append(conds, `s.record_id IN (`+placeholders(len(q.IDs))+`)`)
			for _, id := range q.IDs {
				args = append(args, id)
			}
		}
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

// SearchRecords returns a page of the records matching q, with the
// number matching in all.
func (s *Store) SearchRecords(ctx context.Context, q RecordQuery) (*RecordPage, error) {
	if q.Limit == 0 {
		q.Limit = DefaultPageSize
	}
	if q.Limit < 1 || q.Limit > MaxPageSize || q.Offset < 0 {
		return nil, fmt.Errorf("search records: page size %d or offset %d out of range", q.Limit, q.Offset)
	}
	order, ok := recordSorts[q.Sort]
	if !ok && q.Sort != "" {
		return nil, fmt.Errorf("search records: unknown sort %q", q.Sort)
	}
	if order == "" {
		order = recordSorts["id"]
	}
	dir := "ASC"
	if q.Desc {
		dir = "DESC"
	}
	where, args := q.where()
	page := &RecordPage{Records: []RecordSummary{}}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM record_summaries s WHERE `+where, args...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT s.record_id, s.version, s.capture_id, s.changed_at, s.title, s.status, s.nature,
		COALESCE(s.year, 0), s.territory, s.certified, s.financed,
		(SELECT COUNT(*) FROM link_refs lr JOIN links l ON l.id = lr.link_id WHERE lr.record_id = s.record_id AND l.state = 'down')
		FROM record_summaries s WHERE `+where+` ORDER BY `+order+` `+dir+`, s.record_id `+dir+` LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r RecordSummary
		if err := rows.Scan(&r.ID, &r.Version, &r.CaptureID, storedTime{&r.ChangedAt}, &r.Title, &r.Status, &r.Nature, &r.Year, &r.Territory,
			&r.Certified, &r.Financed, &r.LinksDown); err != nil {
			return nil, fmt.Errorf("search records: %w", err)
		}
		page.Records = append(page.Records, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	return page, nil
}

// MatchingRecordIDs returns the ids of every record matching q's filters
// (its sort and page ignored), in order: what a download of a filtered
// listing exports.
func (s *Store) MatchingRecordIDs(ctx context.Context, q RecordQuery) ([]int, error) {
	where, args := q.where()
	rows, err := s.db.QueryContext(ctx, `SELECT s.record_id FROM record_summaries s WHERE `+where+` ORDER BY s.record_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("matching records: %w", err)
	}
	defer rows.Close()
	ids := []int{}
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("matching records: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// RecordFacets are the values the record filters offer: statuses,
// natures and years present, each with its count.
type RecordFacets struct {
	Statuses []FacetValue
	Natures  []FacetValue
	Years    []FacetValue
}

// FacetValue is one value of a filter and the records having it.
type FacetValue struct {
	Value string
	Count int
}

// RecordFacets counts the records by status, nature and year.
func (s *Store) RecordFacets(ctx context.Context) (*RecordFacets, error) {
	f := &RecordFacets{}
	for _, c := range []struct {
		expr string
		out  *[]FacetValue
	}{{"status", &f.Statuses}, {"nature", &f.Natures}, {"CAST(year AS TEXT)", &f.Years}} {
		rows, err := s.db.QueryContext(ctx, `SELECT `+c.expr+` AS v, COUNT(*) FROM record_summaries
			WHERE v IS NOT NULL AND v != '' GROUP BY v ORDER BY v`)
		if err != nil {
			return nil, fmt.Errorf("record facets: %w", err)
		}
		for rows.Next() {
			var v FacetValue
			if err := rows.Scan(&v.Value, &v.Count); err != nil {
				rows.Close()
				return nil, fmt.Errorf("record facets: %w", err)
			}
			*c.out = append(*c.out, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("record facets: %w", err)
		}
	}
	return f, nil
}

// RecordVersion returns one version of a record.
func (s *Store) RecordVersion(ctx context.Context, id, version int) (*RecordVersion, error) {
	vs, err := s.versions(ctx, `SELECT `+versionColumns+versionsFrom+` WHERE v.record_id = ? AND v.version = ?`, id, version)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("record %d version %d: %w", id, version, ErrNotFound)
	}
	return vs[0], nil
}

// likeEscape escapes the wildcards of a LIKE pattern (with ESCAPE '\').
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}
