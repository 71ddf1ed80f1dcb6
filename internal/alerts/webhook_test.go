package alerts

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"archivio/crawlers/wait"
)

// hookRequest is what the test receiver saw of one request.
type hookRequest struct {
	header http.Header
	body   []byte
}

// hookServer answers with the statuses in order (the last one repeats),
// each with its Retry-After if non-empty, and records every request.
type hookServer struct {
	*httptest.Server
	mu       sync.Mutex
	reqs     []hookRequest
	statuses []int
	after    []string
}

func newHookServer(t *testing.T, statuses []int, after []string) *hookServer {
	t.Helper()
	h := &hookServer{statuses: statuses, after: after}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("receiver: read body: %v", err)
		}
		h.mu.Lock()
		n := len(h.reqs)
		h.reqs = append(h.reqs, hookRequest{header: r.Header.Clone(), body: body})
		h.mu.Unlock()
		i := min(n, len(h.statuses)-1)
		if i < len(h.after) && h.after[i] != "" {
			w.Header().Set("Retry-After", h.after[i])
		}
		w.WriteHeader(h.statuses[i])
		if h.statuses[i] >= 400 {
			io.WriteString(w, "busy, try later")
		}
	}))
	t.Cleanup(h.Close)
	return h
}

func (h *hookServer) requests() []hookRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]hookRequest(nil), h.reqs...)
}

func newTestWebhook(t *testing.T, o WebhookOptions) Sink {
	t.Helper()
	s, err := NewWebhook(o)
	if err != nil {
		t.Fatalf("NewWebhook: %v", err)
	}
	return s
}

func TestWebhookPostsSignedJSON(t *testing.T) {
	srv := newHookServer(t, []int{http.StatusNoContent}, nil)
	fs := &fakeSleep{}
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL + "/hooks/archivio", Secret: "s3cret", Sleep: fs.sleep})

	a := downAlert()
	if err := s.Send(context.Background(), a); err != nil {
		t.Fatalf("Send: %v", err)
	}
	reqs := srv.requests()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	r := reqs[0]

	var got Alert
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.body)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("body decodes to\n%+v\nwant\n%+v", got, a)
	}
	for _, key := range []string{`"id":12`, `"kind":"down"`, `"verdict":"dns_not_found"`, `"records":[{"id":141`, `"last_good_capture":{`, `"warc_file":"archivio-20251103-00001.warc.gz"`, `"since":"2026-03-02T01:30:00Z"`} {
		if !strings.Contains(string(r.body), key) {
			t.Errorf("body lacks %s: %s", key, r.body)
		}
	}

	for name, want := range map[string]string{
		"Content-Type":        "application/json",
		"X-Archivio-Event":    "down",
		"X-Archivio-Alert-Id": "12",
		"X-Archivio-Attempt":  "1",
	} {
		if got := r.header.Get(name); got != want {
			t.Errorf("header %s = %q, want %q", name, got, want)
		}
	}
	sig := r.header.Get("X-Archivio-Signature")
	if !strings.HasPrefix(sig, "sha256=") || len(sig) != len("sha256=")+64 {
		t.Errorf("signature header %q is not sha256=<64 hex>", sig)
	}
	if !VerifySignature("s3cret", r.body, sig) {
		t.Errorf("signature does not verify with the secret")
	}
	if VerifySignature("wrong secret", r.body, sig) {
		t.Errorf("signature verifies with a wrong secret")
	}
	tampered := strings.Replace(string(r.body), "dns_not_found", "ok", 1)
	if VerifySignature("s3cret", []byte(tampered), sig) {
		t.Errorf("signature verifies a tampered body")
	}
	if len(fs.recorded()) != 0 {
		t.Errorf("slept %v on success", fs.recorded())
	}
}

func TestVerifySignatureRejectsMalformedHeaders(t *testing.T) {
	body := []byte(`{"id":1}`)
	good := Sign("k", body)
	for _, h := range []string{
		"",
		strings.TrimPrefix(good, "sha256="), // no prefix
		"sha1=" + strings.TrimPrefix(good, "sha256="),
		"sha256=zz" + good[9:], // not hex
		good[:len(good)-2],     // truncated
	} {
		if VerifySignature("k", body, h) {
			t.Errorf("VerifySignature accepted %q", h)
		}
	}
	if VerifySignature("", body, Sign("", body)) {
		t.Errorf("VerifySignature accepted an empty secret")
	}
	if !VerifySignature("k", body, " "+good+" ") {
		t.Errorf("VerifySignature refused surrounding spaces")
	}
}

