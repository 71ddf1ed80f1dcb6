package export

import (
	"os"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetRowGroup is the number of rows per row group: the writer buffers
// at most this many rows of a table.
const parquetRowGroup = 10_000

// parquetWriter writes a table as a Parquet file with its columns in the
// table's order, optional, list columns as LIST (of required items),
// zstd compression and row groups of parquetRowGroup rows.
type parquetWriter struct {
	w     *parquet.Writer
	cols  []column
	batch []parquet.Row
	err   error
}

// parquetNode is a column's Parquet type.
func parquetNode(c column) parquet.Node {
	var n parquet.Node
	switch c.Type {
	case tInteger:
		n = parquet.Int(64)
	case tNumber:
		n = parquet.Leaf(parquet.DoubleType)
	case tBoolean:
		n = parquet.Leaf(parquet.BooleanType)
	case tDate:
		n = parquet.Date()
	case tDatetime:
		n = parquet.Timestamp(parquet.Microsecond)
	default:
		n = parquet.String()
	}
	if c.List {
		n = parquet.List(n)
	}
	return parquet.Optional(n)
}

func parquetSchema(t *table) *parquet.Schema {
	g := make(orderedGroup, len(t.Columns))
	for i, c := range t.Columns {
		g[i] = orderedField{Node: parquetNode(c), name: c.Name}
	}
	return parquet.NewSchema(t.Name, g)
}

func newParquetWriter(f *os.File, t *table) tableWriter {
	return &parquetWriter{
		w:    parquet.NewWriter(f, parquetSchema(t), parquet.MaxRowsPerRowGroup(parquetRowGroup), parquet.Compression(&parquet.Zstd)),
		cols: t.Columns,
	}
}

// Write adds a row: each column's values in column order, with their
// repetition and definition levels. A scalar column has one value,
// defined (level 1) or null (0). A list column (optional group, repeated
// group, required item) has one value per item, the first at repetition
// level 0 and the others at 1, defined at level 2; a null list is one null
// value at definition level 0, an empty one a null value at level 1.
func (w *parquetWriter) Write(row []any) error {
	if w.err != nil {
		return w.err
	}
	var r parquet.Row
	for j, c := range w.cols {
		if !c.List {
			v := parquetValue(c.Type, row[j])
			def := 1
			if v.IsNull() {
				def = 0
			}
			r = append(r, v.Level(0, def, j))
			continue
		}
		items := listItems(row[j])
		switch {
		case items == nil:
			r = append(r, parquet.NullValue().Level(0, 0, j))
		case len(items) == 0:
			r = append(r, parquet.NullValue().Level(0, 1, j))
		}
		for k, it := range items {
			rep := 1
			if k == 0 {
				rep = 0
			}
			r = append(r, parquetValue(c.Type, it).Level(rep, 2, j))
		}
	}
	w.batch = append(w.batch, r)
	if len(w.batch) == 1024 {
		return w.flush()
	}
	return nil
}

// listItems are a list value's items; nil for a null list.
func listItems(v any) []any {
	switch l := v.(type) {
	case []string:
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	case []int64:
		out := make([]any, len(l))
		for i, n := range l {
			out[i] = n
		}
		return out
	}
	return nil
}

func (w *parquetWriter) flush() error {
	if len(w.batch) > 0 {
		_, w.err = w.w.WriteRows(w.batch)
		w.batch = w.batch[:0]
	}
	return w.err
}

func parquetValue(typ string, v any) parquet.Value {
	switch v := v.(type) {
	case nil:
		return parquet.NullValue()
	case int64:
		return parquet.Int64Value(v)
	case float64:
		return parquet.DoubleValue(v)
	case bool:
		return parquet.BooleanValue(v)
	case time.Time:
		return parquet.Int64Value(v.UnixMicro())
	case string:
		if typ == tDate {
			d, err := time.Parse(time.DateOnly, v)
			if err != nil {
				return parquet.NullValue() // not an ISO date: the parser left it unread
			}
			return parquet.Int32Value(int32(d.Unix() / 86400))
		}
		return parquet.ByteArrayValue([]byte(v))
	}
	return parquet.NullValue()
}

func (w *parquetWriter) Close() error {
	if err := w.flush(); err != nil {
		return err
	}
	return w.w.Close()
}
