package daemon

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"archivio/internal/config"
)

// TestInterfaceOnTheDaemonsListener checks that the web interface, when
// given, answers on the daemon's listener beside the daemon's own paths.
func TestInterfaceOnTheDaemonsListener(t *testing.T) {
	cfg := config.Default()
	cfg.Data = t.TempDir()
	no := false
	cfg.CatchUp = &no
	src := cfg.Sources["osservatorio"]
	src.Schedule = "@yearly"
	cfg.Sources["osservatorio"] = src
	cfg.Links.Schedule = "@yearly"
	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("the interface at " + r.URL.Path)) })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	started := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, cfg, Options{Version: "test", Listener: mustListen(t), Interface: ui, Started: func(a string) { started <- a }})
	}()
	var base string
	select {
	case a := <-started:
		base = "http://" + a
	case err := <-done:
		t.Fatalf("daemon did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("daemon did not start")
	}
	if got := string(get(t, base+"/records/141")); got != "the interface at /records/141" {
		t.Errorf("/records/141: %q", got)
	}
	if got := string(get(t, base+"/healthz")); !strings.HasPrefix(got, "ok") {
		t.Errorf("/healthz: %q", got)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("daemon: %v", err)
	}
}
