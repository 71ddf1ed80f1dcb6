package alerts

import (
	"context"
	"errors"
	"fmt"
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
	errs := make([]error, len(m))
	var wg sync.WaitGroup
	for i, s := range m {
		if s == nil {
			errs[i] = fmt.Errorf("sink %d: nil sink", i)
			continue
		}
		wg.Go(func() {
			if err := s.Send(ctx, a); err != nil {
				errs[i] = fmt.Errorf("sink %s: %w", s.Name(), err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}
