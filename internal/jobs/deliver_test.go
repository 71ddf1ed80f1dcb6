package jobs

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"archivio/internal/alerts"
)

// recordingSink remembers what it was sent, in order, and fails for the
// URLs it is told to.
type recordingSink struct {
	mu   sync.Mutex
	sent []int64
	fail map[string]bool
	slow time.Duration
}

func (s *recordingSink) Name() string { return "test" }

func (s *recordingSink) Send(_ context.Context, a alerts.Alert) error {
	time.Sleep(s.slow)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sent = append(s.sent, a.ID)
	if s.fail[a.URL] {
		return errors.New("refused")
	}
	return nil
}

// marks is a deliveryLog in memory.
type marks struct {
	mu sync.Mutex
	m  map[int64]string
}

func (m *marks) MarkDelivered(_ context.Context, id int64, delivered, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.m[id] = delivered
	return nil
}

func TestDelivererInOrderAndRecorded(t *testing.T) {
	sink := &recordingSink{fail: map[string]bool{"http://b.example": true}, slow: 10 * time.Millisecond}
	log := &marks{m: map[int64]string{}}
	d := newDeliverer(sink, log)
	var mu sync.Mutex
	outcomes := map[int64]error{}
	start := time.Now()
	for i, u := range []string{"http://a.example", "http://b.example", "http://c.example", "http://d.example"} {
		id := int64(i + 1)
		d.send(context.Background(), alerts.Alert{ID: id, Kind: "down", URL: u}, func(err error) {
			mu.Lock()
			outcomes[id] = err
			mu.Unlock()
		})
	}
	if el := time.Since(start); el > 30*time.Millisecond {
		t.Errorf("queuing four alerts took %v: send must not wait for the sink", el)
	}
	if err := d.wait(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sink.sent, []int64{1, 2, 3, 4}) {
		t.Errorf("sent %v, want in order", sink.sent)
	}
	want := map[int64]string{1: `{"all":"ok","test":"ok"}`, 2: `{"error":"sink test: refused","test":"refused"}`, 3: `{"all":"ok","test":"ok"}`, 4: `{"all":"ok","test":"ok"}`}
	for id, w := range want {
		if log.m[id] != w {
			t.Errorf("alert %d recorded as %q, want %q", id, log.m[id], w)
		}
	}
	if outcomes[2] == nil || outcomes[1] != nil || len(outcomes) != 4 {
		t.Errorf("outcomes %v", outcomes)
	}
	// A deliverer is used again after it emptied.
	d.send(context.Background(), alerts.Alert{ID: 5, URL: "http://e.example"}, nil)
	if err := d.wait(); err != nil || log.m[5] != `{"all":"ok","test":"ok"}` {
		t.Errorf("second round: %v %q", err, log.m[5])
	}
	// Without sinks an alert is only stored, and recorded as not sent.
	bare := newDeliverer(nil, log)
	bare.send(context.Background(), alerts.Alert{ID: 6}, nil)
	if err := bare.wait(); err != nil || log.m[6] != `{}` {
		t.Errorf("no sinks: %v %q", err, log.m[6])
	}
}
