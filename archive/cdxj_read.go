package archive

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// IndexedRecord is a response or revisit record as the CDXJ index of its
// WARC file lists it.
type IndexedRecord struct {
	URL            string
	Method         string // the request's method: GET unless the index says otherwise
	Offset, Length int64
}

// ReadCDXJ reads the CDXJ index beside the WARC file warcPath (its final
// name): the response and revisit records of the file.
func ReadCDXJ(ctx context.Context, warcPath string) ([]IndexedRecord, error) {
	path := strings.TrimSuffix(warcPath, warcOpenSuffix) + warcCDXJExt
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read index: %w", err)
	}
	defer f.Close()
	var out []IndexedRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		_, rest, ok1 := strings.Cut(sc.Text(), " ")
		_, js, ok2 := strings.Cut(rest, " ")
		var fields cdxjFields
		if !ok1 || !ok2 || json.Unmarshal([]byte(js), &fields) != nil {
			return nil, fmt.Errorf("read index %s: line %d is not a CDXJ line", path, n)
		}
		off, err1 := strconv.ParseInt(fields.Offset, 10, 64)
		length, err2 := strconv.ParseInt(fields.Length, 10, 64)
		if err1 != nil || err2 != nil || off < 0 || length <= 0 {
			return nil, fmt.Errorf("read index %s: line %d: bad offset or length", path, n)
		}
		method := fields.Method
		if method == "" {
			method = http.MethodGet
		}
		out = append(out, IndexedRecord{URL: fields.URL, Method: method, Offset: off, Length: length})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read index %s: %w", path, err)
	}
	return out, nil
}

// CataloguedOffsets returns the offsets of the captures the catalog lists
// in the WARC file named file.
func (s *Store) CataloguedOffsets(ctx context.Context, file string) (map[int64]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT warc_offset FROM captures WHERE warc_file = `+warcFileOf, file)
	if err != nil {
		return nil, fmt.Errorf("captures in %s: %w", file, err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var off int64
		if err := rows.Scan(&off); err != nil {
			return nil, fmt.Errorf("captures in %s: %w", file, err)
		}
		out[off] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("captures in %s: %w", file, err)
	}
	return out, nil
}
