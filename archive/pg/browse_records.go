package pg

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// The record listing of the web interface (archivio serve), read from
// record_summaries as the SQLite Store reads its own: one row per record,
// kept by a trigger as versions are added.

// jsonInt is a field of the version's document d as an integer, when it
// is one.
func jsonInt(field string) string {
	return `CASE WHEN d ->> '` + field + `' ~ '^-?[0-9]+$' THEN (d ->> '` + field + `')::bigint END`
}

// joined is a field of d that may be a list, its items joined by " / ".
func joined(field string) string {
	return `COALESCE(CASE jsonb_typeof(d -> '` + field + `')
		WHEN 'array' THEN (SELECT string_agg(e, ' / ' ORDER BY n) FROM jsonb_array_elements_text(d -> '` + field + `') WITH ORDINALITY AS t(e, n))
		WHEN 'null' THEN NULL ELSE d ->> '` + field + `' END, '')`
}

// summaryColumns are a record_summaries row's values after its first
// four (record_id, version, capture_id, changed_at), from the version's
// document d: its title, the values the filters read, and its search
// text, lower-cased, as SQLite's record_summaries holds them.
var summaryColumns = `COALESCE(d ->> 'title', ''), COALESCE(d ->> 'status', ''), COALESCE(d ->> 'nature', ''),
	COALESCE(` + jsonInt("start_year") + `,
		CASE WHEN d ->> 'start_date' IS NOT NULL THEN COALESCE(substring(substr(d ->> 'start_date', 1, 4) from '^[0-9]+')::bigint, 0) END,
		` + jsonInt("certification_year") + `, ` + jsonInt("funding_year") + `, ` + jsonInt("end_year") + `),
	` + joined("territory") + `,
	COALESCE(d ->> 'certified' IN ('true', '1'), false),
	COALESCE(d ->> 'financed' IN ('true', '1'), false),
	lower(COALESCE(d ->> 'title', '') || ' | ' || ` + joined("territory") + ` || ' | ' || ` + joined("decision_makers") + ` || ' | ' ||
		` + joined("external_parties") + ` || ' | ' || COALESCE(d ->> 'responsible_unit', '') || ' | ' ||
		COALESCE(d ->> 'address', '') || ' | ' || COALESCE(d ->> 'region', ''))`

// summariesStep is the schema step that keeps record_summaries: one row
// per record for browsing (archivio serve), its latest version's title,
// filters and search text, kept by a trigger as versions are added (an
// import's COPY too), so that listing, filtering and counting 20,000
// records reads a narrow table instead of every version's document.
var summariesStep = `
CREATE TABLE record_summaries (
	record_id  BIGINT PRIMARY KEY REFERENCES records(id),
	version    INTEGER NOT NULL,
	capture_id BIGINT NOT NULL,
	changed_at TEXT NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL DEFAULT '',
	nature     TEXT NOT NULL DEFAULT '',
	year       BIGINT,
	territory  TEXT NOT NULL DEFAULT '',
	certified  BOOLEAN NOT NULL DEFAULT FALSE,
	financed   BOOLEAN NOT NULL DEFAULT FALSE,
	search     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX record_summaries_title ON record_summaries ((lower(title) COLLATE "C"), record_id);
CREATE INDEX record_summaries_year ON record_summaries (year, record_id);
CREATE INDEX record_summaries_changed ON record_summaries ((changed_at COLLATE "C"), record_id);
CREATE INDEX record_summaries_status ON record_summaries (status);
CREATE INDEX record_summaries_nature ON record_summaries (nature);
CREATE FUNCTION record_summary_on_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
	IF NEW.version >= COALESCE((SELECT latest_version FROM records WHERE id = NEW.record_id), 0) THEN
		INSERT INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
			territory, certified, financed, search)
		SELECT NEW.record_id, NEW.version, NEW.capture_id, NEW.created_at, ` + summaryColumns + `
		FROM (SELECT NEW.data::jsonb AS d) j
		ON CONFLICT (record_id) DO UPDATE SET version = excluded.version, capture_id = excluded.capture_id,
			changed_at = excluded.changed_at, title = excluded.title, status = excluded.status, nature = excluded.nature,
			year = excluded.year, territory = excluded.territory, certified = excluded.certified,
			financed = excluded.financed, search = excluded.search;
	END IF;
	RETURN NULL;
END
$fn$;
CREATE TRIGGER record_summaries_on_version AFTER INSERT ON record_versions
	FOR EACH ROW EXECUTE FUNCTION record_summary_on_version();
INSERT INTO record_summaries (record_id, version, capture_id, changed_at, title, status, nature, year,
	territory, certified, financed, search)
SELECT x.record_id, x.version, x.capture_id, x.created_at, ` + summaryColumns + `
FROM (SELECT v.record_id, v.version, v.capture_id, v.created_at, v.data::jsonb AS d
	FROM records r JOIN record_versions v ON v.record_id = r.id AND v.version = r.latest_version OFFSET 0) x;
`

