package alerts

import (
	"context"
	"fmt"
	"log/slog"
)

// logSink writes one structured log line per alert.
type logSink struct {
	l *slog.Logger
}

// NewLog returns a sink that writes one structured log line per alert:
// level Warn for down, Info for up; message "link down" or "link up";
// attributes alert_id, kind, url, verdict, record_ids, since, at,
// last_good_capture (the capture's time, or "none") and description
// (Describe; handlers escape its line breaks, so it stays one line).
// Parse health alerts log "parse drift" (Warn) or "parse recovered"
// (Info) with alert_id, kind, source, url, rules, crawl, since, at and
// description.
// A nil logger makes every Send fail.
func NewLog(l *slog.Logger) Sink { return &logSink{l: l} }

func (s *logSink) Name() string { return "log" }

func (s *logSink) Send(ctx context.Context, a Alert) error {
	if s.l == nil {
		return fmt.Errorf("log alert %d: nil logger: %w", a.ID, ErrInvalidOptions)
	}
	if err := a.validate(); err != nil {
		return fmt.Errorf("log alert: %w", err)
	}
	level := slog.LevelInfo
	if a.Kind == KindDown || a.Kind == KindDrift {
		level = slog.LevelWarn
	}
	if a.Drift != nil {
		s.l.LogAttrs(ctx, level, "parse "+a.Kind,
			slog.Int64("alert_id", a.ID),
			slog.String("kind", a.Kind),
			slog.String("source", a.Drift.Source),
			slog.String("url", a.URL),
			slog.String("rules", a.Verdict),
			slog.Int64("crawl", a.Drift.CrawlID),
			slog.Time("since", a.Since),
			slog.Time("at", a.At),
			slog.String("description", Describe(a)),
		)
		return nil
	}
	capture := "none"
	if a.LastGoodCapture != nil {
		capture = stamp(a.LastGoodCapture.At)
	}
	s.l.LogAttrs(ctx, level, "link "+a.Kind,
		slog.Int64("alert_id", a.ID),
		slog.String("kind", a.Kind),
		slog.String("url", a.URL),
		slog.String("verdict", a.Verdict),
		slog.Any("record_ids", a.recordIDs()),
		slog.Time("since", a.Since),
		slog.Time("at", a.At),
		slog.String("last_good_capture", capture),
		slog.String("description", Describe(a)),
	)
	return nil
}
