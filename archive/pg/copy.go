package pg

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"archivio/archive"
)

// ErrNotEmpty is returned by Import into a catalog that holds anything.
var ErrNotEmpty = errors.New("the catalog is not empty")

// Import fills an empty catalog with an archive's rows in one
// transaction: fill calls add for every row, table by table in the order
// of archive.CatalogTables, with the table's columns and the row's values
// as SQLite holds them (times as text, booleans as 0 or 1). Either every
// row is copied or none is. The catalog's identity becomes the one
// copied; serial ids continue after the largest copied.
func (s *Store) Import(ctx context.Context, o ImportOptions, fill func(add func(table string, cols []string, vals []any) error) error) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		for _, t := range archive.CatalogTables {
			if t == "catalog" {
				continue
			}
			var any bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+pgx.Identifier{t}.Sanitize()+`)`).Scan(&any); err != nil {
				return err
			}
			if any {
				return fmt.Errorf("%w: table %s has rows", ErrNotEmpty, t)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM catalog`); err != nil {
			return err
		}
		c := &copier{s: s, tx: tx, types: map[string]map[string]string{}, pending: o.PendingCaptures}
		if err := fill(c.add); err != nil {
			return err
		}
		if err := c.flush(ctx); err != nil {
			return err
		}
		return restartSerials(ctx, tx)
	})
	if err != nil {
		return fmt.Errorf("import into the catalog: %w", err)
	}
	return nil
}

// ImportOptions say how rows are imported.
type ImportOptions struct {
	// PendingCaptures has every copied capture pending, until its WARC
	// file is catalogued as stored (WARCFileStored): for an archive
	// whose files move to object storage after its catalog.
	PendingCaptures bool
}

// copier batches rows into COPY statements, table by table.
type copier struct {
	s     *Store
	tx    pgx.Tx
	types map[string]map[string]string // table -> column -> data type
	// pending adds pending = true to every capture
	pending bool

	table string
	cols  []string
	rows  [][]any
}

func (c *copier) add(table string, cols []string, vals []any) error {
	ctx := context.Background()
	if !slices.Contains(archive.CatalogTables, table) {
		return fmt.Errorf("import: %q is not a catalog table", table)
	}
	if table != c.table || len(c.rows) >= 2000 {
		if err := c.flush(ctx); err != nil {
			return err
		}
	}
	if table != c.table {
		types, err := columnTypes(ctx, c.tx, table)
		if err != nil {
			return err
		}
		for _, col := range cols {
			if _, ok := types[col]; !ok {
				return fmt.Errorf("import: table %s has no column %s here", table, col)
			}
		}
		c.types[table], c.table, c.cols = types, table, slices.Clone(cols)
		switch {
		case table == "frontier":
			c.cols = append(c.cols, "host")
		case table == "captures" && c.pending:
			c.cols = append(c.cols, "pending")
		}
	}
	row := make([]any, 0, len(c.cols))
	for i, v := range vals {
		cv, err := convert(v, c.types[table][cols[i]])
		if err != nil {
			return fmt.Errorf("import %s.%s: %w", table, cols[i], err)
		}
		row = append(row, cv)
	}
	if table == "frontier" {
		host, err := c.s.frontierHost(ctx, cols, vals)
		if err != nil {
			return err
		}
		row = append(row, host)
	}
	if table == "captures" && c.pending {
		row = append(row, true)
	}
	c.rows = append(c.rows, row)
	return nil
}

// frontierHost is the politeness key of a copied frontier entry still
// queued (a crawl to resume); settled entries need none.
func (s *Store) frontierHost(ctx context.Context, cols []string, vals []any) (string, error) {
	var u, state string
	for i, c := range cols {
		switch c {
		case "url":
			u = text(vals[i])
		case "state":
			state = text(vals[i])
		}
	}
	if state != archive.FrontierQueued {
		return "", nil
	}
	return s.politenessKey(ctx, u)
}

func (c *copier) flush(ctx context.Context) error {
	if len(c.rows) == 0 {
		return nil
	}
	if _, err := c.tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
		return fmt.Errorf("copy into %s: %w", c.table, err)
	}
	c.rows = c.rows[:0]
	return nil
}

func columnTypes(ctx context.Context, tx pgx.Tx, table string) (map[string]string, error) {
	rows, err := tx.Query(ctx, `SELECT column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name = $1`, table)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	var col, typ string
	_, err = pgx.ForEachRow(rows, []any{&col, &typ}, func() error { out[col] = typ; return nil })
	return out, err
}

// convert turns a value as SQLite holds it into one for a column of the
// given PostgreSQL type.
func convert(v any, typ string) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case []byte:
		v = string(x)
	}
	switch typ {
	case "boolean":
		n, ok := v.(int64)
		if !ok {
			return nil, fmt.Errorf("%v (%T) for a boolean", v, v)
		}
		return n != 0, nil
	case "text":
		if n, ok := v.(int64); ok {
			return fmt.Sprint(n), nil
		}
	}
	return v, nil
}

func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// restartSerials moves every serial column's sequence past the largest
// value copied.
func restartSerials(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`)
	if err != nil {
		return err
	}
	var serials [][2]string
	var t, c string
	if _, err := pgx.ForEachRow(rows, []any{&t, &c}, func() error { serials = append(serials, [2]string{t, c}); return nil }); err != nil {
		return err
	}
	for _, tc := range serials {
		tbl, col := pgx.Identifier{tc[0]}.Sanitize(), pgx.Identifier{tc[1]}.Sanitize()
		if _, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(`+col+`), 1), MAX(`+col+`) IS NOT NULL) FROM `+tbl,
			tc[0], tc[1]); err != nil {
			return fmt.Errorf("restart %s.%s: %w", tc[0], tc[1], err)
		}
	}
	return nil
}

// TableRows calls fn with every row of one of archive.CatalogTables,
// the named columns only, in no particular order, each value as SQLite
// would hold it (int64, float64, string or nil; booleans as 0 or 1), so
// that a copy can be compared with its original.
func (s *Store) TableRows(ctx context.Context, table string, cols []string, fn func(vals []any) error) error {
	if !slices.Contains(archive.CatalogTables, table) {
		return fmt.Errorf("read table %q: not a catalog table", table)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = pgx.Identifier{c}.Sanitize()
	}
	rows, err := s.pool.Query(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM `+pgx.Identifier{table}.Sanitize())
	if err != nil {
		return fmt.Errorf("read table %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return fmt.Errorf("read table %s: %w", table, err)
		}
		for i, v := range vals {
			switch x := v.(type) {
			case bool:
				vals[i] = int64(0)
				if x {
					vals[i] = int64(1)
				}
			case int32:
				vals[i] = int64(x)
			case int16:
				vals[i] = int64(x)
			}
		}
		if err := fn(vals); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read table %s: %w", table, err)
	}
	return nil
}