func TestWebhookWithoutSecretSendsNoSignature(t *testing.T) {
	srv := newHookServer(t, []int{http.StatusOK}, nil)
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL})
	a := upAlert() // no records: sent as [], not null
	if err := s.Send(context.Background(), a); err != nil {
		t.Fatalf("Send: %v", err)
	}
	r := srv.requests()[0]
	if sig := r.header.Get("X-Archivio-Signature"); sig != "" {
		t.Errorf("signature %q sent without a secret", sig)
	}
	if got := r.header.Get("X-Archivio-Event"); got != "up" {
		t.Errorf("X-Archivio-Event = %q, want up", got)
	}
	if !strings.Contains(string(r.body), `"records":[]`) || !strings.Contains(string(r.body), `"last_good_capture":null`) {
		t.Errorf("body = %s, want records [] and last_good_capture null", r.body)
	}
}

func TestWebhookRetries503HonouringRetryAfter(t *testing.T) {
	srv := newHookServer(t,
		[]int{http.StatusServiceUnavailable, http.StatusServiceUnavailable, http.StatusOK},
		[]string{"2", "", ""})
	fs := &fakeSleep{}
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL, Secret: "s3cret", Sleep: fs.sleep})

	if err := s.Send(context.Background(), downAlert()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("receiver got %d attempts, want 3", len(reqs))
	}
	for i, r := range reqs {
		if got, want := r.header.Get("X-Archivio-Attempt"), string(rune('1'+i)); got != want {
			t.Errorf("attempt %d: X-Archivio-Attempt = %q, want %q", i+1, got, want)
		}
		if got := r.header.Get("X-Archivio-Alert-Id"); got != "12" {
			t.Errorf("attempt %d: X-Archivio-Alert-Id = %q, want 12 on every retry", i+1, got)
		}
		if !VerifySignature("s3cret", r.body, r.header.Get("X-Archivio-Signature")) {
			t.Errorf("attempt %d: signature does not verify", i+1)
		}
	}
	waits := fs.recorded()
	if len(waits) != 2 {
		t.Fatalf("waits = %v, want 2", waits)
	}
	if waits[0] != 2*time.Second {
		t.Errorf("first wait = %v, want the Retry-After of 2s", waits[0])
	}
	// No Retry-After the second time: backoff after attempt 2 is 2s,
	// ±50%.
	if waits[1] < time.Second || waits[1] > 3*time.Second {
		t.Errorf("second wait = %v, want backoff in [1s, 3s]", waits[1])
	}
}

func TestWebhookRetryAfterDateAndCap(t *testing.T) {
	now := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC)
	srv := newHookServer(t,
		[]int{http.StatusTooManyRequests, http.StatusBadGateway, http.StatusOK},
		[]string{now.Add(30 * time.Second).Format(http.TimeFormat), "86400"})
	fs := &fakeSleep{}
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL, Sleep: fs.sleep, Now: fixedClock(now)})
	if err := s.Send(context.Background(), downAlert()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	want := []time.Duration{30 * time.Second, 5 * time.Minute}
	if got := fs.recorded(); !reflect.DeepEqual(got, want) {
		t.Errorf("waits = %v, want %v (HTTP date, then a day capped at 5m)", got, want)
	}
}

func TestWebhookDoesNotRetryClientErrors(t *testing.T) {
	tests := []struct {
		name   string
		status int
	}{
		{"400 bad request", http.StatusBadRequest},
		{"401 bad signature", http.StatusUnauthorized},
		{"404 wrong URL", http.StatusNotFound},
		// The default client does not follow redirects: a POST turned GET
		// would lose the alert and could still answer 200.
		{"302 redirect is a refusal", http.StatusFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newHookServer(t, []int{tc.status}, nil)
			fs := &fakeSleep{}
			s := newTestWebhook(t, WebhookOptions{URL: srv.URL + "/hook", Sleep: fs.sleep})
			err := s.Send(context.Background(), downAlert())
			var de *DeliveryError
			if !errors.As(err, &de) {
				t.Fatalf("Send = %v, want a *DeliveryError", err)
			}
			if n := len(srv.requests()); n != 1 {
				t.Errorf("receiver got %d attempts, want 1", n)
			}
			if len(fs.recorded()) != 0 {
				t.Errorf("slept %v before giving up", fs.recorded())
			}
			if !de.Permanent || de.Status != tc.status || de.Attempts != 1 {
				t.Errorf("DeliveryError = %+v, want permanent, status %d, 1 attempt", de, tc.status)
			}
			msg := err.Error()
			for _, w := range []string{srv.URL + "/hook", http.StatusText(tc.status)} {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not name %q", msg, w)
				}
			}
		})
	}
}