const summaries = `record_summaries s`

var recordSorts = map[string]string{
	"id":      "s.record_id",
	"title":   `lower(s.title) COLLATE "C"`,
	"year":    "s.year",
	"status":  `s.status COLLATE "C"`,
	"changed": `s.changed_at COLLATE "C"`,
}

// args numbers a query's arguments as they are added.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// recordWhere renders q's filters as a condition on summaries.
func recordWhere(q archive.RecordQuery, a *args) string {
	conds := []string{"true"}
	for _, w := range strings.Fields(q.Text) {
		conds = append(conds, `strpos(s.search, lower(`+a.add(w)+`)) > 0`)
	}
	if q.Status != "" {
		conds = append(conds, `s.status = `+a.add(q.Status))
	}
	if q.Nature != "" {
		conds = append(conds, `s.nature = `+a.add(q.Nature))
	}
	if q.Year != 0 {
		conds = append(conds, `s.year = `+a.add(q.Year))
	}
	if q.Territory != "" {
		conds = append(conds, `s.territory ILIKE `+a.add("%"+likeEscape(q.Territory)+"%")+` ESCAPE '\'`)
	}
	if q.Certified != nil {
		conds = append(conds, `s.certified = `+a.add(*q.Certified))
	}
	if q.Financed != nil {
		conds = append(conds, `s.financed = `+a.add(*q.Financed))
	}
	if q.LinkState != "" {
		conds = append(conds, `s.record_id IN (SELECT lr.record_id FROM links l JOIN link_refs lr ON lr.url = l.url WHERE l.state = `+a.add(q.LinkState)+`)`)
	}
	if q.IDs != nil {
		ids := make([]int64, len(q.IDs))
		for i, id := range q.IDs {
			ids[i] = int64(id)
		}
		conds = append(conds, `s.record_id = ANY(`+a.add(ids)+`)`)
	}
	return strings.Join(conds, " AND ")
}

