package alerts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
)

// stubSink records the alerts sent to it and fails with err if set.
type stubSink struct {
	name string
	err  error
	mu   sync.Mutex
	got  []int64
}

func (s *stubSink) Name() string { return s.name }

func (s *stubSink) Send(_ context.Context, a Alert) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, a.ID)
	return s.err
}

func (s *stubSink) sent() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.got...)
}

func TestMultiContinuesPastAFailingSink(t *testing.T) {
	errDown := errors.New("receiver down")
	errFull := errors.New("disk full")
	broken := &stubSink{name: "webhook hooks.example.org", err: errDown}
	ok := &stubSink{name: "log"}
	full := &stubSink{name: "atom /var/alerts.xml", err: errFull}
	m := Multi{broken, ok, full}

	err := m.Send(context.Background(), downAlert())
	if !errors.Is(err, errDown) || !errors.Is(err, errFull) {
		t.Fatalf("Send = %v, want both failures joined", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, "sink webhook hooks.example.org: receiver down") || !strings.Contains(msg, "sink atom /var/alerts.xml: disk full") {
		t.Errorf("error does not name each failing sink:\n%s", msg)
	}
	if strings.Contains(msg, "sink log") {
		t.Errorf("error names the sink that worked:\n%s", msg)
	}
	for _, s := range []*stubSink{broken, ok, full} {
		if got := s.sent(); len(got) != 1 || got[0] != 12 {
			t.Errorf("sink %s got %v, want alert 12 once", s.name, got)
		}
	}
}

func TestMultiAllGood(t *testing.T) {
	a, b := &stubSink{name: "a"}, &stubSink{name: "b"}
	if err := (Multi{a, b}).Send(context.Background(), upAlert()); err != nil {
		t.Errorf("Send = %v, want nil", err)
	}
	if err := (Multi{}).Send(context.Background(), upAlert()); err != nil {
		t.Errorf("empty Multi: Send = %v, want nil", err)
	}
	var s Sink = Multi{a} // a Multi is itself a Sink
	if s.Name() != "multi" {
		t.Errorf("Name = %q", s.Name())
	}
}

func TestMultiNilSink(t *testing.T) {
	ok := &stubSink{name: "log"}
	err := (Multi{nil, ok}).Send(context.Background(), upAlert())
	if err == nil || !strings.Contains(err.Error(), "sink 0: nil sink") {
		t.Errorf("Send = %v, want the nil sink reported", err)
	}
	if len(ok.sent()) != 1 {
		t.Errorf("the good sink was skipped")
	}
}
