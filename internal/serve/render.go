package serve

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"archivio/archive"
)

//go:embed templates/*.html static/style.css
var assets embed.FS

// pages are the interface's templates, one per page, each with the
// layout.
type pages struct {
	byName map[string]*template.Template
	css    []byte
}

var funcs = template.FuncMap{
	"when":      when,
	"ts14":      ts14,
	"iso":       func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
	"replayURL": replayURL,
	"linkURL":   func(u string) string { return "/link?url=" + url.QueryEscape(u) },
	"timemap":   func(u string) string { return "/timemap/link/" + u },
	"add":       func(a, b int) int { return a + b },
	"works":     verdictWorks,
	"pct":       func(f float64) string { return strconv.FormatFloat(100*f, 'f', 0, 64) + "%" },
	"since":     since,
	"label":     fieldLabel,
}

func loadPages() (*pages, error) {
	layout, err := assets.ReadFile("templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("serve: templates: %w", err)
	}
	base, err := template.New("layout").Funcs(funcs).Parse(string(layout))
	if err != nil {
		return nil, fmt.Errorf("serve: templates: %w", err)
	}
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("serve: templates: %w", err)
	}
	p := &pages{byName: map[string]*template.Template{}}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		body, err := assets.ReadFile(n)
		if err != nil {
			return nil, fmt.Errorf("serve: templates: %w", err)
		}
		t, err := template.Must(base.Clone()).Parse(string(body))
		if err != nil {
			return nil, fmt.Errorf("serve: template %s: %w", n, err)
		}
		p.byName[strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")] = t
	}
	if p.css, err = assets.ReadFile("static/style.css"); err != nil {
		return nil, fmt.Errorf("serve: style: %w", err)
	}
	return p, nil
}

// view is what every page template gets: its title, the section of the
// navigation it belongs to, and its own data.
type view struct {
	Title   string
	Section string
	Version string
	Data    any
}

// render writes page name with data, or a 500 when it fails.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title, section string, data any) {
	t, ok := s.pages.byName[name]
	if !ok {
		s.fail(w, r, http.StatusInternalServerError, "no page "+name)
		return
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, "layout", view{Title: title, Section: section, Version: s.o.Version, Data: data}); err != nil {
		s.o.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "archivio: could not render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(b.Bytes())
	}
}

// fail answers with an error page (plain text outside the interface's
// pages, so that it never needs the templates).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if status >= 500 {
		s.o.Logger.Error("request failed", "path", r.URL.Path, "status", status, "err", msg)
	}
	if t, ok := s.pages.byName["error"]; ok && status != http.StatusMethodNotAllowed {
		var b bytes.Buffer
		if t.ExecuteTemplate(&b, "layout", view{Title: http.StatusText(status), Version: s.o.Version,
			Data: map[string]any{"Status": status, "Message": msg}}) == nil {
			setInterfaceHeaders(w.Header())
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			w.Write(b.Bytes())
			return
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintln(w, "archivio:", msg)
}

// failErr answers for an error from the archive: 404 for what it does
// not hold, 500 otherwise.
func (s *Server) failErr(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, archive.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, "not in the archive")
		return
	}
	s.fail(w, r, http.StatusInternalServerError, err.Error())
}

func (s *Server) style(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=3600")
	w.Write(s.pages.css)
}

// when formats a time for people: UTC, to the minute; "—" for none.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

// since says how long ago t was, roughly.
func since(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := time.Since(t)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// ts14 is a capture time as the 14 digits of a replay URL.
func ts14(t time.Time) string { return t.UTC().Format("20060102150405") }

// replayURL is the memento of url at t: the archive's copy nearest to t.
func replayURL(t time.Time, u string) string { return replayPrefix + ts14(t) + "/" + u }
