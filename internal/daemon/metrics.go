package daemon

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"archivio/archive"
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

	// Parse health, by source (a bounded label: the configured sources;
	// never label names or URLs).
	recordPages   *prometheus.CounterVec
	parseFailures *prometheus.CounterVec
	recordFields  *prometheus.GaugeVec
	unreadable    *prometheus.GaugeVec
	unknownLabels *prometheus.GaugeVec
	fuzzyLabels   *prometheus.GaugeVec
	drift         *prometheus.GaugeVec
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
		alerts:       prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_alerts_total", Help: "Alerts raised, by kind (down, up, drift, recovered)."}, []string{"kind"}),
		recordsTotal: prometheus.NewGauge(prometheus.GaugeOpts{Name: "archivio_records", Help: "Records stored."}),
		recordPages: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_record_pages_total",
			Help: "Record pages read by crawls (fetched, or confirmed unchanged by a 304), by source."}, []string{"source"}),
		parseFailures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "archivio_parse_failures_total",
			Help: "Record pages crawls could not read as records (kept as parse failures), by source."}, []string{"source"}),
		recordFields: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_record_fields",
			Help: "Mean number of schema fields found per record read, in the source's latest crawl."}, []string{"source"}),
		unreadable: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_unreadable_record_pages",
			Help: "Record pages kept as parse failures now, by source."}, []string{"source"}),
		unknownLabels: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_unknown_labels",
			Help: "Distinct labels the parser does not know, in the source's latest crawl."}, []string{"source"}),
		fuzzyLabels: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_fuzzy_labels",
			Help: "Distinct near-miss labels read as a field, in the source's latest crawl."}, []string{"source"}),
		drift: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "archivio_parse_drift",
			Help: "1 while the source's record pages no longer read as in its last healthy crawl (drift), else 0."}, []string{"source"}),
	}
	m.reg.MustRegister(m.pages, m.fetchErrors, m.bytes, m.jobRuns, m.jobDuration, m.jobLastOK, m.links, m.alerts, m.recordsTotal,
		m.recordPages, m.parseFailures, m.recordFields, m.unreadable, m.unknownLabels, m.fuzzyLabels, m.drift)
	for _, s := range []string{"up", "suspect", "down"} {
		m.links.WithLabelValues(s).Set(0)
	}
	for _, k := range []string{"down", "up", "drift", "recovered"} {
		m.alerts.WithLabelValues(k)
	}
	return m
}

// initSources makes every source's parse health series exist, at zero,
// before its first crawl.
func (m *metrics) initSources(sources []string) {
	for _, src := range sources {
		m.recordPages.WithLabelValues(src)
		m.parseFailures.WithLabelValues(src)
		m.unreadable.WithLabelValues(src)
		m.drift.WithLabelValues(src)
	}
}

// setParseHealth sets the parse health gauges from the summary.
func (m *metrics) setParseHealth(s *Summary) {
	for _, h := range s.ParseHealth {
		m.unreadable.WithLabelValues(h.Source).Set(float64(h.Unreadable))
		drift := 0.0
		if h.State == archive.HealthDrift {
			drift = 1
		}
		m.drift.WithLabelValues(h.Source).Set(drift)
		if h.LastCrawl != nil {
			m.recordFields.WithLabelValues(h.Source).Set(h.LastCrawl.FieldsPerRecord)
			m.unknownLabels.WithLabelValues(h.Source).Set(float64(h.UnknownLabels))
			m.fuzzyLabels.WithLabelValues(h.Source).Set(float64(h.FuzzyLabels))
		}
	}
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
	// This run's record pages (a resumed crawl's health also holds the
	// pages read before the interruption, counted then).
	m.recordPages.WithLabelValues(r.Source).Add(float64(r.RecordsNew + r.RecordsChanged + r.RecordsUnchanged + r.Unreadable))
	m.parseFailures.WithLabelValues(r.Source).Add(float64(r.Unreadable))
	if h := r.ParseHealth; h != nil {
		if h.Drift != nil && h.Drift.Alert != nil {
			m.alerts.WithLabelValues(h.Drift.Alert.Kind).Inc()
		}
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
