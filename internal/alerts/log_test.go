package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestLogSinkWritesOneLine(t *testing.T) {
	tests := []struct {
		name      string
		a         Alert
		level     string
		msg       string
		recordIDs []any
	}{
		{"down is a warning", downAlert(), "WARN", "link down", []any{141.0}},
		{"up is info", upAlert(), "INFO", "link up", []any{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := NewLog(slog.New(slog.NewJSONHandler(&buf, nil)))
			if err := s.Send(context.Background(), tc.a); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if n := strings.Count(buf.String(), "\n"); n != 1 {
				t.Fatalf("wrote %d lines, want 1:\n%s", n, buf.String())
			}
			var line map[string]any
			if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
				t.Fatalf("not a JSON line: %v", err)
			}
			want := map[string]any{
				"level":    tc.level,
				"msg":      tc.msg,
				"url":      tc.a.URL,
				"kind":     tc.a.Kind,
				"verdict":  tc.a.Verdict,
				"alert_id": float64(tc.a.ID),
			}
			for k, v := range want {
				if line[k] != v {
					t.Errorf("%s = %v, want %v", k, line[k], v)
				}
			}
			ids, _ := line["record_ids"].([]any)
			if len(ids) != len(tc.recordIDs) || (len(ids) > 0 && ids[0] != tc.recordIDs[0]) {
				t.Errorf("record_ids = %v, want %v", line["record_ids"], tc.recordIDs)
			}
			if line["description"] != Describe(tc.a) {
				t.Errorf("description = %v", line["description"])
			}
		})
	}
}

func TestLogSinkTextHandlerStaysOneLine(t *testing.T) {
	var buf bytes.Buffer
	s := NewLog(slog.New(slog.NewTextHandler(&buf, nil)))
	if err := s.Send(context.Background(), downAlert()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("wrote more than one line:\n%s", out)
	}
	for _, w := range []string{"level=WARN", "url=http://www.fabbricaideedistretto.it", "kind=down", "verdict=dns_not_found", "record_ids=[141]"} {
		if !strings.Contains(out, w) {
			t.Errorf("line lacks %s: %s", w, out)
		}
	}
}

func TestLogSinkRefusesBadInput(t *testing.T) {
	if err := NewLog(nil).Send(context.Background(), downAlert()); !errors.Is(err, ErrInvalidOptions) {
		t.Errorf("nil logger: Send = %v, want ErrInvalidOptions", err)
	}
	var buf bytes.Buffer
	s := NewLog(slog.New(slog.NewTextHandler(&buf, nil)))
	if err := s.Send(context.Background(), Alert{ID: 1, Kind: "sideways", URL: "http://x.example"}); !errors.Is(err, ErrInvalidAlert) {
		t.Errorf("bad kind: Send = %v, want ErrInvalidAlert", err)
	}
	if buf.Len() != 0 {
		t.Errorf("logged an invalid alert: %s", buf.String())
	}
}
