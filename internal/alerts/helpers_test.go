package alerts

import (
	"context"
	"sync"
	"time"
)

// record141 is the observatory record that cites the vanished site.
func record141() RecordRef {
	return RecordRef{
		ID:    141,
		Title: "La fabbrica delle idee. Progetti per rilanciare il distretto ceramico",
		URL:   "https://www.osservatoriopartecipazione.it/scheda-processo/141",
	}
}

// downAlert is the alert for http://www.fabbricaideedistretto.it, gone
// from DNS, with a good capture from before it went.
func downAlert() Alert {
	return Alert{
		ID:      12,
		Kind:    KindDown,
		URL:     "http://www.fabbricaideedistretto.it",
		Verdict: "dns_not_found",
		Records: []RecordRef{record141()},
		Since:   time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC),
		At:      time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC),
		LastGoodCapture: &Capture{
			URL:      "http://www.fabbricaideedistretto.it/",
			At:       time.Date(2025, 11, 3, 10, 15, 0, 0, time.UTC),
			WARCFile: "archivio-20251103-00001.warc.gz",
			Offset:   48213,
			Wayback:  "http://localhost:8080/archive/20251103101500/http://www.fabbricaideedistretto.it/",
		},
	}
}

// upAlert is the same link coming back, with no record and no capture.
func upAlert() Alert {
	return Alert{
		ID:      13,
		Kind:    KindUp,
		URL:     "http://www.fabbricaideedistretto.it",
		Verdict: "ok",
		Since:   time.Date(2026, 3, 9, 1, 30, 0, 0, time.UTC),
		At:      time.Date(2026, 3, 9, 2, 0, 0, 0, time.UTC),
	}
}

// fixedClock returns a clock stopped at t.
func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

// fakeSleep records the waits asked of it and returns at once, or returns
// err when set.
type fakeSleep struct {
	mu    sync.Mutex
	waits []time.Duration
	err   error
}

func (f *fakeSleep) sleep(_ context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.waits = append(f.waits, d)
	return f.err
}

func (f *fakeSleep) recorded() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.waits...)
}
