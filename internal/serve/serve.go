package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

// Options configure the interface.
type Options struct {
	// Archive is the archive shown (an *archive.Store opened with
	// archive.OpenReadOnly).
	Archive Archive
	// DataDir is the archive's data directory: the export and WACZ
	// downloads read it (read-only) and the feed's id names it. Empty
	// for the shared PostgreSQL catalog: the downloads read Archive.
	DataDir string
	// Token, when not empty, is asked of every request: as a bearer token
	// (Authorization: Bearer TOKEN) or as the password of basic
	// authentication (any user name).
	Token string
	// Version is the archivio version, shown in the footer and written in
	// downloads.
	Version string
	Logger  *slog.Logger
	// Now is the clock (the feed's time when there is no alert); nil means
	// time.Now.
	Now func() time.Time
}

// Server is the web interface. Its handler is safe for concurrent use.
type Server struct {
	o     Options
	pages *pages
	mux   *http.ServeMux
}

// New returns the interface over o.Archive.
func New(o Options) (*Server, error) {
	if o.Archive == nil {
		return nil, errors.New("serve: no archive")
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	p, err := loadPages()
	if err != nil {
		return nil, err
	}
	s := &Server{o: o, pages: p, mux: http.NewServeMux()}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /{$}", s.home)
	m.HandleFunc("GET /records", s.recordList)
	m.HandleFunc("GET /records/{id}", s.recordPage)
	m.HandleFunc("GET /records/{id}/history", s.recordHistory)
	m.HandleFunc("GET /records/{id}/cite.txt", s.recordCiteText)
	m.HandleFunc("GET /records/{id}/cite.json", s.recordCiteCSL)
	m.HandleFunc("GET /links", s.linkList)
	m.HandleFunc("GET /link", s.linkPage)
	m.HandleFunc("GET /alerts", s.alertList)
	m.HandleFunc("GET /feed.atom", s.feed)
	m.HandleFunc("GET /crawls", s.crawlList)
	m.HandleFunc("GET /crawls/{id}", s.crawlPage)
	m.HandleFunc("GET /captures/{id}", s.capturePage)
	m.HandleFunc("GET /captures/{id}/cite.txt", s.captureCiteText)
	m.HandleFunc("GET /captures/{id}/cite.json", s.captureCiteCSL)
	m.HandleFunc("GET /warc/{file}/{offset}", s.warcRecord)
	m.HandleFunc("GET /downloads", s.downloads)
	m.HandleFunc("GET /download/records.zip", s.downloadRecords)
	m.HandleFunc("GET /download/archivio.wacz", s.downloadWACZ)
	m.HandleFunc("GET /static/style.css", s.style)
}

// Handler returns the interface's handler: authentication when a token
// is set, then the security headers, then the pages. Replay and Memento
// paths carry a URL after their prefix and are routed before the mux,
// which would clean the "//" out of it.
func (s *Server) Handler() http.Handler {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.fail(w, r, http.StatusMethodNotAllowed, "only GET and HEAD")
			return
		}
		p := r.URL.Path
		switch {
		case strings.HasPrefix(p, replayPrefix):
			s.replay(w, r)
			return
		case strings.HasPrefix(p, "/timegate/"):
			s.timegate(w, r)
			return
		case strings.HasPrefix(p, "/timemap/"):
			s.timemap(w, r)
			return
		}
		setInterfaceHeaders(w.Header())
		s.mux.ServeHTTP(w, r)
	})
	if s.o.Token == "" {
		return h
	}
	return requireToken(s.o.Token, h)
}

// interfaceCSP is the policy of the interface's own pages: no script at
// all, styles and images from the interface, frames (the replay) from it.
const interfaceCSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; " +
	"form-action 'self'; base-uri 'none'; frame-ancestors 'self'"

func setInterfaceHeaders(h http.Header) {
	h.Set("Content-Security-Policy", interfaceCSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "SAMEORIGIN")
}

// ListenAndServe serves the interface on addr until ctx ends, then shuts
// it down, giving requests in flight five seconds. started, when not nil,
// hears the address listened on.
func (s *Server) ListenAndServe(ctx context.Context, addr string, started func(addr string)) error {
	if err := CheckListen(addr, s.o.Token != ""); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("serve: listen on %s: %w", addr, err)
	}
	return s.Serve(ctx, ln, started)
}

// Serve serves the interface on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener, started func(addr string)) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if started != nil {
		started(ln.Addr().String())
	}
	select {
	case <-ctx.Done():
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return fmt.Errorf("serve: shut down: %w", err)
	}
	<-errc
	return nil
}
