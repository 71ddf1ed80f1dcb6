package jobs

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"archivio/linkcheck"
)

// maxPaceWait is the longest a request waits before asking the queue
// again for leave to go.
const maxPaceWait = 200 * time.Millisecond

// pacedTransport asks the run's queue for leave before every request a
// shared link check sends (the first of a link, a GET after a HEAD, each
// redirect hop wherever it leads, the probes of a host, a snapshot's
// pages), waiting as long as it says (or until the request's context
// ends), so that each host's pace holds over every request of every
// node. The request counts in flight until its body is closed. The
// node's heartbeat keeps its leases alive while a request waits.
type pacedTransport struct {
	next http.RoundTripper
	q    LinkQueue
}

func (t pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	done, err := t.leave(ctx, req)
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		done()
		return nil, err
	}
	resp.Body = &doneBody{ReadCloser: resp.Body, done: done}
	return resp, nil
}

// leave waits until the queue lets req go. The wait is not the check's
// time (linkcheck.Pause): a check times out on the network only.
func (t pacedTransport) leave(ctx context.Context, req *http.Request) (done func(), err error) {
	resume := linkcheck.Pause(ctx)
	defer resume()
	for {
		done, wait, err := t.q.Pace(ctx, req.URL.String())
		if err != nil {
			return nil, fmt.Errorf("pace %s %s: %w", req.Method, req.URL, err)
		}
		if done != nil {
			return done, nil
		}
		timer := time.NewTimer(min(max(wait, time.Millisecond), maxPaceWait))
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, fmt.Errorf("pace %s %s: %w", req.Method, req.URL, ctx.Err())
		case <-timer.C:
		}
	}
}

// doneBody ends its request's pace slot once, when closed.
type doneBody struct {
	io.ReadCloser
	once sync.Once
	done func()
}

func (b *doneBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.done)
	return err
}

// hostLimit lets at most n requests at once go to one host, on one
// machine: every request of a run of link checks counts on the host it
// goes to (the GET after a HEAD, a redirect hop to another host, the
// probes, a snapshot's pages), as a shared run counts them over all
// nodes. A request counts until its body is closed.
type hostLimit struct {
	next http.RoundTripper
	n    int

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func newHostLimit(next http.RoundTripper, n int) *hostLimit {
	return &hostLimit{next: next, n: max(n, 1), hosts: map[string]chan struct{}{}}
}

func (t *hostLimit) RoundTrip(req *http.Request) (*http.Response, error) {
	host := strings.ToLower(req.URL.Hostname())
	t.mu.Lock()
	slot, ok := t.hosts[host]
	if !ok {
		slot = make(chan struct{}, t.n)
		t.hosts[host] = slot
	}
	t.mu.Unlock()
	select {
	case slot <- struct{}{}:
	default:
		// The wait is not the check's time (linkcheck.Pause).
		resume := linkcheck.Pause(req.Context())
		select {
		case slot <- struct{}{}:
			resume()
		case <-req.Context().Done():
			resume()
			return nil, fmt.Errorf("wait for %s %s: %w", req.Method, req.URL, req.Context().Err())
		}
	}
	done := func() { <-slot }
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		done()
		return nil, err
	}
	resp.Body = &doneBody{ReadCloser: resp.Body, done: done}
	return resp, nil
}
