package hostile

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// bombChunk is the deflate encoding of bombUnit zero bytes, ending with a
// sync flush: byte-aligned and referring to nothing before it, so copies
// of it can follow one another in one deflate stream.
const bombUnit = 1 << 20

var (
	bombOnce  sync.Once
	bombChunk []byte
)

func chunk() []byte {
	bombOnce.Do(func() {
		var b bytes.Buffer
		zw, _ := flate.NewWriter(&b, flate.BestCompression) // a valid level never fails
		zw.Write(make([]byte, bombUnit))
		zw.Flush()
		bombChunk = b.Bytes()
	})
	return bombChunk
}

// GzipBomb answers 200 with Content-Type contentType and a gzip body
// (Content-Encoding: gzip) that inflates to decoded zero bytes, rounded up
// to a MiB: about a thousandth of that on the wire (4 GiB in about 4 MB).
// The stream is valid gzip, trailer included.
func GzipBomb(contentType string, decoded int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		units := (decoded + bombUnit - 1) / bombUnit
		c := chunk()
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.FormatInt(10+units*int64(len(c))+2+8, 10))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodHead {
			return
		}
		// gzip header: magic, deflate, no flags, no time, no extra flags, unknown OS.
		if _, err := w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255}); err != nil {
			return
		}
		crc := uint32(0)
		zeros := make([]byte, bombUnit)
		for range units {
			if _, err := w.Write(c); err != nil {
				return // the client stopped reading
			}
			crc = crc32.Update(crc, crc32.IEEETable, zeros)
		}
		// A final empty fixed-Huffman block ends the deflate stream.
		trailer := []byte{0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0}
		binary.LittleEndian.PutUint32(trailer[2:], crc)
		binary.LittleEndian.PutUint32(trailer[6:], uint32(units*bombUnit))
		w.Write(trailer)
	})
}

// Endless answers 200 with Content-Type contentType and a body that never
// ends: unit repeated until the client goes away.
func Endless(contentType string, unit []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodHead {
			return
		}
		block := bytes.Repeat(unit, max(1, (64<<10)/max(len(unit), 1)))
		for r.Context().Err() == nil {
			if _, err := w.Write(block); err != nil {
				return
			}
		}
	})
}

// Big answers 200 with Content-Type contentType, a Content-Length of size
// and a body of unit repeated (the last copy cut to fit).
func Big(contentType string, size int64, unit []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodHead {
			return
		}
		block := bytes.Repeat(unit, max(1, (64<<10)/max(len(unit), 1)))
		for left := size; left > 0; {
			n := min(left, int64(len(block)))
			if _, err := w.Write(block[:n]); err != nil {
				return
			}
			left -= n
		}
	})
}

// Trickle answers 200 with Content-Type contentType, sends head at once,
// then unit every interval, forever: a body that never ends and never
// grows large.
func Trickle(contentType string, head, unit []byte, interval time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodHead {
			return
		}
		rc := http.NewResponseController(w)
		w.Write(head)
		rc.Flush()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-t.C:
				if _, err := w.Write(unit); err != nil {
					return
				}
				rc.Flush()
			}
		}
	})
}

// Flaky answers the first n requests with bad and the others with good.
func Flaky(n int, bad, good http.Handler) http.Handler {
	var mu sync.Mutex
	seen := 0
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen++
		first := seen <= n
		mu.Unlock()
		if first {
			bad.ServeHTTP(w, r)
			return
		}
		good.ServeHTTP(w, r)
	})
}