// likeEscape escapes the wildcards of a LIKE pattern (with ESCAPE '\').
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SearchRecords returns a page of the records matching q, with the
// number matching in all (see archive.Store.SearchRecords).
func (s *Store) SearchRecords(ctx context.Context, q archive.RecordQuery) (*archive.RecordPage, error) {
	if q.Limit == 0 {
		q.Limit = archive.DefaultPageSize
	}
	if q.Limit < 1 || q.Limit > archive.MaxPageSize || q.Offset < 0 {
		return nil, fmt.Errorf("search records: page size %d or offset %d out of range", q.Limit, q.Offset)
	}
	order, ok := recordSorts[q.Sort]
	if !ok && q.Sort != "" {
		return nil, fmt.Errorf("search records: unknown sort %q", q.Sort)
	}
	if order == "" {
		order = recordSorts["id"]
	}
	dir := "ASC NULLS FIRST" // as SQLite orders NULL
	if q.Desc {
		dir = "DESC NULLS LAST"
	}
	var a args
	where := recordWhere(q, &a)
	page := &archive.RecordPage{Records: []archive.RecordSummary{}}
	if err := s.pool.QueryRow(ctx, `SELECT COUNT(*) FROM `+summaries+` WHERE `+where, a...).Scan(&page.Total); err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	limit, offset := a.add(q.Limit), a.add(q.Offset)
	// The page first, then its links down: PostgreSQL evaluates the
	// select list of the rows an OFFSET skips too.
	sorted := ` ORDER BY ` + order + ` ` + dir + `, s.record_id ` + dir
	rows, err := s.pool.Query(ctx, `SELECT s.record_id, s.version, s.capture_id, s.changed_at, s.title, s.status, s.nature,
		COALESCE(s.year, 0), s.territory, s.certified, s.financed,
		(SELECT COUNT(*) FROM link_refs lr JOIN links l ON l.url = lr.url WHERE lr.record_id = s.record_id AND l.state = 'down')
		FROM (SELECT s.* FROM `+summaries+` WHERE `+where+sorted+` LIMIT `+limit+` OFFSET `+offset+`) s`+sorted, a...)
	if err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	page.Records, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (archive.RecordSummary, error) {
		var x archive.RecordSummary
		var at string
		err := r.Scan(&x.ID, &x.Version, &x.CaptureID, &at, &x.Title, &x.Status, &x.Nature, &x.Year, &x.Territory,
			&x.Certified, &x.Financed, &x.LinksDown)
		x.ChangedAt = archive.ParseTime(at)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("search records: %w", err)
	}
	return page, nil
}

// MatchingRecordIDs returns the ids of every record matching q's
// filters, in order.
func (s *Store) MatchingRecordIDs(ctx context.Context, q archive.RecordQuery) ([]int, error) {
	var a args
	rows, err := s.pool.Query(ctx, `SELECT s.record_id FROM `+summaries+` WHERE `+recordWhere(q, &a)+` ORDER BY s.record_id`, a...)
	if err != nil {
		return nil, fmt.Errorf("matching records: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, fmt.Errorf("matching records: %w", err)
	}
	return ids, nil
}

// RecordFacets counts the records by status, nature and year.
func (s *Store) RecordFacets(ctx context.Context) (*archive.RecordFacets, error) {
	f := &archive.RecordFacets{}
	for _, c := range []struct {
		expr string
		out  *[]archive.FacetValue
	}{{"s.status", &f.Statuses}, {"s.nature", &f.Natures}, {"s.year::text", &f.Years}} {
		rows, err := s.pool.Query(ctx, `SELECT v, COUNT(*) FROM (SELECT `+c.expr+` AS v FROM `+summaries+`) x
			WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY v COLLATE "C"`)
		if err != nil {
			return nil, fmt.Errorf("record facets: %w", err)
		}
		var v archive.FacetValue
		if _, err := pgx.ForEachRow(rows, []any{&v.Value, &v.Count}, func() error { *c.out = append(*c.out, v); return nil }); err != nil {
			return nil, fmt.Errorf("record facets: %w", err)
		}
	}
	return f, nil
}

// RecordVersion returns one version of a record.
func (s *Store) RecordVersion(ctx context.Context, id, version int) (*archive.RecordVersion, error) {
	vs, err := s.versions(ctx, `SELECT `+versionColumns+` FROM record_versions v WHERE v.record_id = $1 AND v.version = $2`, id, version)
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, fmt.Errorf("record %d version %d: %w", id, version, archive.ErrNotFound)
	}
	return vs[0], nil
}

// CatalogID is the catalog's identity: the UUID made when the catalog
// was created, or the one of the SQLite archive moved into it.
func (s *Store) CatalogID(ctx context.Context) (string, error) {
	var id string
	if err := s.pool.QueryRow(ctx, `SELECT uuid FROM catalog WHERE id = 1`).Scan(&id); err != nil {
		return "", fmt.Errorf("catalog id: %w", notFound(err))
	}
	return id, nil
}
