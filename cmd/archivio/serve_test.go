package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer written by the command's goroutine and read by
// the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeCommand(t *testing.T) {
	data := exportArchive(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, []string{"--data", data, "--listen", "127.0.0.1:0", "--quiet"})
	}()
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = "http://" + m[1]
			break
		}
	}
	if base == "" {
		cancel()
		t.Fatalf("no address printed: %q %q %v", out.String(), errOut.String(), <-done)
	}
	resp, err := http.Get(base + "/records?q=Bilancio")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `href="/records/141"`) {
		t.Errorf("status %d: %.300s", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve ended with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestServeRefusesAnOpenAddressWithoutAToken(t *testing.T) {
	data := exportArchive(t)
	for _, listen := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		_, _, err := runCmd(t, runServe, "--data", data, "--listen", listen)
		if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), "ARCHIVIO_SERVE_TOKEN") {
			t.Errorf("--listen %s without a token: %v", listen, err)
		}
	}
	// With the token in the environment it starts.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, &env{stdout: &out, stderr: io.Discard, getenv: func(k string) string {
			if k == "SERVE_SECRET" {
				return "x-token"
			}
			return ""
		}}, []string{"--data", data, "--listen", "0.0.0.0:0", "--token-env", "SERVE_SECRET", "--quiet"})
	}()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !strings.Contains(out.String(), "archivio serve:"); {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil || !strings.Contains(out.String(), "archivio serve:") {
		t.Errorf("with a token: %v, %q", err, out.String())
	}
}
