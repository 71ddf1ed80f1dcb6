package alerts

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// Sink delivers alerts somewhere.
type Sink interface {
	// Name identifies the sink in errors and logs: "log", "webhook
	// hooks.example.org", "atom /var/lib/archivio/alerts.xml".
	Name() string
	// Send delivers one alert. It returns when the alert was delivered or
	// delivery failed for good.
	Send(ctx context.Context, a Alert) error
}

// Multi sends each alert to several sinks.
type Multi []Sink

// Name is "multi".
func (m Multi) Name() string { return "multi" }

// Send delivers the alert to every sink, concurrently, and waits for all
// of them: one failing or slow sink does not stop the others. The result
// is nil when all succeed, else errors.Join of the failures in sink order,
// each prefixed with "sink NAME: ".
func (m Multi) Send(ctx context.Context, a Alert) error {
	return Failures(SendExcept(ctx, m, a, nil))
}

// Outcome is one sink's answer to an alert: Err is nil when it took it.
type Outcome struct {
	Sink string // the sink's name
	Err  error
}

// SendExcept delivers the alert to each sink of s (the members of a
// Multi, else s itself) whose name done does not report, concurrently, as
// Multi.Send does, and returns each one's outcome in sink order: a retry
// goes only to the sinks that did not take the alert before. done may be
// nil (every sink).
func SendExcept(ctx context.Context, s Sink, a Alert, done func(name string) bool) []Outcome {
	members, ok := s.(Multi)
	if !ok {
		members = Multi{s}
	}
	all := make([]Outcome, len(members))
	skip := make([]bool, len(members))
	var wg sync.WaitGroup
	for i, m := range members {
		if m == nil {
			all[i] = Outcome{Sink: strconv.Itoa(i), Err: errors.New("nil sink")}
			continue
		}
		all[i].Sink = m.Name()
		if skip[i] = done != nil && done(all[i].Sink); skip[i] {
			continue
		}
		wg.Go(func() { all[i].Err = m.Send(ctx, a) })
	}
	wg.Wait()
	out := all[:0]
	for i, o := range all {
		if !skip[i] {
			out = append(out, o)
		}
	}
	return out
}

// Failures joins the outcomes that failed, in order, each as "sink NAME:
// error"; nil when every sink took the alert.
func Failures(outcomes []Outcome) error {
	var errs []error
	for _, o := range outcomes {
		if o.Err != nil {
			errs = append(errs, fmt.Errorf("sink %s: %w", o.Sink, o.Err))
		}
	}
	return errors.Join(errs...)
}
