package main

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// TestJSONLogsGiveSeconds checks that --log-format json writes durations
// as seconds, not nanoseconds.
func TestJSONLogsGiveSeconds(t *testing.T) {
	var buf bytes.Buffer
	lf := logFlags{format: "json"}
	log, err := lf.logger(&buf)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("job done", "job", "links", "duration", 1500*time.Millisecond, "wait", 250*time.Millisecond)
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, buf.Bytes())
	}
	if line["duration"] != 1.5 || line["wait"] != 0.25 {
		t.Errorf("durations %v and %v, want 1.5 and 0.25 seconds: %s", line["duration"], line["wait"], buf.Bytes())
	}
}
