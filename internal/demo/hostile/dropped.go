package hostile

import (
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// How Dropped breaks an answer.
const (
	// Reset sends the head and part of the body, then resets the
	// connection (TCP RST).
	Reset = "reset"
	// Short sends a Content-Length larger than the body it sends, then
	// closes the connection.
	Short = "short"
	// BrokenChunks sends a chunked body whose second chunk size is not
	// hexadecimal.
	BrokenChunks = "broken-chunks"
)

// Dropped answers 200 with Content-Type contentType and part of body,
// then breaks the answer as how says (Reset, Short, BrokenChunks).
func Dropped(how, contentType string, body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		half := body[:len(body)/2]
		switch how {
		case Reset, Short:
			fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))
			buf.Write(half)
		case BrokenChunks:
			fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n", contentType)
			fmt.Fprintf(buf, "%x\r\n%s\r\nzz\r\n%s\r\n", len(half), half, body[len(half):])
		}
		buf.Flush()
		if how == Reset {
			if tc, ok := conn.(*net.TCPConn); ok {
				// Let the client read what was sent before the reset.
				time.Sleep(20 * time.Millisecond)
				tc.SetLinger(0)
			}
		}
	})
}

// Stall answers 200 with Content-Type contentType, a Content-Length of
// len(body), sends the first part bytes of body, and sends the rest only
// when Release is called (or never). Started is closed when the first part
// has been sent.
type Stall struct {
	ContentType string
	Body        []byte
	Part        int

	once      sync.Once
	started   chan struct{}
	release   chan struct{}
	startOnce sync.Once
	relOnce   sync.Once
}

func (s *Stall) init() {
	s.once.Do(func() {
		s.started = make(chan struct{})
		s.release = make(chan struct{})
	})
}

// Started is closed once a request got the first part of the body.
func (s *Stall) Started() <-chan struct{} {
	s.init()
	return s.started
}

// Release lets every stalled and later request have the whole body.
func (s *Stall) Release() {
	s.init()
	s.relOnce.Do(func() { close(s.release) })
}

func (s *Stall) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.init()
	w.Header().Set("Content-Type", s.ContentType)
	w.Header().Set("Content-Length", fmt.Sprint(len(s.Body)))
	w.WriteHeader(http.StatusOK)
	w.Write(s.Body[:s.Part])
	http.NewResponseController(w).Flush()
	s.startOnce.Do(func() { close(s.started) })
	select {
	case <-s.release:
		w.Write(s.Body[s.Part:])
	case <-r.Context().Done():
	}
}
