package crawlers

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"archivio/internal/demo/vnet"
)

// script is a RoundTripper answering from a list of outcomes.
type script struct {
	steps []func() (*http.Response, error)
	calls int
}

func (s *script) RoundTrip(req *http.Request) (*http.Response, error) {
	step := s.steps[min(s.calls, len(s.steps)-1)]
	s.calls++
	return step()
}

func status(code int, header ...string) func() (*http.Response, error) {
	return func() (*http.Response, error) {
		h := http.Header{}
		for i := 0; i+1 < len(header); i += 2 {
			h.Set(header[i], header[i+1])
		}
		return &http.Response{StatusCode: code, Header: h, Body: io.NopCloser(strings.NewReader(""))}, nil
	}
}

func fail(err error) func() (*http.Response, error) {
	return func() (*http.Response, error) { return nil, err }
}

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

func TestRetry(t *testing.T) {
	date := time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat)
	tests := []struct {
		name       string
		steps      []func() (*http.Response, error)
		wantStatus int
		wantErr    bool
		wantCalls  int
		wantWaits  []time.Duration // exact waits; nil means backoff (checked by range)
	}{
		{"success needs no retry", []func() (*http.Response, error){status(200)}, 200, false, 1, []time.Duration{}},
		{"503 then success", []func() (*http.Response, error){status(503), status(200)}, 200, false, 2, nil},
		{"Retry-After in seconds is honoured", []func() (*http.Response, error){status(429, "Retry-After", "7"), status(200)}, 200, false, 2, []time.Duration{7 * time.Second}},
		{"Retry-After as a date", []func() (*http.Response, error){status(503, "Retry-After", date), status(200)}, 200, false, 2, nil},
		{"Retry-After longer than the maximum gives up", []func() (*http.Response, error){status(503, "Retry-After", "3600"), status(200)}, 503, false, 1, []time.Duration{}},
		{"a burst of 5xx ends after the attempts", []func() (*http.Response, error){status(502)}, 502, false, 4, nil},
		{"404 is an answer, not a failure", []func() (*http.Response, error){status(404)}, 404, false, 1, []time.Duration{}},
		{"501 is not retried", []func() (*http.Response, error){status(501)}, 501, false, 1, []time.Duration{}},
		{"a timeout is retried", []func() (*http.Response, error){fail(&net.OpError{Op: "read", Err: timeoutErr{}}), status(200)}, 200, false, 2, nil},
		{"no such host is not retried", []func() (*http.Response, error){fail(&net.DNSError{Err: "no such host", IsNotFound: true})}, 0, true, 1, []time.Duration{}},
		{"cancellation is not retried", []func() (*http.Response, error){fail(context.Canceled)}, 0, true, 1, []time.Duration{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &script{steps: tt.steps}
			var waits []time.Duration
			r := NewRetry(s, RetryOptions{Base: time.Second, Max: time.Minute, Sleep: func(_ context.Context, d time.Duration) error {
				waits = append(waits, d)
				return nil
			}})
			req, _ := http.NewRequest(http.MethodGet, "http://example.org/", nil)
			resp, err := r.RoundTrip(req)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v", err)
			}
			if resp != nil && resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if s.calls != tt.wantCalls {
				t.Errorf("%d attempts, want %d", s.calls, tt.wantCalls)
			}
			if tt.wantWaits != nil && !slices.Equal(waits, tt.wantWaits) && !(len(waits) == 0 && len(tt.wantWaits) == 0) {
				t.Errorf("waits = %v, want %v", waits, tt.wantWaits)
			}
			for i, w := range waits {
				if tt.wantWaits == nil && !strings.Contains(tt.name, "date") {
					lo, hi := time.Second<<i/2, time.Second<<i*3/2
					if w < lo || w > hi {
						t.Errorf("backoff %d = %v, want between %v and %v", i, w, lo, hi)
					}
				}
			}
		})
	}
}

func TestRetryStopsWhenCanceled(t *testing.T) {
	s := &script{steps: []func() (*http.Response, error){status(503)}}
	r := NewRetry(s, RetryOptions{Base: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://example.org/", nil)
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	if _, err := r.RoundTrip(req); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want canceled during the backoff", err)
	}
}

func TestErrorKind(t *testing.T) {
	inet := vnet.New()
	defer inet.Close()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, h := range []string{"gone.example.it", "flaky-dns.example.it", "refused.example.it", "slow.example.it"} {
		if err := inet.Handle(h, ok); err != nil {
			t.Fatal(err)
		}
	}
	inet.FailDNS("gone.example.it")
	inet.TempFailDNS("flaky-dns.example.it")
	inet.Refuse("refused.example.it")
	inet.Blackhole("slow.example.it")
	client := &http.Client{Transport: inet.Transport(), Timeout: 300 * time.Millisecond}

	untrusted := httptest.NewTLSServer(ok)
	defer untrusted.Close()

	tests := []struct{ url, want string }{
		{"http://gone.example.it/", "dns_not_found"},
		{"http://flaky-dns.example.it/", "dns_error"},
		{"http://refused.example.it/", "refused"},
		{"http://slow.example.it/", "timeout"},
		{untrusted.URL, "tls_error"},
	}
	for _, tt := range tests {
		c := client
		if tt.want == "tls_error" {
			c = &http.Client{Timeout: 2 * time.Second}
		}
		_, err := c.Get(tt.url)
		if got := ErrorKind(err); got != tt.want {
			t.Errorf("%s: kind %q (%v), want %q", tt.url, got, err, tt.want)
		}
	}
	if ErrorKind(errors.New("stopped after 10 redirects")) != "redirect_loop" || ErrorKind(nil) != "" {
		t.Error("redirect loop or nil kind wrong")
	}
}

// TestRetryCutBodies: an answer archived with its body cut by the timeout
// or a dropped connection is asked again; when every attempt is cut, the
// error names it (timeout, disconnected). A cut at the size limit is not
// retried: it would come again.
func TestRetryCutBodies(t *testing.T) {
	noWait := func(context.Context, time.Duration) error { return nil }
	for _, tc := range []struct {
		cut, kind string
		calls     int
	}{{"disconnect", "disconnected", 4}, {"time", "timeout", 4}, {"length", "", 1}} {
		s := &script{steps: []func() (*http.Response, error){status(200, "X-Archivio-Truncated", tc.cut)}}
		resp, err := NewRetry(s, RetryOptions{Sleep: noWait}).RoundTrip(httptest.NewRequest(http.MethodGet, "http://example.org/", nil))
		if s.calls != tc.calls {
			t.Errorf("%s: %d attempts, want %d", tc.cut, s.calls, tc.calls)
		}
		if tc.kind == "" {
			if err != nil || resp == nil {
				t.Errorf("%s: %v, want the answer", tc.cut, err)
			}
			continue
		}
		if resp != nil || !errors.Is(err, ErrBodyCut) || ErrorKind(err) != tc.kind {
			t.Errorf("%s: %v (kind %q), want an error of kind %s", tc.cut, err, ErrorKind(err), tc.kind)
		}
	}
	// A page cut once and whole the next time is simply the whole page.
	s := &script{steps: []func() (*http.Response, error){status(200, "X-Archivio-Truncated", "disconnect"), status(200)}}
	resp, err := NewRetry(s, RetryOptions{Sleep: noWait}).RoundTrip(httptest.NewRequest(http.MethodGet, "http://example.org/", nil))
	if err != nil || resp.Header.Get("X-Archivio-Truncated") != "" || s.calls != 2 {
		t.Errorf("cut then whole: %v, %d attempts", err, s.calls)
	}
}
