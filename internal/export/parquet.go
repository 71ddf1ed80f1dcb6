package export

import (
	"os"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetRowGroup is the number of rows per row group: the writer buffers
// at most this many rows of a table.
const parquetRowGroup = 10_000

// parquetWriter writes a table as a Parquet file with optional columns,
// zstd compression and row groups of parquetRowGroup rows.
type parquetWriter struct {
	w     *parquet.Writer
	cols  []int    // for each leaf column, the row index it takes
	types []string // column type by row index
	batch []parquet.Row
	err   error
}

func parquetSchema(t *table) *parquet.Schema {
	g := parquet.Group{}
	for _, c := range t.Columns {
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
		g[c.Name] = parquet.Optional(n)
	}
	return parquet.NewSchema(t.Name, g)
}

func newParquetWriter(f *os.File, t *table) tableWriter {
	schema := parquetSchema(t)
	w := &parquetWriter{
		w:     parquet.NewWriter(f, schema, parquet.MaxRowsPerRowGroup(parquetRowGroup), parquet.Compression(&parquet.Zstd)),
		types: make([]string, len(t.Columns)),
	}
	index := map[string]int{}
	for i, c := range t.Columns {
		index[c.Name] = i
		w.types[i] = c.Type
	}
	for _, path := range schema.Columns() {
		w.cols = append(w.cols, index[path[0]])
	}
	return w
}

func (w *parquetWriter) Write(row []any) error {
	if w.err != nil {
		return w.err
	}
	r := make(parquet.Row, len(w.cols))
	for j, i := range w.cols {
		v := parquetValue(w.types[i], row[i])
		if v.IsNull() {
			r[j] = v.Level(0, 0, j)
		} else {
			r[j] = v.Level(0, 1, j)
		}
	}
	w.batch = append(w.batch, r)
	if len(w.batch) == 1024 {
		return w.flush()
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
