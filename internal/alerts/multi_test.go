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

// TestSendExceptSkipsSinksDone: a retry goes to the sinks that did not
// take the alert, each outcome named by its sink, in order; a lone sink
// is a Multi of one.
func TestSendExceptSkipsSinksDone(t *testing.T) {
	errDown := errors.New("receiver down")
	mail, hook, feed := &stubSink{name: "smtp mail.example.org:25"}, &stubSink{name: "webhook hooks.example.org", err: errDown}, &stubSink{name: "atom /var/alerts.xml"}
	done := map[string]bool{"smtp mail.example.org:25": true, "atom /var/alerts.xml": false}
	got := SendExcept(context.Background(), Multi{mail, hook, feed}, downAlert(), func(name string) bool { return done[name] })
	if len(got) != 2 || got[0].Sink != hook.name || !errors.Is(got[0].Err, errDown) || got[1].Sink != feed.name || got[1].Err != nil {
		t.Fatalf("outcomes %+v, want the webhook's failure then the feed's success", got)
	}
	if len(mail.sent()) != 0 || len(hook.sent()) != 1 || len(feed.sent()) != 1 {
		t.Errorf("sent: mail %v, webhook %v, feed %v; want nothing to the sink done, once to the others", mail.sent(), hook.sent(), feed.sent())
	}
	if err := Failures(got); err == nil || err.Error() != "sink webhook hooks.example.org: receiver down" {
		t.Errorf("Failures = %v", err)
	}
	if err := Failures(got[1:]); err != nil {
		t.Errorf("Failures of a success = %v, want nil", err)
	}

	lone := &stubSink{name: "log"}
	if got := SendExcept(context.Background(), lone, upAlert(), nil); len(got) != 1 || got[0].Sink != "log" || got[0].Err != nil || len(lone.sent()) != 1 {
		t.Errorf("a lone sink: outcomes %+v, sent %v", got, lone.sent())
	}
	if got := SendExcept(context.Background(), lone, upAlert(), func(string) bool { return true }); len(got) != 0 || len(lone.sent()) != 1 {
		t.Errorf("every sink done: outcomes %+v, sent %v; want nothing sent", got, lone.sent())
	}
}
