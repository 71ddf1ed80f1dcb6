package daemon

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"archivio/internal/jobs"
)

// metrics are the daemon's Prometheus metrics, in a registry of its own
// (no global default registry).
type metrics struct {
	reg          *prometheus.Registry
	pages        prometheus.Counter
	fetchErrors  *prometheus.CounterVec
	bytes        prometheus.Counter
	jobRuns      *prometheus.CounterVec
	jobDuration  *prometheus.HistogramVec
	jobLastOK    *prometheus.GaugeVec
	links        *prometheus.GaugeVec
	alerts       *prometheus.CounterVec
	recordsTotal prometheus.Gauge
}

func newMetrics() *metrics {
	m := &metrics{
		reg:         prometheus.NewRegistry(),
		pages:       prometheus.NewCounter(prometheus.CounterOpts{Name: "archivio_pages_fetched_total", Help: "Pages fetched by crawls (304s included)."}),
		fetchErrors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_fetch_errors_total", Help: "Failed fetches of crawls, by kind."}, []string{"kind"}),
		bytes:       prometheus.NewCounter(prometheus.CounterOpts{Name: "archivio_bytes_total", Help: "Body bytes fetched by crawls."}),
		jobRuns:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_job_runs_total", Help: "Job runs, by job and result (ok, error)."}, []string{"job", "result"}),
		jobDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "archivio_job_duration_seconds", Help: "Job run durations.",
			Buckets: []float64{1, 5, 15, 60, 300, 900, 3600, 3 * 3600, 6 * 3600}}, []string{"job"}),
		jobLastOK:    prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_job_last_success_timestamp_seconds", Help: "When each job last succeeded (Unix time)."}, []string{"job"}),
		links:        prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_links", Help: "Links of the inventory, by state."}, []string{"state"}),
		alerts:       prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_alerts_total", Help: "Alerts raised, by kind (down, up)."}, []string{"kind"}),
		recordsTotal: prometheus.NewGauge(prometheus.GaugeOpts{Name: "archivio_records", Help: "Records stored."}),
	}
	m.reg.MustRegister(m.pages, m.fetchErrors, m.bytes, m.jobRuns, m.jobDuration, m.jobLastOK, m.links, m.alerts, m.recordsTotal)
	for _, s := range []string{"up", "suspect", "down"} {
		m.links.WithLabelValues(s).Set(0)
	}
	for _, k := range []string{"down", "up"} {
		m.alerts.WithLabelValues(k)
	}
	return m
}

// observeRun records a finished job run.
func (m *metrics) observeRun(job string, started time.Time, d time.Duration, err error) {
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.jobRuns.WithLabelValues(job, result).Inc()
	m.jobDuration.WithLabelValues(job).Observe(d.Seconds())
	if err == nil {
		m.jobLastOK.WithLabelValues(job).Set(float64(started.Add(d).Unix()))
	}
}

// observeCrawl adds a crawl's counts.
func (m *metrics) observeCrawl(r *jobs.Report) {
	if r == nil {
		return
	}
	m.pages.Add(float64(r.PagesFetched + r.NotModified))
	m.bytes.Add(float64(r.Bytes))
	for kind, n := range r.Errors {
		m.fetchErrors.WithLabelValues(kind).Add(float64(n))
	}
}

// observeLinks adds a link check's alerts and sets the link states.
func (m *metrics) observeLinks(r *jobs.LinksReport) {
	if r == nil {
		return
	}
	for _, a := range r.Alerts {
		m.alerts.WithLabelValues(a.Kind).Inc()
	}
	for _, s := range []string{"up", "suspect", "down"} {
		m.links.WithLabelValues(s).Set(float64(r.States[s]))
	}
}