func TestWebhookNetworkErrorRetriedThenReported(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more: connection refused

	fs := &fakeSleep{}
	s := newTestWebhook(t, WebhookOptions{URL: url, Attempts: 3, Base: time.Second, Sleep: fs.sleep})
	err := s.Send(context.Background(), downAlert())
	var de *DeliveryError
	if !errors.As(err, &de) {
		t.Fatalf("Send = %v, want a *DeliveryError", err)
	}
	if de.Attempts != 3 || de.Status != 0 || de.Permanent {
		t.Errorf("DeliveryError = %+v, want 3 attempts, no status, not permanent", de)
	}
	if !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "no HTTP status") {
		t.Errorf("error %q does not name the URL and the missing status", err)
	}
	waits := fs.recorded()
	if len(waits) != 2 {
		t.Fatalf("waits = %v, want 2 (between 3 attempts)", waits)
	}
	if waits[0] < 500*time.Millisecond || waits[0] > 1500*time.Millisecond || waits[1] < time.Second || waits[1] > 3*time.Second {
		t.Errorf("waits = %v, want [0.5s,1.5s] then [1s,3s]", waits)
	}
}

func TestWebhookGivesUpWithLastStatus(t *testing.T) {
	srv := newHookServer(t, []int{http.StatusInternalServerError, http.StatusServiceUnavailable}, nil)
	fs := &fakeSleep{}
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL, Sleep: fs.sleep})
	err := s.Send(context.Background(), downAlert())
	var de *DeliveryError
	if !errors.As(err, &de) {
		t.Fatalf("Send = %v, want a *DeliveryError", err)
	}
	if de.Attempts != DefaultWebhookAttempts || de.Status != http.StatusServiceUnavailable {
		t.Errorf("DeliveryError = %+v, want %d attempts, last status 503", de, DefaultWebhookAttempts)
	}
	if n := len(srv.requests()); n != DefaultWebhookAttempts {
		t.Errorf("receiver got %d attempts, want %d", n, DefaultWebhookAttempts)
	}
	if !strings.Contains(err.Error(), "last status 503") || !strings.Contains(err.Error(), `"busy, try later"`) {
		t.Errorf("error %q lacks the last status and the body", err)
	}
}

func TestWebhookStopsWhenContextEndsWhileWaiting(t *testing.T) {
	srv := newHookServer(t, []int{http.StatusServiceUnavailable}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	s := newTestWebhook(t, WebhookOptions{URL: srv.URL, Sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return wait.Sleep(ctx, d) // the real sleep, which sees the cancellation
	}})
	err := s.Send(ctx, downAlert())
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Send = %v, want context.Canceled", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("receiver got %d attempts after cancellation, want 1", n)
	}
}

func TestNewWebhookValidates(t *testing.T) {
	tests := []struct {
		name  string
		o     WebhookOptions
		field string
	}{
		{"no URL", WebhookOptions{}, "URL"},
		{"not http", WebhookOptions{URL: "ftp://hooks.example.org/x"}, "URL"},
		{"no host", WebhookOptions{URL: "https:///x"}, "URL"},
		{"negative attempts", WebhookOptions{URL: "https://hooks.example.org/x", Attempts: -1}, "Attempts"},
		{"negative base", WebhookOptions{URL: "https://hooks.example.org/x", Base: -time.Second}, "Base"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewWebhook(tc.o)
			assertFieldError(t, err, tc.field)
		})
	}
	s, err := NewWebhook(WebhookOptions{URL: "https://user:pw@hooks.example.org/x"})
	if err != nil {
		t.Fatalf("NewWebhook: %v", err)
	}
	if got := s.Name(); got != "webhook hooks.example.org" {
		t.Errorf("Name = %q", got)
	}
}

// assertFieldError checks err is ErrInvalidOptions with a *FieldError for
// field.
func assertFieldError(t *testing.T, err error, field string) {
	t.Helper()
	if !errors.Is(err, ErrInvalidOptions) {
		t.Fatalf("err = %v, want ErrInvalidOptions", err)
	}
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != field {
		t.Fatalf("err = %v, want a *FieldError for %s", err, field)
	}
}
