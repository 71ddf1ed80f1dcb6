package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// tableWriter writes the rows of one table, in order.
type tableWriter interface {
	Write(row []any) error
	Close() error
}

// sink is an output format: it opens one writer per table and says which
// file holds each table.
type sink interface {
	Open(t *table) (tableWriter, error)
	Close() error
	Path(t *table) string // the file, relative to the output folder
}

// Formats are the export formats and the file extension of each.
var Formats = map[string]string{"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "sqlite": "sqlite"}

// SQLiteFile is the database written by the sqlite format.
const SQLiteFile = "archivio-export.sqlite"

func newSink(format, dir string, excel bool) (sink, error) {
	switch format {
	case "csv":
		return &fileSink{dir: dir, ext: "csv", open: func(f *os.File, t *table) tableWriter { return newCSVWriter(f, t, excel) }}, nil
	case "jsonl":
		return &fileSink{dir: dir, ext: "jsonl", open: func(f *os.File, t *table) tableWriter { return newJSONLWriter(f, t) }}, nil
	case "parquet":
		return &fileSink{dir: dir, ext: "parquet", open: newParquetWriter}, nil
	case "sqlite":
		return newSQLiteSink(filepath.Join(dir, SQLiteFile))
	}
	return nil, fmt.Errorf("export: unknown format %q (csv, jsonl, parquet or sqlite)", format)
}

// fileSink writes one file per table.
type fileSink struct {
	dir, ext string
	open     func(*os.File, *table) tableWriter
}

func (s *fileSink) Path(t *table) string { return t.Name + "." + s.ext }

func (s *fileSink) Open(t *table) (tableWriter, error) {
	f, err := os.Create(filepath.Join(s.dir, s.Path(t)))
	if err != nil {
		return nil, err
	}
	return &closingWriter{tableWriter: s.open(f, t), f: f}, nil
}

func (s *fileSink) Close() error { return nil }

// closingWriter closes the file after the format's writer finished.
type closingWriter struct {
	tableWriter
	f *os.File
}

func (w *closingWriter) Close() error {
	err := w.tableWriter.Close()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// The Excel variant's booleans and times, as a spreadsheet in Italian
// shows and reads them: VERO and FALSO (Italian Excel and LibreOffice
// name TRUE and FALSE so and read them back as booleans), and UTC times to
// the second in the form spreadsheets take for a date and time.
var excelBool = map[bool]string{true: "VERO", false: "FALSO"}

const (
	excelTime = "2006-01-02 15:04:05"
	// excelTimeFormat is excelTime as a Table Schema datetime pattern.
	excelTimeFormat = "%Y-%m-%d %H:%M:%S"
)

// csvWriter writes RFC 4180 CSV (CRLF line ends, "," and "." decimals), or
// with excel a UTF-8 BOM, ";" separators, decimal commas, VERO and FALSO,
// and times as yyyy-mm-dd hh:mm:ss.
type csvWriter struct {
	b     *bufio.Writer
	w     *csv.Writer
	excel bool
	rec   []string
	err   error
}

func newCSVWriter(f *os.File, t *table, excel bool) *csvWriter {
	b := bufio.NewWriterSize(f, 64<<10)
	w := &csvWriter{b: b, w: csv.NewWriter(b), excel: excel, rec: make([]string, len(t.Columns))}
	w.w.UseCRLF = true
	if excel {
		w.w.Comma = ';'
		_, w.err = b.WriteString("\ufeff")
	}
	if w.err == nil {
		w.err = w.w.Write(t.columnNames())
	}
	return w
}

func (w *csvWriter) Write(row []any) error {
	if w.err != nil {
		return w.err
	}
	for i, v := range row {
		w.rec[i] = w.text(v)
	}
	return w.w.Write(w.rec)
}

func (w *csvWriter) text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if w.excel {
			s = strings.Replace(s, ".", ",", 1)
		}
		return s
	case bool:
		if w.excel {
			return excelBool[v]
		}
		return strconv.FormatBool(v)
	case time.Time:
		if w.excel {
			return v.UTC().Format(excelTime)
		}
		return v.UTC().Format(time.RFC3339Nano)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

func (w *csvWriter) Close() error {
	if w.err != nil {
		return w.err
	}
	w.w.Flush()
	if err := w.w.Error(); err != nil {
		return err
	}
	return w.b.Flush()
}

// jsonlWriter writes one JSON object per row, members in column order,
// null for missing values.
type jsonlWriter struct {
	b    *bufio.Writer
	keys [][]byte
	line []byte
}

func newJSONLWriter(f *os.File, t *table) *jsonlWriter {
	w := &jsonlWriter{b: bufio.NewWriterSize(f, 64<<10)}
	for i, c := range t.Columns {
		k, _ := json.Marshal(c.Name)
		sep := ","
		if i == 0 {
			sep = "{"
		}
		w.keys = append(w.keys, append([]byte(sep), append(k, ':')...))
	}
	return w
}

func (w *jsonlWriter) Write(row []any) error {
	l := w.line[:0]
	for i, v := range row {
		l = append(l, w.keys[i]...)
		switch v := v.(type) {
		case nil:
			l = append(l, "null"...)
		case int64:
			l = strconv.AppendInt(l, v, 10)
		case float64:
			l = strconv.AppendFloat(l, v, 'f', -1, 64)
		case bool:
			l = strconv.AppendBool(l, v)
		case time.Time:
			l = append(l, '"')
			l = v.UTC().AppendFormat(l, time.RFC3339Nano)
			l = append(l, '"')
		default:
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			l = append(l, b...)
		}
	}
	if len(row) == 0 {
		l = append(l, '{')
	}
	l = append(l, "}\n"...)
	w.line = l
	_, err := w.b.Write(l)
	return err
}

func (w *jsonlWriter) Close() error { return w.b.Flush() }
