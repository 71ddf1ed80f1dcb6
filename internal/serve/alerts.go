package serve

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/jobs"
	"archivio/internal/setup"
)

// alertsPerPage is the size of a page of the alert listing.
const alertsPerPage = 50

// alertView is an alert as the listing shows it: the feed's headline and
// text, the link or source it is about.
type alertView struct {
	Row      archive.AlertRow
	Headline string
	Text     string
	IsLink   bool
	Delivery string // how its delivery to the configured sinks went
}

// deliveryText says how an alert's delivery went, with each sink's error
// when one failed.
func deliveryText(row archive.AlertRow) string {
	var failures []string
	if o, err := jobs.ParseOutcome(row.Delivered); err == nil {
		failures = o.Failures()
	}
	tries := func() string {
		if row.Attempts == 1 {
			return "1 attempt"
		}
		return strconv.Itoa(row.Attempts) + " attempts"
	}
	var s string
	switch row.Delivery {
	case archive.DeliveryDelivered:
		return "delivered to every sink"
	case archive.DeliveryPending:
		if row.Attempts == 0 {
			return "delivery pending: sent at the next start or by the running daemon"
		}
		s = "delivery pending after " + tries() + ": tried again at the next start or by the running daemon"
	case archive.DeliveryFailed:
		s = "delivery failed after " + tries()
	case archive.DeliveryNone:
		return "not delivered: no sink was configured"
	default:
		return "delivery not recorded (raised by an earlier archivio)"
	}
	if len(failures) > 0 {
		s += " (" + strings.Join(failures, "; ") + ")"
	}
	return s
}

// describeAlerts renders stored alerts with the feed's words.
func (s *Server) describeAlerts(r *http.Request, rows []archive.AlertRow) ([]alertView, error) {
	out := make([]alertView, 0, len(rows))
	for _, row := range rows {
		as, err := jobs.StoredAlerts(r.Context(), oneAlert{s.o.Archive, row})
		if err != nil {
			return nil, err
		}
		v := alertView{Row: row, IsLink: row.Detail == "", Delivery: deliveryText(row)}
		if len(as) == 1 {
			v.Headline, v.Text = alerts.Headline(as[0]), alerts.Describe(as[0])
		}
		out = append(out, v)
	}
	return out, nil
}

// oneAlert is the archive as jobs.StoredAlerts reads it, holding one alert.
type oneAlert struct {
	a   Alerts
	row archive.AlertRow
}

func (o oneAlert) LinkRecords(ctx context.Context, url string) ([]archive.LinkRecord, error) {
	return o.a.LinkRecords(ctx, url)
}

func (o oneAlert) Capture(ctx context.Context, id int64) (*archive.Capture, error) {
	return o.a.Capture(ctx, id)
}

func (o oneAlert) Alerts(context.Context) ([]archive.AlertRow, error) {
	return []archive.AlertRow{o.row}, nil
}

func (s *Server) alertList(w http.ResponseWriter, r *http.Request) {
	page, _, err := paging(r.URL.Query(), alertsPerPage)
	if err != nil {
		s.bad(w, r, err)
		return
	}
	rows, total, err := s.o.Archive.RecentAlerts(r.Context(), alertsPerPage, (page-1)*alertsPerPage)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	views, err := s.describeAlerts(r, rows)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "alerts", "Alerts", "alerts", map[string]any{
		"Alerts": views, "Total": total, "Pages": pager("/alerts", r.URL.Query(), page, alertsPerPage, total),
	})
}

// feed serves the alerts as the Atom feed the Atom sink keeps.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	list, err := jobs.StoredAlerts(r.Context(), s.o.Archive)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	updated := s.o.Now()
	if len(list) > 0 {
		updated = list[len(list)-1].At
	}
	dir := s.o.DataDir
	if dir == "" {
		dir = "."
	}
	id, err := setup.StoreFeedID(r.Context(), s.o.Archive, filepath.Clean(dir))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	self := url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path}
	if r.TLS != nil {
		self.Scheme = "https"
	}
	body, err := alerts.RenderAtom(alerts.Feed{Title: setup.AtomTitle, ID: id, Self: self.String()}, updated, list)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(body)
}
