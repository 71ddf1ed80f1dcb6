package daemon

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"archivio/archive"
	"archivio/internal/alerts"
	"archivio/internal/jobs"
)

// sample is one series of a scrape.
type sample struct {
	labels map[string]string
	value  float64
}

// scrape renders the metrics as /metrics serves them and parses the text
// back, as Prometheus would, into the series of each metric.
func scrape(t *testing.T, m *metrics) map[string][]sample {
	t.Helper()
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(rec.Body.String()))
	if err != nil {
		t.Fatalf("metrics do not parse as Prometheus text: %v\n%s", err, rec.Body.String())
	}
	out := map[string][]sample{}
	for name, f := range families {
		for _, m := range f.GetMetric() {
			s := sample{labels: map[string]string{}}
			for _, l := range m.GetLabel() {
				s.labels[l.GetName()] = l.GetValue()
			}
			switch {
			case m.Counter != nil:
				s.value = m.GetCounter().GetValue()
			case m.Gauge != nil:
				s.value = m.GetGauge().GetValue()
			}
			out[name] = append(out[name], s)
		}
	}
	return out
}

// value returns the value of the series of metric name whose labels
// include want.
func value(t *testing.T, fams map[string][]sample, name string, want map[string]string) float64 {
	t.Helper()
	for _, s := range fams[name] {
		match := true
		for k, v := range want {
			match = match && s.labels[k] == v
		}
		if match {
			return s.value
		}
	}
	t.Fatalf("no series %s%v", name, want)
	return 0
}

func TestParseHealthMetrics(t *testing.T) {
	m := newMetrics()
	m.initSources([]string{"fiorano", "osservatorio"})
	src := map[string]string{"source": "osservatorio"}
	fams := scrape(t, m)
	for _, name := range []string{"archivio_record_pages_total", "archivio_parse_failures_total", "archivio_unreadable_record_pages", "archivio_parse_drift"} {
		if v := value(t, fams, name, map[string]string{"source": "fiorano"}); v != 0 {
			t.Errorf("%s before any crawl = %v", name, v)
		}
	}

	healthy := &jobs.Report{Source: "osservatorio", RecordsNew: 1, RecordsChanged: 2, RecordsUnchanged: 15,
		ParseHealth: &jobs.ParseHealthReport{ParseHealth: archive.ParseHealth{RecordPages: 18, Parsed: 18}}}
	drift := &jobs.Report{Source: "osservatorio", Unreadable: 18, ParseHealth: &jobs.ParseHealthReport{
		ParseHealth: archive.ParseHealth{RecordPages: 18, Unreadable: 18},
		Drift:       &jobs.DriftReport{Judged: true, State: "drift", Alert: &alerts.Alert{Kind: alerts.KindDrift}}}}
	m.observeCrawl(healthy)
	m.observeCrawl(drift)
	m.observeCrawl(&jobs.Report{Source: "fiorano"}) // a site source reads no record page
	m.setParseHealth(&Summary{ParseHealth: []SourceHealth{{Source: "osservatorio", State: archive.HealthDrift, Unreadable: 18,
		UnknownLabels: 2, FuzzyLabels: 1, LastCrawl: &jobs.ParseHealthReport{ParseHealth: archive.ParseHealth{FieldsPerRecord: 17.5}}}}})

	fams = scrape(t, m)
	for name, want := range map[string]float64{
		"archivio_record_pages_total":      36,
		"archivio_parse_failures_total":    18,
		"archivio_unreadable_record_pages": 18,
		"archivio_parse_drift":             1,
		"archivio_record_fields":           17.5,
		"archivio_unknown_labels":          2,
		"archivio_fuzzy_labels":            1,
	} {
		if got := value(t, fams, name, src); got != want {
			t.Errorf("%s{source=osservatorio} = %v, want %v", name, got, want)
		}
	}
	if got := value(t, fams, "archivio_alerts_total", map[string]string{"kind": "drift"}); got != 1 {
		t.Errorf("drift alerts = %v", got)
	}
	if got := value(t, fams, "archivio_alerts_total", map[string]string{"kind": "recovered"}); got != 0 {
		t.Errorf("recovered alerts = %v", got)
	}
	// Bounded label sets: no label carries a page label, a URL or a field.
	allowed := map[string]bool{"kind": true, "state": true, "job": true, "result": true, "source": true, "le": true}
	for name, series := range fams {
		for _, s := range series {
			for k, v := range s.labels {
				if !allowed[k] || strings.ContainsAny(v, "/: ") {
					t.Errorf("%s has label %s=%q", name, k, v)
				}
			}
		}
	}
}
